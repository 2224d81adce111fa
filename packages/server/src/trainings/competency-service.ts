import {
  DASAR_TARGET_JP,
  isWithinScope,
  levelKompetensi,
  TARGET_JP_TAHUNAN,
  type CompetencyMatrix,
  type CompetencyRow,
  type DevelopmentHours,
  type LevelKompetensi,
} from '@tuntas/domain';
import { sql, type Expression, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { trainingPolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, forbidden, notFound } from '../http/app-error.js';
import { loadWorker, workerClock } from '../workforce/worker.js';

/** The pendamping a reader sees in an area: themselves (a pendamping), else those in scope and in the area asked for. */
function pendampingOf(db: Kysely<DB>, actor: Actor, wilayah: string | undefined) {
  if (wilayah && !isWithinScope(actor.wilayah, wilayah)) throw notFound();
  return db
    .selectFrom('users')
    .select(['users.id', 'users.username', 'users.nama_lengkap', 'users.wilayah'])
    .where('users.role', '=', 'pendamping')
    .where('users.disabled_at', 'is', null)
    .where('users.wilayah', 'is not', null)
    .$if(actor.role === 'pendamping', (q) => q.where('users.id', '=', actor.id))
    .where((eb) => inScope(eb, eb.ref('users.wilayah'), actor))
    .$if(wilayah !== undefined, (q) => q.where((eb) => inScope(eb, eb.ref('users.wilayah'), { wilayah: wilayah! })));
}

const key = (u: string, k: string) => `${u}|${k}`;
const isIdList = (ids: Expression<unknown> | readonly string[]): ids is readonly string[] => Array.isArray(ids);

interface Sources {
  jp: Map<string, number>;
  penilaian: Map<string, LevelKompetensi>;
  sampai: Map<string, string | null>;
}
const EMPTY: Sources = { jp: new Map(), penilaian: new Map(), sampai: new Map() };

/** What a level is judged from, by `key(user, competency)`: certified training JP, the assessment, an unexpired certification. */
async function sourcesOf(db: Kysely<DB>, ids: Expression<unknown> | readonly string[], today: string): Promise<Sources> {
  const inIds = isIdList(ids) ? sql.join(ids) : ids;
  const [trained, assessed, certified] = await Promise.all([
    sql<{ user_id: string; kode: string; jp: number }>`
      select c.user_id, k.kode, sum(u.jp)::int as jp
      from training_certificates c
      join training_units u on u.training_id = c.training_id
      cross join lateral unnest(u.kompetensi) as k(kode)
      where c.revoked_at is null and c.user_id in (${inIds})
      group by c.user_id, k.kode`
      .execute(db)
      .then((r) => r.rows),
    sql<{ user_id: string; kompetensi: string; level: number }>`
      select user_id, kompetensi, level from competency_assessments where user_id in (${inIds})`
      .execute(db)
      .then((r) => r.rows),
    sql<{ user_id: string; kode: string; sampai: string }>`
      select p.user_id, k.kode, max(coalesce(p.berlaku_sampai, '9999-12-31'::date))::text as sampai
      from professional_certifications p
      cross join lateral unnest(p.kompetensi) as k(kode)
      where p.user_id in (${inIds}) and (p.berlaku_sampai is null or p.berlaku_sampai >= ${today}::date)
      group by p.user_id, k.kode`
      .execute(db)
      .then((r) => r.rows),
  ]);
  return {
    jp: new Map(trained.map((t) => [key(t.user_id, t.kode), Number(t.jp)])),
    penilaian: new Map(assessed.map((a) => [key(a.user_id, a.kompetensi), a.level as LevelKompetensi])),
    sampai: new Map(certified.map((c) => [key(c.user_id, c.kode), c.sampai === '9999-12-31' ? null : c.sampai])),
  };
}

/** Each person's level in one competency (for the work: assignment, deployment), without reading anything else of them. */
export async function competencyLevels(db: Kysely<DB>, userIds: string[], kode: string, now: Date): Promise<Map<string, LevelKompetensi>> {
  if (userIds.length === 0) return new Map();
  const { jp, penilaian, sampai } = await sourcesOf(db, userIds, workerClock('31', now).tanggal);
  return new Map(
    userIds.map((u) => {
      const k = key(u, kode);
      return [u, levelKompetensi({ jpPelatihan: jp.get(k) ?? 0, penilaian: penilaian.get(k) ?? null, sertifikasiBerlaku: sampai.has(k) })];
    }),
  );
}

/**
 * The matrix: each pendamping's level per competency, the highest of completed training (JP of
 * certified units building it), the koordinator's assessment and a professional certification
 * still valid today; and per competency how many are still at level 0.
 */
export async function competencyMatrix(db: Kysely<DB>, actor: Actor, wilayah: string | undefined, now: Date): Promise<CompetencyMatrix> {
  const people = await pendampingOf(db, actor, wilayah).orderBy('users.wilayah').orderBy('users.nama_lengkap').execute();
  const framework = await db.selectFrom('kompetensi').select(['kode', 'nama', 'uraian']).orderBy('urutan').execute();
  const ids = pendampingOf(db, actor, wilayah).clearSelect().select('users.id');
  const today = workerClock(actor.wilayah ?? '31', now).tanggal;
  const { jp, penilaian, sampai } = people.length === 0 ? EMPTY : await sourcesOf(db, ids, today);
  const rows: CompetencyRow[] = people.map((p) => ({
    userId: p.id,
    nama: p.nama_lengkap ?? p.username,
    wilayah: p.wilayah!,
    kompetensi: framework.map((f) => {
      const k = key(p.id, f.kode);
      const cell = { jpPelatihan: jp.get(k) ?? 0, penilaian: penilaian.get(k) ?? null, sertifikasiBerlaku: sampai.has(k) };
      return {
        kode: f.kode,
        level: levelKompetensi(cell),
        jp: cell.jpPelatihan,
        penilaian: cell.penilaian,
        sertifikasiSampai: sampai.get(k) ?? null,
      };
    }),
  }));
  return {
    wilayah: wilayah ?? actor.wilayah,
    kompetensi: framework,
    pendamping: rows,
    kesenjangan: framework.map((f, i) => ({
      kode: f.kode,
      belum: rows.filter((r) => r.kompetensi[i]!.level === 0).length,
      jumlah: rows.length,
    })),
  };
}

async function rowOf(db: Kysely<DB>, actor: Actor, userId: string, now: Date): Promise<CompetencyRow> {
  const worker = await loadWorker(db, actor, userId);
  const row = (await competencyMatrix(db, actor, worker.wilayah, now)).pendamping.find((p) => p.userId === userId);
  if (!row) throw notFound();
  return row;
}

/** The koordinator's judgement of one competency of a pendamping in their area (never their own). */
export async function assessCompetency(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  userId: string,
  input: { kompetensi: string; level: number; catatan?: string | null | undefined },
  now: Date,
): Promise<CompetencyRow> {
  const worker = await loadWorker(db, actor, userId);
  if (!trainingPolicy.assess(actor)) throw forbidden();
  if (userId === actor.id) throw new AppError('FOUR_EYES_REQUIRED');
  if (worker.role !== 'pendamping') throw notFound();
  const known = await db.selectFrom('kompetensi').select('kode').where('kode', '=', input.kompetensi).executeTakeFirst();
  if (!known) throw fieldError('COMPETENCY_INVALID', 'kompetensi', 'tidak_dikenal');
  await db.transaction().execute(async (trx) => {
    const values = { level: input.level, catatan: input.catatan ?? null, assessed_by: actor.id, assessed_at: now };
    await trx
      .insertInto('competency_assessments')
      .values({ user_id: userId, kompetensi: input.kompetensi, ...values })
      .onConflict((oc) => oc.columns(['user_id', 'kompetensi']).doUpdateSet(values))
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'competency.assess',
      entityType: 'user',
      entityId: userId,
      wilayah: worker.wilayah,
      details: { kompetensi: input.kompetensi, level: input.level },
    });
  });
  return rowOf(db, actor, userId, now);
}

/** A professional certification (e.g. sertifikasi pekerja sosial) with the competencies it covers and its expiry. */
export async function addCertification(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  userId: string,
  input: { jenis: string; nomor: string; kompetensi: string[]; berlakuSampai?: string | null | undefined },
  now: Date,
): Promise<CompetencyRow> {
  const worker = await loadWorker(db, actor, userId);
  if (!trainingPolicy.assess(actor) && !trainingPolicy.manage(actor)) throw forbidden();
  if (worker.role !== 'pendamping') throw notFound();
  const wanted = [...new Set(input.kompetensi)];
  const known = await db.selectFrom('kompetensi').select('kode').where('kode', 'in', wanted).execute();
  if (known.length !== wanted.length) throw fieldError('COMPETENCY_INVALID', 'kompetensi', 'tidak_dikenal');
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('professional_certifications')
      .values({
        user_id: userId,
        jenis: input.jenis,
        nomor: input.nomor,
        kompetensi: wanted,
        berlaku_sampai: input.berlakuSampai ?? null,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'competency.certification',
      entityType: 'user',
      entityId: userId,
      wilayah: worker.wilayah,
      details: { id: row.id, kompetensi: wanted, berlakuSampai: input.berlakuSampai ?? null },
    });
  });
  return rowOf(db, actor, userId, now);
}

/** JP completed per pendamping in a year (certificates not revoked, by the event's last day) against the target. */
export async function developmentHours(
  db: Kysely<DB>,
  actor: Actor,
  tahun: number,
  wilayah: string | undefined,
): Promise<DevelopmentHours> {
  const hours = db
    .selectFrom('training_certificates as c')
    .innerJoin('trainings as t', 't.id', 'c.training_id')
    .select(['c.user_id', sql<number>`sum(c.jp)::int`.as('jp')])
    .where('c.revoked_at', 'is', null)
    .where('t.selesai', '>=', `${tahun}-01-01`)
    .where('t.selesai', '<=', `${tahun}-12-31`)
    .groupBy('c.user_id')
    .as('h');
  const rows = await pendampingOf(db, actor, wilayah)
    .leftJoin(hours, 'h.user_id', 'users.id')
    .select(sql<number>`coalesce(h.jp, 0)`.as('jp'))
    .orderBy('users.wilayah')
    .orderBy('users.nama_lengkap')
    .execute();
  return {
    tahun,
    target: TARGET_JP_TAHUNAN,
    dasar: DASAR_TARGET_JP,
    items: rows.map((r) => ({
      userId: r.id,
      nama: r.nama_lengkap ?? r.username,
      wilayah: r.wilayah!,
      jp: Number(r.jp),
      tercapai: Number(r.jp) >= TARGET_JP_TAHUNAN,
    })),
  };
}
