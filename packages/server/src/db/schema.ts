import type { ColumnType, Generated } from 'kysely';
import type {
  ActivityStatus,
  ActivityType,
  AlasanTutupPenelusuran,
  ArahPenelusuran,
  AttendanceStatus,
  CaseStatus,
  CloseReason,
  ConsentStatement,
  DasarPemrosesan,
  FasilitasPosko,
  HubunganPelapor,
  JenisBantuan,
  JenisBencana,
  JenisLdp,
  JenisPenelusuran,
  JenisPosko,
  KelompokRentan,
  KelompokUmurLdp,
  KondisiKorban,
  PeranPenugasan,
  PlanServiceRow,
  Rating,
  Role,
  StatusBencana,
  StatusPenelusuran,
  TahapanCode,
  TujuanPemrosesan,
  ZonaWaktu,
} from '@tuntas/domain';

/** Kysely's view of the tables created by the migrations in ./migrations. */
export interface WilayahTable {
  kode: string;
  nama: string;
  tingkat: number;
  induk: string | null;
  provinsi: string;
  zona_waktu: ZonaWaktu;
}

export interface PpksTable {
  kode: string;
  nama: string;
  singkatan: string;
  klaster_atensi: string;
  data_spesifik: boolean;
  catatan: string;
}

export interface TahapanTable {
  kode: string;
  urutan: number;
  nama: string;
  status_utama: string;
}

export interface AtensiLayananTable {
  kode: string;
  nama: string;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  password_hash: string;
  role: Role;
  wilayah: string | null;
  nama_lengkap: string | null;
  disabled_at: Date | null;
  /** Set when an admin created or reset the account through the API; cleared by the owner's own change. */
  must_change_password: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: ColumnType<Date, never, never>;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

/** Failed sign-ins of one (lower-cased username, IP), kept by one atomic upsert. */
export interface LoginThrottleTable {
  username: string;
  ip: string;
  failures: number;
  last_attempt_at: Date;
}

/** Stored answers to writes sent with an `Idempotency-Key` (migration 0021); `status` null while running. */
export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: number | null;
  content_type: string | null;
  body: Buffer | null;
  created_at: Generated<Date>;
  completed_at: Date | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: ColumnType<Date, never, never>;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  wilayah: string | null;
  ip: string | null;
  request_id: string | null;
  details: ColumnType<unknown, string | null, never>;
  /** The person the event concerns, so "who looked at this person" is one index read. */
  subject_id: string | null;
  /** Migration 0019: sha256(previous event's hash || this event's content), set by the trigger. */
  hash: ColumnType<Uint8Array, never, never>;
}

/** Migration 0019: the chain's last event, kept by the trigger; one row. */
export interface AuditChainHeadTable {
  singleton: ColumnType<boolean, never, never>;
  last_id: number;
  hash: Uint8Array;
}

/** Migration 0019: the head as it was, copied every minute when it moved. */
export interface AuditChainCheckpointsTable {
  id: Generated<number>;
  at: ColumnType<Date, never, never>;
  event_id: number;
  hash: Uint8Array;
}

/** Migration 0019: a user's TOTP secrets (encrypted when the server has a key). */
export interface UserTotpTable {
  user_id: string;
  secret: string | null;
  enabled_at: Date | null;
  pending_secret: string | null;
  pending_at: Date | null;
  /** The last time step accepted: a code is good once. */
  last_step: number | null;
}

/** Migration 0019: one-time recovery codes, SHA-256 of the code. */
export interface UserRecoveryCodesTable {
  user_id: string;
  code_hash: Uint8Array;
  used_at: Date | null;
}

/** Migration 0017's reasons (domain `ALASAN_TANPA_NIK`). */
export type AlasanTanpaNikCode =
  | 'tidak_punya_dokumen'
  | 'dokumen_ditahan'
  | 'dokumen_hilang_bencana'
  | 'dokumen_hilang'
  | 'bayi_belum_tercatat'
  | 'komunitas_adat'
  | 'identitas_belum_diketahui';

export interface BeneficiariesTable {
  id: Generated<string>;
  /** Null for a person without NIK (then `alasan_tanpa_nik` and `nomor_sementara` are set). */
  nik: string | null;
  alasan_tanpa_nik: AlasanTanpaNikCode | null;
  /** `TMP-35-000123`, issued by the database for a person registered without NIK; kept once linked. */
  nomor_sementara: Generated<string | null>;
  /** `tanggal_lahir` was computed from an estimated age. */
  tanggal_lahir_perkiraan: Generated<boolean>;
  no_kk: string | null;
  nama: string;
  nama_kunci: string;
  /** The words of nama_kunci, computed by the database. */
  nama_kata: ColumnType<string[], never, never>;
  jenis_kelamin: 'L' | 'P';
  tempat_lahir: string | null;
  tanggal_lahir: string;
  alamat: string | null;
  kode_desa: string;
  provinsi: string;
  kategori_ppks: string | null;
  telepon: string | null;
  disabilitas: string | null;
  catatan: string | null;
  /** Has a case in a category of specific data (kept by the `cases_protection` trigger). */
  data_spesifik: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  created_by: string | null;
  updated_by: string | null;
  version: Generated<number>;
  /** Migration 0035: when the retention job anonymised the person (then no NIK, name or contact is left). */
  dianonimkan_pada: Date | null;
}

export interface BeneficiaryConsentsTable {
  id: Generated<string>;
  beneficiary_id: string;
  provinsi: string;
  tujuan: string;
  pemberi_nama: string;
  hubungan: 'diri_sendiri' | 'orang_tua' | 'wali' | 'pendamping_hukum';
  diberikan_pada: Date;
  dicatat_oleh: string | null;
  dicatat_pada: ColumnType<Date, never, never>;
  dicabut_pada: Date | null;
  dicabut_oleh: string | null;
  /** Migration 0029: the purpose of the catalogue and what was told with it (null before). */
  kode_tujuan: ColumnType<TujuanPemrosesan | null, TujuanPemrosesan | null | undefined, TujuanPemrosesan | null>;
  pernyataan: ColumnType<ConsentStatement | null, string | null | undefined, string | null>;
}

export interface BeneficiaryDistinctPairsTable {
  a_id: string;
  b_id: string;
  decided_by: string | null;
  decided_at: ColumnType<Date, never, never>;
}

export interface ImportReportsTable {
  id: Generated<string>;
  kind: string;
  created_by: string;
  wilayah: string | null;
  created_at: ColumnType<Date, never, never>;
  file_name: string;
  dry_run: boolean;
  summary: ColumnType<unknown, string, string>;
  report_xlsx: Buffer | null;
  /** Migration 0039: a background upload waits, runs, ends; one answered in its request is selesai at once. */
  status: Generated<'antre' | 'proses' | 'selesai' | 'gagal'>;
  /** Rows judged and stored so far (a retry resumes after them). */
  progres: Generated<number>;
  /** The file's data rows, counted before the import starts. */
  baris: number | null;
  galat: string | null;
  selesai_pada: Date | null;
}

/** Migration 0039: a background upload's file, until its job ends. */
export interface ImportFilesTable {
  import_id: string;
  berkas: Buffer;
}

/** Migration 0039: a background upload's problem rows, written with their batch, until its job ends. */
export interface ImportRowVerdictsTable {
  import_id: string;
  line: number;
  errors: string[];
  warnings: string[];
  original: ColumnType<string[], string, never>;
}

export interface CasesTable {
  id: Generated<string>;
  nomor: Generated<string>;
  beneficiary_id: string;
  ppks: string;
  wilayah: string;
  provinsi: string;
  pendamping_id: string | null;
  tahapan: TahapanCode;
  status: CaseStatus;
  tahapan_sejak: ColumnType<Date, Date | undefined, Date>;
  ditutup_alasan: CloseReason | null;
  diverifikasi_oleh: string | null;
  diverifikasi_pada: Date | null;
  ringkasan: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  created_by: string | null;
  updated_by: string | null;
  version: Generated<number>;
  /** Migration 0035: when the retention job cleared the case's free text and files. */
  dianonimkan_pada: Date | null;
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  at: ColumnType<Date, Date | undefined, never>;
  actor_id: string | null;
  actor_username: string | null;
  jenis: string;
  dari_tahapan: string | null;
  ke_tahapan: string | null;
  catatan: string | null;
  data: ColumnType<unknown, string | null, never>;
}

export interface TahapanTargetTable {
  tahapan: TahapanCode;
  ppks: string | null;
  hari: number;
}

export interface PendampingProfilesTable {
  user_id: string;
  nip: string | null;
  jenis_asn: 'pns' | 'pppk' | null;
  kontrak_mulai: string | null;
  kontrak_selesai: string | null;
  atasan_id: string | null;
  kompetensi: ColumnType<string[], string[] | undefined, string[]>;
  lokasi_lat: number | null;
  lokasi_lng: number | null;
  radius_km: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PenugasanTable {
  id: Generated<number>;
  user_id: string;
  wilayah: string | null;
  sejak: ColumnType<Date, Date | undefined, never>;
}

export interface AttendanceTable {
  id: Generated<string>;
  user_id: string;
  wilayah: string;
  tanggal: string;
  status: AttendanceStatus;
  masuk_at: Date | null;
  masuk_lat: number | null;
  masuk_lng: number | null;
  masuk_akurasi: number | null;
  masuk_jarak_km: number | null;
  pulang_at: Date | null;
  pulang_lat: number | null;
  pulang_lng: number | null;
  pulang_akurasi: number | null;
  pulang_jarak_km: number | null;
  masuk_diterima_at: Date | null;
  pulang_diterima_at: Date | null;
  tertunda: ColumnType<boolean, boolean | undefined, boolean>;
  terlambat: ColumnType<boolean, boolean | undefined, boolean>;
  pulang_cepat: ColumnType<boolean, boolean | undefined, boolean>;
  jauh: ColumnType<boolean, boolean | undefined, boolean>;
  catatan: string | null;
  persetujuan: 'menunggu' | 'disetujui' | 'ditolak' | null;
  ditinjau_oleh: string | null;
  ditinjau_pada: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** The disaster event a deployed pendamping's day was dinas luar for (migration 0032). */
  disaster_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ActivitiesTable {
  id: Generated<string>;
  user_id: string;
  wilayah: string;
  tanggal: string;
  jenis: ActivityType;
  durasi_menit: number;
  uraian: string | null;
  lat: number | null;
  lng: number | null;
  case_ids: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<ActivityStatus, ActivityStatus | undefined, ActivityStatus>;
  sumber: ColumnType<'manual' | 'otomatis', 'manual' | 'otomatis' | undefined, never>;
  komentar: string | null;
  diajukan_pada: Date | null;
  ditinjau_oleh: string | null;
  ditinjau_pada: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  version: Generated<number>;
  /** The disaster event the work was done for, one the worker was deployed to that day (migration 0032). */
  disaster_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SkpPlansTable {
  user_id: string;
  tahun: number;
  targets: ColumnType<Record<string, number>, string, string>;
  perilaku: Rating | null;
  perilaku_catatan: string | null;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  hasil_kerja_penyesuaian: ColumnType<Rating | null, Rating | null | undefined, Rating | null>;
  hasil_kerja_alasan: ColumnType<string | null, string | null | undefined, string | null>;
  hasil_kerja_oleh: ColumnType<string | null, string | null | undefined, string | null>;
  hasil_kerja_pada: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Roles that must (or need not) sign in with two factors, over the server's default (migration 0031). */
export interface TwoFactorPolicyTable {
  role: Role;
  wajib: boolean;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** The national caseload limits kept on Data referensi (migration 0030): one row, `id` always true. */
export interface CaseloadLimitsTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  rekomendasi: number;
  maksimum: number;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** One periodic behaviour evaluation on the seven BerAKHLAK values (migration 0028). */
export interface SkpBehaviourRatingsTable {
  user_id: string;
  tahun: number;
  periode: string;
  nilai: ColumnType<Record<string, Rating>, string, string>;
  rating: Rating;
  catatan: string | null;
  rated_by: string | null;
  rated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface WorkerMonthlyTable {
  user_id: string;
  bulan: string;
  dijangkau: number;
  diasesmen: number;
  rencana: number;
  terselesaikan: number;
  rujukan: number;
  ldp: number;
  menit_disetujui: number;
  hadir_kerja: number;
  cuti_kerja: number;
}

export interface CaseStatsTable {
  tingkat: number;
  induk: string;
  kode: string;
  ppks: string;
  status: CaseStatus;
  tahapan: TahapanCode;
  n: number;
}

export interface CaseFlowTable {
  tingkat: number;
  induk: string;
  kode: string;
  ppks: string;
  bulan: string;
  dibuat: number;
  terselesaikan: number;
  ditutup: number;
}

export interface CaseResolutionWeeksTable {
  tingkat: number;
  induk: string;
  kode: string;
  ppks: string;
  bulan: string;
  minggu: number;
  n: number;
}

export interface CaseBacklogTable {
  tingkat: number;
  induk: string;
  kode: string;
  ppks: string;
  umur: '0-30' | '31-90' | '91-180' | '>180';
  aktif: number;
  terlambat: number;
}

export interface PendampingLoadTable {
  user_id: string;
  wilayah: string;
  aktif: number;
  terlambat: number;
}

export interface CaseBacklogMetaTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  refreshed_at: Date;
}

export interface ReportsTable {
  id: Generated<string>;
  jenis: 'bulanan';
  wilayah: string | null;
  bulan: string;
  format: 'xlsx' | 'pdf';
  status: ColumnType<
    'antre' | 'proses' | 'selesai' | 'gagal',
    'antre' | 'proses' | 'selesai' | 'gagal' | undefined,
    'antre' | 'proses' | 'selesai' | 'gagal'
  >;
  progres: ColumnType<number, number | undefined, number>;
  berkas: Buffer | null;
  ukuran: number | null;
  galat: string | null;
  otomatis: ColumnType<boolean, boolean | undefined, never>;
  dibuat_oleh: string | null;
  dibuat_pada: ColumnType<Date, Date | undefined, never>;
  selesai_pada: Date | null;
}

export interface EvidencePhotosTable {
  id: Generated<string>;
  owner_type: 'activity' | 'attendance';
  owner_id: string;
  user_id: string;
  wilayah: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  ukuran: number;
  bytes: Buffer;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface CaseMediansTable {
  tingkat: number;
  induk: string;
  kode: string;
  ppks: string;
  median_hari: number;
}

export interface CaseAssessmentsTable {
  id: Generated<string>;
  case_id: string;
  form_kode: string;
  form_versi: number;
  data: ColumnType<Record<string, unknown>, string, string>;
  risiko: 'rendah' | 'sedang' | 'tinggi';
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string | null;
}

export interface CaseConferencesTable {
  id: Generated<string>;
  case_id: string;
  tanggal: string;
  peserta: string[];
  ringkasan: string;
  keputusan: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string | null;
}

export interface CasePlansTable {
  id: Generated<string>;
  case_id: string;
  tujuan: ColumnType<string[], string, string>;
  layanan: ColumnType<PlanServiceRow[], string, string>;
  status: 'draf' | 'diajukan' | 'disetujui' | 'dikembalikan';
  revisi: Generated<number>;
  komentar: string | null;
  diajukan_pada: Date | null;
  diputus_oleh: string | null;
  diputus_pada: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface CaseServicesTable {
  id: Generated<string>;
  case_id: string;
  jenis: 'layanan' | 'catatan';
  atensi: string | null;
  tanggal: string;
  tempat: string | null;
  pelaksana: string | null;
  uraian: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string | null;
}

export interface CaseAttachmentsTable {
  id: Generated<string>;
  case_id: string;
  nama: string;
  keterangan: string | null;
  mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  ukuran: number;
  bytes: Buffer;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string | null;
}

export interface LembagaTable {
  id: Generated<string>;
  nama: string;
  jenis: string;
  wilayah: string | null;
  alamat: string | null;
  telepon: string | null;
  batas_hari: Generated<number>;
  aktif: Generated<boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string | null;
}

export interface RujukanTable {
  id: Generated<string>;
  case_id: string;
  lembaga_id: string;
  /** The case's area, kept by triggers. */
  wilayah: Generated<string>;
  layanan: string;
  alasan: string;
  batas_hari: number;
  status: Generated<'dikirim' | 'diterima' | 'disetujui' | 'ditolak' | 'selesai' | 'dibatalkan'>;
  dikirim_pada: ColumnType<Date, Date | undefined, never>;
  dikirim_oleh: string | null;
  diterima_pada: Date | null;
  diterima_oleh: string | null;
  dijawab_pada: Date | null;
  dijawab_oleh: string | null;
  selesai_pada: Date | null;
  selesai_oleh: string | null;
  petugas_lembaga: string | null;
  catatan: string | null;
  version: Generated<number>;
  /** Migration 0029: the legal basis on which the referral shared the person's data. */
  dasar_berbagi: ColumnType<DasarPemrosesan, DasarPemrosesan | undefined, DasarPemrosesan>;
}

export interface CaseTransfersTable {
  id: Generated<string>;
  case_id: string;
  dari_pendamping: string | null;
  ke_pendamping: string;
  ke_wilayah: string | null;
  alasan: string;
  status: Generated<'diajukan' | 'diterima' | 'ditolak' | 'dibatalkan'>;
  diajukan_oleh: string;
  diajukan_pada: ColumnType<Date, Date | undefined, never>;
  diputus_oleh: string | null;
  diputus_pada: Date | null;
  catatan: string | null;
}

export interface CaseOutcomesTable {
  case_id: string;
  kriteria: string;
  terpenuhi: boolean;
  bukti: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string | null;
}

export interface CaseFollowupsTable {
  id: Generated<string>;
  case_id: string;
  jadwal: string;
  status: Generated<'terjadwal' | 'selesai' | 'batal'>;
  kondisi: 'stabil' | 'perlu_perhatian' | 'kambuh' | null;
  hasil: string | null;
  dicatat_pada: Date | null;
  dicatat_oleh: string | null;
}

export interface IdentityAccessTable {
  id: Generated<number>;
  beneficiary_id: string;
  case_id: string | null;
  user_id: string;
  alasan: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  berlaku_sampai: Date;
}

export interface DashboardSnapshotsTable {
  wilayah: string;
  body: ColumnType<unknown, string, string>;
  refreshed_at: Date;
}

/** Migration 0020: capacity building. */
export interface KompetensiTable {
  kode: string;
  nama: string;
  uraian: string;
  urutan: number;
}

export interface TrainingsTable {
  id: Generated<string>;
  nomor: ColumnType<number, never, never>;
  nama: string;
  mulai: string;
  selesai: string;
  tempat: string;
  wilayah: string;
  penyelenggara: string;
  kuota: number | null;
  min_kehadiran: ColumnType<number, number | undefined, number>;
  nilai_lulus: number | null;
  completed_at: Date | null;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
  /** HMAC key of the event's check-in tokens (migration 0033); never leaves the server. */
  checkin_key: ColumnType<string, never, never>;
  /** Migration 0038: the programme whose curriculum it copied, if any. */
  programme_id: ColumnType<string | null, string | null | undefined, never>;
}

/** Migration 0038: a reusable training programme and its curriculum units. */
export interface TrainingProgrammesTable {
  id: Generated<string>;
  kode: string;
  nama: string;
  uraian: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface TrainingProgrammeUnitsTable {
  programme_id: string;
  kode: string;
  urutan: number;
  nama: string;
  jp: number;
  kompetensi: ColumnType<string[], string[] | undefined, string[]>;
  /** Learning objectives, one a line. */
  tujuan: ColumnType<string[], string[] | undefined, string[]>;
}

/** Migration 0038: a trainer (narasumber) of an event, internal (an account) or external. */
export interface TrainingTrainersTable {
  id: Generated<string>;
  training_id: string;
  urutan: number;
  nama: string;
  instansi: string | null;
  user_id: string | null;
  units: ColumnType<string[], string[] | undefined, string[]>;
}

/** Migration 0038: who has evaluated an event (once), and nothing of what they said. */
export interface TrainingEvaluatorsTable {
  training_id: string;
  user_id: string;
}

/** Migration 0038: one anonymous rating of an event (`trainer_id` null) or of one trainer. */
export interface TrainingRatingsTable {
  id: Generated<string>;
  training_id: string;
  trainer_id: string | null;
  nilai: number;
  komentar: string | null;
}

export interface TrainingUnitsTable {
  training_id: string;
  kode: string;
  urutan: number;
  nama: string;
  jp: number;
  tanggal: string | null;
  kompetensi: ColumnType<string[], string[] | undefined, string[]>;
  /** HH:MM local to the venue; null: the default start. */
  jam_mulai: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TrainingParticipantsTable {
  training_id: string;
  user_id: string;
  nilai_pre: number | null;
  nilai_post: number | null;
  registered_at: ColumnType<Date, Date | undefined, never>;
  /** Migration 0037: invited and not yet answered, coming, or declined. */
  status: ColumnType<'diundang' | 'terdaftar' | 'ditolak', 'diundang' | 'terdaftar' | undefined, 'terdaftar' | 'ditolak'>;
  dijawab_at: Date | null;
  alasan_tolak: string | null;
}

export interface TrainingAttendanceTable {
  training_id: string;
  user_id: string;
  unit: string;
  recorded_at: ColumnType<Date, Date | undefined, never>;
  recorded_by: string | null;
  terlambat: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface TrainingCertificatesTable {
  nomor: string;
  training_id: string;
  user_id: string;
  nama: string;
  jp: number;
  issued_at: ColumnType<Date, Date | undefined, never>;
  revoked_at: Date | null;
  revoked_reason: string | null;
  revoked_by: string | null;
}

/** Migration 0034: a pre- or post-test bank of an event and the window in which it is answered. */
export interface TrainingTestsTable {
  training_id: string;
  jenis: 'pre' | 'post';
  dibuka: Date;
  ditutup: Date;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Migration 0034: one multiple-choice question; `jawaban` (the correct choice) never leaves the server unasked. */
export interface TrainingQuestionsTable {
  id: Generated<string>;
  training_id: string;
  jenis: 'pre' | 'post';
  unit: string;
  urutan: number;
  pertanyaan: string;
  pilihan: string[];
  jawaban: number;
}

/** Migration 0034: a participant's one scored submission of a test. */
export interface TrainingTestSubmissionsTable {
  training_id: string;
  jenis: 'pre' | 'post';
  user_id: string;
  benar: number;
  jumlah: number;
  nilai: number;
  submitted_at: ColumnType<Date, Date | undefined, never>;
}

/** Migration 0034: each answer of a submission, so the score can be split per unit. */
export interface TrainingTestAnswersTable {
  training_id: string;
  jenis: 'pre' | 'post';
  user_id: string;
  question_id: string;
  pilihan: number;
  benar: boolean;
}

export interface CompetencyAssessmentsTable {
  user_id: string;
  kompetensi: string;
  level: number;
  catatan: string | null;
  assessed_by: string | null;
  assessed_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ProfessionalCertificationsTable {
  id: Generated<string>;
  user_id: string;
  jenis: string;
  nomor: string;
  kompetensi: string[];
  berlaku_sampai: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface DisastersTable {
  id: Generated<string>;
  nama: string;
  jenis: JenisBencana;
  status: StatusBencana;
  mulai: string;
  selesai: string | null;
  keterangan: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface DisasterWilayahTable {
  disaster_id: string;
  kode: string;
}

export interface DisasterStatusHistoryTable {
  id: Generated<number>;
  disaster_id: string;
  status: StatusBencana;
  catatan: string | null;
  oleh: string | null;
  pada: ColumnType<Date, Date | undefined, never>;
}

export interface DisasterDeploymentsTable {
  id: Generated<string>;
  disaster_id: string;
  user_id: string;
  mulai: string;
  selesai: string;
  peran: PeranPenugasan;
  surat_tugas: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface DisasterSheltersTable {
  id: Generated<string>;
  disaster_id: string;
  nama: string;
  jenis: JenisPosko;
  kode_desa: string;
  lat: number | null;
  lng: number | null;
  kapasitas: number;
  fasilitas: ColumnType<FasilitasPosko[], FasilitasPosko[] | undefined, FasilitasPosko[]>;
  kebutuhan: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface DisasterAffectedTable {
  id: Generated<string>;
  disaster_id: string;
  beneficiary_id: string;
  provinsi: string;
  shelter_id: string | null;
  kondisi: KondisiKorban;
  kelompok_rentan: ColumnType<KelompokRentan[], KelompokRentan[] | undefined, KelompokRentan[]>;
  kebutuhan: string | null;
  keluarga_id: string | null;
  kemungkinan_ganda: Generated<boolean>;
  terhubung_registri: Generated<boolean>;
  case_id: string | null;
  dicatat_oleh: string | null;
  dicatat_pada: ColumnType<Date, Date | undefined, never>;
  version: Generated<number>;
}

export interface DisasterAffectedHistoryTable {
  id: Generated<number>;
  disaster_id: string;
  affected_id: string;
  berlaku: ColumnType<Date, Date | undefined, never>;
  kondisi: KondisiKorban;
  shelter_id: string | null;
  kelompok_rentan: ColumnType<KelompokRentan[], KelompokRentan[] | undefined, never>;
  oleh: string | null;
}

export interface DisasterLdpSessionsTable {
  id: Generated<string>;
  disaster_id: string;
  tanggal: string;
  jenis: JenisLdp;
  shelter_id: string | null;
  tempat: string | null;
  fasilitator: ColumnType<string[], string[] | undefined, string[]>;
  catatan: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface DisasterLdpPesertaTable {
  session_id: string;
  affected_id: string;
}

export interface DisasterLdpCountsTable {
  session_id: string;
  kelompok_umur: KelompokUmurLdp;
  jenis_kelamin: 'L' | 'P';
  jumlah: number;
}

/** Family tracing and reunification, and aid delivered (migration 0025). */
export interface DisasterTracingTable {
  id: Generated<string>;
  disaster_id: string;
  jenis: JenisPenelusuran;
  arah: ArahPenelusuran;
  nama: string | null;
  nama_kunci: string | null;
  jenis_kelamin: 'L' | 'P';
  tanggal_lahir: string | null;
  perkiraan_umur: number | null;
  kode_desa: string | null;
  tempat: string | null;
  ciri_ciri: string | null;
  tanggal: string;
  affected_id: string | null;
  pelapor_nama: string | null;
  pelapor_kontak: string | null;
  pelapor_hubungan: HubunganPelapor | null;
  status: Generated<StatusPenelusuran>;
  pasangan_id: string | null;
  cocok_oleh: string | null;
  cocok_pada: Date | null;
  alasan_tutup: AlasanTutupPenelusuran | null;
  catatan_tutup: string | null;
  ditutup_oleh: string | null;
  ditutup_pada: Date | null;
  dipersatukan_pada: Date | null;
  dicatat_oleh: string | null;
  dicatat_pada: ColumnType<Date, Date | undefined, never>;
  version: Generated<number>;
  /** Migration 0035: when the retention job anonymised the closed record. */
  dianonimkan_pada: Date | null;
}

/** Migration 0035: a legal hold keeps a person or a case out of the retention job while it is in force. */
export interface LegalHoldsTable {
  id: Generated<string>;
  beneficiary_id: string | null;
  case_id: string | null;
  wilayah: string;
  alasan: string;
  dibuat_oleh: string;
  dibuat_pada: ColumnType<Date, Date | undefined, never>;
  dicabut_oleh: string | null;
  dicabut_pada: Date | null;
  alasan_cabut: string | null;
}

export interface DisasterReunificationsTable {
  id: Generated<string>;
  disaster_id: string;
  dicari_id: string;
  ditemukan_id: string;
  tanggal: string;
  tempat: string;
  diserahkan_kepada: string;
  catatan: string | null;
  dicatat_oleh: string | null;
  dicatat_pada: ColumnType<Date, Date | undefined, never>;
}

export interface DisasterAidBastTable {
  disaster_id: string;
  kunci: string;
  affected_id: string | null;
  keluarga_id: string | null;
}

export interface DisasterAidTable {
  id: Generated<string>;
  disaster_id: string;
  jenis: JenisBantuan;
  uraian: string;
  nilai_rupiah: number;
  jumlah: Generated<number>;
  satuan: string | null;
  affected_id: string | null;
  keluarga_id: string | null;
  nomor_bast: string;
  bast_kunci: string;
  tanggal: string;
  diserahkan_oleh: string;
  dicatat_oleh: string | null;
  dicatat_pada: ColumnType<Date, Date | undefined, never>;
}

/** The working calendar (migration 0024): holidays and cuti bersama, and special hours (Ramadan). */
export interface HariLiburTable {
  tanggal: string;
  jenis: 'libur_nasional' | 'cuti_bersama';
  nama: string;
  sumber: string | null;
  diubah_oleh: string | null;
  diubah_pada: Generated<Date>;
}

export interface JamKerjaKhususTable {
  id: Generated<string>;
  nama: string;
  mulai: string;
  selesai: string;
  masuk_menit: number;
  pulang_menit: number;
  pulang_jumat_menit: number;
  sumber: string | null;
  diubah_oleh: string | null;
  diubah_pada: Generated<Date>;
}

/** One device's report of its outbox (issue 17); the device id is made on the device. */
export interface DeviceSyncStatusTable {
  user_id: string;
  device_id: string;
  menunggu: number;
  konflik: number;
  ditolak: number;
  menunggu_sejak: Date | null;
  dilaporkan_pada: Generated<Date>;
}

/** When a user last pulled `/sync/changes`, stamped by the server. */
export interface SyncPullsTable {
  user_id: string;
  ditarik_pada: Date;
}

/** The key that unwraps a user's device-side data key (migration 0027). */
export interface DeviceKeysTable {
  user_id: string;
  key: Buffer;
  created_at: Generated<Date>;
}

export interface DB {
  legal_holds: LegalHoldsTable;
  device_keys: DeviceKeysTable;
  device_sync_status: DeviceSyncStatusTable;
  sync_pulls: SyncPullsTable;
  hari_libur: HariLiburTable;
  jam_kerja_khusus: JamKerjaKhususTable;
  disasters: DisastersTable;
  disaster_wilayah: DisasterWilayahTable;
  disaster_status_history: DisasterStatusHistoryTable;
  disaster_deployments: DisasterDeploymentsTable;
  disaster_shelters: DisasterSheltersTable;
  disaster_affected: DisasterAffectedTable;
  disaster_affected_history: DisasterAffectedHistoryTable;
  disaster_ldp_sessions: DisasterLdpSessionsTable;
  disaster_ldp_peserta: DisasterLdpPesertaTable;
  disaster_ldp_counts: DisasterLdpCountsTable;
  disaster_tracing: DisasterTracingTable;
  disaster_reunifications: DisasterReunificationsTable;
  disaster_aid_bast: DisasterAidBastTable;
  disaster_aid: DisasterAidTable;
  kompetensi: KompetensiTable;
  trainings: TrainingsTable;
  training_units: TrainingUnitsTable;
  training_participants: TrainingParticipantsTable;
  training_attendance: TrainingAttendanceTable;
  training_certificates: TrainingCertificatesTable;
  training_programmes: TrainingProgrammesTable;
  training_programme_units: TrainingProgrammeUnitsTable;
  training_trainers: TrainingTrainersTable;
  training_evaluators: TrainingEvaluatorsTable;
  training_ratings: TrainingRatingsTable;
  training_tests: TrainingTestsTable;
  training_questions: TrainingQuestionsTable;
  training_test_submissions: TrainingTestSubmissionsTable;
  training_test_answers: TrainingTestAnswersTable;
  competency_assessments: CompetencyAssessmentsTable;
  professional_certifications: ProfessionalCertificationsTable;
  dashboard_snapshots: DashboardSnapshotsTable;
  nama_kata: { kata: string };
  case_assessments: CaseAssessmentsTable;
  case_conferences: CaseConferencesTable;
  case_plans: CasePlansTable;
  case_services: CaseServicesTable;
  case_attachments: CaseAttachmentsTable;
  lembaga: LembagaTable;
  rujukan: RujukanTable;
  case_transfers: CaseTransfersTable;
  case_outcomes: CaseOutcomesTable;
  case_followups: CaseFollowupsTable;
  identity_access: IdentityAccessTable;
  case_medians: CaseMediansTable;
  evidence_photos: EvidencePhotosTable;
  reports: ReportsTable;
  case_stats: CaseStatsTable;
  case_flow: CaseFlowTable;
  case_resolution_weeks: CaseResolutionWeeksTable;
  case_backlog: CaseBacklogTable;
  case_backlog_meta: CaseBacklogMetaTable;
  pendamping_load: PendampingLoadTable;
  worker_monthly: WorkerMonthlyTable;
  pendamping_profiles: PendampingProfilesTable;
  penugasan: PenugasanTable;
  attendance: AttendanceTable;
  activities: ActivitiesTable;
  skp_plans: SkpPlansTable;
  skp_behaviour_ratings: SkpBehaviourRatingsTable;
  caseload_limits: CaseloadLimitsTable;
  two_factor_policy: TwoFactorPolicyTable;
  tahapan_target: TahapanTargetTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  import_reports: ImportReportsTable;
  import_files: ImportFilesTable;
  import_row_verdicts: ImportRowVerdictsTable;
  beneficiary_consents: BeneficiaryConsentsTable;
  beneficiary_distinct_pairs: BeneficiaryDistinctPairsTable;
  beneficiaries: BeneficiariesTable;
  wilayah: WilayahTable;
  ppks: PpksTable;
  tahapan: TahapanTable;
  atensi_layanan: AtensiLayananTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  audit_chain_checkpoints: AuditChainCheckpointsTable;
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodesTable;
}
