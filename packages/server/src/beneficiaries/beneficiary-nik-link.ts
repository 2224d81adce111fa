import { isWithinScope } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { beneficiaryPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, versionConflict } from '../http/app-error.js';
import { mergeInTransaction } from './beneficiary-duplicates.js';
import { validateBeneficiary } from './beneficiary-rules.js';
import { assertIdentityOpen, assertWritable, fieldsOf, loadBeneficiary, personConflict } from './beneficiary-service.js';
import { toBeneficiaryView, type BeneficiaryRow, type BeneficiaryView } from './beneficiary-view.js';

export interface NikLink {
  /** The version of the record read. */
  version: number;
  nik: string;
  /** Required when the stored birth date is an estimate: the NIK is checked against the real one. */
  tanggalLahir?: string | undefined;
  jenisKelamin?: string | undefined;
  kodeDesa?: string | undefined;
}

/**
 * Gives a person registered without NIK their NIK, once it is known (UU 24/2013 Pasal 13: one
 * NIK for life, issued by Dukcapil). The record is kept — cases, consents, the audit trail and
 * the temporary number stay with it — and the NIK is checked as strictly as at registration,
 * against the real birth date (which replaces the estimate), sex and area. When the NIK already
 * belongs to another record, the two are one person: a koordinator or admin of the area merges
 * them here with the registry's merge (the record holding the NIK survives, history moves onto
 * it); anyone else is told to ask them.
 */
export async function linkNik(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, id: string, link: NikLink): Promise<BeneficiaryView> {
  const current = await loadBeneficiary(db, actor, id);
  assertWritable(actor, current.kode_desa);
  assertIdentityOpen(actor, current);
  if (current.nik !== null) throw new AppError('NIK_ALREADY_LINKED');
  if (current.version !== link.version) throw versionConflict(toBeneficiaryView(current));
  const before = fieldsOf(current);
  const input = await validateBeneficiary(db, {
    ...before,
    nik: link.nik,
    alasanTanpaNik: null,
    perkiraanUmur: null,
    tanggalLahir: link.tanggalLahir ?? before.tanggalLahir,
    jenisKelamin: link.jenisKelamin ?? before.jenisKelamin,
    kodeDesa: link.kodeDesa ?? before.kodeDesa,
  });
  assertWritable(actor, input.kodeDesa);
  const nik = input.nik!;
  const changed = [
    'nik',
    ...(input.tanggalLahir !== current.tanggal_lahir || current.tanggal_lahir_perkiraan ? ['tanggalLahir'] : []),
    ...(input.jenisKelamin !== current.jenis_kelamin ? ['jenisKelamin'] : []),
    ...(input.kodeDesa !== current.kode_desa ? ['kodeDesa'] : []),
  ];

  return db.transaction().execute(async (trx) => {
    const holder = await trx.selectFrom('beneficiaries').select(['id', 'kode_desa']).where('nik', '=', nik).executeTakeFirst();
    if (holder) {
      // Outside the caller's scope the record is not theirs to open: they learn only that the NIK is taken.
      if (!isWithinScope(actor.wilayah, holder.kode_desa)) throw new AppError('NIK_EXISTS');
      if (!beneficiaryPolicy.resolveDuplicates(actor)) throw new AppError('NIK_EXISTS_MERGE_REQUIRED', { id: holder.id });
      const survivor = await loadBeneficiary(trx, actor, holder.id);
      assertIdentityOpen(actor, survivor);
      const stale = await trx.selectFrom('beneficiaries').select('version').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!stale || stale.version !== link.version) throw await personConflict(trx, actor, id);
      const merged = await mergeInTransaction(trx, actor, origin, survivor, current, { nikLinked: true });
      await recordAudit(trx, actor, origin, {
        action: 'beneficiary.nik_link',
        entityType: 'beneficiary',
        entityId: id,
        subjectId: survivor.id,
        wilayah: current.kode_desa,
        details: { mergedInto: survivor.id },
      });
      return merged;
    }
    const row = await trx
      .updateTable('beneficiaries')
      .set({
        nik,
        alasan_tanpa_nik: null,
        tanggal_lahir: input.tanggalLahir,
        tanggal_lahir_perkiraan: false,
        jenis_kelamin: input.jenisKelamin,
        kode_desa: input.kodeDesa,
        provinsi: input.kodeDesa.slice(0, 2),
        updated_by: actor.id,
        updated_at: new Date(),
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', link.version)
      .where('nik', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw await personConflict(trx, actor, id);
    await recordAudit(trx, actor, origin, {
      action: 'beneficiary.nik_link',
      entityType: 'beneficiary',
      entityId: id,
      wilayah: row.kode_desa,
      // Field names only, never the NIK or the dates.
      details: { fields: changed, version: row.version, ...(row.kode_desa !== current.kode_desa ? { movedFrom: current.kode_desa } : {}) },
    });
    const after = await loadBeneficiary(trx, actor, id).catch(() => undefined);
    return after ? toBeneficiaryView(after) : toBeneficiaryView({ ...current, ...row, terbuka: false, pemilik: false } as BeneficiaryRow);
  });
}
