import { nilaiTes, testStatus, type ParticipantTest, type TestBank, type TestJenis, type TestResult, type UnitScore } from '@tuntas/domain';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { trainingPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, forbidden } from '../http/app-error.js';
import { loadTraining } from './training-service.js';

/**
 * Pre-test and post-test (issue 22): the organiser sets a bank of multiple-choice questions per
 * unit and the window it is open; a participant answers once, on the phone, and the server scores
 * it. The correct choice leaves the server only in the organiser's bank; a participant gets their
 * score (overall and per unit), never the key, so it cannot be passed around the room.
 */

type TestRow = Selectable<DB['training_tests']>;

const invalid = (field: string, code: string) => fieldError('TRAINING_TEST_INVALID', field, code);

async function testOf(db: Kysely<DB>, id: string, jenis: TestJenis): Promise<TestRow> {
  const row = await db.selectFrom('training_tests').selectAll().where('training_id', '=', id).where('jenis', '=', jenis).executeTakeFirst();
  if (!row) throw new AppError('TRAINING_TEST_NONE');
  return row;
}

const questions = (db: Kysely<DB>, id: string, jenis: TestJenis) =>
  db
    .selectFrom('training_questions')
    .select(['id', 'unit', 'pertanyaan', 'pilihan', 'jawaban'])
    .where('training_id', '=', id)
    .where('jenis', '=', jenis)
    .orderBy('urutan')
    .execute();

/** The organiser may change an event's tests until it is completed (taken under a row lock). */
async function lockForChange(trx: Kysely<DB>, actor: Actor, id: string) {
  const training = await loadTraining(trx, actor, id);
  if (!trainingPolicy.manage(actor)) throw forbidden();
  const locked = await trx.selectFrom('trainings').select('completed_at').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  if (locked.completed_at) throw new AppError('TRAINING_COMPLETED');
  return training;
}

export async function testBank(db: Kysely<DB>, actor: Actor, id: string, jenis: TestJenis): Promise<TestBank> {
  await loadTraining(db, actor, id);
  if (!trainingPolicy.manage(actor)) throw forbidden();
  const test = await testOf(db, id, jenis);
  const { n } = await db
    .selectFrom('training_test_submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('training_id', '=', id)
    .where('jenis', '=', jenis)
    .executeTakeFirstOrThrow();
  return {
    jenis,
    dibuka: test.dibuka.toISOString(),
    ditutup: test.ditutup.toISOString(),
    soal: await questions(db, id, jenis),
    jumlahMenjawab: Number(n),
  };
}

export interface BankInput {
  dibuka: string;
  ditutup: string;
  soal: Array<{ unit: string; pertanyaan: string; pilihan: string[]; jawaban: number }>;
}

/** Sets (or, while nobody has answered, replaces) a test's questions and window. */
export async function setTestBank(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  jenis: TestJenis,
  input: BankInput,
): Promise<TestBank> {
  if (Date.parse(input.ditutup) <= Date.parse(input.dibuka)) throw invalid('ditutup', 'sebelum_dibuka');
  await db.transaction().execute(async (trx) => {
    const training = await lockForChange(trx, actor, id);
    const units = new Set(
      (await trx.selectFrom('training_units').select('kode').where('training_id', '=', id).execute()).map((u) => u.kode),
    );
    input.soal.forEach((q, i) => {
      if (!units.has(q.unit)) throw invalid(`soal/${i}/unit`, 'tidak_dikenal');
      if (q.jawaban >= q.pilihan.length) throw invalid(`soal/${i}/jawaban`, 'di_luar_pilihan');
      if (new Set(q.pilihan.map((p) => p.trim().toLowerCase())).size !== q.pilihan.length) throw invalid(`soal/${i}/pilihan`, 'ganda');
    });
    const answered = await trx
      .selectFrom('training_test_submissions')
      .select('user_id')
      .where('training_id', '=', id)
      .where('jenis', '=', jenis)
      .limit(1)
      .executeTakeFirst();
    if (answered) throw new AppError('TRAINING_TEST_STARTED');
    await trx.deleteFrom('training_questions').where('training_id', '=', id).where('jenis', '=', jenis).execute();
    const window = { dibuka: new Date(input.dibuka), ditutup: new Date(input.ditutup), updated_by: actor.id, updated_at: new Date() };
    await trx
      .insertInto('training_tests')
      .values({ training_id: id, jenis, ...window })
      .onConflict((oc) => oc.columns(['training_id', 'jenis']).doUpdateSet(window))
      .execute();
    await trx
      .insertInto('training_questions')
      .values(
        input.soal.map((q, i) => ({
          training_id: id,
          jenis,
          unit: q.unit,
          urutan: i + 1,
          pertanyaan: q.pertanyaan.trim(),
          pilihan: q.pilihan.map((p) => p.trim()),
          jawaban: q.jawaban,
        })),
      )
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'training.test.set',
      entityType: 'training',
      entityId: id,
      wilayah: training.wilayah,
      details: { jenis, soal: input.soal.length, dibuka: input.dibuka, ditutup: input.ditutup },
    });
  });
  return testBank(db, actor, id, jenis);
}

async function resultOf(db: Kysely<DB>, id: string, jenis: TestJenis, userId: string): Promise<TestResult | null> {
  const sub = await db
    .selectFrom('training_test_submissions')
    .selectAll()
    .where('training_id', '=', id)
    .where('jenis', '=', jenis)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!sub) return null;
  const rows = await db
    .selectFrom('training_test_answers as a')
    .innerJoin('training_questions as q', 'q.id', 'a.question_id')
    .select(['q.unit', 'a.benar'])
    .where('a.training_id', '=', id)
    .where('a.jenis', '=', jenis)
    .where('a.user_id', '=', userId)
    .orderBy('q.urutan')
    .execute();
  return {
    jenis,
    nilai: sub.nilai,
    benar: sub.benar,
    jumlah: sub.jumlah,
    perUnit: perUnit(rows),
    dikirim: sub.submitted_at.toISOString(),
  };
}

/** Scores per unit, in the order the units first appear in the bank. */
export function perUnit(rows: Array<{ unit: string; benar: boolean }>): UnitScore[] {
  const by = new Map<string, { benar: number; jumlah: number }>();
  for (const r of rows) {
    const s = by.get(r.unit) ?? { benar: 0, jumlah: 0 };
    s.jumlah += 1;
    if (r.benar) s.benar += 1;
    by.set(r.unit, s);
  }
  return [...by].map(([unit, s]) => ({ unit, ...s, nilai: nilaiTes(s.benar, s.jumlah) }));
}

const isParticipant = async (db: Kysely<DB>, id: string, userId: string) =>
  (await db
    .selectFrom('training_participants')
    .select('user_id')
    .where('training_id', '=', id)
    .where('user_id', '=', userId)
    .where('status', '<>', 'ditolak')
    .executeTakeFirst()) !== undefined;

/**
 * A test as the caller takes it: the questions (without the key) only to a participant, only while
 * the window is open and only until they have answered; their result once they have.
 */
export async function participantTest(db: Kysely<DB>, actor: Actor, id: string, jenis: TestJenis, now: Date): Promise<ParticipantTest> {
  await loadTraining(db, actor, id);
  const test = await testOf(db, id, jenis);
  const window = { jenis, dibuka: test.dibuka.toISOString(), ditutup: test.ditutup.toISOString() };
  const status = testStatus(window, now);
  const participant = await isParticipant(db, id, actor.id);
  const hasil = participant ? await resultOf(db, id, jenis, actor.id) : null;
  const soal =
    participant && status === 'dibuka' && hasil === null
      ? (await questions(db, id, jenis)).map(({ id: qid, unit, pertanyaan, pilihan }) => ({ id: qid, unit, pertanyaan, pilihan }))
      : [];
  return { ...window, status, soal, hasil };
}

/**
 * A participant's one submission: every question answered once, inside the window; scored here,
 * kept with each answer, and the score becomes the participant's pre- or post-test mark.
 */
export async function submitTest(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  jenis: TestJenis,
  jawaban: Array<{ soal: string; pilihan: number }>,
  now: Date,
): Promise<TestResult> {
  await db.transaction().execute(async (trx) => {
    const training = await loadTraining(trx, actor, id);
    const test = await testOf(trx, id, jenis);
    const locked = await trx.selectFrom('trainings').select('completed_at').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.completed_at) throw new AppError('TRAINING_COMPLETED');
    if (!(await isParticipant(trx, id, actor.id))) throw new AppError('TRAINING_NOT_PARTICIPANT');
    const status = testStatus({ dibuka: test.dibuka.toISOString(), ditutup: test.ditutup.toISOString() }, now);
    if (status === 'belum_dibuka') throw new AppError('TRAINING_TEST_NOT_OPEN', { dibuka: test.dibuka.toISOString() });
    if (status === 'ditutup') throw new AppError('TRAINING_TEST_CLOSED', { ditutup: test.ditutup.toISOString() });
    const before = await trx
      .selectFrom('training_test_submissions')
      .select('user_id')
      .where('training_id', '=', id)
      .where('jenis', '=', jenis)
      .where('user_id', '=', actor.id)
      .executeTakeFirst();
    if (before) throw new AppError('TRAINING_TEST_ALREADY_ANSWERED');
    const bank = await questions(trx, id, jenis);
    const byId = new Map(bank.map((q) => [q.id, q]));
    const seen = new Set<string>();
    jawaban.forEach((a, i) => {
      const q = byId.get(a.soal);
      if (!q) throw invalid(`jawaban/${i}/soal`, 'tidak_dikenal');
      if (seen.has(a.soal)) throw invalid(`jawaban/${i}/soal`, 'ganda');
      if (a.pilihan >= q.pilihan.length) throw invalid(`jawaban/${i}/pilihan`, 'di_luar_pilihan');
      seen.add(a.soal);
    });
    if (seen.size !== bank.length) throw invalid('jawaban', 'tidak_lengkap');
    const marked = jawaban.map((a) => ({ ...a, benar: byId.get(a.soal)!.jawaban === a.pilihan }));
    const benar = marked.filter((a) => a.benar).length;
    const nilai = nilaiTes(benar, bank.length);
    // The primary key makes a second submission (even a concurrent one) insert nothing.
    const inserted = await trx
      .insertInto('training_test_submissions')
      .values({ training_id: id, jenis, user_id: actor.id, benar, jumlah: bank.length, nilai, submitted_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('TRAINING_TEST_ALREADY_ANSWERED');
    await trx
      .insertInto('training_test_answers')
      .values(marked.map((a) => ({ training_id: id, jenis, user_id: actor.id, question_id: a.soal, pilihan: a.pilihan, benar: a.benar })))
      .execute();
    await trx
      .updateTable('training_participants')
      .set(jenis === 'pre' ? { nilai_pre: nilai } : { nilai_post: nilai })
      .where('training_id', '=', id)
      .where('user_id', '=', actor.id)
      .execute();
    const me = await trx.selectFrom('users').select('wilayah').where('id', '=', actor.id).executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'training.test.answer',
      entityType: 'training',
      entityId: id,
      wilayah: me.wilayah ?? training.wilayah,
      details: { jenis, nilai, benar, jumlah: bank.length },
    });
  });
  return (await resultOf(db, id, jenis, actor.id))!;
}

/** The kinds of test an event has: completion and manual scores depend on them. */
export async function testKinds(db: Kysely<DB>, id: string): Promise<Set<TestJenis>> {
  const rows = await db.selectFrom('training_tests').select('jenis').where('training_id', '=', id).execute();
  return new Set(rows.map((r) => r.jenis));
}
