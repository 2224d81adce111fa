import { createHmac, timingSafeEqual } from 'node:crypto';
import { CHECKIN_TOKEN_DETIK, checkinTiming, type CheckinToken, type TrainingParticipant } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { trainingPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, forbidden } from '../http/app-error.js';
import { workerClock } from '../workforce/worker.js';
import { saveAttendance } from './attendance-service.js';
import { loadTraining, participantOf } from './training-service.js';

/**
 * QR check-in per session (issue 22). The organiser's screen shows a token `unit.expiry.mac`, the
 * MAC an HMAC-SHA256 under the event's own key (migration 0033) over event, unit and expiry: it
 * cannot be forged, names one session of one event, and rotates every minute so a photo of it
 * sent around goes stale within two.
 */
const mac = (key: string, id: string, unit: string, exp: number) =>
  createHmac('sha256', key).update(`${id}|${unit}|${exp}`).digest('base64url').slice(0, 22);

async function keyOf(db: Kysely<DB>, id: string): Promise<string> {
  const row = await db.selectFrom('trainings').select('checkin_key').where('id', '=', id).executeTakeFirstOrThrow();
  return row.checkin_key;
}

async function unitOf(db: Kysely<DB>, id: string, kode: string) {
  const unit = await db
    .selectFrom('training_units')
    .select(['kode', 'tanggal', 'jam_mulai'])
    .where('training_id', '=', id)
    .where('kode', '=', kode)
    .executeTakeFirst();
  if (!unit) throw fieldError('TRAINING_UNIT_UNKNOWN', 'unit', 'tidak_dikenal');
  return unit;
}

/** The current token of one session for the organiser's screen, with its link and QR code. */
export async function checkinToken(db: Kysely<DB>, actor: Actor, id: string, kode: string, base: string, now: Date): Promise<CheckinToken> {
  await loadTraining(db, actor, id);
  if (!trainingPolicy.manage(actor)) throw forbidden();
  const unit = await unitOf(db, id, kode);
  // The window ends two minute-boundaries ahead: a token shown at any moment lives 1–2 minutes.
  const exp = (Math.floor(now.getTime() / 1000 / CHECKIN_TOKEN_DETIK) + 2) * CHECKIN_TOKEN_DETIK;
  const token = `${unit.kode}.${exp}.${mac(await keyOf(db, id), id, unit.kode, exp)}`;
  const url = `${base}/pelatihan/hadir/${id}?t=${encodeURIComponent(token)}`;
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { unit: unit.kode, token, url, berlakuSampai: new Date(exp * 1000).toISOString(), svg };
}

/** The unit a token of this event names, or TRAINING_CHECKIN_INVALID / _EXPIRED. */
function verify(key: string, id: string, token: string, now: Date): string {
  const [unit, expText, given, ...rest] = token.split('.');
  const exp = Number(expText);
  if (!unit || !given || rest.length > 0 || !Number.isSafeInteger(exp)) throw new AppError('TRAINING_CHECKIN_INVALID');
  const want = Buffer.from(mac(key, id, unit, exp));
  const got = Buffer.from(given);
  if (got.length !== want.length || !timingSafeEqual(got, want)) throw new AppError('TRAINING_CHECKIN_INVALID');
  if (now.getTime() >= exp * 1000) throw new AppError('TRAINING_CHECKIN_EXPIRED');
  return unit;
}

/** A participant checks themselves in with the token; late is recorded against the session's start. */
export async function checkIn(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  token: string,
  now: Date,
): Promise<{ created: boolean; participant: TrainingParticipant }> {
  const created = await db.transaction().execute(async (trx) => {
    const training = await loadTraining(trx, actor, id);
    const kode = verify(await keyOf(trx, id), id, token, now);
    const locked = await trx.selectFrom('trainings').select('completed_at').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.completed_at) throw new AppError('TRAINING_COMPLETED');
    const me = await trx
      .selectFrom('training_participants')
      .innerJoin('users', 'users.id', 'training_participants.user_id')
      .select('users.wilayah')
      .where('training_id', '=', id)
      .where('user_id', '=', actor.id)
      .where('training_participants.status', '<>', 'ditolak')
      .executeTakeFirst();
    if (!me) throw new AppError('TRAINING_NOT_PARTICIPANT');
    const unit = await unitOf(trx, id, kode);
    const tanggal = unit.tanggal ?? training.mulai;
    const timing = checkinTiming({ tanggal, jamMulai: unit.jam_mulai }, workerClock(training.wilayah, now));
    if (timing === 'belum_mulai') throw new AppError('TRAINING_SESSION_NOT_STARTED', { unit: unit.kode, tanggal });
    const terlambat = timing === 'terlambat';
    return saveAttendance(
      trx,
      actor,
      origin,
      { id, userId: actor.id, unit: unit.kode, wilayah: me.wilayah, terlambat },
      {
        sendiri: true,
        qr: true,
        terlambat,
      },
    );
  });
  return { created, participant: await participantOf(db, actor, id, actor.id) };
}
