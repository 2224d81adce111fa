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

export interface DuplicatePair {
  a: BeneficiaryView;
  b: BeneficiaryView;
  skor: number;
}

function assertAllowed(actor: Actor): void {
  if (!beneficiaryPolicy.resolveDuplicates(actor)) throw new AppError('FORBIDDEN');
}

/**
 * People who are probably one: same birth date, same regency, similar name (spelling-folded).
 * NIK is unique, so these differ in NIK: one of them is usually a typo or an old card.
 */
export async function listDuplicateCandidates(
  db: Kysely<DB>,
  actor: Actor,
  page: { page: number; pageSize: number },
): Promise<{ items: DuplicatePair[]; total: number }> {
  assertAllowed(actor);
  const base = db
    .selectFrom('beneficiaries as a')
    .innerJoin('beneficiaries as b', (join) =>
      join
        .onRef('b.tanggal_lahir', '=', 'a.tanggal_lahir')
        .on(sql`left(b.kode_desa, 5)`, '=', sql`left(a.kode_desa, 5)`)
        .on(sql<boolean>`a.id < b.id`),
    )
    .where((eb) => inScope(eb, eb.ref('a.kode_desa'), actor))
    .where((eb) => inScope(eb, eb.ref('b.kode_desa'), actor))
    .where(sql<boolean>`similarity(a.nama_kunci, b.nama_kunci) >= ${NAME_SIMILARITY}`)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('beneficiary_distinct_pairs as d').select('d.a_id').whereRef('d.a_id', '=', 'a.id').whereRef('d.b_id', '=', 'b.id'))),
    );
  const [pairs, count] = await Promise.all([
    base
      .select(['a.id as aId', 'b.id as bId', sql<number>`similarity(a.nama_kunci, b.nama_kunci)`.as('skor')])
      .orderBy('skor', 'desc')
      .orderBy('a.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = pairs.flatMap((p) => [p.aId, p.bId]);
  const people = ids.length
    ? await db.selectFrom('beneficiaries').selectAll('beneficiaries').select(identitySelections(actor, 'beneficiaries')).where('id', 'in', ids).execute()
    : [];
  const byId = new Map(people.map((p) => [p.id, toBeneficiaryView(p as BeneficiaryRow)]));
  return {
    items: pairs.map((p) => ({ a: byId.get(p.aId)!, b: byId.get(p.bId)!, skor: Number(Number(p.skor).toFixed(3)) })),
    total: count.n,
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
  return db.transaction().execute(async (trx) => {
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
    await trx.deleteFrom('beneficiaries').where('id', '=', duplicateId).execute();
    const row = await trx
      .updateTable('beneficiaries')
      .set({
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
      details: { merged: { id: duplicate.id } },
    });
    return toBeneficiaryView(await loadBeneficiary(trx, actor, row.id));
  });
}

export async function markDistinct(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, firstId: string, secondId: string): Promise<void> {
  assertAllowed(actor);
  if (firstId === secondId) throw new AppError('CONFLICT', { reason: 'SAME_PERSON' });
  const a = await loadBeneficiary(db, actor, firstId);
  await loadBeneficiary(db, actor, secondId);
  const [low, high] = firstId < secondId ? [firstId, secondId] : [secondId, firstId];
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('beneficiary_distinct_pairs').values({ a_id: low, b_id: high, decided_by: actor.id }).onConflict((oc) => oc.doNothing()).execute();
    await recordAudit(trx, actor, origin, {
      action: 'beneficiary.mark_distinct',
      entityType: 'beneficiary',
      entityId: low,
      wilayah: a.kode_desa,
      details: { other: high },
    });
  });
}
