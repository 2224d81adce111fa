/**
 * Shapes of records as the API sends them, shared by the server (which builds them)
 * and the web app (which reads them), so the two cannot drift apart.
 */

import type { CloseReason } from './case-workflow.js';
import type { CaseStatus, TahapanCode } from './tahapan.js';

export interface BeneficiaryRecord {
  id: string;
  nik: string;
  noKk: string | null;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tempatLahir: string | null;
  tanggalLahir: string;
  alamat: string | null;
  kodeDesa: string;
  kategoriPpks: string | null;
  telepon: string | null;
  disabilitas: string | null;
  catatan: string | null;
  /** Under 18 today: identity protected (UU 35/2014, UU SPPA). */
  anak: boolean;
  /** A child, or registered under a category whose data is "spesifik" (UU PDP Pasal 4). */
  sensitif: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CaseActions {
  /** Stages the caller may move the case to now. */
  tahapan: TahapanCode[];
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
  /** A child or a category with specific (sensitive) data: handle the identity with care. */
  sensitif: boolean;
  /** Sensitive and the caller is not among those who see the identity: the name is initials. */
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
