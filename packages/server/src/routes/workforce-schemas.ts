import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  ATTENDANCE_STATUSES,
  INDICATOR_CODES,
  NILAI_BERAKHLAK,
  PERIODE_PATTERN,
  RATINGS,
  type NilaiBerakhlak,
} from '@tuntas/domain';
import { Type } from 'typebox';
import { literals, Nullable, PageQuery, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';

export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const DateTime = Type.String({ format: 'date-time' });
export const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lng = Type.Number({ minimum: -180, maximum: 180 });

export const PositionBody = StrictObject({
  lat: Lat,
  lng: Lng,
  accuracy: Type.Number({ minimum: 0, maximum: 100_000, description: 'Metres, as the browser reports it' }),
});

/** The phone's time of the tap, for a check-in or check-out queued without a signal. */
const ActedAt = {
  waktuPerangkat: Type.Optional(
    Type.String({ format: 'date-time', description: 'When the worker acted, by the device clock (offline queue)' }),
  ),
};

export const CheckOutBody = StrictObject({ ...PositionBody.properties, ...ActedAt });

export const CheckInBody = StrictObject({
  ...PositionBody.properties,
  ...ActedAt,
  status: Type.Optional(Type.Union([Type.Literal('hadir'), Type.Literal('dinas_luar')], { default: 'hadir' })),
  catatan: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
});

export const AbsenceBody = StrictObject({
  tanggal: DateString,
  status: Type.Union([Type.Literal('izin'), Type.Literal('sakit'), Type.Literal('cuti')]),
  catatan: Type.String({ minLength: 1, maxLength: 500 }),
});

const Kejadian = Nullable(
  Type.Object({ id: Uuid, nama: Type.String() }, { description: 'The disaster event of a deployment day (dinas luar there)' }),
);

const Point = Nullable(
  Type.Object({ lat: Type.Number(), lng: Type.Number(), akurasi: Nullable(Type.Number()), jarakKm: Nullable(Type.Number()) }),
);

export const AttendanceSchema = Type.Object({
  id: Uuid,
  userId: Uuid,
  username: Type.String(),
  nama: Nullable(Type.String()),
  wilayah: Type.String(),
  tanggal: Type.String(),
  status: literals(ATTENDANCE_STATUSES),
  masukAt: Nullable(DateTime),
  pulangAt: Nullable(DateTime),
  masukDiterimaAt: Nullable(DateTime),
  pulangDiterimaAt: Nullable(DateTime),
  tertunda: Type.Boolean({ description: 'Received more than 15 minutes after the worker acted (queued without a signal)' }),
  masuk: Point,
  pulang: Point,
  terlambat: Type.Boolean(),
  pulangCepat: Type.Boolean(),
  jauh: Type.Boolean({ description: 'A position beyond the duty radius: for the koordinator to look at, not a refusal' }),
  catatan: Nullable(Type.String()),
  persetujuan: Nullable(literals(['menunggu', 'disetujui', 'ditolak'] as const)),
  kejadian: Kejadian,
});

export const AttendanceQuery = StrictObject({
  userId: Type.Optional(Uuid),
  wilayah: Type.Optional(WilayahCode),
  dari: Type.Optional(DateString),
  sampai: Type.Optional(DateString),
  persetujuan: Type.Optional(literals(['menunggu', 'disetujui', 'ditolak'] as const)),
  ...PageQuery,
});

export const TeamDaySchema = Type.Object({
  userId: Uuid,
  username: Type.String(),
  nama: Nullable(Type.String()),
  wilayah: Type.String(),
  lokasiTugas: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number() })),
  presensi: Nullable(AttendanceSchema),
});

export const RecapSchema = Type.Object({
  userId: Uuid,
  username: Type.String(),
  nama: Nullable(Type.String()),
  wilayah: Type.String(),
  hariKerja: Type.Integer(),
  hadir: Type.Integer(),
  dinasLuar: Type.Integer(),
  terlambat: Type.Integer(),
  pulangCepat: Type.Integer(),
  izin: Type.Integer(),
  sakit: Type.Integer(),
  cuti: Type.Integer(),
  tanpaKeterangan: Type.Integer(),
  tingkatKehadiran: Type.Number(),
});

export const ActivitySchema = Type.Object({
  id: Uuid,
  userId: Uuid,
  username: Type.String(),
  nama: Nullable(Type.String()),
  wilayah: Type.String(),
  tanggal: Type.String(),
  jenis: literals(ACTIVITY_TYPES),
  durasiMenit: Type.Integer(),
  uraian: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  caseIds: Type.Array(Uuid),
  kasus: Type.Optional(
    Type.Array(Type.Object({ id: Uuid, nomor: Type.String(), nama: Type.String() }), {
      description: 'In a list: the cases as the reader may see their people (initials where protected)',
    }),
  ),
  jumlahFoto: Type.Integer({ description: 'Photos of evidence attached' }),
  status: literals(ACTIVITY_STATUSES),
  sumber: literals(['manual', 'otomatis'] as const),
  komentar: Nullable(Type.String()),
  diajukanPada: Nullable(DateTime),
  ditinjauPada: Nullable(DateTime),
  version: Type.Integer(),
  tindakan: Type.Object({ ubah: Type.Boolean(), ajukan: Type.Boolean(), tinjau: Type.Boolean() }),
  kejadian: Kejadian,
});

const activityFields = {
  tanggal: DateString,
  jenis: literals(ACTIVITY_TYPES),
  durasiMenit: Type.Integer({ minimum: 1, maximum: 720 }),
  uraian: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  lat: Type.Optional(Nullable(Lat)),
  lng: Type.Optional(Nullable(Lng)),
  caseIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
  /** A disaster event the worker is deployed to on the activity day (issue 18). */
  kejadianId: Type.Optional(Nullable(Uuid)),
};

export const NewActivityBody = StrictObject({
  /** An entry made offline keeps its id, so a photo taken of it meanwhile can name it (issue 17). */
  id: Type.Optional(
    Type.String({ format: 'uuid', description: 'A client-generated UUID (recorded offline); one in use answers 409 ID_TAKEN' }),
  ),
  ...activityFields,
});
export const ActivityPatchBody = StrictObject({
  version: Type.Integer({ minimum: 1 }),
  tanggal: Type.Optional(activityFields.tanggal),
  jenis: Type.Optional(activityFields.jenis),
  durasiMenit: Type.Optional(activityFields.durasiMenit),
  uraian: activityFields.uraian,
  lat: activityFields.lat,
  lng: activityFields.lng,
  caseIds: activityFields.caseIds,
  kejadianId: activityFields.kejadianId,
});

export const ActivityQuery = StrictObject({
  userId: Type.Optional(Uuid),
  wilayah: Type.Optional(WilayahCode),
  tanggal: Type.Optional(DateString),
  dari: Type.Optional(DateString),
  sampai: Type.Optional(DateString),
  status: Type.Optional(literals(ACTIVITY_STATUSES)),
  ...PageQuery,
});

export const IdsBody = StrictObject({ ids: Type.Array(Uuid, { minItems: 1, maxItems: 200 }) });
export const ReturnBody = StrictObject({ komentar: Type.String({ minLength: 1, maxLength: 1000 }) });
export const ReviewBody = StrictObject({
  ids: Type.Array(Uuid, { minItems: 1, maxItems: 200 }),
  keputusan: Type.Union([Type.Literal('disetujui'), Type.Literal('dikembalikan')]),
  komentar: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
});

const RatingSchema = literals(RATINGS);

const BerakhlakValues = StrictObject(
  Object.fromEntries(NILAI_BERAKHLAK.map((k) => [k, RatingSchema])) as Record<NilaiBerakhlak, typeof RatingSchema>,
);

export const PerformanceSchema = Type.Object({
  userId: Uuid,
  username: Type.String(),
  nama: Nullable(Type.String()),
  wilayah: Type.String(),
  tahun: Type.Integer(),
  bulanDinilai: Type.Integer(),
  indikator: Type.Array(
    Type.Object({
      kode: literals(INDICATOR_CODES),
      hasilKerja: Type.String(),
      nama: Type.String(),
      satuan: Type.String(),
      target: Type.Number(),
      bulanan: Type.Array(Type.Number()),
      triwulan: Type.Array(Type.Number()),
      realisasi: Type.Number(),
      capaian: Type.Number({ description: 'Percent of the target due so far (counts pro-rated by months)' }),
      rating: RatingSchema,
      kelompok: literals(['hasil_kerja', 'disiplin'] as const),
    }),
  ),
  hasilKerja: RatingSchema,
  hasilKerjaDihitung: RatingSchema,
  penyesuaian: Nullable(Type.Object({ rating: RatingSchema, alasan: Type.String(), oleh: Nullable(Uuid), pada: Type.String() })),
  perilaku: Nullable(RatingSchema),
  perilakuPeriode: Type.Array(
    Type.Object({
      periode: Type.String(),
      nilai: BerakhlakValues,
      rating: RatingSchema,
      catatan: Nullable(Type.String()),
      dinilaiOleh: Nullable(Uuid),
      dinilaiPada: Type.String(),
    }),
  ),
  perilakuCatatan: Nullable(Type.String()),
  predikat: Nullable(literals(['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] as const)),
  bolehDinilai: Type.Boolean(),
});

export const PlanBody = StrictObject({
  targets: Type.Optional(
    Type.Partial(
      Type.Object(Object.fromEntries(INDICATOR_CODES.map((k) => [k, Type.Number({ minimum: 0, maximum: 100_000 })])), {
        additionalProperties: false,
      }),
    ),
  ),
  perilaku: Type.Optional(Nullable(RatingSchema)),
  perilakuCatatan: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  hasilKerjaPenyesuaian: Type.Optional(Nullable(RatingSchema)),
  hasilKerjaAlasan: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
});

export const BehaviourBody = StrictObject({
  nilai: BerakhlakValues,
  catatan: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
});

export const PeriodeParam = Type.String({ pattern: PERIODE_PATTERN, description: 'B01…B12 (month) or TW1…TW4 (quarter)' });

export const ProfileSchema = Type.Object({
  userId: Uuid,
  username: Type.String(),
  nama: Nullable(Type.String()),
  wilayah: Type.String(),
  nip: Nullable(Type.String()),
  nipInfo: Nullable(
    Type.Object({
      jenis: literals(['pns', 'pppk'] as const),
      tanggalLahir: Type.String(),
      tmt: Type.String(),
      jenisKelamin: Type.String(),
      urut: Type.String(),
    }),
  ),
  jenisAsn: Nullable(literals(['pns', 'pppk'] as const)),
  kontrakMulai: Nullable(Type.String()),
  kontrakSelesai: Nullable(Type.String()),
  atasanId: Nullable(Uuid),
  kompetensi: Type.Array(Type.String()),
  lokasiTugas: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number() })),
  radiusKm: Type.Integer(),
  riwayatPenugasan: Type.Array(Type.Object({ wilayah: Nullable(Type.String()), sejak: DateTime })),
});

export const ProfileBody = StrictObject({
  nip: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  jenisAsn: Type.Optional(Nullable(literals(['pns', 'pppk'] as const))),
  kontrakMulai: Type.Optional(Nullable(DateString)),
  kontrakSelesai: Type.Optional(Nullable(DateString)),
  atasanId: Type.Optional(Nullable(Uuid)),
  kompetensi: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
  lokasiTugas: Type.Optional(Nullable(StrictObject({ lat: Lat, lng: Lng }))),
  radiusKm: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export const TableFormatQuery = Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], { default: 'json' });
