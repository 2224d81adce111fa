import { CASE_SORTS, CASE_STATUSES, type CaseSort, CLOSE_REASONS, TAHAPAN_CODES } from '@tuntas/domain';
import { Type } from 'typebox';
import { literals, Nullable, PageQuery, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';

export const TahapanSchema = literals(TAHAPAN_CODES);
export const StatusSchema = literals(CASE_STATUSES);
export const CloseReasonSchema = literals(CLOSE_REASONS);
export const PpksCode = Type.String({ pattern: '^(0[1-9]|1[0-9]|2[0-6])$', description: 'PPKS category code 01–26' });
const Version = Type.Integer({ minimum: 1, description: 'The version you read; a stale one answers 409' });

export const CaseSchema = Type.Object({
  id: Uuid,
  nomor: Type.String({ description: 'Human case number, e.g. K-0000123' }),
  beneficiaryId: Uuid,
  beneficiaryNama: Type.String(),
  ppks: Type.String(),
  wilayah: Type.String(),
  pendampingId: Type.Union([Uuid, Type.Null()]),
  pendampingNama: Type.Union([Type.String(), Type.Null()]),
  tahapan: TahapanSchema,
  status: StatusSchema,
  tahapanSejak: Type.String({ format: 'date-time' }),
  batasTahapan: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  terlambat: Type.Boolean({ description: 'Open work past its stage’s target days' }),
  ditutupAlasan: Type.Union([CloseReasonSchema, Type.Null()]),
  diverifikasiPada: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  ringkasan: Type.Union([Type.String(), Type.Null()]),
  sensitif: Type.Boolean(),
  identitasTerlindungi: Type.Boolean({
    description: 'The name is shown as initials: a sensitive case outside the caller’s care (auditors may record a reason to open it)',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
  tindakan: Type.Object(
    {
      tahapan: Type.Array(TahapanSchema),
      syarat: Type.Array(
        Type.Object({
          tahapan: TahapanSchema,
          kurang: Type.Array(Type.Union([Type.Literal('ASESMEN_TERCATAT'), Type.Literal('RENCANA_DISETUJUI')])),
        }),
        { description: 'Next stages whose gate is still closed, with what is missing' },
      ),
      tutup: Type.Boolean(),
      verifikasi: Type.Boolean(),
      bukaKembali: Type.Boolean(),
      ubah: Type.Boolean(),
    },
    { description: 'What the caller may do next' },
  ),
});

export const CaseEventSchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actorUsername: Type.Union([Type.String(), Type.Null()]),
  jenis: Type.String(),
  dariTahapan: Type.Union([Type.String(), Type.Null()]),
  keTahapan: Type.Union([Type.String(), Type.Null()]),
  catatan: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
});

export const CaseListQuery = StrictObject({
  ...PageQuery,
  status: Type.Optional(StatusSchema),
  ppks: Type.Optional(PpksCode),
  wilayah: Type.Optional(WilayahCode),
  tahapan: Type.Optional(TahapanSchema),
  pendampingId: Type.Optional(Uuid),
  beneficiaryId: Type.Optional(Uuid),
  terlambat: Type.Optional(Type.Boolean({ description: 'Only open cases past their stage’s target days' })),
  tanpaPendamping: Type.Optional(Type.Boolean({ description: 'Only cases no pendamping holds (to assign)' })),
  urut: Type.Optional(
    Type.Unsafe<CaseSort>({
      type: 'string',
      enum: [...CASE_SORTS],
      description: 'Order: dibuka (opened), aktivitas (last activity, default), tahapan (stage), tenggat (stage deadline)',
    }),
  ),
  arah: Type.Optional(
    Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Direction; default desc, asc for tahapan and tenggat' }),
  ),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Case number (K-…) or part of the person’s name' })),
});

export const NewCaseBody = StrictObject({
  id: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'A client-generated UUID (a record created offline keeps it, so later queued writes can name it); one already used answers 409 ID_TAKEN',
    }),
  ),
  beneficiaryId: Uuid,
  ppks: PpksCode,
  wilayah: Type.Optional(WilayahCode),
  pendampingId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  ringkasan: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
});

export const CasePatchBody = StrictObject({
  version: Version,
  ppks: Type.Optional(PpksCode),
  wilayah: Type.Optional(WilayahCode),
  pendampingId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  ringkasan: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
});

export const TransitionBody = StrictObject({
  to: TahapanSchema,
  catatan: Type.Optional(Type.String({ maxLength: 2000 })),
  version: Type.Optional(Version),
});

export const CloseBody = StrictObject({
  alasan: CloseReasonSchema,
  catatan: Type.Optional(Type.String({ maxLength: 2000 })),
  version: Type.Optional(Version),
});

export const ReopenBody = StrictObject({
  alasan: Type.String({ minLength: 3, maxLength: 2000 }),
  version: Type.Optional(Version),
});

export const VerifyBody = StrictObject({
  catatan: Type.Optional(Type.String({ maxLength: 2000 })),
  version: Type.Optional(Version),
});

export const CaseSummarySchema = Type.Object({
  wilayah: Type.Union([Type.String(), Type.Null()]),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  byPpks: Type.Record(Type.String(), Type.Integer()),
  byWilayah: Type.Record(Type.String(), Type.Integer()),
});
