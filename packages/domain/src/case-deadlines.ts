import { deriveStatus, type CaseState } from './case-workflow.js';
import type { TahapanCode } from './tahapan.js';

/**
 * Default target days a case may stay in each stage before it counts as overdue (terlambat);
 * bimbingan lanjut follows its own schedule. Categories override these (migration 0006 loads
 * them into `tahapan_target`, which an admin can change).
 */
export const DEFAULT_STAGE_DAYS: Readonly<Record<TahapanCode, number | null>> = {
  pendekatan_awal: 14,
  asesmen: 21,
  rencana: 14,
  intervensi: 90,
  resosialisasi: 30,
  terminasi: 14,
  bimbingan_lanjut: null,
};

/** Where practice differs from the default: emergencies move faster, addiction and HIV slower. */
export const CATEGORY_STAGE_DAYS: ReadonlyArray<{ ppks: string; tahapan: TahapanCode; hari: number }> = [
  { ppks: '21', tahapan: 'pendekatan_awal', hari: 3 },
  { ppks: '21', tahapan: 'asesmen', hari: 7 },
  { ppks: '21', tahapan: 'intervensi', hari: 60 },
  { ppks: '22', tahapan: 'pendekatan_awal', hari: 3 },
  { ppks: '16', tahapan: 'intervensi', hari: 180 },
  { ppks: '17', tahapan: 'intervensi', hari: 180 },
  { ppks: '18', tahapan: 'pendekatan_awal', hari: 3 },
  { ppks: '06', tahapan: 'pendekatan_awal', hari: 3 },
];

const DAY_MS = 86_400_000;

/** The moment the current stage is due, or null when the stage has no target. */
export function stageDueAt(since: Date, hari: number | null): Date | null {
  return hari === null ? null : new Date(since.getTime() + hari * DAY_MS);
}

/** Only open work can be late: a closed or resolved case is not. */
export function isOverdue(state: CaseState, since: Date, hari: number | null, now: Date = new Date()): boolean {
  const status = deriveStatus(state);
  if (status === 'ditutup' || status === 'terselesaikan') return false;
  const due = stageDueAt(since, hari);
  return due !== null && now.getTime() > due.getTime();
}
