import { sql, type Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { hidesIdentity, identitySelections, maskName } from '../authz/identity-protection.js';
import type { DB } from '../db/schema.js';

export interface ActivityCase {
  id: string;
  nomor: string;
  /** The person as this reader may see them: initials where their identity is protected from them. */
  nama: string;
}

/**
 * For whom a report entry's work was done, named at read time by the one identity rule — a draft
 * stores case ids and numbers only, since the same entry is read by the pendamping, their
 * koordinator and the direktorat's recaps, who may see different things.
 */
export async function casesOfActivities(db: Kysely<DB>, actor: Actor, caseIds: readonly string[]): Promise<Map<string, ActivityCase>> {
  const ids = [...new Set(caseIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .innerJoin('beneficiaries', 'beneficiaries.id', 'cases.beneficiary_id')
    .select(['cases.id', 'cases.nomor', 'beneficiaries.nama'])
    .select(identitySelections(actor, 'beneficiaries'))
    .where('cases.id', '=', sql<string>`any(${ids}::uuid[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, nomor: r.nomor, nama: hidesIdentity(r) ? maskName(r.nama) : r.nama }]));
}
