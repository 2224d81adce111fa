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

/** An entry is dated at most 31 days before the worker's today (`YYYY-MM-DD` both). */
export function activityTooOld(tanggal: string, today: string): boolean {
  return (Date.parse(today) - Date.parse(tanggal)) / 86_400_000 > 31;
}

export interface DraftFromCaseEvent {
  jenis: ActivityType;
  /** Minutes a typical such visit takes: a starting figure the pendamping corrects. */
  durasiMenit: number;
  /** What was done, as a line of the entry's description (the case number follows it). */
  apa: string;
}

const STAGE_WORK: Record<string, DraftFromCaseEvent> = {
  asesmen: { jenis: 'asesmen', durasiMenit: 90, apa: 'Memulai asesmen' },
  rencana: { jenis: 'temu_bahas_kasus', durasiMenit: 60, apa: 'Menyusun rencana intervensi' },
  intervensi: { jenis: 'dukungan_psikososial', durasiMenit: 60, apa: 'Memulai intervensi' },
  resosialisasi: { jenis: 'kunjungan_rumah', durasiMenit: 60, apa: 'Kunjungan resosialisasi' },
  terminasi: { jenis: 'kunjungan_rumah', durasiMenit: 60, apa: 'Kunjungan terminasi' },
  bimbingan_lanjut: { jenis: 'kunjungan_rumah', durasiMenit: 60, apa: 'Kunjungan bimbingan lanjut' },
};

/**
 * Case work that is field work, from the record that shows it was done: a case opened on a first
 * visit, a saved assessment, a case conference, a service given, a referral sent, a follow-up visit
 * recorded — and a stage entered (the assessment visit, the conference before the plan, support
 * and home visits after). A follow-up only scheduled is not work done yet.
 */
export function draftFromCaseEvent(event: {
  jenis: string;
  keTahapan?: string | null;
  data?: Record<string, unknown> | null;
}): DraftFromCaseEvent | null {
  switch (event.jenis) {
    case 'dibuat':
      return { jenis: 'kunjungan_rumah', durasiMenit: 60, apa: 'Kunjungan awal, kasus dibuka' };
    case 'asesmen':
      return { jenis: 'asesmen', durasiMenit: 90, apa: 'Asesmen dicatat' };
    case 'temu_bahas':
      return { jenis: 'temu_bahas_kasus', durasiMenit: 60, apa: 'Temu bahas kasus' };
    case 'layanan':
      return { jenis: 'dukungan_psikososial', durasiMenit: 60, apa: 'Layanan diberikan' };
    case 'rujukan':
      return { jenis: 'pendampingan_rujukan', durasiMenit: 90, apa: 'Rujukan dikirim' };
    case 'bimbingan':
      return event.data?.['aksi'] === 'dicatat'
        ? { jenis: 'kunjungan_rumah', durasiMenit: 60, apa: 'Kunjungan bimbingan lanjut dicatat' }
        : null;
    case 'tahapan':
      return STAGE_WORK[event.keTahapan ?? ''] ?? null;
    default:
      return null;
  }
}

const LDP_WORK: Record<string, string> = {
  psikoedukasi: 'Psikoedukasi',
  konseling_kelompok: 'Konseling kelompok',
  ruang_ramah_anak: 'Ruang ramah anak',
  ldp_keliling: 'LDP keliling',
};

/**
 * A group session of layanan dukungan psikososial at a disaster (issue 18) is the pendamping's
 * field work of that day too: what, where and for how many, never who (the participants are
 * disaster victims; their names stay in the event's records).
 */
export function draftFromLdpSession(session: { jenis: string; tempat: string | null; jumlahPeserta: number }): DraftFromCaseEvent {
  const where = session.tempat ? ` di ${session.tempat}` : '';
  return {
    jenis: 'dukungan_psikososial',
    durasiMenit: 90,
    apa: `${LDP_WORK[session.jenis] ?? session.jenis}${where}, ${session.jumlahPeserta} peserta`,
  };
}
