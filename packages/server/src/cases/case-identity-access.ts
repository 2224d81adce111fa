import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError } from '../http/app-error.js';
import { getCase, loadCase } from './case-service.js';
import type { CaseRecord } from '@tuntas/domain';

/** How long an auditor's recorded reason opens a protected identity. */
export const BREAK_GLASS_MINUTES = 60;

/** Cases among `ids` whose identity the auditor has opened and that are still within the window. */
export async function openedCases(db: Kysely<DB>, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  if (actor.role !== 'auditor' || ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('case_identity_access')
    .select('case_id')
    .where('user_id', '=', actor.id)
    .where('case_id', 'in', ids)
    .where('berlaku_sampai', '>', new Date())
    .execute();
  return new Set(rows.map((r) => r.case_id));
}

/** Break-glass: the auditor states why, the reason is audited, and the identity opens for an hour. */
export async function openCaseIdentity(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string, alasan: string): Promise<CaseRecord> {
  const kase = await loadCase(db, actor, caseId);
  if (actor.role !== 'auditor') throw new AppError('FORBIDDEN');
  const reason = alasan.trim();
  if (reason.length < 10) throw fieldError('CASE_INVALID', 'alasan', 'TERLALU_SINGKAT');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_identity_access')
      .values({ case_id: kase.id, user_id: actor.id, alasan: reason, berlaku_sampai: new Date(Date.now() + BREAK_GLASS_MINUTES * 60_000) })
      .execute();
    await recordAudit(trx, actor, origin, { action: 'case.identity.break_glass', entityType: 'case', entityId: kase.id, wilayah: kase.wilayah, details: { alasan: reason, menit: BREAK_GLASS_MINUTES } });
  });
  return getCase(db, actor, caseId);
}
