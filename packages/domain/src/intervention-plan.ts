/**
 * The intervention plan (rencana intervensi) and its review: the pendamping drafts it, submits it,
 * the koordinator approves it or returns it with a comment; a returned plan is edited and submitted
 * again. An approved plan is the agreement the intervention is measured against; revising it (the
 * case sent back to rencana) starts a new draft.
 */
export const PLAN_STATUSES = ['draf', 'diajukan', 'disetujui', 'dikembalikan'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export function planEditable(status: PlanStatus): boolean {
  return status === 'draf' || status === 'dikembalikan';
}

export function planReviewable(status: PlanStatus): boolean {
  return status === 'diajukan';
}

/** Transfers of a case to another pendamping wait for the receiving side to accept. */
export const TRANSFER_STATUSES = ['diajukan', 'diterima', 'ditolak', 'dibatalkan'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Follow-up visits of bimbingan lanjut, scheduled on entering the stage: after 1, 3 and 6 months. */
export const FOLLOW_UP_DAYS = [30, 90, 180] as const;
export const FOLLOW_UP_CONDITIONS = ['stabil', 'perlu_perhatian', 'kambuh'] as const;
export type FollowUpCondition = (typeof FOLLOW_UP_CONDITIONS)[number];
