import type { CaseStatus, TahapanCode } from './tahapan.js';

/**
 * The case workflow as data. A case moves forward one stage at a time; practice also sends it
 * back (a new assessment when the plan fails, the plan revised during intervention, intervention
 * resumed when terminasi finds the goals unmet). Everything not in this table is refused.
 */
export const TAHAPAN_TRANSITIONS: Readonly<Record<TahapanCode, readonly TahapanCode[]>> = {
  pendekatan_awal: ['asesmen'],
  asesmen: ['rencana'],
  rencana: ['intervensi', 'asesmen'],
  intervensi: ['resosialisasi', 'rencana', 'asesmen'],
  resosialisasi: ['terminasi', 'intervensi'],
  terminasi: ['bimbingan_lanjut', 'intervensi'],
  bimbingan_lanjut: [],
};

/** Why a case was closed without being resolved. */
export const CLOSE_REASONS = ['meninggal', 'pindah', 'menolak', 'tidak_dapat_dihubungi', 'dirujuk_keluar', 'lainnya'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export interface CaseState {
  tahapan: TahapanCode;
  /** Closed unresolved (ditutup); only a koordinator reopens it. */
  closed: boolean;
  /** The koordinator has verified at terminasi that the outcome criteria are met. */
  verified: boolean;
}

export type TransitionRefusal = 'CASE_CLOSED' | 'RESOLUTION_NOT_VERIFIED' | 'INVALID_TRANSITION';

export type TransitionCheck = { ok: true } | { ok: false; refusal: TransitionRefusal };

export function checkTransition(state: CaseState, to: TahapanCode): TransitionCheck {
  if (state.closed) return { ok: false, refusal: 'CASE_CLOSED' };
  if (!TAHAPAN_TRANSITIONS[state.tahapan].includes(to)) return { ok: false, refusal: 'INVALID_TRANSITION' };
  // Resolved means proven: follow-up guidance starts only after the koordinator's verification.
  if (to === 'bimbingan_lanjut' && !state.verified) return { ok: false, refusal: 'RESOLUTION_NOT_VERIFIED' };
  return { ok: true };
}

/** The state after an allowed transition; going back from terminasi voids the verification. */
export function applyTransition(state: CaseState, to: TahapanCode): CaseState {
  return { tahapan: to, closed: false, verified: to === 'bimbingan_lanjut' ? state.verified : false };
}

/** The headline status the funnel counts, derived from the stage (reference/tahapan.csv). */
export function deriveStatus(state: CaseState): CaseStatus {
  if (state.closed) return 'ditutup';
  switch (state.tahapan) {
    case 'pendekatan_awal':
      return 'terdata';
    case 'terminasi':
      return state.verified ? 'terselesaikan' : 'tertangani';
    case 'bimbingan_lanjut':
      return 'terselesaikan';
    default:
      return 'tertangani';
  }
}

/** A resolved case is not "closed unresolved"; everything else may be closed with a reason. */
export function canClose(state: CaseState): boolean {
  return !state.closed && deriveStatus(state) !== 'terselesaikan';
}

export function canVerify(state: CaseState): boolean {
  return !state.closed && state.tahapan === 'terminasi' && !state.verified;
}

export function canReopen(state: CaseState): boolean {
  return state.closed;
}

/** The moves a user may offer from this state, for screens that only show buttons that work. */
export function nextTahapan(state: CaseState): TahapanCode[] {
  return TAHAPAN_TRANSITIONS[state.tahapan].filter((to) => checkTransition(state, to).ok);
}

/** What the work inside a case has produced so far: the facts the stage gates read. */
export interface StageFacts {
  /** At least one assessment has been recorded. */
  asesmenTercatat: boolean;
  /** The intervention plan has been approved by the koordinator. */
  rencanaDisetujui: boolean;
}

export type StageRequirement = 'ASESMEN_TERCATAT' | 'RENCANA_DISETUJUI';

/**
 * Gates between stages (Permensos 16/2019 Standar Nasional Rehabilitasi Sosial, Pasal 8–10;
 * Permensos 7/2021 ATENSI, Pasal 14): a plan is written from a recorded assessment, and
 * intervention carries out an approved plan. Returns what is still missing to enter `to`.
 */
export function stageRequirements(to: TahapanCode, facts: StageFacts): StageRequirement[] {
  const missing: StageRequirement[] = [];
  if ((to === 'rencana' || to === 'intervensi') && !facts.asesmenTercatat) missing.push('ASESMEN_TERCATAT');
  if (to === 'intervensi' && !facts.rencanaDisetujui) missing.push('RENCANA_DISETUJUI');
  return missing;
}
