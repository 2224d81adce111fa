import type { Role } from './roles.js';
/**
 * Shapes of records as the API sends them, shared by the server (which builds them)
 * and the web app (which reads them), so the two cannot drift apart.
 */

import type { CloseReason, StageRequirement } from './case-workflow.js';
import type { AlasanTanpaNik } from './people-without-documents.js';
import type { CaseStatus, TahapanCode } from './tahapan.js';
import type { AssessmentView, CaseTasks, FollowUpView, OutcomeView, PlanView, ReferralView, ServiceView } from './casework-types.js';
import type { ActivityRecord, AttendanceRecord } from './workforce-types.js';

export interface BeneficiaryRecord {
  id: string;
  /** Null in a masked view (a NIK's hidden digits can be rebuilt from birth date, sex and village), and for a person without NIK. */
  nik: string | null;
  /** The temporary registry number of a person registered without NIK (`TMP-35-000123`), kept after the NIK is linked; null in a masked view. */
  nomorSementara: string | null;
  /** Why the person has no NIK; null once linked, and in a masked view. */
  alasanTanpaNik: AlasanTanpaNik | null;
  /** The birth date (and year) was computed from an estimated age. */
  tanggalLahirPerkiraan: boolean;
  noKk: string | null;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tempatLahir: string | null;
  /** Null in a masked view, which carries only `tahunLahir`. */
  tanggalLahir: string | null;
  tahunLahir: number;
  alamat: string | null;
  /** Null in a masked view, which carries only `kabupaten`. */
  kodeDesa: string | null;
  /** The regency (kabupaten/kota) code, always given. */
  kabupaten: string;
  kategoriPpks: string | null;
  telepon: string | null;
  disabilitas: string | null;
  catatan: string | null;
  /** Under 18 today: identity protected (UU 35/2014 Pasal 64, UU 11/2012 Pasal 19). */
  anak: boolean;
  /** A child, or someone with a case (or registered) in a category of specific data (UU 27/2022 Pasal 4(2)). */
  sensitif: boolean;
  /** Sensitive and the caller is not among those who see the identity: a masked view. */
  identitasTerlindungi: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CaseActions {
  /** Stages the caller may move the case to now. */
  tahapan: TahapanCode[];
  /** Next stages the workflow allows but whose gate is still closed, with what is missing. */
  syarat: Array<{ tahapan: TahapanCode; kurang: StageRequirement[] }>;
  tutup: boolean;
  verifikasi: boolean;
  bukaKembali: boolean;
  ubah: boolean;
}

export interface CaseRecord {
  id: string;
  nomor: string;
  beneficiaryId: string;
  beneficiaryNama: string;
  ppks: string;
  wilayah: string;
  pendampingId: string | null;
  pendampingNama: string | null;
  tahapan: TahapanCode;
  status: CaseStatus;
  tahapanSejak: string;
  /** When the current stage is due (its target days), or null without a target. */
  batasTahapan: string | null;
  /** Open work past its stage's due moment. */
  terlambat: boolean;
  ditutupAlasan: CloseReason | null;
  diverifikasiPada: string | null;
  ringkasan: string | null;
  /** The person is protected (a child, or a case in a category of specific data): handle with care. */
  sensitif: boolean;
  /** Sensitive and the caller is not among those who see the identity: initials, regency, no summary. */
  identitasTerlindungi: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** What the caller may do next, so screens offer only actions that will be accepted. */
  tindakan: CaseActions;
}

export interface CaseEventRecord {
  id: string;
  at: string;
  actorUsername: string | null;
  jenis: string;
  dariTahapan: string | null;
  keTahapan: string | null;
  catatan: string | null;
  data: unknown;
}

/** One case's working file in a sync: it replaces the device's copy of that case's file whole. */
export interface SyncWorkingFile {
  caseId: string;
  assessments: AssessmentView[];
  plan: PlanView | null;
  services: ServiceView[];
  referrals: ReferralView[];
  outcomes: { items: OutcomeView[]; belumTerpenuhi: string[] };
  followUps: FollowUpView[];
}

/**
 * `GET /sync/changes?since=CURSOR`: what of the caller's working set changed after the cursor
 * (without one: the whole set). Ask again with `cursor` while `more`; keep the last `cursor` for
 * the next sync. Records come whole (the device replaces its copy by id); a record may come
 * twice, never not at all.
 */
export interface SyncChanges {
  /** Opaque: send it back as `since`. */
  cursor: string;
  /** More cases wait in this round: ask again at once with `cursor`. */
  more: boolean;
  /** The whole working set (no `since`): the device drops what is not in it. */
  full: boolean;
  cases: CaseRecord[];
  beneficiaries: BeneficiaryRecord[];
  workingFiles: SyncWorkingFile[];
  /** Cases that left the working set since the cursor (closed, reassigned): drop them. */
  removed: { cases: string[] };
  /** The pendamping's task list (first page of a round only; null otherwise). */
  tasks: CaseTasks | null;
  /** Today's presensi of those who keep one (first page only). */
  attendance: { tanggal: string; presensi: AttendanceRecord | null } | null;
  /** The caller's own activity entries of today (first page only). */
  activities: ActivityRecord[] | null;
  /** A version per reference list (PPKS, stages, ATENSI, stage targets, forms, referral directory): reload a list whose version changed. */
  reference: Record<string, string> | null;
}

/**
 * What one device reports of its outbox (issue 17): writes waiting to be sent (and being sent),
 * in conflict, refused; when the user acted on the oldest waiting one. The device id is made on
 * the device, so a pendamping's two phones are two rows.
 */
export interface DeviceSyncReport {
  perangkatId: string;
  menunggu: number;
  konflik: number;
  ditolak: number;
  /** The oldest waiting write's acted-at time (device clock); null when nothing waits. */
  menungguSejak: string | null;
  /** When the server received this report. */
  dilaporkanPada: string;
}

/** A supervisor's line per active pendamping in scope: what their devices still hold, summed over devices. */
export interface TeamSyncStatusRow {
  userId: string;
  username: string;
  nama: string | null;
  wilayah: string | null;
  menunggu: number;
  konflik: number;
  ditolak: number;
  /** The oldest waiting write on any of their devices; null when nothing waits. */
  menungguSejak: string | null;
  /** The latest report of any of their devices; null when none ever reported. */
  dilaporkanPada: string | null;
  /** When they last pulled `/sync/changes`; null when never. */
  sinkronTerakhir: string | null;
  /** Devices that have reported. */
  jumlahPerangkat: number;
}

/** What clients see of an account: never the hash. */
export interface UserRecord {
  id: string;
  username: string;
  role: Role;
  wilayah: string | null;
  namaLengkap: string | null;
  disabled: boolean;
  /** An admin set the password; the user replaces it at first sign-in. */
  mustChangePassword: boolean;
  createdAt: string;
  /** The last sign-in (the newest session's start); null: never signed in. */
  lastSignInAt: string | null;
}

export interface UserDetailRecord extends UserRecord {
  /** Every area the account was assigned to, newest first (kept by a trigger on users). */
  riwayatPenugasan: Array<{ wilayah: string | null; sejak: string }>;
  /** Sign-in asks for a code from an authenticator app (an admin may reset it when the phone is lost). */
  duaLangkahAktif: boolean;
}

/** The last-sign-in filter of the account list. */
export type LastSignIn = 'never' | 'within30d' | 'over30d' | 'over90d';

export interface SessionRecord {
  /** A short handle of the session (a prefix of its stored hash; the token itself is never kept). */
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

/** One of the caller's own sessions: this device's is marked. */
export interface OwnSessionRecord extends SessionRecord {
  current: boolean;
}

export interface AuditEventRecord {
  id: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  wilayah: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
  /** The person the event concerns. */
  subjectId: string | null;
  /** A read or search of a protected person, or a break-glass opening. */
  protectedRead: boolean;
}

export interface ChainVerdict {
  ok: boolean;
  /** Events whose link was recomputed (up to and including the broken one). */
  checked: number;
  /** The first event whose link fails: the edited or inserted event, the one after a deleted one, the checkpointed or last event a rewrite changed. */
  brokenAt: number | null;
}

/** A spreadsheet upload's row report (the registry's, a posko's), before its kind's own counts of what was stored. */
export interface SpreadsheetUploadResult {
  id: string;
  total: number;
  accepted: number;
  rejected: number;
  dryRun: boolean;
  /** The first rows with an error or a warning; `rowsListed` counts them all, the XLSX at `reportUrl` holds them all. */
  rows: Array<{ line: number; errors: string[]; warnings: string[] }>;
  rowsListed: number;
  reportUrl: string | null;
}

/** A registry upload imported in the background (`GET /imports/{id}`), as its uploader follows it. */
export interface ImportStatusView extends SpreadsheetUploadResult {
  status: 'antre' | 'proses' | 'selesai' | 'gagal';
  /** Per cent of the file's rows judged and stored. */
  progres: number;
  barisSelesai: number;
  /** The file's data rows (null until an attempt has counted them). */
  baris: number | null;
  inserted: number;
  updated: number;
  /** Why it failed, in Indonesian. */
  galat: string | null;
  dibuatPada: string;
  selesaiPada: string | null;
}
