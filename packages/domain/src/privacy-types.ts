/**
 * Data-protection shapes the server sends and the web app reads (UU 27/2022): the retention
 * schedule and what is due, and legal holds.
 */

export const RECORD_TYPES = ['kasus', 'penelusuran', 'foto_bukti', 'laporan_impor', 'sesi', 'jejak_audit'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface RetentionRule {
  jenis: RecordType;
  /** What the record is, as the schedule screen and the CLI name it. */
  label: string;
  /** Days after the record's last activity (or its end) before the job acts. */
  hari: number;
  /** What the job does once that time has passed. */
  tindakan: 'anonimkan' | 'hapus' | 'kosongkan_berkas' | 'simpan';
  /** What the period rests on. */
  dasar: string;
  /** A default of ours until the ministry's archivist confirms it. */
  toConfirm: boolean;
}

export interface RetentionCounts {
  /** Persons anonymised (or due, in a dry run), and those due but kept by a legal hold. */
  penerimaManfaat: number;
  ditahan: number;
  kasus: number;
  lampiran: number;
  penelusuran: number;
  fotoBukti: number;
  laporanImpor: number;
  berkasLaporanImpor: number;
  sesi: number;
  percobaanMasuk: number;
  /** Audit events older than their period: reported for the archivist, never changed here. */
  jejakAuditLewatMasa: number;
}

export interface RetentionResult {
  dryRun: boolean;
  jadwal: RetentionRule[];
  jumlah: RetentionCounts;
}

export interface LegalHoldView {
  id: string;
  beneficiaryId: string | null;
  caseId: string | null;
  wilayah: string;
  alasan: string;
  dibuatOleh: string;
  dibuatPada: string;
  dicabutOleh: string | null;
  dicabutPada: string | null;
  alasanCabut: string | null;
}
