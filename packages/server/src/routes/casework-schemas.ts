import {
  DASAR_PEMROSESAN,
  type DasarPemrosesan,
  BATAS_HUKUM,
  FOLLOW_UP_CONDITIONS,
  LEMBAGA_JENIS,
  PLAN_STATUSES,
  REFERRAL_STATUSES,
  RISK_LEVELS,
  TRANSFER_STATUSES,
} from '@tuntas/domain';
import { Type } from 'typebox';
import { literals, Nullable, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';

const DateOnly = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const AssessmentFormSchema = Type.Object({
  kode: Type.String(),
  versi: Type.Integer(),
  judul: Type.String(),
  schema: Type.Unknown({ description: 'JSON Schema of the answers' }),
  layout: Type.Unknown({ description: 'Sections and fields as a screen draws them' }),
});

export const AssessmentSchema = Type.Object({
  id: Uuid,
  formKode: Type.String(),
  formVersi: Type.Integer(),
  data: Type.Record(Type.String(), Type.Unknown()),
  risiko: literals(RISK_LEVELS),
  createdAt: DateTime,
  oleh: Nullable(Type.String()),
});

export const AssessmentBody = StrictObject({
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'Answers to the case’s assessment form' }),
});

export const ConferenceBody = StrictObject({
  tanggal: DateOnly,
  peserta: Type.Array(Text(200), { minItems: 1, maxItems: 30 }),
  ringkasan: Text(5000),
  keputusan: Text(5000),
});
export const ConferenceSchema = Type.Object({
  id: Uuid,
  tanggal: DateOnly,
  peserta: Type.Array(Type.String()),
  ringkasan: Type.String(),
  keputusan: Type.String(),
  createdAt: DateTime,
  oleh: Nullable(Type.String()),
});

const PlanService = Type.Object(
  { atensi: Type.String(), uraian: Type.String({ maxLength: 1000 }), pelaksana: Type.String({ maxLength: 200 }), batas: DateOnly },
  { additionalProperties: false },
);
export const PlanBody = StrictObject({
  tujuan: Type.Array(Type.String({ maxLength: 1000 }), { minItems: 1, maxItems: 20 }),
  layanan: Type.Array(PlanService, { minItems: 1, maxItems: 30 }),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
});
export const PlanSchema = Type.Object({
  id: Uuid,
  caseId: Uuid,
  tujuan: Type.Array(Type.String()),
  layanan: Type.Array(PlanService),
  status: literals(PLAN_STATUSES),
  revisi: Type.Integer(),
  komentar: Nullable(Type.String()),
  diajukanPada: Nullable(DateTime),
  diputusPada: Nullable(DateTime),
  updatedAt: DateTime,
  version: Type.Integer(),
  tindakan: Type.Object({ ubah: Type.Boolean(), ajukan: Type.Boolean(), putuskan: Type.Boolean() }),
});
export const PlanReviewBody = StrictObject({
  keputusan: literals(['setujui', 'kembalikan'] as const),
  komentar: Type.Optional(Type.String({ maxLength: 2000 })),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
});
export const WaitingPlanSchema = Type.Object({
  caseId: Uuid,
  nomor: Type.String(),
  beneficiaryNama: Type.String(),
  pendampingNama: Nullable(Type.String()),
  revisi: Type.Integer(),
  diajukanPada: DateTime,
});

export const ServiceBody = StrictObject({
  jenis: literals(['layanan', 'catatan'] as const),
  atensi: Type.Optional(Nullable(Type.String())),
  tanggal: DateOnly,
  tempat: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  pelaksana: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  uraian: Text(5000),
});
export const ServiceSchema = Type.Object({
  id: Uuid,
  jenis: literals(['layanan', 'catatan'] as const),
  atensi: Nullable(Type.String()),
  tanggal: DateOnly,
  tempat: Nullable(Type.String()),
  pelaksana: Nullable(Type.String()),
  uraian: Type.String(),
  createdAt: DateTime,
  oleh: Nullable(Type.String()),
});

export const AttachmentSchema = Type.Object({
  id: Uuid,
  nama: Type.String(),
  keterangan: Nullable(Type.String()),
  mime: Type.String(),
  ukuran: Type.Integer(),
  createdAt: DateTime,
  oleh: Nullable(Type.String()),
});
export const AttachmentQuery = StrictObject({
  nama: Type.Optional(Type.String({ maxLength: 200 })),
  keterangan: Type.Optional(Type.String({ maxLength: 500 })),
});

export const LembagaSchema = Type.Object({
  id: Uuid,
  nama: Type.String(),
  jenis: literals(LEMBAGA_JENIS),
  wilayah: Nullable(Type.String()),
  alamat: Nullable(Type.String()),
  telepon: Nullable(Type.String()),
  batasHari: Type.Integer(),
  aktif: Type.Boolean(),
});
export const LembagaQuery = StrictObject({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  jenis: Type.Optional(literals(LEMBAGA_JENIS)),
  wilayah: Type.Optional(WilayahCode),
});
export const LembagaBody = StrictObject({
  nama: Text(200),
  jenis: literals(LEMBAGA_JENIS),
  wilayah: Type.Optional(Nullable(WilayahCode)),
  alamat: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  telepon: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  batasHari: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
});

export const ReferralSchema = Type.Object({
  id: Uuid,
  caseId: Uuid,
  lembagaId: Uuid,
  lembagaNama: Type.String(),
  lembagaJenis: Type.String(),
  layanan: Type.String(),
  alasan: Type.String(),
  batasHari: Type.Integer(),
  status: literals(REFERRAL_STATUSES),
  dikirimPada: DateTime,
  diterimaPada: Nullable(DateTime),
  dijawabPada: Nullable(DateTime),
  selesaiPada: Nullable(DateTime),
  petugasLembaga: Nullable(Type.String()),
  catatan: Nullable(Type.String()),
  terlambat: Type.Boolean(),
  version: Type.Integer(),
  dasarBerbagi: literals(DASAR_PEMROSESAN),
});
export const ReferralBody = StrictObject({
  lembagaId: Uuid,
  layanan: Text(300),
  alasan: Text(2000),
  batasHari: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  dasarBerbagi: Type.Optional(
    Type.Unsafe<DasarPemrosesan>({
      type: 'string',
      enum: [...DASAR_PEMROSESAN],
      description: 'Legal basis of sharing; default: a child’s special protection, else the public task',
    }),
  ),
});
export const ReferralUpdateBody = StrictObject({
  status: literals(REFERRAL_STATUSES),
  petugasLembaga: Type.Optional(Type.String({ maxLength: 200 })),
  catatan: Type.Optional(Type.String({ maxLength: 2000 })),
  version: Type.Integer({ minimum: 1 }),
});
export const WaitingReferralSchema = Type.Object({
  id: Uuid,
  caseId: Uuid,
  nomor: Type.String(),
  pendampingId: Nullable(Uuid),
  lembagaNama: Type.String(),
  status: literals(REFERRAL_STATUSES),
  dikirimPada: DateTime,
  terlambat: Type.Boolean(),
});

export const TransferSchema = Type.Object({
  id: Uuid,
  caseId: Uuid,
  nomor: Type.String(),
  dariPendamping: Nullable(Type.String()),
  kePendampingId: Uuid,
  kePendamping: Type.String(),
  keWilayah: Nullable(Type.String()),
  alasan: Type.String(),
  status: literals(TRANSFER_STATUSES),
  diajukanPada: DateTime,
  diputusPada: Nullable(DateTime),
  catatan: Nullable(Type.String()),
});
export const TransferBody = StrictObject({ kePendampingId: Uuid, keWilayah: Type.Optional(WilayahCode), alasan: Text(2000) });
export const TransferCandidatesSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, nama: Type.String() })),
});
export const TransferDecisionBody = StrictObject({
  keputusan: literals(['terima', 'tolak', 'batalkan'] as const),
  catatan: Type.Optional(Type.String({ maxLength: 2000 })),
});

const OutcomeItem = Type.Object({
  kode: Type.String(),
  teks: Type.String(),
  terpenuhi: Type.Boolean(),
  bukti: Nullable(Type.String()),
  updatedAt: Nullable(DateTime),
});
export const OutcomesSchema = Type.Object({ items: Type.Array(OutcomeItem), belumTerpenuhi: Type.Array(Type.String()) });
export const OutcomesBody = StrictObject({
  kriteria: Type.Array(
    StrictObject({ kriteria: Type.String(), terpenuhi: Type.Boolean(), bukti: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }),
    { minItems: 1, maxItems: 20 },
  ),
});

export const FollowUpSchema = Type.Object({
  id: Uuid,
  jadwal: DateOnly,
  status: literals(['terjadwal', 'selesai', 'batal'] as const),
  kondisi: Nullable(literals(FOLLOW_UP_CONDITIONS)),
  hasil: Nullable(Type.String()),
  dicatatPada: Nullable(DateTime),
  jatuhTempo: Type.Boolean(),
});
export const FollowUpBody = StrictObject({ jadwal: DateOnly });
export const FollowUpRecordBody = StrictObject({ kondisi: literals(FOLLOW_UP_CONDITIONS), hasil: Text(5000) });

export const TasksSchema = Type.Object({
  tahapanTerlambat: Type.Integer(),
  batasHukum: Type.Array(
    Type.Object({
      caseId: Uuid,
      nomor: Type.String(),
      kode: literals(BATAS_HUKUM.map((b) => b.kode)),
      batas: Type.String({ format: 'date-time' }),
      terlambat: Type.Boolean(),
    }),
    { description: 'Deadlines set by law (ABH 3 × 24 hours, KPO 7 days) not yet met, soonest first' },
  ),
  rujukanMenunggu: Type.Array(WaitingReferralSchema),
  bimbinganJatuhTempo: Type.Array(
    Type.Object({ id: Uuid, caseId: Uuid, nomor: Type.String(), jadwal: DateOnly, terlambat: Type.Boolean() }),
  ),
  rencanaDikembalikan: Type.Array(Type.Object({ caseId: Uuid, nomor: Type.String(), komentar: Nullable(Type.String()) })),
  rencanaMenunggu: Type.Array(WaitingPlanSchema),
  asesmenBerisiko: Type.Array(
    Type.Object({
      caseId: Type.String(),
      nomor: Type.String(),
      risiko: Type.String(),
      tandaKekerasan: Type.Boolean(),
      dicatatPada: Type.String({ format: 'date-time' }),
    }),
    { description: 'High-risk or violence assessments awaiting a case conference (koordinator)' },
  ),
  pengalihanMenunggu: Type.Array(TransferSchema),
  perPendamping: Type.Array(
    Type.Object({ pendampingId: Uuid, nama: Type.String(), tahapan: Type.Integer(), rujukan: Type.Integer(), bimbingan: Type.Integer() }),
  ),
});
