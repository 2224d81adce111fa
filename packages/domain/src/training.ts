/**
 * Capacity building (issue 22): the competency framework, how a pendamping's level per
 * competency is judged, who qualifies for a certificate, and the yearly development-hours target.
 * Pure rules shared by the server and the screens.
 */

import type { Narasumber } from './training-programme.js';
import type { TestWindow } from './training-test.js';

export interface KompetensiEntry {
  kode: string;
  nama: string;
  uraian: string;
}

/**
 * The framework as seeded from social-work practice (the direktorat may extend it). Migration
 * 0020 inserts the same rows; a test keeps the two equal.
 */
export const KOMPETENSI: readonly KompetensiEntry[] = [
  {
    kode: 'manajemen_kasus',
    nama: 'Manajemen kasus',
    uraian: 'Mengelola kasus dari pendekatan awal sampai terminasi dan bimbingan lanjut, termasuk rujukan dan konferensi kasus.',
  },
  { kode: 'asesmen', nama: 'Asesmen', uraian: 'Menggali kondisi, kebutuhan, risiko dan sumber daya PPKS dengan instrumen asesmen.' },
  {
    kode: 'dukungan_psikososial',
    nama: 'Dukungan psikososial (LDP)',
    uraian: 'Layanan dukungan psikososial, pertolongan pertama psikologis, konseling dasar.',
  },
  {
    kode: 'perlindungan_anak',
    nama: 'Perlindungan anak',
    uraian: 'Pendampingan anak korban, anak berhadapan dengan hukum, kepentingan terbaik anak.',
  },
  {
    kode: 'korban_perdagangan_orang',
    nama: 'Penanganan korban perdagangan orang',
    uraian: 'Identifikasi, pemulangan dan reintegrasi korban TPPO.',
  },
  { kode: 'napza', nama: 'Rehabilitasi korban NAPZA', uraian: 'Pendampingan rehabilitasi sosial korban penyalahgunaan NAPZA.' },
  { kode: 'hiv', nama: 'Pendampingan ODHA', uraian: 'Pendampingan orang dengan HIV, kepatuhan pengobatan, stigma.' },
  { kode: 'respons_bencana', nama: 'Respons bencana', uraian: 'Layanan sosial dalam tanggap darurat dan pemulihan bencana.' },
  {
    kode: 'teknologi_komunikasi',
    nama: 'Teknologi komunikasi',
    uraian: 'Pemanfaatan aplikasi, data dan komunikasi digital dalam pelayanan.',
  },
];

export const KOMPETENSI_KODE: readonly string[] = KOMPETENSI.map((k) => k.kode);

/** 0 belum, 1 dasar, 2 menengah, 3 mahir. */
export type LevelKompetensi = 0 | 1 | 2 | 3;
export const LEVEL_KOMPETENSI: Record<LevelKompetensi, string> = { 0: 'belum', 1: 'dasar', 2: 'menengah', 3: 'mahir' };

/** JP of completed training in a competency for each level (a unit of a three-day event is ~8–10 JP). */
export const JP_PER_LEVEL = { dasar: 8, menengah: 24 } as const;

export interface CompetencySources {
  /** JP of completed (certified, not revoked) training units building this competency. */
  jpPelatihan: number;
  /** The koordinator's assessment, or null. */
  penilaian: LevelKompetensi | null;
  /** A professional certification covering it that has not expired. */
  sertifikasiBerlaku: boolean;
}

/** The highest of what training, the koordinator's assessment and a valid certification show. */
export function levelKompetensi(s: CompetencySources): LevelKompetensi {
  const fromTraining: LevelKompetensi = s.jpPelatihan >= JP_PER_LEVEL.menengah ? 2 : s.jpPelatihan >= JP_PER_LEVEL.dasar ? 1 : 0;
  return Math.max(fromTraining, s.penilaian ?? 0, s.sertifikasiBerlaku ? 3 : 0) as LevelKompetensi;
}

/**
 * The competency a case category asks of its pendamping, by PPKS code: shown when the koordinator
 * assigns such a case (children in conflict with the law and child victims: child protection;
 * ODHA, NAPZA, trafficking victims; disaster victims: disaster response).
 */
export const KOMPETENSI_PPKS: Readonly<Record<string, string>> = {
  '03': 'perlindungan_anak',
  '06': 'perlindungan_anak',
  '07': 'perlindungan_anak',
  '16': 'hiv',
  '17': 'napza',
  '18': 'korban_perdagangan_orang',
  '21': 'respons_bencana',
  '22': 'respons_bencana',
};

/** What a deployment to a disaster shows of each candidate: their level in psychosocial support (LDP). */
export const KOMPETENSI_PENUGASAN_BENCANA = 'dukungan_psikososial';

/** Development hours a civil servant should complete each year. */
export const TARGET_JP_TAHUNAN = 20;
export const DASAR_TARGET_JP = 'Ketentuan pengembangan kompetensi ASN: paling sedikit 20 JP per tahun';

export interface QualificationInput {
  units: readonly string[];
  attended: readonly string[];
  /** Share of units to attend, in percent (100 = every unit). */
  minKehadiran: number;
  /** The post-test's pass mark, or null when the event has no post-test. */
  nilaiLulus: number | null;
  nilaiPost: number | null;
}

export interface Qualification {
  lulus: boolean;
  /** Units not attended (only when attendance falls short). */
  unitKurang: string[];
  /** The event has a post-test and it was not passed (or not taken). */
  postTestKurang: boolean;
}

/** Default rule: attended every unit, and passed the post-test where the event has one. */
export function qualification(input: QualificationInput): Qualification {
  const attended = new Set(input.attended);
  const present = input.units.filter((u) => attended.has(u)).length;
  const needed = Math.ceil((input.units.length * input.minKehadiran) / 100);
  const unitKurang = present >= needed ? [] : input.units.filter((u) => !attended.has(u));
  const postTestKurang = input.nilaiLulus !== null && (input.nilaiPost === null || input.nilaiPost < input.nilaiLulus);
  return { lulus: unitKurang.length === 0 && !postTestKurang, unitKurang, postTestKurang };
}

/** Where an event stands on a given day. */
export const TRAINING_STATUSES = ['akan_datang', 'berlangsung', 'menunggu_penetapan', 'selesai'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

export function trainingStatus(t: { mulai: string; selesai: string; completedAt: string | null }, today: string): TrainingStatus {
  if (t.completedAt) return 'selesai';
  if (today < t.mulai) return 'akan_datang';
  if (today <= t.selesai) return 'berlangsung';
  return 'menunggu_penetapan';
}

/** A session starts at its unit's time, or at this hour (venue time) when none is set. */
export const JAM_MULAI_BAKU = '08:00';
/** The QR check-in opens this many minutes before a session starts (people arrive early). */
export const CHECKIN_BUKA_MENIT = 30;
/** A check-in more than this many minutes after the start is recorded as late. */
export const TOLERANSI_TERLAMBAT_MENIT = 15;
/** A check-in token rotates every minute and is accepted for at most two (a photo of it soon goes stale). */
export const CHECKIN_TOKEN_DETIK = 60;

export type CheckinTiming = 'belum_mulai' | 'tepat_waktu' | 'terlambat';

/** Where a QR check-in falls against its session: `local` is the venue's date and minute of the day. */
export function checkinTiming(
  sesi: { tanggal: string; jamMulai: string | null },
  local: { tanggal: string; menit: number },
): CheckinTiming {
  const [h, m] = (sesi.jamMulai ?? JAM_MULAI_BAKU).split(':').map(Number) as [number, number];
  const start = h * 60 + m;
  if (local.tanggal < sesi.tanggal) return 'belum_mulai';
  if (local.tanggal > sesi.tanggal) return 'terlambat';
  if (local.menit < start - CHECKIN_BUKA_MENIT) return 'belum_mulai';
  return local.menit > start + TOLERANSI_TERLAMBAT_MENIT ? 'terlambat' : 'tepat_waktu';
}

/** A certificate number: `SRT-2025-0001-7K3F9QXM` (year, event number, 8 random Crockford base-32 characters). */
export const CERTIFICATE_NUMBER = /^SRT-\d{4}-\d{4,}-[0-9A-HJKMNP-TV-Z]{8}$/;

// ---- Shapes of the API (server responses, read by the screens) ----

export interface TrainingUnit {
  kode: string;
  nama: string;
  jp: number;
  tanggal: string | null;
  /** HH:MM at the venue; null: JAM_MULAI_BAKU. */
  jamMulai: string | null;
  kompetensi: string[];
}

export interface TrainingRecord {
  id: string;
  nama: string;
  mulai: string;
  selesai: string;
  tempat: string;
  wilayah: string;
  penyelenggara: string;
  kuota: number | null;
  minKehadiran: number;
  nilaiLulus: number | null;
  status: TrainingStatus;
  completedAt: string | null;
  jumlahPeserta: number;
  /** JP of the whole event. */
  jp: number;
  units: TrainingUnit[];
  /** Its pre- and post-test, where it has them (training-test.ts). */
  tes: TestWindow[];
  /** The caller's own place in it: invited, registered, declined; null when not a participant. */
  statusSaya: ParticipantStatus | null;
  /** The programme whose curriculum it copied, if any (training-programme.ts). */
  programId: string | null;
  narasumber: Narasumber[];
}

/** An invited participant answers: coming (`terdaftar`) or not (`ditolak`); the organiser's own registrations are `terdaftar`. */
export const PARTICIPANT_STATUSES = ['diundang', 'terdaftar', 'ditolak'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export interface TrainingParticipant {
  userId: string;
  status: ParticipantStatus;
  /** Why they declined, when they gave a reason. */
  alasanTolak: string | null;
  nama: string;
  username: string;
  wilayah: string;
  hadir: string[];
  /** Units checked in late (by QR, after the start and its tolerance). */
  terlambat: string[];
  nilaiPre: number | null;
  nilaiPost: number | null;
  sertifikat: string | null;
}

/** What the organiser's screen shows for one session: the QR code and the link it carries. */
export interface CheckinToken {
  unit: string;
  token: string;
  url: string;
  berlakuSampai: string;
  /** The QR code of `url`, as SVG markup. */
  svg: string;
}

/** Who an invitation selects (or selected): the quota, those registered before, the people. */
export interface InvitationPreview {
  kuota: number | null;
  terdaftar: number;
  /** `level`: the person's level in the competency asked about, when the invitation is by a gap. */
  calon: Array<{ userId: string; nama: string; wilayah: string; level: number | null }>;
}

export interface CertificateSummary {
  nomor: string;
  userId: string;
  nama: string;
  valid: boolean;
}

export interface CertificateRecord extends CertificateSummary {
  trainingId: string;
  pelatihan: string;
  mulai: string;
  selesai: string;
  jp: number;
  diterbitkan: string;
  dicabutAlasan: string | null;
}

export interface CertificateVerification {
  valid: boolean;
  nama: string;
  pelatihan: string;
  mulai: string;
  selesai: string;
  jp: number;
}

export interface CompletionResult {
  certificates: CertificateSummary[];
  notQualified: Array<{ userId: string; nama: string; unitKurang: string[]; postTestKurang: boolean }>;
}

export interface CompetencyCell {
  kode: string;
  level: LevelKompetensi;
  jp: number;
  penilaian: LevelKompetensi | null;
  sertifikasiSampai: string | null;
}

export interface CompetencyRow {
  userId: string;
  nama: string;
  wilayah: string;
  kompetensi: CompetencyCell[];
}

export interface CompetencyMatrix {
  wilayah: string | null;
  kompetensi: KompetensiEntry[];
  pendamping: CompetencyRow[];
  /** Per competency: how many of the area's pendamping are still at level 0. */
  kesenjangan: Array<{ kode: string; belum: number; jumlah: number }>;
}

export interface DevelopmentHoursRow {
  userId: string;
  nama: string;
  wilayah: string;
  jp: number;
  tercapai: boolean;
}

export interface DevelopmentHours {
  tahun: number;
  target: number;
  dasar: string;
  items: DevelopmentHoursRow[];
}

export * from './training-test.js';
export * from './training-programme.js';
