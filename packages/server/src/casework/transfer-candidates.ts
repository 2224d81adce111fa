import type { TransferCandidate } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { caseForWork } from './case-work-access.js';

/**
 * The colleagues a case may be handed to (issue 21): active pendamping of the case's province whose
 * assignment area holds the case's area, within the caller's province, other than its owner — the
 * same test `proposeTransfer` applies when no new area is named. Whoever may work the case asks
 * here, a pendamping too (the caseload list is a koordinator's), and learns only names: a
 * colleague's caseload, contact or account is not theirs to read.
 */
export async function transferCandidates(db: Kysely<DB>, actor: Actor, caseId: string): Promise<TransferCandidate[]> {
  const kase = await caseForWork(db, actor, caseId);
  const province = kase.wilayah.slice(0, 2);
  if (actor.wilayah && actor.wilayah.slice(0, 2) !== province) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', (eb) => eb.fn.coalesce('nama_lengkap', 'username').as('nama')])
    .where('role', '=', 'pendamping')
    .where('disabled_at', 'is', null)
    .where('wilayah', 'is not', null)
    .where(sql<boolean>`left(wilayah, 2) = ${province}`)
    // The colleague's area holds the case's: the area itself or one of its parents.
    .where(sql<boolean>`(${kase.wilayah} = wilayah or ${kase.wilayah} like wilayah || '.%')`)
    .$if(kase.pendamping_id !== null, (q) => q.where('id', '!=', kase.pendamping_id!))
    .orderBy('nama')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, nama: r.nama }));
}
