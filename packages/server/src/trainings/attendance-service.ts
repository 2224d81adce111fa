import type { TrainingParticipant } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { trainingPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, forbidden } from '../http/app-error.js';
import { loadForChange, loadTraining, participantOf, today } from './training-service.js';

/** Attendance per unit and hand-entered scores of an event's participants (issue 22). */

async function participantRow(trx: Kysely<DB>, id: string, userId: string) {
  const p = await trx
    .selectFrom('training_participants')
    .innerJoin('users', 'users.id', 'training_participants.user_id')
    .select(['users.wilayah', 'training_participants.status'])
    .where('training_id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!p) throw fieldError('TRAINING_NOT_PARTICIPANT', 'userId', 'bukan_peserta');
  if (p.status === 'ditolak') throw fieldError('TRAINING_INVITATION_DECLINED', 'userId', 'menolak_undangan');
  return p;
}

/**
 * The organiser marks a unit's attendance, only from the unit's day (the event's first day when
 * the unit has none), in the venue's time zone. A participant never marks themself here: their own
 * check-in needs the session's QR token (checkin-service), or anyone could claim a session from home.
 */
export async function recordAttendance(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: { userId: string; unit: string },
  now: Date,
): Promise<{ created: boolean; participant: TrainingParticipant }> {
  const created = await db.transaction().execute(async (trx) => {
    const training = await loadTraining(trx, actor, id);
    if (!trainingPolicy.manage(actor)) throw forbidden();
    const locked = await trx.selectFrom('trainings').select('completed_at').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.completed_at) throw new AppError('TRAINING_COMPLETED');
    const participant = await participantRow(trx, id, input.userId);
    const unit = await trx
      .selectFrom('training_units')
      .select(['kode', 'tanggal'])
      .where('training_id', '=', id)
      .where('kode', '=', input.unit)
      .executeTakeFirst();
    if (!unit) throw fieldError('TRAINING_UNIT_UNKNOWN', 'unit', 'tidak_dikenal');
    if (today(training.wilayah, now) < (unit.tanggal ?? training.mulai))
      throw new AppError('TRAINING_SESSION_NOT_STARTED', { unit: unit.kode, tanggal: unit.tanggal ?? training.mulai });
    return saveAttendance(
      trx,
      actor,
      origin,
      { id, userId: input.userId, unit: unit.kode, wilayah: participant.wilayah, terlambat: false },
      { sendiri: false },
    );
  });
  return { created, participant: await participantOf(db, actor, id, input.userId) };
}

/** One unit's attendance with its audit event; false when it was already recorded (nothing changes). */
export async function saveAttendance(
  trx: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  a: { id: string; userId: string; unit: string; wilayah: string | null; terlambat: boolean },
  details: Record<string, unknown>,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('training_attendance')
    .values({ training_id: a.id, user_id: a.userId, unit: a.unit, recorded_by: actor.id, terlambat: a.terlambat })
    .onConflict((oc) => oc.doNothing())
    .returning('unit')
    .executeTakeFirst();
  if (!inserted) return false;
  await recordAudit(trx, actor, origin, {
    action: 'training.attendance',
    entityType: 'training',
    entityId: a.id,
    wilayah: a.wilayah,
    details: { userId: a.userId, unit: a.unit, ...details },
  });
  return true;
}

/** Pre- and post-test scores, recorded by the organiser. */
export async function recordResult(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: { userId: string; nilaiPre?: number | null | undefined; nilaiPost?: number | null | undefined },
): Promise<TrainingParticipant> {
  await db.transaction().execute(async (trx) => {
    await loadForChange(trx, actor, id);
    const participant = await participantRow(trx, id, input.userId);
    const values = {
      ...(input.nilaiPre !== undefined && { nilai_pre: input.nilaiPre }),
      ...(input.nilaiPost !== undefined && { nilai_post: input.nilaiPost }),
    };
    if (Object.keys(values).length === 0) throw fieldError('TRAINING_INVALID', 'nilaiPost', 'wajib');
    // A test with a bank is scored from the answers (test-service); a hand-entered mark would override them.
    const banked = (await trx.selectFrom('training_tests').select('jenis').where('training_id', '=', id).execute()).map((r) => r.jenis);
    if ((banked.includes('pre') && 'nilai_pre' in values) || (banked.includes('post') && 'nilai_post' in values))
      throw new AppError('TRAINING_TEST_AUTO_SCORED');
    await trx.updateTable('training_participants').set(values).where('training_id', '=', id).where('user_id', '=', input.userId).execute();
    await recordAudit(trx, actor, origin, {
      action: 'training.result',
      entityType: 'training',
      entityId: id,
      wilayah: participant.wilayah,
      details: { userId: input.userId, fields: Object.keys(values) },
    });
  });
  return participantOf(db, actor, id, input.userId);
}
