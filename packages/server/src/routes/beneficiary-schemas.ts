import { ALASAN_TANPA_NIK, DASAR_PEMROSESAN, HUBUNGAN_PEMBERI, TUJUAN_PEMROSESAN, type AlasanTanpaNik } from '@tuntas/domain';
import { Type } from 'typebox';
import { literals, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';

const Text = (max: number) => Type.String({ maxLength: max });
const NullableText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

export const BeneficiarySchema = Type.Object({
  id: Uuid,
  nik: Type.Union([Type.String(), Type.Null()], {
    description: 'Null in a masked view (a protected person outside the caller’s care) and for a person without NIK',
  }),
  nomorSementara: Type.Union([Type.String({ pattern: '^TMP-[0-9]{2}-[0-9]{6,}$' }), Type.Null()], {
    description: 'Temporary registry number of a person registered without NIK (kept once the NIK is linked); null in a masked view',
  }),
  alasanTanpaNik: Type.Unsafe<AlasanTanpaNik | null>({
    type: ['string', 'null'],
    enum: [...ALASAN_TANPA_NIK, null],
    description: 'Why the person has no NIK; null once linked and in a masked view',
  }),
  tanggalLahirPerkiraan: Type.Boolean({ description: 'The birth date (and year) was computed from an estimated age' }),
  noKk: Type.Union([Type.String(), Type.Null()]),
  nama: Type.String(),
  jenisKelamin: Type.Union([Type.Literal('L'), Type.Literal('P')]),
  tempatLahir: Type.Union([Type.String(), Type.Null()]),
  tanggalLahir: Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: 'Null in a masked view' }),
  tahunLahir: Type.Integer({ description: 'Year of birth (all a masked view tells of the birth date)' }),
  alamat: Type.Union([Type.String(), Type.Null()]),
  kodeDesa: Type.Union([Type.String(), Type.Null()], { description: 'Village; null in a masked view' }),
  kabupaten: Type.String({ description: 'Regency code (all a masked view tells of the area)' }),
  kategoriPpks: Type.Union([Type.String(), Type.Null()]),
  telepon: Type.Union([Type.String(), Type.Null()]),
  disabilitas: Type.Union([Type.String(), Type.Null()]),
  catatan: Type.Union([Type.String(), Type.Null()]),
  anak: Type.Boolean({ description: 'Under 18 today' }),
  sensitif: Type.Boolean({ description: 'Protected: a child, or registered or with a case in a category of specific data' }),
  identitasTerlindungi: Type.Boolean({ description: 'A masked view: the caller may not see who this is' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
});

/** Field formats are judged by the domain rules (one rule set with the import), not here. */
const editable = {
  noKk: Type.Optional(NullableText(40)),
  tempatLahir: Type.Optional(NullableText(100)),
  alamat: Type.Optional(NullableText(500)),
  kategoriPpks: Type.Optional(NullableText(100)),
  telepon: Type.Optional(NullableText(30)),
  disabilitas: Type.Optional(NullableText(200)),
  catatan: Type.Optional(NullableText(2000)),
};

/** A person without NIK: the reason, and an estimated age when the birth date is unknown. */
const withoutNik = {
  alasanTanpaNik: Type.Optional(NullableText(100)),
  perkiraanUmur: Type.Optional(
    Type.Union([
      Type.Integer({ minimum: 0, maximum: 1000, description: 'Estimated age in years (0–120), without NIK and birth date' }),
      Type.Null(),
    ]),
  ),
};

export const NewBeneficiaryBody = StrictObject({
  id: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'A client-generated UUID (a record created offline keeps it, so later queued writes can name it); one already used answers 409 ID_TAKEN',
    }),
  ),
  nik: Type.Optional(
    Type.Union([Text(40), Type.Null()], { description: 'Null or left out for a person without NIK, who then needs alasanTanpaNik' }),
  ),
  nama: Text(500),
  jenisKelamin: Text(20),
  tanggalLahir: Type.Optional(
    Type.Union([Text(20), Type.Null()], { description: 'May be left out without NIK when perkiraanUmur is given' }),
  ),
  kodeDesa: Text(20),
  ...withoutNik,
  ...editable,
});

export const NikLinkBody = StrictObject({
  version: Type.Integer({ minimum: 1, description: 'The version you read; a stale one answers 409' }),
  nik: Text(40),
  tanggalLahir: Type.Optional(
    Type.String({ maxLength: 20, description: 'The real birth date; required when the stored one is an estimate' }),
  ),
  jenisKelamin: Type.Optional(Text(20)),
  kodeDesa: Type.Optional(Text(20)),
});

export const BeneficiaryPatchBody = StrictObject({
  version: Type.Integer({ minimum: 1, description: 'The version you read; a stale one answers 409' }),
  nik: Type.Optional(Text(40)),
  nama: Type.Optional(Text(500)),
  jenisKelamin: Type.Optional(Text(20)),
  tanggalLahir: Type.Optional(Text(20)),
  kodeDesa: Type.Optional(Text(20)),
  ...withoutNik,
  ...editable,
});

export const BeneficiaryListQuery = StrictObject({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'NIK (or its first digits), a temporary number (TMP-35-000123) or a name; misspellings tolerated',
    }),
  ),
  wilayah: Type.Optional(WilayahCode),
  noKk: Type.Optional(Type.String({ pattern: '^[0-9]{16}$' })),
});

const Hubungan = literals(HUBUNGAN_PEMBERI);
const Dasar = literals(DASAR_PEMROSESAN);
const Tujuan = literals(TUJUAN_PEMROSESAN);

export const ConsentSchema = Type.Object({
  id: Uuid,
  tujuan: Type.String(),
  kodeTujuan: Type.Union([Tujuan, Type.Null()]),
  pemberiNama: Type.String(),
  hubungan: Hubungan,
  diberikanPada: Type.String({ format: 'date-time' }),
  dicatatOleh: Type.Union([Type.String(), Type.Null()]),
  dicatatPada: Type.String({ format: 'date-time' }),
  dicabutPada: Type.Union([Type.String(), Type.Null()]),
  aktif: Type.Boolean(),
  pernyataan: Type.Union([
    Type.Object({ dasar: Dasar, sumber: Type.String(), retensi: Type.String(), hakSubjek: Type.Array(Type.String()) }),
    Type.Null(),
  ]),
});

export const NewConsentBody = StrictObject({
  tujuan: Type.String({ minLength: 3, maxLength: 500, description: 'Purpose, e.g. "asesmen dan pendampingan rehabilitasi sosial"' }),
  kodeTujuan: Type.Optional(Tujuan),
  pemberiNama: Type.String({ minLength: 2, maxLength: 200 }),
  hubungan: Hubungan,
  diberikanPada: Type.String({ format: 'date-time' }),
});

export const ProcessingBasisSchema = Type.Object({
  tujuan: Tujuan,
  nama: Type.String(),
  dasar: Dasar,
  sumber: Type.String(),
  relevan: Type.Boolean(),
  berlaku: Type.Boolean(),
});
