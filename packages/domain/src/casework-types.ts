import type { DasarPemrosesan } from './data-protection.js';
/**
 * Records of the work inside a case as the API sends them; the server builds them, the web app
 * reads them.
 */

import type { LegalDeadlineTask } from './legal-deadlines.js';
import type { FollowUpCondition, PlanStatus, TransferStatus } from './intervention-plan.js';
import type { LembagaJenis, ReferralStatus } from './referral-workflow.js';
import type { RiskLevel } from './assessment-forms.js';

export interface PlanServiceRow {
  atensi: string;
  uraian: string;
  pelaksana: string;
  batas: string;
}

export interface AssessmentView {
  id: string;
  formKode: string;
  formVersi: number;
  data: Record<string, unknown>;
  risiko: RiskLevel;
  createdAt: string;
  oleh: string | null;
}

export interface ConferenceInput {
  tanggal: string;
  peserta: string[];
  ringkasan: string;
  keputusan: string;
}

export interface ConferenceView extends ConferenceInput {
  id: string;
  createdAt: string;
  oleh: string | null;
}

export interface PlanView {
  id: string;
  caseId: string;
  tujuan: string[];
  layanan: PlanServiceRow[];
  status: PlanStatus;
  revisi: number;
  komentar: string | null;
  diajukanPada: string | null;
  diputusPada: string | null;
  updatedAt: string;
  version: number;
  tindakan: { ubah: boolean; ajukan: boolean; putuskan: boolean };
}

export interface WaitingPlan {
  caseId: string;
  nomor: string;
  beneficiaryNama: string;
  pendampingNama: string | null;
  revisi: number;
  diajukanPada: string;
}

export interface ServiceView {
  id: string;
  jenis: 'layanan' | 'catatan';
  atensi: string | null;
  tanggal: string;
  tempat: string | null;
  pelaksana: string | null;
  uraian: string;
  createdAt: string;
  oleh: string | null;
}

export interface AttachmentView {
  id: string;
  nama: string;
  keterangan: string | null;
  mime: string;
  ukuran: number;
  createdAt: string;
  oleh: string | null;
}

export interface LembagaView {
  id: string;
  nama: string;
  jenis: LembagaJenis;
  wilayah: string | null;
  alamat: string | null;
  telepon: string | null;
  batasHari: number;
  aktif: boolean;
}

export interface ReferralView {
  id: string;
  caseId: string;
  lembagaId: string;
  lembagaNama: string;
  lembagaJenis: string;
  layanan: string;
  alasan: string;
  batasHari: number;
  status: ReferralStatus;
  dikirimPada: string;
  diterimaPada: string | null;
  dijawabPada: string | null;
  selesaiPada: string | null;
  petugasLembaga: string | null;
  catatan: string | null;
  terlambat: boolean;
  version: number;
  /** The legal basis on which the person's data was shared (`data-protection.ts`). */
  dasarBerbagi: DasarPemrosesan;
}

export interface WaitingReferral {
  id: string;
  caseId: string;
  nomor: string;
  pendampingId: string | null;
  lembagaNama: string;
  status: ReferralStatus;
  dikirimPada: string;
  terlambat: boolean;
}

export interface TransferView {
  id: string;
  caseId: string;
  nomor: string;
  dariPendamping: string | null;
  kePendampingId: string;
  kePendamping: string;
  keWilayah: string | null;
  alasan: string;
  status: TransferStatus;
  diajukanPada: string;
  diputusPada: string | null;
  catatan: string | null;
}

/** A colleague a case may be handed to: a name and nothing else about them. */
export interface TransferCandidate {
  id: string;
  nama: string;
}

export interface OutcomeView {
  kode: string;
  teks: string;
  terpenuhi: boolean;
  bukti: string | null;
  updatedAt: string | null;
}

export interface FollowUpView {
  id: string;
  jadwal: string;
  status: 'terjadwal' | 'selesai' | 'batal';
  kondisi: FollowUpCondition | null;
  hasil: string | null;
  dicatatPada: string | null;
  jatuhTempo: boolean;
}

export interface DueFollowUp {
  id: string;
  caseId: string;
  nomor: string;
  jadwal: string;
  terlambat: boolean;
}

export interface ReturnedPlan {
  caseId: string;
  nomor: string;
  komentar: string | null;
}

export interface OverdueByPendamping {
  pendampingId: string;
  nama: string;
  tahapan: number;
  rujukan: number;
  bimbingan: number;
}

/** An assessment that found high risk or signs of violence, until a case conference follows it. */
export interface RiskyAssessment {
  caseId: string;
  nomor: string;
  risiko: string;
  tandaKekerasan: boolean;
  dicatatPada: string;
}

export interface CaseTasks {
  tahapanTerlambat: number;
  /** Deadlines set by law (ABH 3 × 24 hours, KPO 7 days) not yet met, soonest first. */
  batasHukum: LegalDeadlineTask[];
  /** For the koordinator: high-risk or violence assessments not yet discussed in a case conference. */
  asesmenBerisiko: RiskyAssessment[];
  rujukanMenunggu: WaitingReferral[];
  bimbinganJatuhTempo: DueFollowUp[];
  rencanaDikembalikan: ReturnedPlan[];
  rencanaMenunggu: WaitingPlan[];
  pengalihanMenunggu: TransferView[];
  perPendamping: OverdueByPendamping[];
}
