import { Type } from '@fastify/type-provider-typebox';
import { PILIHAN_MAKS, SOAL_MAKS, TEST_JENIS, TEST_STATUSES } from '@tuntas/domain';
import { literals, Nullable, StrictObject, Uuid } from '../http/schemas.js';

/** Pre-test and post-test (issue 22): request and response shapes. */

const Instant = Type.String({ format: 'date-time' });
const Jenis = literals(TEST_JENIS);
const Choice = Type.Integer({ minimum: 0, maximum: PILIHAN_MAKS - 1, description: 'Index of the choice, from 0' });

export const TestParams = StrictObject({ id: Uuid, jenis: Jenis });

export const TestWindowSchema = Type.Object({ jenis: Jenis, dibuka: Instant, ditutup: Instant });

const Question = {
  id: Uuid,
  unit: Type.String({ description: 'The unit’s kode' }),
  pertanyaan: Type.String(),
  pilihan: Type.Array(Type.String()),
};

const UnitScoreSchema = Type.Object({ unit: Type.String(), benar: Type.Integer(), jumlah: Type.Integer(), nilai: Type.Integer() });

export const TestResultSchema = Type.Object({
  jenis: Jenis,
  nilai: Type.Integer({ description: '0–100' }),
  benar: Type.Integer(),
  jumlah: Type.Integer(),
  perUnit: Type.Array(UnitScoreSchema),
  dikirim: Instant,
});

/** What a participant's phone gets: never the correct choice. */
export const ParticipantTestSchema = Type.Object({
  jenis: Jenis,
  dibuka: Instant,
  ditutup: Instant,
  status: literals(TEST_STATUSES),
  soal: Type.Array(Type.Object(Question), { description: 'Only to a participant, while open and not yet answered' }),
  hasil: Nullable(TestResultSchema),
});

export const TestBankSchema = Type.Object({
  jenis: Jenis,
  dibuka: Instant,
  ditutup: Instant,
  soal: Type.Array(Type.Object({ ...Question, jawaban: Type.Integer({ description: 'The correct choice' }) })),
  jumlahMenjawab: Type.Integer(),
});

export const TestBankBody = StrictObject({
  dibuka: Instant,
  ditutup: Instant,
  soal: Type.Array(
    StrictObject({
      unit: Type.String({ pattern: '^[a-z0-9_-]{1,40}$', description: 'The unit’s kode' }),
      pertanyaan: Type.String({ minLength: 3, maxLength: 1000, pattern: '\\S' }),
      pilihan: Type.Array(Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' }), { minItems: 2, maxItems: PILIHAN_MAKS }),
      jawaban: Choice,
    }),
    { minItems: 1, maxItems: SOAL_MAKS },
  ),
});

export const AnswersBody = StrictObject({
  jawaban: Type.Array(StrictObject({ soal: Uuid, pilihan: Choice }), { minItems: 1, maxItems: SOAL_MAKS }),
});

const Score = Nullable(Type.Integer());
export const TestResultsSchema = Type.Object({
  nilaiLulus: Nullable(Type.Integer({ description: 'The post-test pass mark in force' })),
  peserta: Type.Array(
    Type.Object({
      userId: Uuid,
      nama: Type.String(),
      wilayah: Type.String(),
      pre: Score,
      post: Score,
      gain: Nullable(Type.Integer({ description: 'Post minus pre, in points' })),
      perUnit: Type.Array(Type.Object({ unit: Type.String(), pre: Score, post: Score })),
    }),
  ),
  units: Type.Array(
    Type.Object({
      unit: Type.String(),
      nama: Type.String(),
      pre: Score,
      post: Score,
      gain: Nullable(Type.Integer({ description: 'Mean gain of those who took both' })),
      peserta: Type.Integer({ description: 'Participants who took both' }),
    }),
  ),
});
