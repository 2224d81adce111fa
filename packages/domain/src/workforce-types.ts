import type { ActivityStatus, ActivityType } from './activity-rules.js';
import type { AttendanceStatus } from './attendance-rules.js';
import type { IndicatorCode, Predikat, Rating } from './performance.js';
import type { NilaiBerakhlak } from './skp-behaviour.js';

/** Shapes of the workforce API, shared by the server's views and the web app. */
export interface AttendanceRecord {
  id: string;
  userId: string;
  username: string;
  nama: string | null;
  wilayah: string;
  tanggal: string;
  status: AttendanceStatus;
  /** When the worker acted (the phone's time for work queued without a signal). */
  masukAt: string | null;
  pulangAt: string | null;
  /** When the server received it. */
  masukDiterimaAt: string | null;
  pulangDiterimaAt: string | null;
  /** Received more than 15 minutes after the worker acted: for the koordinator to see. */
  tertunda: boolean;
  masuk: { lat: number; lng: number; akurasi: number | null; jarakKm: number | null } | null;
  pulang: { lat: number; lng: number; akurasi: number | null; jarakKm: number | null } | null;
  terlambat: boolean;
  pulangCepat: boolean;
  jauh: boolean;
  catatan: string | null;
  persetujuan: 'menunggu' | 'disetujui' | 'ditolak' | null;
  /** The disaster event the day was dinas luar for, on a deployment (issue 18). */
  kejadian: { id: string; nama: string } | null;
}

export interface TeamDayRow {
  userId: string;
  username: string;
  nama: string | null;
  wilayah: string;
  lokasiTugas: { lat: number; lng: number } | null;
  presensi: AttendanceRecord | null;
}

export interface AttendanceRecapRow {
  userId: string;
  username: string;
  nama: string | null;
  wilayah: string;
  hariKerja: number;
  hadir: number;
  dinasLuar: number;
  terlambat: number;
  pulangCepat: number;
  izin: number;
  sakit: number;
  cuti: number;
  tanpaKeterangan: number;
  /** Present days over working days less approved leave, percent with one decimal. */
  tingkatKehadiran: number;
}

export interface ActivityRecord {
  id: string;
  userId: string;
  username: string;
  nama: string | null;
  wilayah: string;
  tanggal: string;
  jenis: ActivityType;
  durasiMenit: number;
  uraian: string | null;
  lat: number | null;
  lng: number | null;
  caseIds: string[];
  /** In a list: the cases as the reader may see their people (initials where protected). */
  kasus?: Array<{ id: string; nomor: string; nama: string }>;
  jumlahFoto: number;
  status: ActivityStatus;
  sumber: 'manual' | 'otomatis';
  komentar: string | null;
  diajukanPada: string | null;
  ditinjauPada: string | null;
  version: number;
  tindakan: { ubah: boolean; ajukan: boolean; tinjau: boolean };
  /** The disaster event the work was done for, one the worker was deployed to that day (issue 18). */
  kejadian: { id: string; nama: string } | null;
}

export interface IndicatorResult {
  kode: IndicatorCode;
  hasilKerja: string;
  nama: string;
  satuan: string;
  target: number;
  bulanan: number[];
  triwulan: number[];
  realisasi: number;
  capaian: number;
  rating: Rating;
  kelompok: 'hasil_kerja' | 'disiplin';
}

/** One periodic behaviour evaluation: the seven BerAKHLAK values and the period's rating. */
export interface BehaviourPeriod {
  periode: string;
  nilai: Record<NilaiBerakhlak, Rating>;
  rating: Rating;
  catatan: string | null;
  dinilaiOleh: string | null;
  dinilaiPada: string;
}

export interface PerformanceRecord {
  userId: string;
  username: string;
  nama: string | null;
  wilayah: string;
  tahun: number;
  /** Months evaluated so far (12 for a past year). */
  bulanDinilai: number;
  indikator: IndicatorResult[];
  /** The rating that counts: the koordinator's adjustment when given, else the computed one. */
  hasilKerja: Rating;
  /** From the work-result indicators only (discipline is shown, not counted). */
  hasilKerjaDihitung: Rating;
  penyesuaian: { rating: Rating; alasan: string; oleh: string | null; pada: string } | null;
  /** The year's behaviour: from the periodic evaluations when any, else the yearly rating given. */
  perilaku: Rating | null;
  perilakuPeriode: BehaviourPeriod[];
  perilakuCatatan: string | null;
  predikat: Predikat | null;
  bolehDinilai: boolean;
}
