/**
 * Disaster and emergency response (issue 18): the lists and rules of a disaster event, the
 * deployments of pendamping to it, its shelters, the affected people, psychosocial support (LDP)
 * and the daily situation report. Pure rules and shapes shared by the server and the screens.
 *
 * Sources:
 * - Kinds of disaster: UU 24/2007 (Penanggulangan Bencana) Pasal 1 angka 2–4 (bencana alam,
 *   nonalam, sosial); the hazards by name as BNPB lists them (Perka BNPB 2/2012, Pedoman Umum
 *   Pengkajian Risiko Bencana; the InaRISK hazard list).
 * - Emergency status: PP 21/2008 Pasal 23 and Perka BNPB 3/2016 (Sistem Komando Penanganan
 *   Darurat Bencana): siaga darurat, tanggap darurat, transisi darurat ke pemulihan; pemulihan per
 *   UU 24/2007 Pasal 57–58 (rehabilitasi dan rekonstruksi).
 * - Vulnerable groups: UU 24/2007 Pasal 55 ayat (2) (bayi, balita dan anak-anak; ibu yang sedang
 *   mengandung atau menyusui; penyandang disabilitas; orang lanjut usia); unaccompanied children
 *   and the chronically ill are added from humanitarian practice (Sphere; UU 35/2014 Pasal 59–60,
 *   anak korban bencana).
 * - LDP (layanan dukungan psikososial) kinds, shelter facilities, deployment roles: the practice
 *   of the directorate (Direktorat RSKBK), not a list fixed by regulation.
 */

export const JENIS_BENCANA = [
  'gempa_bumi',
  'tsunami',
  'banjir',
  'banjir_bandang',
  'tanah_longsor',
  'erupsi_gunung_api',
  'cuaca_ekstrem',
  'kekeringan',
  'kebakaran_hutan_lahan',
  'abrasi',
  'kebakaran_permukiman',
  'wabah',
  'konflik_sosial',
  'teror',
] as const;
export type JenisBencana = (typeof JENIS_BENCANA)[number];

/** UU 24/2007 Pasal 1 angka 2–4. */
export const GOLONGAN_BENCANA: Record<JenisBencana, 'alam' | 'nonalam' | 'sosial'> = {
  gempa_bumi: 'alam',
  tsunami: 'alam',
  banjir: 'alam',
  banjir_bandang: 'alam',
  tanah_longsor: 'alam',
  erupsi_gunung_api: 'alam',
  cuaca_ekstrem: 'alam',
  kekeringan: 'alam',
  kebakaran_hutan_lahan: 'alam',
  abrasi: 'alam',
  kebakaran_permukiman: 'nonalam',
  wabah: 'nonalam',
  konflik_sosial: 'sosial',
  teror: 'sosial',
};

export const STATUS_BENCANA = ['siaga_darurat', 'tanggap_darurat', 'transisi_darurat', 'pemulihan', 'selesai'] as const;
export type StatusBencana = (typeof STATUS_BENCANA)[number];

/**
 * The moves of the emergency status. A new shock (an aftershock, a second flood) takes a
 * transition back to tanggap darurat; nothing leaves `selesai` (a new event is declared instead).
 */
export const STATUS_BENCANA_NEXT: Record<StatusBencana, readonly StatusBencana[]> = {
  siaga_darurat: ['tanggap_darurat', 'selesai'],
  tanggap_darurat: ['transisi_darurat', 'pemulihan', 'selesai'],
  transisi_darurat: ['tanggap_darurat', 'pemulihan', 'selesai'],
  pemulihan: ['tanggap_darurat', 'selesai'],
  selesai: [],
};

export function canMoveStatusBencana(from: StatusBencana, to: StatusBencana): boolean {
  return STATUS_BENCANA_NEXT[from].includes(to);
}

export const PERAN_PENUGASAN = ['pendataan', 'ldp', 'pengelolaan_pengungsian', 'pendampingan_kasus'] as const;
export type PeranPenugasan = (typeof PERAN_PENUGASAN)[number];

/** The longest single deployment; a longer stay is a new assignment letter. */
export const MAX_HARI_PENUGASAN = 90;

/** Days a deployment lasts, both ends counted (`2026-01-01`..`2026-01-01` is one day). */
export function hariPenugasan(mulai: string, selesai: string): number {
  return Math.round((Date.parse(`${selesai}T00:00:00Z`) - Date.parse(`${mulai}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The PPKS category of a case opened for a disaster victim (Permensos 8/2012 as renumbered in
 * `ppks.ts`): `22` Korban Bencana Sosial for social disasters (UU 24/2007 Pasal 1 angka 4:
 * konflik sosial, teror), `21` Korban Bencana Alam otherwise. Non-natural disasters (epidemic,
 * settlement fire) have no category of their own; they are served as `21`, and a pendamping may
 * choose `22` instead when opening the case.
 */
export function ppksKorbanBencana(jenis: JenisBencana): '21' | '22' {
  return GOLONGAN_BENCANA[jenis] === 'sosial' ? '22' : '21';
}

export const JENIS_POSKO = ['pengungsian', 'posko', 'huntara'] as const;
export type JenisPosko = (typeof JENIS_POSKO)[number];

export const FASILITAS_POSKO = ['air_bersih', 'mck', 'dapur_umum', 'ruang_ramah_anak', 'layanan_kesehatan', 'penerangan'] as const;
export type FasilitasPosko = (typeof FASILITAS_POSKO)[number];

export const KONDISI_KORBAN = ['mengungsi', 'luka', 'meninggal', 'hilang', 'di_rumah'] as const;
export type KondisiKorban = (typeof KONDISI_KORBAN)[number];

export const KELOMPOK_RENTAN = [
  'ibu_hamil',
  'ibu_menyusui',
  'balita',
  'anak_tanpa_pendamping',
  'lansia',
  'disabilitas',
  'sakit_kronis',
] as const;
export type KelompokRentan = (typeof KELOMPOK_RENTAN)[number];

export const JENIS_LDP = ['psikoedukasi', 'konseling_kelompok', 'ruang_ramah_anak', 'ldp_keliling'] as const;
export type JenisLdp = (typeof JENIS_LDP)[number];

/** Counts of unregistered participants: by age band and sex. */
export const KELOMPOK_UMUR_LDP = ['anak', 'remaja', 'dewasa', 'lansia'] as const;
export type KelompokUmurLdp = (typeof KELOMPOK_UMUR_LDP)[number];

/** Age bands of LDP counts: anak 0–12, remaja 13–17, dewasa 18–59, lansia 60+ (UU 13/1998 Pasal 1: lansia from 60). */
export function kelompokUmurLdp(umur: number): KelompokUmurLdp {
  if (umur < 13) return 'anak';
  if (umur < 18) return 'remaja';
  if (umur < 60) return 'dewasa';
  return 'lansia';
}

export interface DisasterActions {
  /** Statuses the caller may move the event to now. */
  status: StatusBencana[];
  /** May deploy pendamping to it. */
  tugaskan: boolean;
  /** May record affected people and LDP sessions, and open cases from the event. */
  catat: boolean;
  /** May set up shelters and posts: those who record, and those who manage the event. */
  posko: boolean;
}

export interface DisasterRecord {
  id: string;
  nama: string;
  jenis: JenisBencana;
  status: StatusBencana;
  /** YYYY-MM-DD */
  mulai: string;
  /** The day the status became `selesai`, else null. */
  selesai: string | null;
  /** Affected areas: regency, district or village codes. */
  wilayah: string[];
  keterangan: string | null;
  dibuatOleh: string;
  dibuatPada: string;
  tindakan: DisasterActions;
}

export interface DisasterStatusChange {
  status: StatusBencana;
  oleh: string;
  pada: string;
  catatan: string | null;
}

export interface DeploymentRecord {
  id: string;
  disasterId: string;
  userId: string;
  nama: string | null;
  username: string;
  /** The pendamping's own area. */
  wilayahAsal: string;
  mulai: string;
  selesai: string;
  peran: PeranPenugasan;
  /** Nomor surat tugas. */
  suratTugas: string | null;
  /** The deployment covers today (the pendamping's own date). */
  aktif: boolean;
}

/** A pendamping the event's manager may deploy (any province). */
export interface DeployableRecord {
  userId: string;
  nama: string | null;
  username: string;
  wilayah: string;
  /** Already on a deployment today (this event or another). */
  bertugas: boolean;
  /** Their level in psychosocial support (LDP, issue 22): 0 belum … 3 mahir. */
  ldp: 0 | 1 | 2 | 3;
}

export interface ShelterRecord {
  id: string;
  disasterId: string;
  nama: string;
  jenis: JenisPosko;
  kodeDesa: string;
  lat: number | null;
  lng: number | null;
  kapasitas: number;
  /** Affected people recorded there now as mengungsi. */
  penghuni: number;
  /** More occupants than capacity: allowed, flagged. */
  melebihiKapasitas: boolean;
  fasilitas: FasilitasPosko[];
  kebutuhan: string | null;
}

export interface AffectedRecord {
  id: string;
  disasterId: string;
  /** The person in the registry (registered with or without NIK). */
  beneficiaryId: string;
  /** Null without NIK, and in a masked view. */
  nik: string | null;
  nomorSementara: string | null;
  nama: string;
  jenisKelamin: 'L' | 'P';
  /** Null when only an age was estimated, and in a masked view. */
  tanggalLahir: string | null;
  perkiraanUmur: number | null;
  /** Null in a masked view. */
  kodeDesa: string | null;
  shelterId: string | null;
  kondisi: KondisiKorban;
  kelompokRentan: KelompokRentan[];
  kebutuhan: string | null;
  /** Members of one household share the id of its first registered member. */
  keluargaId: string | null;
  /** Recorded at another shelter of this event too, or like someone else here: check it. */
  kemungkinanGanda: boolean;
  /** The NIK was already in the registry: linked to that person, not registered twice. */
  terhubungRegistri: boolean;
  /** The rehabilitation case opened for them from the event, if any. */
  caseId: string | null;
  identitasTerlindungi: boolean;
  dicatatOleh: string;
  dicatatPada: string;
  /** Optimistic lock: send it back with a change (PATCH). */
  version: number;
}

export interface LdpSessionRecord {
  id: string;
  disasterId: string;
  tanggal: string;
  jenis: JenisLdp;
  shelterId: string | null;
  tempat: string | null;
  fasilitator: string[];
  /** Registered participants (affected ids). */
  peserta: string[];
  /** Registered participants plus counted ones. */
  jumlahPeserta: number;
  /** Participants not registered, by age band and sex. */
  hitungan: Array<{ kelompokUmur: KelompokUmurLdp; jenisKelamin: 'L' | 'P'; jumlah: number }>;
  catatan: string | null;
}

/**
 * The daily situation report, computed from the records as they stood at the end of `tanggal` in
 * the event area's time zone (kondisi and shelter from their history). People counts are distinct
 * registry persons (one person recorded twice counts once; per shelter, every record there);
 * `ldp` counts the sessions held on that day; `kasusDibuka` the cases opened from the event up to
 * that day; `pendampingBertugas` the pendamping whose deployment covers that day.
 */
export interface SitrepRecord {
  disasterId: string;
  tanggal: string;
  status: StatusBencana;
  terdampak: number;
  mengungsi: number;
  luka: number;
  meninggal: number;
  hilang: number;
  kelompokRentan: Record<KelompokRentan, number>;
  shelters: Array<{ id: string; nama: string; penghuni: number; kapasitas: number }>;
  ldp: { sesi: number; peserta: number };
  pendampingBertugas: number;
  kasusDibuka: number;
  /** Tracing records (each record of a matched pair counts) by their status at the end of the day. */
  penelusuran: { terbuka: number; cocok: number; dipersatukan: number; ditutup: number };
  /** Aid handed over up to that day (cumulative): items, distinct recipients (people and households), total rupiah. */
  bantuan: { penyaluran: number; penerima: number; nilaiRupiah: number };
}
