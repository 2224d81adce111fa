import type { FollowUpView } from '@tuntas/domain';
import { FOLLOW_UP_DAYS, type FollowUpCondition } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { workerClock } from '../workforce/worker.js';
import { AppError, fieldError, notFound } from '../http/app-error.js';
import { caseForReading, caseForWork, recordCaseWork } from './case-work-access.js';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Entering bimbingan lanjut schedules the follow-up visits; call inside that transition's transaction. */
export async function scheduleFollowUps(trx: Kysely<DB>, caseId: string, today: string): Promise<void> {
  await trx
    .insertInto('case_followups')
    .values(FOLLOW_UP_DAYS.map((days) => ({ case_id: caseId, jadwal: addDays(today, days) })))
    .execute();
}

export async function listFollowUps(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string): Promise<FollowUpView[]> {
  const kase = await caseForReading(db, actor, origin, caseId, 'followup');
  const today = workerClock(kase.wilayah, new Date()).tanggal;
  const rows = await db.selectFrom('case_followups').selectAll().where('case_id', '=', kase.id).orderBy('jadwal').execute();
  return rows.map((r) => ({
    id: r.id,
    jadwal: r.jadwal,
    status: r.status,
    kondisi: r.kondisi,
    hasil: r.hasil,
    dicatatPada: r.dicatat_pada?.toISOString() ?? null,
    jatuhTempo: r.status === 'terjadwal' && r.jadwal <= today,
  }));
}

/** An extra visit, when a follow-up found the person needing attention. */
export async function addFollowUp(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  jadwal: string,
): Promise<FollowUpView[]> {
  const kase = await caseForWork(db, actor, caseId);
  const today = workerClock(kase.wilayah, new Date()).tanggal;
  if (kase.tahapan !== 'bimbingan_lanjut') throw new AppError('CASE_ACTION_NOT_ALLOWED');
  if (jadwal < today) throw fieldError('CASE_INVALID', 'jadwal', 'DI_MASA_LALU');
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('case_followups').values({ case_id: kase.id, jadwal }).execute();
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: 'bimbingan', data: { aksi: 'dijadwalkan', jadwal } },
      { action: 'case.followup.schedule' },
    );
  });
  return listFollowUps(db, actor, origin, caseId);
}

/** The visit's finding; each scheduled visit is recorded once. */
export async function recordFollowUp(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: { kondisi: FollowUpCondition; hasil: string },
): Promise<FollowUpView[]> {
  const row = await db.selectFrom('case_followups').select(['case_id', 'status', 'jadwal']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const kase = await caseForWork(db, actor, row.case_id);
  const hasil = input.hasil.trim();
  if (!hasil) throw fieldError('CASE_INVALID', 'hasil', 'WAJIB');
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('case_followups')
      .set({ status: 'selesai', kondisi: input.kondisi, hasil, dicatat_pada: new Date(), dicatat_oleh: actor.id })
      .where('id', '=', id)
      .where('status', '=', 'terjadwal')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('FOLLOWUP_STATE');
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: 'bimbingan', catatan: hasil, data: { aksi: 'dicatat', jadwal: row.jadwal, kondisi: input.kondisi } },
      { action: 'case.followup.record' },
    );
  });
  return listFollowUps(db, actor, origin, kase.id);
}
