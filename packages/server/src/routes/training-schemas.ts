import { Type } from '@fastify/type-provider-typebox';
import { PARTICIPANT_STATUSES, TRAINING_STATUSES } from '@tuntas/domain';
import { literals, Nullable, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';
import { TestWindowSchema } from './training-test-schemas.js';

export const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
export const Kode = Type.String({ pattern: '^[a-z0-9_-]{1,40}$', description: 'Lower-case code' });
const Score = Type.Integer({ minimum: 0, maximum: 100 });
const Level = Type.Integer({ minimum: 0, maximum: 3, description: '0 belum, 1 dasar, 2 menengah, 3 mahir' });

export const UnitSchema = Type.Object({
  kode: Type.String(),
  nama: Type.String(),
  jp: Type.Integer({ description: 'Jam pelajaran' }),
  tanggal: Nullable(DateOnly),
  jamMulai: Nullable(Type.String({ description: 'HH:MM at the venue; null: 08:00' })),
  kompetensi: Type.Array(Type.String()),
});

export const NarasumberSchema = Type.Object({
  id: Uuid,
  nama: Type.String(),
  instansi: Nullable(Type.String()),
  userId: Nullable(Uuid),
  units: Type.Array(Type.String(), { description: 'Units taught (codes); empty: the whole event' }),
});

export const TrainerBody = StrictObject({
  nama: Text(200, 3),
  instansi: Type.Optional(Nullable(Text(200, 2))),
  userId: Type.Optional(Nullable(Uuid)),
  units: Type.Optional(Type.Array(Kode, { maxItems: 30 })),
});

export const TrainingSchema = Type.Object({
  id: Uuid,
  nama: Type.String(),
  mulai: DateOnly,
  selesai: DateOnly,
  tempat: Type.String(),
  units: Type.Array(UnitSchema),
  wilayah: Type.String({ description: 'Province or regency of the venue' }),
  penyelenggara: Type.String(),
  kuota: Nullable(Type.Integer()),
  minKehadiran: Type.Integer({ description: 'Share of units to attend, percent' }),
  nilaiLulus: Nullable(Type.Integer({ description: 'Post-test pass mark; null: no post-test' })),
  status: literals(TRAINING_STATUSES),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
  jumlahPeserta: Type.Integer({ description: 'Participants the caller sees' }),
  jp: Type.Integer(),
  tes: Type.Array(TestWindowSchema, { description: 'Its pre- and post-test, where it has them' }),
  statusSaya: Nullable(literals(PARTICIPANT_STATUSES)),
  programId: Nullable(Uuid),
  narasumber: Type.Array(NarasumberSchema, { description: 'Trainers, internal (an account) or external' }),
});

/** When a session starts at the venue. */
export const JamMulai = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM at the venue' });

/** What an event has besides its name and units (shared with creating one from a programme). */
export const EventFields = {
  mulai: DateOnly,
  selesai: DateOnly,
  tempat: Text(200, 2),
  wilayah: WilayahCode,
  penyelenggara: Type.Optional(Text(200, 3)),
  kuota: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_000 }))),
  minKehadiran: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  nilaiLulus: Type.Optional(Nullable(Score)),
  narasumber: Type.Optional(Type.Array(TrainerBody, { maxItems: 30 })),
};

export const TrainingBody = StrictObject({
  nama: Text(200, 3),
  ...EventFields,
  units: Type.Array(
    StrictObject({
      kode: Type.Optional(Kode),
      nama: Text(200, 3),
      jp: Type.Integer({ minimum: 1, maximum: 200 }),
      tanggal: Type.Optional(Nullable(DateOnly)),
      jamMulai: Type.Optional(Nullable(JamMulai)),
      kompetensi: Type.Optional(Type.Array(Kode, { maxItems: 9 })),
    }),
    { minItems: 1, maxItems: 30 },
  ),
});

export const ParticipantSchema = Type.Object({
  userId: Uuid,
  status: literals(PARTICIPANT_STATUSES),
  alasanTolak: Nullable(Type.String()),
  nama: Type.String(),
  username: Type.String(),
  wilayah: Type.String(),
  hadir: Type.Array(Type.String(), { description: 'Units attended' }),
  terlambat: Type.Array(Type.String(), { description: 'Units checked in late' }),
  nilaiPre: Nullable(Type.Integer()),
  nilaiPost: Nullable(Type.Integer()),
  sertifikat: Nullable(Type.String()),
});

export const CheckinTokenSchema = Type.Object({
  unit: Type.String(),
  token: Type.String(),
  url: Type.String({ description: 'The link the QR code carries' }),
  berlakuSampai: Type.String({ format: 'date-time' }),
  svg: Type.String({ description: 'The QR code as SVG markup' }),
});
export const CheckinTokenParams = StrictObject({ id: Uuid, unit: Type.String({ pattern: '^[a-z0-9_-]{1,40}$' }) });
export const CheckinBody = StrictObject({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export const InvitationBody = StrictObject({
  provinsi: Type.Optional(Type.Array(WilayahCode, { minItems: 1, maxItems: 38, description: 'Province codes' })),
  peran: Type.Optional(literals(['pendamping', 'koordinator'] as const)),
  kurangKompetensi: Type.Optional(
    StrictObject({ kode: Kode, level: Type.Integer({ minimum: 1, maximum: 3, description: 'Invite those below this level' }) }),
  ),
  userIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 500, description: 'By name: these people' })),
});
/** The preview's criteria in the query: comma-separated province codes, a competency and the level to be below. */
export const InvitationQuery = StrictObject({
  provinsi: Type.Optional(Type.String({ pattern: '^[0-9]{2}(\\.[0-9]{2})*(,[0-9]{2}(\\.[0-9]{2})*){0,37}$', description: 'e.g. 35,31' })),
  peran: Type.Optional(literals(['pendamping', 'koordinator'] as const)),
  kompetensi: Type.Optional(Kode),
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
});
export const InvitationSchema = Type.Object({
  kuota: Nullable(Type.Integer()),
  terdaftar: Type.Integer({ description: 'Participants before this invitation' }),
  calon: Type.Array(Type.Object({ userId: Uuid, nama: Type.String(), wilayah: Type.String(), level: Nullable(Type.Integer()) })),
});

export const ParticipantBody = StrictObject({ userId: Uuid });
export const AttendanceBody = StrictObject({
  userId: Uuid,
  unit: Type.String({ minLength: 1, maxLength: 40, description: 'A unit’s kode' }),
});
export const ResultBody = StrictObject({
  userId: Uuid,
  nilaiPre: Type.Optional(Nullable(Score)),
  nilaiPost: Type.Optional(Nullable(Score)),
});

export const CertificateSummarySchema = Type.Object({ nomor: Type.String(), userId: Uuid, nama: Type.String(), valid: Type.Boolean() });
export const CompletionSchema = Type.Object({
  certificates: Type.Array(CertificateSummarySchema),
  notQualified: Type.Array(
    Type.Object({ userId: Uuid, nama: Type.String(), unitKurang: Type.Array(Type.String()), postTestKurang: Type.Boolean() }),
  ),
});

export const CertificateSchema = Type.Object({
  nomor: Type.String(),
  userId: Uuid,
  nama: Type.String(),
  valid: Type.Boolean(),
  trainingId: Uuid,
  pelatihan: Type.String(),
  mulai: DateOnly,
  selesai: DateOnly,
  jp: Type.Integer(),
  diterbitkan: Type.String({ format: 'date-time' }),
  dicabutAlasan: Nullable(Type.String()),
});

/** The public answer: nothing but these fields. */
export const VerificationSchema = Type.Object({
  valid: Type.Boolean(),
  nama: Type.String(),
  pelatihan: Type.String(),
  mulai: DateOnly,
  selesai: DateOnly,
  jp: Type.Integer(),
});
export const CertificateParams = StrictObject({ nomor: Type.String({ minLength: 1, maxLength: 64 }) });
export const RevokeBody = StrictObject({ alasan: Text(500, 10) });

const CellSchema = Type.Object({
  kode: Type.String(),
  level: Type.Integer(),
  jp: Type.Integer(),
  penilaian: Nullable(Type.Integer()),
  sertifikasiSampai: Nullable(DateOnly),
});
export const CompetencyRowSchema = Type.Object({
  userId: Uuid,
  nama: Type.String(),
  wilayah: Type.String(),
  kompetensi: Type.Array(CellSchema),
});
export const MatrixSchema = Type.Object({
  wilayah: Nullable(Type.String()),
  kompetensi: Type.Array(Type.Object({ kode: Type.String(), nama: Type.String(), uraian: Type.String() })),
  pendamping: Type.Array(CompetencyRowSchema),
  kesenjangan: Type.Array(Type.Object({ kode: Type.String(), belum: Type.Integer(), jumlah: Type.Integer() })),
});
export const AssessmentBody = StrictObject({ kompetensi: Kode, level: Level, catatan: Type.Optional(Nullable(Text(1000))) });
export const CertificationBody = StrictObject({
  jenis: Text(120, 3),
  nomor: Text(80, 3),
  kompetensi: Type.Array(Kode, { minItems: 1, maxItems: 9 }),
  berlakuSampai: Type.Optional(Nullable(DateOnly)),
});

export const HoursSchema = Type.Object({
  tahun: Type.Integer(),
  target: Type.Integer(),
  dasar: Type.String(),
  items: Type.Array(
    Type.Object({ userId: Uuid, nama: Type.String(), wilayah: Type.String(), jp: Type.Integer(), tercapai: Type.Boolean() }),
  ),
});
