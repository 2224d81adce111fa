import {
  activityTooOld,
  activityWorkflow,
  MAX_ACTIVITY_MINUTES,
  type ActivityRecord,
  type ActivityStatus,
  type ActivityType,
} from '@tuntas/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { ActivitiesTable, DB } from '../db/schema.js';
import { AppError, notFound, versionConflict } from '../http/app-error.js';
import { deploymentOnDay } from '../disasters/deployment-day.js';
import { casesOfActivities } from './activity-cases.js';
import { workerClock } from './worker.js';

type ActivityRow = Selectable<ActivitiesTable> & {
  username: string;
  nama_lengkap: string | null;
  jumlah_foto: number;
  kejadian_nama: string | null;
};

function toView(r: ActivityRow, actor: Actor): ActivityRecord {
  const own = r.user_id === actor.id;
  return {
    id: r.id,
    userId: r.user_id,
    username: r.username,
    nama: r.nama_lengkap,
    wilayah: r.wilayah,
    tanggal: r.tanggal,
    jenis: r.jenis,
    durasiMenit: r.durasi_menit,
    uraian: r.uraian,
    lat: r.lat,
    lng: r.lng,
    caseIds: r.case_ids,
    jumlahFoto: r.jumlah_foto,
    status: r.status,
    sumber: r.sumber,
    komentar: r.komentar,
    diajukanPada: r.diajukan_pada?.toISOString() ?? null,
    ditinjauPada: r.ditinjau_pada?.toISOString() ?? null,
    version: r.version,
    tindakan: {
      ubah: own && activityWorkflow.editable(r.status),
      ajukan: own && activityWorkflow.submittable(r.status),
      tinjau: !own && workforcePolicy.review(actor) && activityWorkflow.reviewable(r.status),
    },
    kejadian: r.disaster_id === null ? null : { id: r.disaster_id, nama: r.kejadian_nama ?? '' },
  };
}

function rows(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('activities')
    .innerJoin('users', 'users.id', 'activities.user_id')
    .leftJoin('disasters', 'disasters.id', 'activities.disaster_id')
    .selectAll('activities')
    .select(['users.username', 'users.nama_lengkap', 'disasters.nama as kejadian_nama'])
    .select(
      sql<number>`(select count(*)::int from evidence_photos p where p.owner_type = 'activity' and p.owner_id = activities.id)`.as(
        'jumlah_foto',
      ),
    )
    .where((eb) => inScope(eb, eb.ref('activities.wilayah'), actor))
    .$if(!workforcePolicy.readOthers(actor), (q) => q.where('activities.user_id', '=', actor.id));
}

async function load(db: Kysely<DB>, actor: Actor, id: string): Promise<ActivityRow> {
  const row = await rows(db, actor).where('activities.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row as ActivityRow;
}

export async function getActivity(db: Kysely<DB>, actor: Actor, id: string): Promise<ActivityRecord> {
  return toView(await load(db, actor, id), actor);
}

export interface ActivityQuery {
  userId?: string | undefined;
  wilayah?: string | undefined;
  tanggal?: string | undefined;
  dari?: string | undefined;
  sampai?: string | undefined;
  status?: ActivityStatus | undefined;
  page: number;
  pageSize: number;
}

/** Newest day first; a koordinator's inbox is `?status=diajukan`. */
export async function listActivities(db: Kysely<DB>, actor: Actor, q: ActivityQuery): Promise<{ items: ActivityRecord[]; total: number }> {
  let query = rows(db, actor);
  if (q.userId) query = query.where('activities.user_id', '=', q.userId);
  if (q.wilayah) query = query.where((eb) => inScope(eb, eb.ref('activities.wilayah'), { wilayah: q.wilayah! }));
  if (q.tanggal) query = query.where('activities.tanggal', '=', q.tanggal);
  if (q.dari) query = query.where('activities.tanggal', '>=', q.dari);
  if (q.sampai) query = query.where('activities.tanggal', '<=', q.sampai);
  if (q.status) query = query.where('activities.status', '=', q.status);
  const [items, count] = await Promise.all([
    query
      .orderBy('activities.tanggal', 'desc')
      .orderBy('users.username')
      .orderBy('activities.created_at')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const kasus = await casesOfActivities(
    db,
    actor,
    items.flatMap((r) => r.case_ids),
  );
  const withCases = (view: ActivityRecord) => ({ ...view, kasus: view.caseIds.flatMap((id) => kasus.get(id) ?? []) });
  return { items: items.map((r) => withCases(toView(r as ActivityRow, actor))), total: Number(count.n) };
}

export interface ActivityInput {
  /** A client-generated UUID (an entry made offline keeps it); one already used answers 409 ID_TAKEN. */
  id?: string | undefined;
  tanggal: string;
  jenis: ActivityType;
  durasiMenit: number;
  uraian?: string | null | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  caseIds?: string[] | undefined;
  /** The disaster event the work was for: one the worker is deployed to on `tanggal` (issue 18). */
  kejadianId?: string | null | undefined;
}

const invalid = (field: string, code: string) => new AppError('ACTIVITY_INVALID', [{ field, code }]);

/**
 * Dated today or up to 31 days back in the worker's zone; cases the worker can see; a day holds
 * 24 hours; an event named only on a day the worker was deployed to it.
 */
async function check(db: Kysely<DB>, actor: Actor, input: ActivityInput, now: Date, excludeId: string | null): Promise<void> {
  const today = workerClock(actor.wilayah!, now).tanggal;
  if (input.tanggal > today) throw invalid('tanggal', 'masa_depan');
  if (activityTooOld(input.tanggal, today)) throw invalid('tanggal', 'terlalu_lama');
  if ((input.lat == null) !== (input.lng == null)) throw invalid('lat', 'koordinat_tidak_lengkap');
  if (input.kejadianId && !(await deploymentOnDay(db, actor.id, input.tanggal, input.kejadianId)))
    throw invalid('kejadianId', 'bukan_penugasan');
  const caseIds = [...new Set(input.caseIds ?? [])];
  if (caseIds.length > 0) {
    const found = await db
      .selectFrom('cases')
      .select('id')
      .where('id', 'in', caseIds)
      .where((eb) => inScope(eb, eb.ref('cases.wilayah'), actor))
      .execute();
    if (found.length !== caseIds.length) throw invalid('caseIds', 'kasus_tidak_ditemukan');
  }
  const day = await db
    .selectFrom('activities')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('durasi_menit'), sql<number>`0`).as('menit'))
    .where('user_id', '=', actor.id)
    .where('tanggal', '=', input.tanggal)
    .$if(excludeId !== null, (q) => q.where('id', '!=', excludeId!))
    .executeTakeFirstOrThrow();
  if (Number(day.menit) + input.durasiMenit > 24 * 60) throw invalid('durasiMenit', 'melebihi_sehari');
}

export async function createActivity(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: ActivityInput,
  now: Date,
): Promise<ActivityRecord> {
  if (!workforcePolicy.attends(actor)) throw new AppError('FORBIDDEN');
  await check(db, actor, input, now, null);
  const id = await db.transaction().execute(async (trx) => {
    // Whoever holds the id, the answer is the same and names nothing.
    if (input.id && (await trx.selectFrom('activities').select('id').where('id', '=', input.id).executeTakeFirst()))
      throw new AppError('ID_TAKEN');
    const { id } = await trx
      .insertInto('activities')
      .values({
        ...(input.id ? { id: input.id } : {}),
        user_id: actor.id,
        wilayah: actor.wilayah!,
        tanggal: input.tanggal,
        jenis: input.jenis,
        durasi_menit: Math.min(input.durasiMenit, MAX_ACTIVITY_MINUTES),
        uraian: input.uraian ?? null,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        case_ids: [...new Set(input.caseIds ?? [])],
        disaster_id: input.kejadianId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, { action: 'activity.create', entityType: 'activity', entityId: id, wilayah: actor.wilayah });
    return id;
  });
  return getActivity(db, actor, id);
}

/** The owner edits a draft or a returned entry, carrying the version read. */
export async function updateActivity(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  version: number,
  patch: Partial<ActivityInput>,
  now: Date,
): Promise<ActivityRecord> {
  const row = await load(db, actor, id);
  if (row.user_id !== actor.id) throw new AppError('FORBIDDEN');
  if (!activityWorkflow.editable(row.status)) throw new AppError('ACTIVITY_NOT_EDITABLE');
  const next: ActivityInput = {
    tanggal: patch.tanggal ?? row.tanggal,
    jenis: patch.jenis ?? row.jenis,
    durasiMenit: patch.durasiMenit ?? row.durasi_menit,
    uraian: patch.uraian !== undefined ? patch.uraian : row.uraian,
    lat: patch.lat !== undefined ? patch.lat : row.lat,
    lng: patch.lng !== undefined ? patch.lng : row.lng,
    caseIds: patch.caseIds ?? row.case_ids,
    kejadianId: patch.kejadianId !== undefined ? patch.kejadianId : row.disaster_id,
  };
  await check(db, actor, next, now, id);
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('activities')
      .set({
        tanggal: next.tanggal,
        jenis: next.jenis,
        durasi_menit: next.durasiMenit,
        uraian: next.uraian ?? null,
        lat: next.lat ?? null,
        lng: next.lng ?? null,
        case_ids: [...new Set(next.caseIds ?? [])],
        disaster_id: next.kejadianId ?? null,
        updated_at: new Date(),
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', 'in', ['draf', 'dikembalikan'])
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw versionConflict(await getActivity(trx, actor, id));
    await recordAudit(trx, actor, origin, { action: 'activity.update', entityType: 'activity', entityId: id, wilayah: row.wilayah });
  });
  return getActivity(db, actor, id);
}

/** A draft the owner does not want (an automatic one that was not real work) goes away. */
export async function deleteActivity(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, id: string): Promise<void> {
  const row = await load(db, actor, id);
  if (row.user_id !== actor.id) throw new AppError('FORBIDDEN');
  if (row.status !== 'draf') throw new AppError('ACTIVITY_NOT_EDITABLE');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('activities').where('id', '=', id).where('status', '=', 'draf').execute();
    await recordAudit(trx, actor, origin, { action: 'activity.delete', entityType: 'activity', entityId: id, wilayah: row.wilayah });
  });
}

/** Submits the owner's entries (one, or a whole day's): all or none. */
export async function submitActivities(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, ids: string[]): Promise<ActivityRecord[]> {
  const unique = [...new Set(ids)];
  const found = await rows(db, actor).where('activities.id', 'in', unique).execute();
  if (found.length !== unique.length) throw notFound();
  if (found.some((r) => r.user_id !== actor.id)) throw new AppError('FORBIDDEN');
  if (found.some((r) => !activityWorkflow.submittable(r.status))) throw new AppError('ACTIVITY_NOT_EDITABLE');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('activities')
      .set({ status: 'diajukan', diajukan_pada: new Date(), updated_at: new Date(), version: sql<number>`version + 1` })
      .where('id', 'in', unique)
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'activity.submit',
      entityType: 'activity',
      wilayah: actor.wilayah,
      details: { ids: unique },
    });
  });
  return Promise.all(unique.map((id) => getActivity(db, actor, id)));
}

/**
 * The koordinator approves or returns submitted entries of their area, one by one or a Monday's
 * forty at once; all or none. Returning needs a comment the pendamping will read.
 */
export async function reviewActivities(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  ids: string[],
  keputusan: 'disetujui' | 'dikembalikan',
  komentar: string | null,
): Promise<ActivityRecord[]> {
  const unique = [...new Set(ids)];
  const found = await rows(db, actor).where('activities.id', 'in', unique).execute();
  if (found.length !== unique.length) throw notFound();
  if (!workforcePolicy.review(actor)) throw new AppError('FORBIDDEN');
  if (found.some((r) => r.user_id === actor.id)) throw new AppError('OWN_REPORT');
  if (found.some((r) => !activityWorkflow.reviewable(r.status))) throw new AppError('ACTIVITY_NOT_SUBMITTED');
  if (keputusan === 'dikembalikan' && !komentar?.trim()) throw invalid('komentar', 'wajib');
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('activities')
      .set({
        status: keputusan,
        komentar: keputusan === 'dikembalikan' ? komentar : null,
        ditinjau_oleh: actor.id,
        ditinjau_pada: new Date(),
        updated_at: new Date(),
        version: sql<number>`version + 1`,
      })
      .where('id', 'in', unique)
      .where('status', '=', 'diajukan')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== unique.length) throw new AppError('ACTIVITY_NOT_SUBMITTED');
    await recordAudit(trx, actor, origin, {
      action: keputusan === 'disetujui' ? 'activity.approve' : 'activity.return',
      entityType: 'activity',
      wilayah: actor.wilayah,
      details: { ids: unique },
    });
  });
  return Promise.all(unique.map((id) => getActivity(db, actor, id)));
}
