import { Type } from '@fastify/type-provider-typebox';
import {
  ALASAN_TUTUP_PENELUSURAN,
  ARAH_PENELUSURAN,
  HUBUNGAN_PELAPOR,
  JENIS_BANTUAN,
  JENIS_PENELUSURAN,
  NILAI_BANTUAN_MAKSIMUM,
  STATUS_PENELUSURAN,
} from '@tuntas/domain';
import { literals, Nullable, PageQuery, StrictObject, Uuid } from '../http/schemas.js';
import { DateOnly, NullableText, Sex, Text, VillageCode } from './disaster-schemas.js';

/** Request and response shapes of family tracing and aid; responses mirror `disaster-tracing.ts` and `disaster-aid.ts`. */

export const TracingSchema = Type.Object({
  id: Uuid,
  disasterId: Uuid,
  jenis: literals(JENIS_PENELUSURAN),
  arah: literals(ARAH_PENELUSURAN),
  nama: Nullable(Type.String({ description: 'Null when unknown; initials in a masked view' })),
  jenisKelamin: Sex,
  tanggalLahir: Nullable(DateOnly),
  umur: Nullable(Type.Integer({ description: 'Years, from the birth date or as estimated' })),
  kodeDesa: Nullable(Type.String()),
  tempat: Nullable(Type.String({ description: 'Where last seen (dicari) or found (ditemukan)' })),
  ciriCiri: Nullable(Type.String()),
  tanggal: DateOnly,
  affectedId: Nullable(Uuid),
  pelapor: Nullable(Type.Object({ nama: Type.String(), kontak: Nullable(Type.String()), hubungan: literals(HUBUNGAN_PELAPOR) })),
  status: literals(STATUS_PENELUSURAN),
  pasanganId: Nullable(Uuid),
  alasanTutup: Nullable(literals(ALASAN_TUTUP_PENELUSURAN)),
  catatanTutup: Nullable(Type.String()),
  penyatuan: Nullable(
    Type.Object({
      tanggal: DateOnly,
      tempat: Type.String(),
      diserahkanKepada: Type.String(),
      catatan: Nullable(Type.String()),
      dicatatOleh: Type.String(),
    }),
  ),
  anak: Type.Boolean(),
  identitasTerlindungi: Type.Boolean(),
  dicatatOleh: Type.String(),
  dicatatPada: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
  tindakan: Type.Object({ ubah: Type.Boolean({ description: 'May confirm a match, record the reunification or close it' }) }),
});

export const TracingBody = StrictObject({
  id: Type.Optional(Type.String({ format: 'uuid', description: 'A client-generated UUID (recorded offline)' })),
  jenis: literals(JENIS_PENELUSURAN),
  arah: literals(ARAH_PENELUSURAN),
  nama: Type.Optional(NullableText(200)),
  jenisKelamin: Type.Optional(Sex),
  tanggalLahir: Type.Optional(Nullable(DateOnly)),
  perkiraanUmur: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
  kodeDesa: Type.Optional(Nullable(VillageCode)),
  tempat: Type.Optional(NullableText(500)),
  ciriCiri: Type.Optional(NullableText(2000)),
  tanggal: DateOnly,
  affectedId: Type.Optional(Nullable(Uuid)),
  pelapor: Type.Optional(
    Nullable(
      StrictObject({
        nama: Text(200),
        kontak: Type.Optional(NullableText(100)),
        hubungan: literals(HUBUNGAN_PELAPOR),
      }),
    ),
  ),
});

export const TracingQuery = StrictObject({
  ...PageQuery,
  arah: Type.Optional(literals(ARAH_PENELUSURAN)),
  status: Type.Optional(literals(STATUS_PENELUSURAN)),
});

export const CandidateSchema = Type.Object({
  skor: Type.Number({ description: '0–1: name similarity, age within a band, same or nearby area (same sex only)' }),
  alasan: Type.Array(Type.Object({ kode: Type.String(), nilai: Type.Optional(Type.Number()) })),
  record: TracingSchema,
});

export const MatchBody = StrictObject({ pasanganId: Uuid });
export const LinkAffectedBody = StrictObject({
  affectedId: Uuid,
  version: Type.Integer({ minimum: 1, description: 'The version of the tracing record you read; a stale one answers 409' }),
});

export const ReunificationBody = StrictObject({
  tanggal: DateOnly,
  tempat: Text(500),
  diserahkanKepada: Text(200),
  catatan: Type.Optional(NullableText(2000)),
});

export const CloseTracingBody = StrictObject({
  alasan: literals(ALASAN_TUTUP_PENELUSURAN),
  catatan: Type.Optional(NullableText(2000)),
});

export const AidSchema = Type.Object({
  id: Uuid,
  disasterId: Uuid,
  jenis: literals(JENIS_BANTUAN),
  uraian: Type.String(),
  nilaiRupiah: Type.Integer(),
  jumlah: Type.Integer(),
  satuan: Nullable(Type.String()),
  affectedId: Nullable(Uuid),
  keluargaId: Nullable(Uuid),
  penerima: Type.String({ description: 'The recipient or the household’s first member; initials for a protected person' }),
  nomorBast: Type.String(),
  tanggal: DateOnly,
  diserahkanOleh: Type.String(),
  dicatatOleh: Type.String(),
  dicatatPada: Type.String({ format: 'date-time' }),
});

export const AidListSchema = Type.Object({
  items: Type.Array(AidSchema),
  total: Type.Integer(),
  nilaiRupiah: Type.Integer({ description: 'Sum over every item of the event' }),
  penerima: Type.Integer({ description: 'Distinct recipients (people and households)' }),
});

export const AidBody = StrictObject({
  jenis: literals(JENIS_BANTUAN),
  uraian: Text(500),
  nilaiRupiah: Type.Integer({ minimum: 0, maximum: NILAI_BANTUAN_MAKSIMUM, description: 'Rupiah, a whole number ≥ 0' }),
  jumlah: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  satuan: Type.Optional(NullableText(30)),
  affectedId: Type.Optional(Nullable(Uuid)),
  keluargaId: Type.Optional(Nullable(Uuid)),
  nomorBast: Text(100),
  tanggal: DateOnly,
  diserahkanOleh: Text(200),
});

export const AidQuery = StrictObject({ ...PageQuery });
