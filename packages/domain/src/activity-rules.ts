/**
 * Laporan kegiatan harian: entry types, the review workflow, and which case events become draft
 * entries so nothing is typed twice.
 */
export const ACTIVITY_TYPES = [
  'kunjungan_rumah',
  'asesmen',
  'temu_bahas_kasus',
  'pendampingan_rujukan',
  'dukungan_psikososial',
  'koordinasi_lintas_sektor',
  'pelatihan',
  'administrasi',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATUSES = ['draf', 'diajukan', 'disetujui', 'dikembalikan'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** The owner edits and submits drafts and returned entries; the koordinator judges submitted ones. */
export const activityWorkflow = {
  editable: (status: ActivityStatus) => status === 'draf' || status === 'dikembalikan',
  submittable: (status: ActivityStatus) => status === 'draf' || status === 'dikembalikan',
  reviewable: (status: ActivityStatus) => status === 'diajukan',
} as const;

/** A day's entries may not claim more than the day has; one entry at most 12 hours. */
export const MAX_ACTIVITY_MINUTES = 12 * 60;

export interface DraftFromCaseEvent {
  jenis: ActivityType;
  /** Minutes a typical such visit takes: a starting figure the pendamping corrects. */
  durasiMenit: number;
}

/**
 * Case work that is field work. Entering asesmen means the assessment visit; entering rencana
 * follows a case conference; intervention and follow-up stages are home visits with support.
 */
export function draftFromCaseEvent(event: { jenis: string; keTahapan?: string | null }): DraftFromCaseEvent | null {
  if (event.jenis === 'dibuat') return { jenis: 'kunjungan_rumah', durasiMenit: 60 };
  if (event.jenis === 'rujukan') return { jenis: 'pendampingan_rujukan', durasiMenit: 90 };
  if (event.jenis === 'temu_bahas') return { jenis: 'temu_bahas_kasus', durasiMenit: 60 };
  if (event.jenis !== 'tahapan') return null;
  switch (event.keTahapan) {
    case 'asesmen':
      return { jenis: 'asesmen', durasiMenit: 90 };
    case 'rencana':
      return { jenis: 'temu_bahas_kasus', durasiMenit: 60 };
    case 'intervensi':
      return { jenis: 'dukungan_psikososial', durasiMenit: 60 };
    case 'resosialisasi':
    case 'terminasi':
    case 'bimbingan_lanjut':
      return { jenis: 'kunjungan_rumah', durasiMenit: 60 };
    default:
      return null;
  }
}
