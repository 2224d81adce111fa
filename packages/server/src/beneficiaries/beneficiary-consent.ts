import { consentStatement, mayGiveConsent, type ConsentRecord, type HubunganPemberi, type TujuanPemrosesan } from '@tuntas/domain';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { beneficiaryPolicy } from '../authz/policies.js';
import type { BeneficiaryConsentsTable, DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { hidesIdentity, maskName } from '../authz/identity-protection.js';
import { assertIdentityOpen, auditPeopleRead, loadBeneficiary } from './beneficiary-service.js';

function toConsentView(row: Selectable<BeneficiaryConsentsTable>): ConsentRecord {
  return {
    id: row.id,
    tujuan: row.tujuan,
    kodeTujuan: row.kode_tujuan,
    pemberiNama: row.pemberi_nama,
    hubungan: row.hubungan,
    diberikanPada: row.diberikan_pada.toISOString(),
    dicatatOleh: row.dicatat_oleh,
    dicatatPada: row.dicatat_pada.toISOString(),
    dicabutPada: row.dicabut_pada?.toISOString() ?? null,
    aktif: row.dicabut_pada === null,
    pernyataan: row.pernyataan,
  };
}

export async function listConsents(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, beneficiaryId: string): Promise<ConsentRecord[]> {
  const person = await loadBeneficiary(db, actor, beneficiaryId);
  await auditPeopleRead(db, actor, origin, 'beneficiary.consent.read', [person]);
  const rows = await db
    .selectFrom('beneficiary_consents')
    .selectAll()
    .where('beneficiary_id', '=', beneficiaryId)
    .orderBy('diberikan_pada', 'desc')
    .execute();
  // A parent's or guardian's name identifies a protected child as surely as the child's own.
  const hidden = hidesIdentity(person);
  return rows.map((r) => ({ ...toConsentView(r), ...(hidden ? { pemberiNama: maskName(r.pemberi_nama) } : {}) }));
}

export interface NewConsent {
  tujuan: string;
  /** The purpose of the catalogue; without it, consent to the rehabilitation service itself. */
  kodeTujuan?: TujuanPemrosesan | undefined;
  pemberiNama: string;
  hubungan: HubunganPemberi;
  diberikanPada: string;
}

/**
 * Records consent (UU 27/2022 Pasal 20) for one purpose, with what the person was told: the
 * purpose's basis, retention and their rights (Pasal 21). A child's comes from a parent or
 * guardian (Pasal 25), never from the child or a legal companion.
 */
export async function addConsent(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  beneficiaryId: string,
  input: NewConsent,
): Promise<ConsentRecord> {
  if (!beneficiaryPolicy.write(actor)) throw new AppError('FORBIDDEN');
  const person = await loadBeneficiary(db, actor, beneficiaryId);
  assertIdentityOpen(actor, person);
  if (!mayGiveConsent(input.hubungan, person.anak)) throw new AppError('CONSENT_GUARDIAN_REQUIRED');
  const kodeTujuan = input.kodeTujuan ?? 'rehabilitasi_sosial';
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('beneficiary_consents')
      .values({
        beneficiary_id: beneficiaryId,
        provinsi: person.provinsi,
        tujuan: input.tujuan.trim(),
        pemberi_nama: input.pemberiNama.trim(),
        hubungan: input.hubungan,
        diberikan_pada: new Date(input.diberikanPada),
        dicatat_oleh: actor.id,
        dicabut_pada: null,
        dicabut_oleh: null,
        kode_tujuan: kodeTujuan,
        pernyataan: JSON.stringify(consentStatement(kodeTujuan)),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'beneficiary.consent_add',
      entityType: 'beneficiary',
      entityId: beneficiaryId,
      wilayah: person.kode_desa,
      details: { consentId: row.id, tujuan: row.tujuan, kodeTujuan, hubungan: row.hubungan },
    });
    return toConsentView(row);
  });
}

export async function withdrawConsent(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  beneficiaryId: string,
  consentId: string,
): Promise<ConsentRecord> {
  if (!beneficiaryPolicy.write(actor)) throw new AppError('FORBIDDEN');
  const person = await loadBeneficiary(db, actor, beneficiaryId);
  assertIdentityOpen(actor, person);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('beneficiary_consents')
      .set({ dicabut_pada: new Date(), dicabut_oleh: actor.id })
      .where('id', '=', consentId)
      .where('beneficiary_id', '=', beneficiaryId)
      .where('dicabut_pada', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx
        .selectFrom('beneficiary_consents')
        .select('id')
        .where('id', '=', consentId)
        .where('beneficiary_id', '=', beneficiaryId)
        .executeTakeFirst();
      throw exists ? new AppError('CONFLICT', { reason: 'ALREADY_WITHDRAWN' }) : notFound();
    }
    await recordAudit(trx, actor, origin, {
      action: 'beneficiary.consent_withdraw',
      entityType: 'beneficiary',
      entityId: beneficiaryId,
      wilayah: person.kode_desa,
      details: { consentId },
    });
    return toConsentView(row);
  });
}
