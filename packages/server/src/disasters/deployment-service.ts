import {
  hariPenugasan,
  KOMPETENSI_PENUGASAN_BENCANA,
  MAX_HARI_PENUGASAN,
  type DeployableRecord,
  type DeploymentRecord,
  type PeranPenugasan,
} from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, notFound } from '../http/app-error.js';
import { competencyLevels } from '../trainings/competency-service.js';
import { workerClock } from '../workforce/worker.js';
import { loadDisaster, loadForManaging } from './disaster-service.js';

export interface DeploymentInput {
  userId: string;
  mulai: string;
  selesai: string;
  peran: PeranPenugasan;
  suratTugas?: string | null | undefined;
}

const invalid = (field: string, reason: string) => fieldError('DEPLOYMENT_INVALID', field, reason);

function selectDeployments(db: Kysely<DB>) {
  return db
    .selectFrom('disaster_deployments as d')
    .innerJoin('users as u', 'u.id', 'd.user_id')
    .select([
      'd.id',
      'd.disaster_id',
      'd.user_id',
      'd.mulai',
      'd.selesai',
      'd.peran',
      'd.surat_tugas',
      'u.nama_lengkap',
      'u.username',
      'u.wilayah',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectDeployments>['execute']>>[number];

/** `aktif`: the deployment covers the pendamping's own today (the day the access rule asks about). */
function present(r: Row, now: Date): DeploymentRecord {
  const today = workerClock(r.wilayah ?? '31', now).tanggal;
  return {
    id: r.id,
    disasterId: r.disaster_id,
    userId: r.user_id,
    nama: r.nama_lengkap,
    username: r.username,
    wilayahAsal: r.wilayah ?? '',
    mulai: r.mulai,
    selesai: r.selesai,
    peran: r.peran,
    suratTugas: r.surat_tugas,
    aktif: r.mulai <= today && today <= r.selesai,
  };
}

export async function listDeployments(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<DeploymentRecord[]> {
  await loadDisaster(db, actor, id, now);
  const rows = await selectDeployments(db).where('d.disaster_id', '=', id).orderBy('d.mulai', 'desc').orderBy('u.username').execute();
  return rows.map((r) => present(r, now));
}

/**
 * Sends a pendamping of any province to the event: only an active pendamping account, end not
 * before start, at most MAX_HARI_PENUGASAN days, no second deployment of the same person to the
 * event on overlapping days (the letter would be double).
 */
export async function createDeployment(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: DeploymentInput,
  now: Date,
): Promise<DeploymentRecord> {
  if (input.selesai < input.mulai) throw invalid('selesai', 'sebelum_mulai');
  const days = hariPenugasan(input.mulai, input.selesai);
  if (days > MAX_HARI_PENUGASAN)
    throw new AppError('DEPLOYMENT_INVALID', [{ field: 'selesai', code: 'terlalu_lama', hari: days, maks: MAX_HARI_PENUGASAN }]);
  const deploymentId = await db.transaction().execute(async (trx) => {
    const event = await loadForManaging(trx, actor, id, now);
    if (event.status === 'selesai') throw new AppError('DISASTER_CLOSED');
    const user = await trx
      .selectFrom('users')
      .select(['id', 'role', 'wilayah', 'disabled_at'])
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (!user || user.role !== 'pendamping' || user.disabled_at !== null || user.wilayah === null)
      throw invalid('userId', 'bukan_pendamping_aktif');
    // Taken in turn per event, so two managers cannot both pass the overlap check.
    await trx.selectFrom('disasters').select('id').where('id', '=', id).forUpdate().execute();
    const overlap = await trx
      .selectFrom('disaster_deployments')
      .select('id')
      .where('disaster_id', '=', id)
      .where('user_id', '=', input.userId)
      .where('mulai', '<=', input.selesai)
      .where('selesai', '>=', input.mulai)
      .executeTakeFirst();
    if (overlap) throw new AppError('DEPLOYMENT_OVERLAP', { id: overlap.id });
    const row = await trx
      .insertInto('disaster_deployments')
      .values({
        disaster_id: id,
        user_id: input.userId,
        mulai: input.mulai,
        selesai: input.selesai,
        peran: input.peran,
        surat_tugas: input.suratTugas?.trim() || null,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'disaster.deployment.create',
      entityType: 'disaster',
      entityId: id,
      wilayah: event.wilayah[0]!,
      details: {
        deploymentId: row.id,
        userId: input.userId,
        wilayahAsal: user.wilayah,
        mulai: input.mulai,
        selesai: input.selesai,
        peran: input.peran,
      },
    });
    return row.id;
  });
  const row = await selectDeployments(db).where('d.id', '=', deploymentId).executeTakeFirstOrThrow();
  return present(row, now);
}

/**
 * Ends a deployment early (issue 18): the new last day lies between its first day and the
 * pendamping's own today, and not after the recorded end (shortening only). Access ends the day
 * after it, as with a deployment that ran its course; ending on today keeps today's work open.
 */
export async function endDeployment(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  deploymentId: string,
  input: { selesai: string; alasan?: string | null | undefined },
  now: Date,
): Promise<DeploymentRecord> {
  await db.transaction().execute(async (trx) => {
    const event = await loadForManaging(trx, actor, id, now);
    const row = await trx
      .selectFrom('disaster_deployments as d')
      .innerJoin('users as u', 'u.id', 'd.user_id')
      .select(['d.mulai', 'd.selesai', 'd.user_id', 'u.wilayah'])
      .where('d.id', '=', deploymentId)
      .where('d.disaster_id', '=', id)
      .forUpdate('d')
      .executeTakeFirst();
    if (!row) throw notFound();
    const today = workerClock(row.wilayah ?? '31', now).tanggal;
    if (input.selesai < row.mulai || input.selesai > today || input.selesai > row.selesai)
      throw new AppError('DEPLOYMENT_END_INVALID', { mulai: row.mulai, selesai: row.selesai, hariIni: today });
    await trx.updateTable('disaster_deployments').set({ selesai: input.selesai }).where('id', '=', deploymentId).execute();
    await recordAudit(trx, actor, origin, {
      action: 'disaster.deployment.end',
      entityType: 'disaster',
      entityId: id,
      wilayah: event.wilayah[0]!,
      details: {
        deploymentId,
        userId: row.user_id,
        selesaiSemula: row.selesai,
        selesai: input.selesai,
        alasan: input.alasan?.trim() || null,
      },
    });
  });
  const row = await selectDeployments(db).where('d.id', '=', deploymentId).executeTakeFirstOrThrow();
  return present(row, now);
}

/** Pendamping whose deployment covers `tanggal` (the sitrep's count). */
export function deployedOn(db: Kysely<DB>, disasterId: string, tanggal: string) {
  return db
    .selectFrom('disaster_deployments')
    .select(sql<number>`count(distinct user_id)::int`.as('n'))
    .where('disaster_id', '=', disasterId)
    .where('mulai', '<=', tanggal)
    .where('selesai', '>=', tanggal);
}

/**
 * Whom the event's manager may deploy: active pendamping of any province, found by name or
 * username, with whether they are already on a deployment today (here or at another event).
 */
export async function deployableFor(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  q: string | undefined,
  now: Date,
): Promise<DeployableRecord[]> {
  await loadForManaging(db, actor, id, now);
  const today = workerClock(actor.wilayah ?? '31', now).tanggal;
  let query = db
    .selectFrom('users as u')
    .select(['u.id', 'u.nama_lengkap', 'u.username', 'u.wilayah'])
    .select(
      sql<boolean>`exists (select 1 from disaster_deployments d where d.user_id = u.id and d.mulai <= ${today}::date and d.selesai >= ${today}::date)`.as(
        'bertugas',
      ),
    )
    .where('u.role', '=', 'pendamping')
    .where('u.disabled_at', 'is', null)
    .where('u.wilayah', 'is not', null);
  const term = q?.trim();
  if (term)
    query = query.where((eb) =>
      eb.or([
        eb('u.nama_lengkap', 'ilike', `%${term.replace(/[\\%_]/g, '\\$&')}%`),
        eb('u.username', 'ilike', `%${term.replace(/[\\%_]/g, '\\$&')}%`),
      ]),
    );
  const rows = await query.orderBy('u.nama_lengkap').orderBy('u.username').limit(20).execute();
  const ldp = await competencyLevels(
    db,
    rows.map((r) => r.id),
    KOMPETENSI_PENUGASAN_BENCANA,
    now,
  );
  return rows.map((r) => ({
    userId: r.id,
    nama: r.nama_lengkap,
    username: r.username,
    wilayah: r.wilayah!,
    bertugas: r.bertugas,
    ldp: ldp.get(r.id) ?? 0,
  }));
}
