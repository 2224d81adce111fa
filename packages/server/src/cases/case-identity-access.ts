import type { CaseRecord } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { loadBeneficiary } from '../beneficiaries/beneficiary-service.js';
import { toBeneficiaryView, type BeneficiaryView } from '../beneficiaries/beneficiary-view.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError } from '../http/app-error.js';
import { getCase, loadCase } from './case-service.js';

/** How long an auditor's recorded reason opens a protected identity. */
export const BREAK_GLASS_MINUTES = 60;

/**
 * Break-glass: the auditor states why, the reason is audited, and the person — with every case of
 * theirs — opens for an hour. Identity belongs to the person, so opening one of their cases opens
 * them (the rule in `identity-protection.ts` reads `identity_access` by person).
 */
async function openIdentity(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  target: { beneficiaryId: string; caseId: string | null; wilayah: string },
  alasan: string,
): Promise<void> {
  if (actor.role !== 'auditor') throw new AppError('FORBIDDEN');
  const reason = alasan.trim();
  if (reason.length < 10) throw fieldError('CASE_INVALID', 'alasan', 'TERLALU_SINGKAT');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('identity_access')
      .values({
        beneficiary_id: target.beneficiaryId,
        case_id: target.caseId,
        user_id: actor.id,
        alasan: reason,
        berlaku_sampai: new Date(Date.now() + BREAK_GLASS_MINUTES * 60_000),
      })
      .execute();
    await recordAudit(trx, actor, origin, {
      action: target.caseId ? 'case.identity.break_glass' : 'beneficiary.identity.break_glass',
      entityType: target.caseId ? 'case' : 'beneficiary',
      entityId: target.caseId ?? target.beneficiaryId,
      subjectId: target.beneficiaryId,
      wilayah: target.wilayah,
      details: { alasan: reason, menit: BREAK_GLASS_MINUTES },
    });
  });
}

export async function openCaseIdentity(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  alasan: string,
): Promise<CaseRecord> {
  const kase = await loadCase(db, actor, caseId);
  await openIdentity(db, actor, origin, { beneficiaryId: kase.beneficiary_id, caseId: kase.id, wilayah: kase.wilayah }, alasan);
  return getCase(db, actor, caseId);
}

export async function openPersonIdentity(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  beneficiaryId: string,
  alasan: string,
): Promise<BeneficiaryView> {
  const person = await loadBeneficiary(db, actor, beneficiaryId);
  await openIdentity(db, actor, origin, { beneficiaryId: person.id, caseId: null, wilayah: person.kode_desa }, alasan);
  return toBeneficiaryView(await loadBeneficiary(db, actor, beneficiaryId));
}
