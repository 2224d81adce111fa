import type { CaseEventRecord } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { hidesIdentity } from '../authz/identity-protection.js';
import type { DB } from '../db/schema.js';
import { auditCaseReads, loadCase } from './case-service.js';

/** A protected case seen masked keeps its dates and stages; its notes and details stay closed. */
export async function caseTimeline(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string): Promise<CaseEventRecord[]> {
  const kase = await loadCase(db, actor, caseId);
  await auditCaseReads(db, actor, origin, 'case.timeline.read', [kase]);
  const hidden = hidesIdentity(kase);
  const rows = await db.selectFrom('case_events').selectAll().where('case_id', '=', kase.id).orderBy('id').execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actorUsername: r.actor_username,
    jenis: r.jenis,
    dariTahapan: r.dari_tahapan,
    keTahapan: r.ke_tahapan,
    catatan: hidden ? null : r.catatan,
    data: hidden ? null : (r.data ?? null),
  }));
}
