import {
  trainingStatus,
  type Narasumber,
  type TrainingParticipant,
  type TrainingRecord,
  type ParticipantStatus,
  type TestWindow,
  type TrainingUnit,
} from '@tuntas/domain';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { trainingPolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, forbidden, notFound } from '../http/app-error.js';
import { workerClock } from '../workforce/worker.js';
import { checkCompetencies, insertTrainers, trainersOf, type TrainerInput } from './trainers.js';

type Row = Selectable<DB['trainings']>;

/**
 * Which events an actor sees: national readers all; a pendamping those they take part in; anyone
 * else with an area those held in it or with a participant from it. Anything else is not found.
 */
export function visibleTraining(eb: ExpressionBuilder<DB, 'trainings'>, actor: Actor): Expression<SqlBool> {
  const mine = eb.exists(
    eb
      .selectFrom('training_participants as tp')
      .select('tp.user_id')
      .whereRef('tp.training_id', '=', 'trainings.id')
      .where('tp.user_id', '=', actor.id),
  );
  if (actor.role === 'pendamping') return mine;
  if (actor.wilayah === null) return sql<SqlBool>`true`;
  return eb.or([
    inScope(eb, eb.ref('trainings.wilayah'), actor),
    eb.exists(
      eb
        .selectFrom('training_participants as tp')
        .innerJoin('users as pu', 'pu.id', 'tp.user_id')
        .select('tp.user_id')
        .whereRef('tp.training_id', '=', 'trainings.id')
        .where((e) => inScope(e, e.ref('pu.wilayah'), actor)),
    ),
  ]);
}

/** Participants an actor sees inside an event they see: all (national), their area's, or themselves. */
export function visibleParticipant<D, TB extends keyof D>(eb: ExpressionBuilder<D, TB>, actor: Actor): Expression<SqlBool> {
  if (actor.role === 'pendamping') return sql<SqlBool>`users.id = ${actor.id}`;
  return inScope(eb, sql.ref<string | null>('users.wilayah'), actor);
}

/** The venue's own day. */
export const today = (wilayah: string, now: Date) => workerClock(wilayah, now).tanggal;
export const displayName = (u: { nama_lengkap: string | null; username: string }) => u.nama_lengkap ?? u.username;

async function unitsOf(db: Kysely<DB>, ids: string[]): Promise<Map<string, TrainingUnit[]>> {
  const out = new Map<string, TrainingUnit[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('training_units')
    .selectAll()
    .where('training_id', 'in', ids)
    .orderBy('training_id')
    .orderBy('urutan')
    .execute();
  for (const r of rows) {
    const list = out.get(r.training_id) ?? [];
    list.push({ kode: r.kode, nama: r.nama, jp: r.jp, tanggal: r.tanggal, jamMulai: r.jam_mulai, kompetensi: r.kompetensi });
    out.set(r.training_id, list);
  }
  return out;
}

async function testsOf(db: Kysely<DB>, ids: string[]): Promise<Map<string, TestWindow[]>> {
  const out = new Map<string, TestWindow[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('training_tests').selectAll().where('training_id', 'in', ids).orderBy('jenis', 'desc').execute();
  for (const r of rows)
    out.set(r.training_id, [
      ...(out.get(r.training_id) ?? []),
      { jenis: r.jenis, dibuka: r.dibuka.toISOString(), ditutup: r.ditutup.toISOString() },
    ]);
  return out;
}

type Listed = Row & { jumlah: number; status_saya: ParticipantStatus | null };

function present(row: Listed, units: TrainingUnit[], tes: TestWindow[], narasumber: Narasumber[], now: Date): TrainingRecord {
  const completedAt = row.completed_at ? row.completed_at.toISOString() : null;
  return {
    id: row.id,
    nama: row.nama,
    mulai: row.mulai,
    selesai: row.selesai,
    tempat: row.tempat,
    wilayah: row.wilayah,
    penyelenggara: row.penyelenggara,
    kuota: row.kuota,
    minKehadiran: row.min_kehadiran,
    nilaiLulus: row.nilai_lulus,
    status: trainingStatus({ mulai: row.mulai, selesai: row.selesai, completedAt }, today(row.wilayah, now)),
    completedAt,
    jumlahPeserta: row.jumlah,
    jp: units.reduce((s, u) => s + u.jp, 0),
    units,
    tes,
    statusSaya: row.status_saya,
    programId: row.programme_id,
    narasumber,
  };
}

function selectTrainings(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('trainings')
    .selectAll('trainings')
    .select((eb) =>
      eb
        .selectFrom('training_participants as c')
        .innerJoin('users', 'users.id', 'c.user_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.training_id', '=', 'trainings.id')
        .where('c.status', '<>', 'ditolak')
        .where((e) => visibleParticipant(e, actor))
        .as('jumlah'),
    )
    .select((eb) =>
      eb
        .selectFrom('training_participants as s')
        .select('s.status')
        .whereRef('s.training_id', '=', 'trainings.id')
        .where('s.user_id', '=', actor.id)
        .as('status_saya'),
    )
    .where((eb) => visibleTraining(eb, actor));
}

export async function listTrainings(db: Kysely<DB>, actor: Actor, now: Date): Promise<TrainingRecord[]> {
  const rows = await selectTrainings(db, actor).orderBy('mulai', 'desc').limit(500).execute();
  const ids = rows.map((r) => r.id);
  const [units, tests, trainers] = [await unitsOf(db, ids), await testsOf(db, ids), await trainersOf(db, ids)];
  return rows.map((r) =>
    present(
      { ...r, jumlah: Number(r.jumlah ?? 0), status_saya: r.status_saya ?? null },
      units.get(r.id) ?? [],
      tests.get(r.id) ?? [],
      trainers.get(r.id) ?? [],
      now,
    ),
  );
}

export async function getTraining(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<TrainingRecord> {
  const row = await selectTrainings(db, actor).where('trainings.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const [units, tests, trainers] = [await unitsOf(db, [id]), await testsOf(db, [id]), await trainersOf(db, [id])];
  return present(
    { ...row, jumlah: Number(row.jumlah ?? 0), status_saya: row.status_saya ?? null },
    units.get(id) ?? [],
    tests.get(id) ?? [],
    trainers.get(id) ?? [],
    now,
  );
}

/** The event row an actor may see, or 404. */
export async function loadTraining(db: Kysely<DB>, actor: Actor, id: string): Promise<Row> {
  const row = await db
    .selectFrom('trainings')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => visibleTraining(eb, actor))
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export interface TrainingInput {
  nama: string;
  mulai: string;
  selesai: string;
  tempat: string;
  wilayah: string;
  penyelenggara?: string | undefined;
  kuota?: number | null | undefined;
  minKehadiran?: number | undefined;
  nilaiLulus?: number | null | undefined;
  units: Array<{
    kode?: string | undefined;
    nama: string;
    jp: number;
    tanggal?: string | null | undefined;
    jamMulai?: string | null | undefined;
    kompetensi?: string[] | undefined;
  }>;
  narasumber?: TrainerInput[] | undefined;
  /** Set when the units are a programme's curriculum (programme-service.ts). */
  programmeId?: string | undefined;
}

const invalid = (field: string, code: string) => fieldError('TRAINING_INVALID', field, code);

export async function createTraining(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: TrainingInput,
  now: Date,
): Promise<TrainingRecord> {
  if (!trainingPolicy.manage(actor)) throw forbidden();
  if (input.selesai < input.mulai) throw invalid('selesai', 'sebelum_mulai');
  const units = input.units.map((u, i) => ({ ...u, kode: u.kode ?? `u${i + 1}` }));
  const kodes = new Set<string>();
  units.forEach((u, i) => {
    if (kodes.has(u.kode)) throw invalid(`units/${i}/kode`, 'ganda');
    kodes.add(u.kode);
    if (u.tanggal && (u.tanggal < input.mulai || u.tanggal > input.selesai))
      throw invalid(`units/${i}/tanggal`, 'di_luar_tanggal_pelatihan');
  });
  await checkCompetencies(db, units, invalid);
  const area = await db.selectFrom('wilayah').select('tingkat').where('kode', '=', input.wilayah).executeTakeFirst();
  if (!area || area.tingkat > 2) throw invalid('wilayah', 'tidak_dikenal');
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('trainings')
      .values({
        nama: input.nama,
        mulai: input.mulai,
        selesai: input.selesai,
        tempat: input.tempat,
        wilayah: input.wilayah,
        penyelenggara: input.penyelenggara ?? 'Direktorat Jenderal Rehabilitasi Sosial',
        kuota: input.kuota ?? null,
        min_kehadiran: input.minKehadiran ?? 100,
        nilai_lulus: input.nilaiLulus ?? null,
        created_by: actor.id,
        programme_id: input.programmeId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('training_units')
      .values(
        units.map((u, i) => ({
          training_id: row.id,
          kode: u.kode,
          urutan: i + 1,
          nama: u.nama,
          jp: u.jp,
          tanggal: u.tanggal ?? null,
          jam_mulai: u.jamMulai ?? null,
          kompetensi: u.kompetensi ?? [],
        })),
      )
      .execute();
    await insertTrainers(trx, row.id, input.narasumber ?? [], kodes);
    await recordAudit(trx, actor, origin, {
      action: 'training.create',
      entityType: 'training',
      entityId: row.id,
      wilayah: input.wilayah,
      details: { units: units.map((u) => u.kode), ...(input.programmeId ? { programmeId: input.programmeId } : {}) },
    });
    return row.id;
  });
  return getTraining(db, actor, id, now);
}

/** Changes to an event are the organiser's, and stop once it is completed. */
export async function loadForChange(trx: Kysely<DB>, actor: Actor, id: string): Promise<Row> {
  const row = await loadTraining(trx, actor, id);
  if (!trainingPolicy.manage(actor)) throw forbidden();
  const locked = await trx.selectFrom('trainings').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  if (locked.completed_at) throw new AppError('TRAINING_COMPLETED');
  return row;
}

export async function listParticipants(db: Kysely<DB>, actor: Actor, id: string): Promise<TrainingParticipant[]> {
  await loadTraining(db, actor, id);
  const rows = await db
    .selectFrom('training_participants as p')
    .innerJoin('users', 'users.id', 'p.user_id')
    .leftJoin('training_certificates as c', (j) => j.onRef('c.training_id', '=', 'p.training_id').onRef('c.user_id', '=', 'p.user_id'))
    .select([
      'p.user_id',
      'p.status',
      'p.alasan_tolak',
      'users.username',
      'users.nama_lengkap',
      'users.wilayah',
      'p.nilai_pre',
      'p.nilai_post',
      'c.nomor',
    ])
    .select((eb) =>
      eb
        .selectFrom('training_attendance as a')
        .select(sql<string[]>`coalesce(array_agg(a.unit order by a.unit), '{}')`.as('units'))
        .whereRef('a.training_id', '=', 'p.training_id')
        .whereRef('a.user_id', '=', 'p.user_id')
        .as('hadir'),
    )
    .select((eb) =>
      eb
        .selectFrom('training_attendance as a')
        .select(sql<string[]>`coalesce(array_agg(a.unit order by a.unit), '{}')`.as('units'))
        .whereRef('a.training_id', '=', 'p.training_id')
        .whereRef('a.user_id', '=', 'p.user_id')
        .where('a.terlambat', '=', true)
        .as('terlambat'),
    )
    .where('p.training_id', '=', id)
    .where((eb) => visibleParticipant(eb, actor))
    .orderBy('users.wilayah')
    .orderBy('users.nama_lengkap')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    status: r.status,
    alasanTolak: r.alasan_tolak,
    username: r.username,
    nama: displayName(r),
    wilayah: r.wilayah ?? '',
    hadir: r.hadir ?? [],
    terlambat: r.terlambat ?? [],
    nilaiPre: r.nilai_pre,
    nilaiPost: r.nilai_post,
    sertifikat: r.nomor,
  }));
}

export async function addParticipant(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  userId: string,
): Promise<TrainingParticipant> {
  await db.transaction().execute(async (trx) => {
    const training = await loadForChange(trx, actor, id);
    const user = await trx
      .selectFrom('users')
      .select(['id', 'wilayah'])
      .where('id', '=', userId)
      .where('role', 'in', ['pendamping', 'koordinator'])
      .where('disabled_at', 'is', null)
      .where('wilayah', 'is not', null)
      .executeTakeFirst();
    if (!user) throw fieldError('TRAINING_PARTICIPANT_INVALID', 'userId', 'bukan_pendamping_aktif');
    const already = await trx
      .selectFrom('training_participants')
      .select('user_id')
      .where('training_id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (already) throw new AppError('TRAINING_ALREADY_PARTICIPANT');
    if (training.kuota !== null) {
      const { n } = await trx
        .selectFrom('training_participants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('training_id', '=', id)
        .where('status', '<>', 'ditolak')
        .executeTakeFirstOrThrow();
      if (Number(n) >= training.kuota) throw new AppError('TRAINING_QUOTA_FULL');
    }
    await trx.insertInto('training_participants').values({ training_id: id, user_id: userId }).execute();
    await recordAudit(trx, actor, origin, {
      action: 'training.participant.add',
      entityType: 'training',
      entityId: id,
      wilayah: user.wilayah,
      details: { userId },
    });
  });
  return participantOf(db, actor, id, userId);
}

export async function participantOf(db: Kysely<DB>, actor: Actor, id: string, userId: string): Promise<TrainingParticipant> {
  const found = (await listParticipants(db, actor, id)).find((p) => p.userId === userId);
  if (!found) throw notFound();
  return found;
}
