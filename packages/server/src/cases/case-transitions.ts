import {
  applyTransition,
  canClose,
  canReopen,
  canVerify,
  checkTransition,
  deriveStatus,
  stageRequirements,
  type CaseRecord,
  type CaseState,
  type CloseReason,
  type TahapanCode,
} from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { casePolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, versionConflict } from '../http/app-error.js';
import { appendCaseEvent, type CaseEventInput } from './case-events.js';
import { assertNoOtherOpenCase, caseConflict, getCase, loadCase } from './case-service.js';
import { caseState, stageFacts, toCaseView, type CaseRow } from './case-view.js';
import { scheduleFollowUps } from '../casework/followups.js';
import { unmetOutcomes } from '../casework/outcomes.js';
import { workerClock } from '../workforce/worker.js';

interface StateChange {
  state: CaseState;
  closeReason: CloseReason | null;
  verifiedBy?: string | null;
  event: CaseEventInput;
  audit: string;
  /** More writes that belong to the same change (e.g. the follow-up schedule). */
  alsoIn?: (trx: Kysely<DB>) => Promise<void>;
}

/**
 * Writes a new workflow state under optimistic locking: the UPDATE names the version that was
 * judged, so two people moving the same case at once cannot both succeed.
 */
async function commit(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, current: CaseRow, change: StateChange): Promise<CaseRecord> {
  const { state } = change;
  const stageChanged = state.tahapan !== current.tahapan;
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('cases')
      .set({
        tahapan: state.tahapan,
        status: deriveStatus(state),
        ditutup_alasan: change.closeReason,
        diverifikasi_oleh: state.verified ? (change.verifiedBy ?? current.diverifikasi_oleh) : null,
        diverifikasi_pada: state.verified ? (change.verifiedBy ? new Date() : current.diverifikasi_pada) : null,
        ...(stageChanged ? { tahapan_sejak: new Date() } : {}),
        updated_by: actor.id,
        updated_at: new Date(),
        version: sql<number>`version + 1`,
      })
      .where('id', '=', current.id)
      .where('version', '=', current.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw await caseConflict(trx, actor, current.id);
    await appendCaseEvent(trx, current.id, actor, change.event);
    await change.alsoIn?.(trx);
    await recordAudit(trx, actor, origin, {
      action: change.audit,
      entityType: 'case',
      entityId: current.id,
      wilayah: current.wilayah,
      details: { dari: current.tahapan, ke: state.tahapan, status: deriveStatus(state) },
    });
  });
  return getCase(db, actor, current.id);
}

async function loadForChange(db: Kysely<DB>, actor: Actor, id: string, version: number | undefined): Promise<CaseRow> {
  const current = await loadCase(db, actor, id);
  if (version !== undefined && version !== current.version) throw versionConflict(toCaseView(current, actor));
  return current;
}

export async function transitionCase(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: { to: TahapanCode; catatan?: string | undefined; version?: number | undefined },
): Promise<CaseRecord> {
  const current = await loadForChange(db, actor, id, input.version);
  if (!casePolicy.work(actor, current)) throw new AppError('FORBIDDEN');
  const state = caseState(current);
  const check = checkTransition(state, input.to);
  if (!check.ok) throw new AppError(check.refusal, { dari: current.tahapan, ke: input.to });
  const kurang = stageRequirements(input.to, stageFacts(current));
  if (kurang.length > 0) throw new AppError('STAGE_REQUIREMENT_MISSING', { dari: current.tahapan, ke: input.to, kurang });
  return commit(db, actor, origin, current, {
    state: applyTransition(state, input.to),
    closeReason: null,
    event: { jenis: 'tahapan', dariTahapan: current.tahapan, keTahapan: input.to, catatan: input.catatan?.trim() || null },
    audit: 'case.transition',
    ...(input.to === 'bimbingan_lanjut'
      ? { alsoIn: (trx: Kysely<DB>) => scheduleFollowUps(trx, current.id, workerClock(current.wilayah, new Date()).tanggal) }
      : {}),
  });
}

export async function closeCase(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: { alasan: CloseReason; catatan?: string | undefined; version?: number | undefined },
): Promise<CaseRecord> {
  const current = await loadForChange(db, actor, id, input.version);
  if (!casePolicy.work(actor, current)) throw new AppError('FORBIDDEN');
  const state = caseState(current);
  if (!canClose(state)) throw new AppError(state.closed ? 'CASE_CLOSED' : 'CASE_ACTION_NOT_ALLOWED');
  const catatan = input.catatan?.trim() || null;
  // "Other" without an explanation would leave the closure unexplainable in an audit.
  if (input.alasan === 'lainnya' && !catatan) throw new AppError('CASE_INVALID', [{ field: 'catatan', code: 'WAJIB_UNTUK_LAINNYA' }]);
  return commit(db, actor, origin, current, {
    state: { ...state, closed: true, verified: false },
    closeReason: input.alasan,
    event: { jenis: 'ditutup', dariTahapan: current.tahapan, catatan, data: { alasan: input.alasan } },
    audit: 'case.close',
  });
}

export async function reopenCase(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: { alasan: string; version?: number | undefined },
): Promise<CaseRecord> {
  const current = await loadForChange(db, actor, id, input.version);
  if (!casePolicy.superviseCase(actor, current)) throw new AppError('FORBIDDEN');
  const state = caseState(current);
  if (!canReopen(state)) throw new AppError('CASE_ACTION_NOT_ALLOWED');
  await assertNoOtherOpenCase(db, current.beneficiary_id, current.ppks, current.id);
  return commit(db, actor, origin, current, {
    state: { ...state, closed: false },
    closeReason: null,
    event: {
      jenis: 'dibuka_kembali',
      keTahapan: current.tahapan,
      catatan: input.alasan.trim(),
      data: { ditutupKarena: current.ditutup_alasan },
    },
    audit: 'case.reopen',
  });
}

/** The koordinator's confirmation at terminasi that the outcome was reached: from here the case counts as terselesaikan. */
export async function verifyResolution(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: { catatan?: string | undefined; version?: number | undefined },
): Promise<CaseRecord> {
  const current = await loadForChange(db, actor, id, input.version);
  if (!casePolicy.superviseCase(actor, current)) throw new AppError('FORBIDDEN');
  const state = caseState(current);
  if (state.closed) throw new AppError('CASE_CLOSED');
  if (!canVerify(state)) throw new AppError('CASE_ACTION_NOT_ALLOWED');
  // Resolved must be provable: every outcome criterion of the category met, each with its evidence.
  const unmet = await unmetOutcomes(db, current.id, current.ppks);
  if (unmet.length > 0) throw new AppError('OUTCOME_NOT_MET', { kriteria: unmet });
  // Four eyes: outcomes are verified by someone other than whoever recorded them.
  const own = await db
    .selectFrom('case_outcomes')
    .select('kriteria')
    .where('case_id', '=', current.id)
    .where('updated_by', '=', actor.id)
    .executeTakeFirst();
  if (own) throw new AppError('FOUR_EYES_REQUIRED', { kriteria: own.kriteria });
  return commit(db, actor, origin, current, {
    state: { ...state, verified: true },
    closeReason: null,
    verifiedBy: actor.id,
    event: { jenis: 'diverifikasi', dariTahapan: current.tahapan, keTahapan: current.tahapan, catatan: input.catatan?.trim() || null },
    audit: 'case.verify',
  });
}
