import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { beneficiaryPolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { identitySelections } from '../authz/identity-protection.js';
import { assertIdentityOpen, loadBeneficiary } from './beneficiary-service.js';
import { toBeneficiaryView, type BeneficiaryRow, type BeneficiaryView } from './beneficiary-view.js';

/** How alike two name keys must be (pg_trgm similarity) to be proposed as the same person. */
const NAME_SIMILARITY = 0.5;
/** How far apart two birth dates may be when one of them is an estimate or the person has no NIK. */
const AGE_TOLERANCE_YEARS = 2;

export interface DuplicatePair {
  a: BeneficiaryView;
  b: BeneficiaryView;
  skor: number;
}

function assertAllowed(actor: Actor): void {
  if (!beneficiaryPolicy.resolveDuplicates(actor)) throw new AppError('FORBIDDEN');
}

/** Pairs as (lower id, higher id) with their name similarity, inside the caller's scope. */
function pairs(db: Kysely<DB>, actor: Actor, rule: 'same_birth_date' | 'estimated_age') {
  const joined =
    rule === 'same_birth_date'
      ? db.selectFrom('beneficiaries as a').innerJoin('beneficiaries as b', (join) =>
          join
            .onRef('b.tanggal_lahir', '=', 'a.tanggal_lahir')
            .on(sql`left(b.kode_desa, 5)`, '=', sql`left(a.kode_desa, 5)`)
            .on(sql<boolean>`a.id < b.id`),
        )
      : // `a` is a person without NIK or with an estimated age; `b` anyone of the same regency
        // and sex born within two years. Two such people meet from both sides: counted once.
        db
          .selectFrom('beneficiaries as a')
          .innerJoin('beneficiaries as b', (join) =>
            join
              .on(sql`left(b.kode_desa, 5)`, '=', sql`left(a.kode_desa, 5)`)
              .onRef('b.jenis_kelamin', '=', 'a.jenis_kelamin')
              .on(
                sql<boolean>`b.tanggal_lahir between (a.tanggal_lahir - ${AGE_TOLERANCE_YEARS}::int * interval '1 year')::date
                                               and (a.tanggal_lahir + ${AGE_TOLERANCE_YEARS}::int * interval '1 year')::date`,
              )
              .on(sql<boolean>`b.id <> a.id`),
          )
          .where(sql<boolean>`(a.nik is null or a.tanggal_lahir_perkiraan)`)
          .where(sql<boolean>`(not (b.nik is null or b.tanggal_lahir_perkiraan) or a.id < b.id)`);
  return joined
    .where((eb) => inScope(eb, eb.ref('a.kode_desa'), actor))
    .where((eb) => inScope(eb, eb.ref('b.kode_desa'), actor))
    .where(sql<boolean>`similarity(a.nama_kunci, b.nama_kunci) >= ${NAME_SIMILARITY}`)
    .select([
      sql<string>`least(a.id, b.id)`.as('aId'),
      sql<string>`greatest(a.id, b.id)`.as('bId'),
      sql<number>`similarity(a.nama_kunci, b.nama_kunci)`.as('skor'),
    ]);
}

/**
 * People who are probably one: similar name (spelling-folded), same regency, and the same birth
 * date — or, when one of them has no NIK or only an estimated age, the same sex and born within
 * two years of each other (an estimate is rarely exact). Pairs judged distinct are not proposed.
 */
export async function listDuplicateCandidates(
  db: Kysely<DB>,
  actor: Actor,
  page: { page: number; pageSize: number },
): Promise<{ items: DuplicatePair[]; total: number }> {
  assertAllowed(actor);
  const base = db
    .selectFrom(
      pairs(db, actor, 'same_birth_date')
        .union(pairs(db, actor, 'estimated_age'))
        .as('p'),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('beneficiary_distinct_pairs as d').select('d.a_id').whereRef('d.a_id', '=', 'p.aId').whereRef('d.b_id', '=', 'p.bId'),
        ),
      ),
    );
  const [found, count] = await Promise.all([
    base
      .select(['p.aId', 'p.bId', 'p.skor'])
      .orderBy('p.skor', 'desc')
      .orderBy('p.aId')
      .orderBy('p.bId')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = found.flatMap((p) => [p.aId, p.bId]);
  const people = ids.length
    ? await db
        .selectFrom('beneficiaries')
        .selectAll('beneficiaries')
        .select(identitySelections(actor, 'beneficiaries'))
        .where('id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(people.map((p) => [p.id, toBeneficiaryView(p as BeneficiaryRow)]));
  return {
    items: found.map((p) => ({ a: byId.get(p.aId)!, b: byId.get(p.bId)!, skor: Number(Number(p.skor).toFixed(3)) })),
    total: Number(count.n),
  };
}

/**
 * Keeps `survivorId`, fills its empty fields from the duplicate, moves everything linked to the
 * duplicate onto it, and removes the duplicate — one transaction, one audit event that keeps the
 * duplicate's identity so the merge can be understood later.
 */
export async function mergeBeneficiaries(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  survivorId: string,
  duplicateId: string,
): Promise<BeneficiaryView> {
  assertAllowed(actor);
  if (survivorId === duplicateId) throw new AppError('CONFLICT', { reason: 'SAME_PERSON' });
  const survivor = await loadBeneficiary(db, actor, survivorId);
  const duplicate = await loadBeneficiary(db, actor, duplicateId);
  assertIdentityOpen(actor, survivor);
  assertIdentityOpen(actor, duplicate);
  return db.transaction().execute((trx) => mergeInTransaction(trx, actor, origin, survivor, duplicate));
}

/**
 * The merge itself, inside the caller's transaction (also used when a person without NIK is given
 * the NIK of an existing record). The survivor keeps its own values and takes what it lacks: the
 * duplicate's NIK (so a record without NIK merged into, or with, one that has it ends with the
 * NIK), a real birth date over an estimate, and the temporary number, so old papers still find
 * the person.
 */
/**
 * A disaster registration (issue 18) follows its person into the surviving record, which is a
 * registry person from then on; when the survivor was registered in the same event too, both
 * registrations are flagged as a possible duplicate for a person to settle (never dropped).
 */
async function moveDisasterRecords(trx: Kysely<DB>, survivorId: string, duplicateId: string): Promise<void> {
  await sql`update disaster_affected a set kemungkinan_ganda = true, version = a.version + 1
    where a.beneficiary_id in (${survivorId}, ${duplicateId})
      and exists (select 1 from disaster_affected o where o.disaster_id = a.disaster_id and o.id <> a.id
        and o.beneficiary_id in (${survivorId}, ${duplicateId}))`.execute(trx);
  await trx
    .updateTable('disaster_affected')
    .set({ beneficiary_id: survivorId, terhubung_registri: true, version: sql<number>`version + 1` })
    .where('beneficiary_id', '=', duplicateId)
    .execute();
}

export async function mergeInTransaction(
  trx: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  survivor: BeneficiaryRow,
  duplicate: BeneficiaryRow,
  details: Record<string, unknown> = {},
): Promise<BeneficiaryView> {
  const survivorId = survivor.id;
  const duplicateId = duplicate.id;
  const clash = await trx
    .selectFrom('cases as a')
    .innerJoin('cases as b', (j) => j.onRef('a.ppks', '=', 'b.ppks'))
    .select(['a.nomor as survivorCase', 'b.nomor as duplicateCase'])
    .where('a.beneficiary_id', '=', survivorId)
    .where('b.beneficiary_id', '=', duplicateId)
    .where('a.status', 'in', ['terdata', 'tertangani'])
    .where('b.status', 'in', ['terdata', 'tertangani'])
    .executeTakeFirst();
  // One open case per person and problem: two open cases of one category must be closed into one first.
  if (clash) throw new AppError('CONFLICT', { reason: 'KASUS_TERBUKA_SUDAH_ADA', ...clash });
  await trx.updateTable('identity_access').set({ beneficiary_id: survivorId }).where('beneficiary_id', '=', duplicateId).execute();
  await trx.updateTable('beneficiary_consents').set({ beneficiary_id: survivorId }).where('beneficiary_id', '=', duplicateId).execute();
  await trx.updateTable('cases').set({ beneficiary_id: survivorId }).where('beneficiary_id', '=', duplicateId).execute();
  await moveDisasterRecords(trx, survivorId, duplicateId);
  await trx.deleteFrom('beneficiaries').where('id', '=', duplicateId).execute();
  // The NIK's own facts come with it (its digits carry birth date and sex); otherwise a real
  // birth date wins over an estimate.
  const nikFrom = survivor.nik === null && duplicate.nik !== null ? duplicate : survivor;
  const nik = nikFrom.nik;
  const realDate = nikFrom === duplicate || (survivor.tanggal_lahir_perkiraan && !duplicate.tanggal_lahir_perkiraan) ? duplicate : survivor;
  const row = await trx
    .updateTable('beneficiaries')
    .set({
      nik,
      alasan_tanpa_nik: nik === null ? survivor.alasan_tanpa_nik : null,
      nomor_sementara: survivor.nomor_sementara ?? duplicate.nomor_sementara,
      tanggal_lahir: realDate.tanggal_lahir,
      tanggal_lahir_perkiraan: realDate.tanggal_lahir_perkiraan,
      jenis_kelamin: nikFrom.jenis_kelamin,
      no_kk: survivor.no_kk ?? duplicate.no_kk,
      tempat_lahir: survivor.tempat_lahir ?? duplicate.tempat_lahir,
      alamat: survivor.alamat ?? duplicate.alamat,
      kategori_ppks: survivor.kategori_ppks ?? duplicate.kategori_ppks,
      telepon: survivor.telepon ?? duplicate.telepon,
      disabilitas: survivor.disabilitas ?? duplicate.disabilitas,
      catatan: survivor.catatan ?? duplicate.catatan,
      updated_by: actor.id,
      updated_at: new Date(),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', survivorId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, origin, {
    action: 'beneficiary.merge',
    entityType: 'beneficiary',
    entityId: survivorId,
    wilayah: survivor.kode_desa,
    // Ids only: the trail must not become a second copy of a protected person's identity.
    details: { merged: { id: duplicate.id }, ...details },
  });
  return toBeneficiaryView(await loadBeneficiary(trx, actor, row.id));
}

export async function markDistinct(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, firstId: string, secondId: string): Promise<void> {
  assertAllowed(actor);
  if (firstId === secondId) throw new AppError('CONFLICT', { reason: 'SAME_PERSON' });
  const a = await loadBeneficiary(db, actor, firstId);
  await loadBeneficiary(db, actor, secondId);
  const [low, high] = firstId < secondId ? [firstId, secondId] : [secondId, firstId];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('beneficiary_distinct_pairs')
      .values({ a_id: low, b_id: high, decided_by: actor.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'beneficiary.mark_distinct',
      entityType: 'beneficiary',
      entityId: low,
      wilayah: a.kode_desa,
      details: { other: high },
    });
  });
}
