import { processingBases, type ProcessingBasis, type TujuanPemrosesan } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { auditPeopleRead, loadBeneficiary } from './beneficiary-service.js';

/**
 * For each processing purpose, the legal basis it rests on for this person and whether the data
 * may be processed for it now (UU 27/2022 Pasal 20): a withdrawn consent ends only the purposes
 * that rest on consent.
 */
export async function processingBasesOf(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  beneficiaryId: string,
): Promise<ProcessingBasis[]> {
  const person = await loadBeneficiary(db, actor, beneficiaryId);
  await auditPeopleRead(db, actor, origin, 'beneficiary.processing_bases.read', [person]);
  const [affected, referred, consents] = await Promise.all([
    db.selectFrom('disaster_affected').select('id').where('beneficiary_id', '=', person.id).limit(1).executeTakeFirst(),
    db
      .selectFrom('rujukan as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .select('r.id')
      .where('c.beneficiary_id', '=', person.id)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('beneficiary_consents')
      .select('kode_tujuan')
      .where('beneficiary_id', '=', person.id)
      .where('dicabut_pada', 'is', null)
      .where('kode_tujuan', 'is not', null)
      .execute(),
  ]);
  const active = new Set(consents.map((c) => c.kode_tujuan as TujuanPemrosesan));
  return processingBases({ anak: person.anak, korbanBencana: affected !== undefined, dirujuk: referred !== undefined }, active);
}
