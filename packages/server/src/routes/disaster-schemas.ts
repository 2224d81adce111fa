import { Type } from '@fastify/type-provider-typebox';
import {
  FASILITAS_POSKO,
  JENIS_BENCANA,
  JENIS_LDP,
  JENIS_POSKO,
  KELOMPOK_RENTAN,
  KELOMPOK_UMUR_LDP,
  KONDISI_KORBAN,
  PERAN_PENUGASAN,
  STATUS_BENCANA,
} from '@tuntas/domain';
import { literals, Nullable, PageQuery, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';

/** Request and response shapes of the disaster routes; responses mirror the domain's records in `disaster.ts`. */

export const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
export const NullableText = (max: number) => Nullable(Type.String({ maxLength: max }));
export const Sex = literals(['L', 'P'] as const);
export const VillageCode = Type.String({
  pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$',
  description: 'Village code PP.RR.DD.VVVV',
});

export const DisasterSchema = Type.Object({
  id: Uuid,
  nama: Type.String(),
  jenis: literals(JENIS_BENCANA),
  status: literals(STATUS_BENCANA),
  mulai: DateOnly,
  selesai: Nullable(DateOnly),
  wilayah: Type.Array(Type.String(), { description: 'Affected areas: regency, district or village codes' }),
  keterangan: Nullable(Type.String()),
  dibuatOleh: Type.String(),
  dibuatPada: Type.String({ format: 'date-time' }),
  tindakan: Type.Object({
    status: Type.Array(literals(STATUS_BENCANA), { description: 'Statuses the caller may move the event to now' }),
    tugaskan: Type.Boolean({ description: 'May deploy pendamping' }),
    catat: Type.Boolean({ description: 'May record affected people and LDP sessions, and open cases' }),
    posko: Type.Boolean({ description: 'May set up shelters: those who record and those who manage the event' }),
  }),
});

export const DisasterBody = StrictObject({
  nama: Text(200, 3),
  jenis: literals(JENIS_BENCANA),
  mulai: DateOnly,
  wilayah: Type.Array(WilayahCode, {
    minItems: 1,
    maxItems: 100,
    description: 'Regency, district or village codes; a koordinator only inside their own area',
  }),
  status: Type.Optional(literals(['siaga_darurat', 'tanggap_darurat'] as const)),
  keterangan: Type.Optional(NullableText(4000)),
});

export const DisasterListQuery = StrictObject({
  status: Type.Optional(literals(STATUS_BENCANA)),
  aktif: Type.Optional(Type.Boolean({ description: 'Only events not yet selesai' })),
});

export const StatusBody = StrictObject({
  status: literals(STATUS_BENCANA),
  catatan: Type.Optional(NullableText(2000)),
});

export const StatusChangeSchema = Type.Object({
  status: literals(STATUS_BENCANA),
  oleh: Type.String(),
  pada: Type.String({ format: 'date-time' }),
  catatan: Nullable(Type.String()),
});

export const DeployableSchema = Type.Object({
  userId: Uuid,
  nama: Nullable(Type.String()),
  username: Type.String(),
  wilayah: Type.String({ description: 'The pendamping’s own area' }),
  bertugas: Type.Boolean({ description: 'Already on a deployment today' }),
  ldp: Type.Integer({ minimum: 0, maximum: 3, description: 'Level in psychosocial support (LDP): 0 belum, 1 dasar, 2 menengah, 3 mahir' }),
});
export const DeployableQuery = StrictObject({ q: Type.Optional(Type.String({ maxLength: 100 })) });

export const DeploymentSchema = Type.Object({
  id: Uuid,
  disasterId: Uuid,
  userId: Uuid,
  nama: Nullable(Type.String()),
  username: Type.String(),
  wilayahAsal: Type.String({ description: 'The pendamping’s own area' }),
  mulai: DateOnly,
  selesai: DateOnly,
  peran: literals(PERAN_PENUGASAN),
  suratTugas: Nullable(Type.String({ description: 'Nomor surat tugas' })),
  aktif: Type.Boolean({ description: 'Covers the pendamping’s own today' }),
});

export const DeploymentBody = StrictObject({
  userId: Uuid,
  mulai: DateOnly,
  selesai: DateOnly,
  peran: literals(PERAN_PENUGASAN),
  suratTugas: Type.Optional(NullableText(100)),
});

export const EndDeploymentBody = StrictObject({
  selesai: Type.String({ format: 'date', description: 'The new last day: not before the start, not after today or the recorded end' }),
  alasan: Type.Optional(NullableText(500)),
});

export const ShelterSchema = Type.Object({
  id: Uuid,
  disasterId: Uuid,
  nama: Type.String(),
  jenis: literals(JENIS_POSKO),
  kodeDesa: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  kapasitas: Type.Integer(),
  penghuni: Type.Integer({ description: 'Affected people recorded there now as mengungsi' }),
  melebihiKapasitas: Type.Boolean(),
  fasilitas: Type.Array(literals(FASILITAS_POSKO)),
  kebutuhan: Nullable(Type.String()),
});

export const ShelterBody = StrictObject({
  nama: Text(200, 2),
  jenis: literals(JENIS_POSKO),
  kodeDesa: VillageCode,
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  kapasitas: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  fasilitas: Type.Optional(Type.Array(literals(FASILITAS_POSKO), { maxItems: 20 })),
  kebutuhan: Type.Optional(NullableText(2000)),
});

export const AffectedSchema = Type.Object({
  id: Uuid,
  disasterId: Uuid,
  beneficiaryId: Uuid,
  nik: Nullable(Type.String({ description: 'Null without NIK and in a masked view' })),
  nomorSementara: Nullable(Type.String()),
  nama: Type.String({ description: 'Initials in a masked view' }),
  jenisKelamin: Sex,
  tanggalLahir: Nullable(DateOnly),
  perkiraanUmur: Nullable(Type.Integer()),
  kodeDesa: Nullable(Type.String()),
  shelterId: Nullable(Uuid),
  kondisi: literals(KONDISI_KORBAN),
  kelompokRentan: Type.Array(literals(KELOMPOK_RENTAN)),
  kebutuhan: Nullable(Type.String()),
  keluargaId: Nullable(Uuid),
  kemungkinanGanda: Type.Boolean(),
  terhubungRegistri: Type.Boolean(),
  caseId: Nullable(Uuid),
  identitasTerlindungi: Type.Boolean(),
  dicatatOleh: Type.String(),
  dicatatPada: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
});

const affectedFields = {
  shelterId: Type.Optional(Nullable(Uuid)),
  kelompokRentan: Type.Optional(Type.Array(literals(KELOMPOK_RENTAN), { maxItems: 10 })),
  kebutuhan: Type.Optional(NullableText(2000)),
};

/** The person's fields are judged by the registry's rules (one rule set with the registry and the import). */
export const AffectedBody = StrictObject({
  id: Type.Optional(
    Type.String({ format: 'uuid', description: 'A client-generated UUID (registered offline); one already used answers 409 ID_TAKEN' }),
  ),
  nik: Type.Optional(
    Type.Union([Text(40), Type.Null()], {
      description: 'Null or left out without NIK (then alasanTanpaNik, e.g. dokumen_hilang_bencana); a NIK already registered is linked',
    }),
  ),
  alasanTanpaNik: Type.Optional(NullableText(100)),
  nama: Text(500),
  jenisKelamin: Text(20),
  tanggalLahir: Type.Optional(Type.Union([Text(20), Type.Null()])),
  perkiraanUmur: Type.Optional(
    Type.Union([
      Type.Integer({ minimum: 0, maximum: 1000, description: 'Estimated age in years (0–120), without NIK and birth date' }),
      Type.Null(),
    ]),
  ),
  kodeDesa: Text(20),
  noKk: Type.Optional(NullableText(40)),
  alamat: Type.Optional(NullableText(500)),
  telepon: Type.Optional(NullableText(30)),
  kondisi: literals(KONDISI_KORBAN),
  keluargaId: Type.Optional(Nullable(Uuid)),
  ...affectedFields,
});

export const AffectedPatchBody = StrictObject({
  version: Type.Integer({ minimum: 1, description: 'The version you read; a stale one answers 409' }),
  kondisi: Type.Optional(literals(KONDISI_KORBAN)),
  ...affectedFields,
});

export const AffectedQuery = StrictObject({
  ...PageQuery,
  shelterId: Type.Optional(Uuid),
  kondisi: Type.Optional(literals(KONDISI_KORBAN)),
  keluargaId: Type.Optional(Uuid),
  kemungkinanGanda: Type.Optional(Type.Boolean()),
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'A name, a NIK (or its first digits) or a temporary number; never matches a masked person',
    }),
  ),
});

export const CaseFromEventBody = StrictObject({
  ppks: Type.Optional(literals(['21', '22'] as const)),
  catatan: Type.Optional(NullableText(2000)),
});

const Count = Type.Object({ kelompokUmur: literals(KELOMPOK_UMUR_LDP), jenisKelamin: Sex, jumlah: Type.Integer() });

export const LdpSessionSchema = Type.Object({
  id: Uuid,
  disasterId: Uuid,
  tanggal: DateOnly,
  jenis: literals(JENIS_LDP),
  shelterId: Nullable(Uuid),
  tempat: Nullable(Type.String()),
  fasilitator: Type.Array(Uuid),
  peserta: Type.Array(Uuid, { description: 'Registered participants (affected ids)' }),
  jumlahPeserta: Type.Integer({ description: 'Registered plus counted participants' }),
  hitungan: Type.Array(Count),
  catatan: Nullable(Type.String()),
});

export const LdpSessionBody = StrictObject({
  tanggal: DateOnly,
  jenis: literals(JENIS_LDP),
  shelterId: Type.Optional(Nullable(Uuid)),
  tempat: Type.Optional(NullableText(200)),
  fasilitator: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  peserta: Type.Optional(Type.Array(Uuid, { maxItems: 2000 })),
  hitungan: Type.Optional(
    Type.Array(
      StrictObject({
        kelompokUmur: literals(KELOMPOK_UMUR_LDP),
        jenisKelamin: Sex,
        jumlah: Type.Integer({ minimum: 1, maximum: 100_000 }),
      }),
      { maxItems: 8 },
    ),
  ),
  catatan: Type.Optional(NullableText(4000)),
});

export const SitrepSchema = Type.Object({
  disasterId: Uuid,
  tanggal: DateOnly,
  status: literals(STATUS_BENCANA),
  terdampak: Type.Integer(),
  mengungsi: Type.Integer(),
  luka: Type.Integer(),
  meninggal: Type.Integer(),
  hilang: Type.Integer(),
  kelompokRentan: Type.Object(Object.fromEntries(KELOMPOK_RENTAN.map((k) => [k, Type.Integer()]))),
  shelters: Type.Array(Type.Object({ id: Uuid, nama: Type.String(), penghuni: Type.Integer(), kapasitas: Type.Integer() })),
  ldp: Type.Object({ sesi: Type.Integer(), peserta: Type.Integer() }),
  pendampingBertugas: Type.Integer(),
  kasusDibuka: Type.Integer(),
  penelusuran: Type.Object(
    { terbuka: Type.Integer(), cocok: Type.Integer(), dipersatukan: Type.Integer(), ditutup: Type.Integer() },
    { description: 'Tracing records by their status at the end of the day' },
  ),
  bantuan: Type.Object(
    { penyaluran: Type.Integer(), penerima: Type.Integer(), nilaiRupiah: Type.Integer() },
    { description: 'Aid handed over up to that day: items, distinct recipients, total rupiah' },
  ),
});

export const SitrepQuery = StrictObject({
  tanggal: Type.Optional(DateOnly),
  format: Type.Optional(literals(['json', 'pdf', 'xlsx'] as const)),
});
