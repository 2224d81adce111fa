import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { casePolicy } from '../authz/policies.js';
import { appendCaseEvent, type CaseEventInput } from '../cases/case-events.js';
import { hidesIdentity } from '../authz/identity-protection.js';
import { auditCaseReads, loadCase } from '../cases/case-service.js';
import type { CaseRow } from '../cases/case-view.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';

/**
 * Work inside a case (assessments, plans, services, referrals…) is allowed to whoever may work the
 * case itself, and only while it is open. A case out of scope is simply not found.
 */
export async function caseForWork(db: Kysely<DB>, actor: Actor, caseId: string): Promise<CaseRow> {
  const kase = await loadCase(db, actor, caseId);
  if (!casePolicy.work(actor, kase)) throw new AppError('FORBIDDEN');
  if (kase.status === 'ditutup') throw new AppError('CASE_CLOSED');
  return kase;
}

/**
 * The working file (assessment, plan, services, attachments, referrals…) of a protected person is
 * specific data (UU 27/2022 Pasal 4(2)): read only by those who see the identity, and every read
 * by anyone but the person's own pendamping is audited.
 */
export async function caseForReading(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string, part: string): Promise<CaseRow> {
  const kase = await loadCase(db, actor, caseId);
  await auditCaseReads(db, actor, origin, `case.${part}.read`, [kase]);
  if (hidesIdentity(kase)) throw new AppError(actor.role === 'auditor' ? 'BREAK_GLASS_REQUIRED' : 'IDENTITY_PROTECTED');
  return kase;
}

/** Every change inside a case lands on its timeline and in the audit trail, in the same transaction. */
export async function recordCaseWork(
  trx: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  kase: Pick<CaseRow, 'id' | 'wilayah'>,
  event: CaseEventInput,
  audit: { action: string; entityId?: string; details?: Record<string, unknown> },
): Promise<void> {
  await appendCaseEvent(trx, kase.id, actor, event);
  await recordAudit(trx, actor, origin, {
    action: audit.action,
    entityType: 'case',
    entityId: audit.entityId ?? kase.id,
    wilayah: kase.wilayah,
    details: { caseId: kase.id, ...audit.details },
  });
}
