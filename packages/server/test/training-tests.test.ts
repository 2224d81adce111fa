import type { ParticipantTest, TestBank, TestResults, TrainingRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersOf, buildTestBank, buildTraining, rowCount, TEST_QUESTIONS } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let direktorat: Session;
let koordinator: Session; // 31: the participants' area, not a participant
let koorJatim: Session; // 35: another province
let andi: Session; // pendamping 31.71: passes
let budi: Session; // pendamping 31.71: fails the post-test
let citra: Session; // pendamping 31.71: never takes the post-test
let luar: Session; // pendamping 31.71, not a participant
let event: TrainingRecord;
let pre: TestBank;
let post: TestBank;

const KEYS = TEST_QUESTIONS.map((q) => q.jawaban);
const UNITS = [
  { kode: 'u1', nama: 'Manajemen rehabilitasi sosial', jp: 10, kompetensi: ['manajemen_kasus'] },
  { kode: 'u2', nama: 'Manajemen teknologi komunikasi', jp: 10, kompetensi: ['teknologi_komunikasi'] },
];
const url = (id: string, rest = '') => `/api/v1/trainings/${id}${rest}`;
const take = (s: Session, id: string, jenis: string) => s.request({ method: 'GET', url: url(id, `/tests/${jenis}`) });
const answer = (s: Session, id: string, jenis: string, jawaban: unknown) =>
  s.request({ method: 'POST', url: url(id, `/tests/${jenis}/answers`), payload: { jawaban } });
const count = (table: 'training_test_submissions' | 'training_test_answers') => rowCount(ctx, table);
const questionsFor = async (s: Session, id: string, jenis: string) => ((await take(s, id, jenis)).json() as ParticipantTest).soal;

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koordinator, koorJatim, andi, budi, citra, luar] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
  ]);
  event = await buildTraining(direktorat, { units: UNITS, participants: [andi, budi, citra] });
});
afterAll(() => ctx.close());

describe('question banks', () => {
  it('the organiser sets a pre- and a post-test per unit with its window; the event lists them; nobody else may', async () => {
    pre = await buildTestBank(direktorat, event.id, 'pre');
    post = await buildTestBank(direktorat, event.id, 'post');
    expect(pre.soal.map((q) => [q.unit, q.jawaban])).toEqual(TEST_QUESTIONS.map((q) => [q.unit, q.jawaban]));
    expect(pre.jumlahMenjawab).toBe(0);
    const listed = (await direktorat.request({ method: 'GET', url: url(event.id) })).json() as TrainingRecord;
    expect(listed.tes.map((t) => t.jenis).sort()).toEqual(['post', 'pre']);

    const body = { dibuka: pre.dibuka, ditutup: pre.ditutup, soal: TEST_QUESTIONS };
    for (const s of [koordinator, andi]) {
      expect((await s.request({ method: 'PUT', url: url(event.id, '/tests/pre'), payload: body })).statusCode).toBe(403);
      expect((await s.request({ method: 'GET', url: url(event.id, '/tests/pre/bank') })).statusCode).toBe(403);
    }
    for (const s of [koorJatim, luar])
      expect((await s.request({ method: 'PUT', url: url(event.id, '/tests/pre'), payload: body })).statusCode).toBe(404);
  });

  it('bad banks are a 422 naming the field, and change nothing', async () => {
    const put = (payload: Record<string, unknown>) => direktorat.request({ method: 'PUT', url: url(event.id, '/tests/pre'), payload });
    const base = { dibuka: pre.dibuka, ditutup: pre.ditutup, soal: TEST_QUESTIONS };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...base, ditutup: pre.dibuka }, 'ditutup', 'sebelum_dibuka'],
      [{ ...base, soal: [{ ...TEST_QUESTIONS[0]!, unit: 'sulap' }] }, 'soal/0/unit', 'tidak_dikenal'],
      [{ ...base, soal: [{ ...TEST_QUESTIONS[0]!, jawaban: 3 }] }, 'soal/0/jawaban', 'di_luar_pilihan'],
      [{ ...base, soal: [{ ...TEST_QUESTIONS[0]!, pilihan: ['Ya', 'ya '] }] }, 'soal/0/pilihan', 'ganda'],
    ];
    for (const [payload, field, code] of cases) {
      const r = await put(payload);
      expect(r.statusCode, field).toBe(422);
      expect(r.json().error).toMatchObject({ code: 'TRAINING_TEST_INVALID', details: [{ field, code }] });
    }
    expect((await put({ ...base, soal: [] })).statusCode).toBe(400);
    const bank = (await direktorat.request({ method: 'GET', url: url(event.id, '/tests/pre/bank') })).json() as TestBank;
    expect(bank.soal.map((q) => q.id)).toEqual(pre.soal.map((q) => q.id));
  });
});

describe('taking a test on the phone', () => {
  it('a participant gets the questions without the key; others who see the event get none', async () => {
    const r = await take(andi, event.id, 'pre');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    const t = r.json() as ParticipantTest;
    expect(t).toMatchObject({ jenis: 'pre', status: 'dibuka', hasil: null });
    expect(t.soal.map((q) => q.pertanyaan)).toEqual(TEST_QUESTIONS.map((q) => q.pertanyaan));
    expect(r.body).not.toContain('jawaban');
    expect(Object.keys(t.soal[0]!).sort()).toEqual(['id', 'pertanyaan', 'pilihan', 'unit']);
    expect((await take(koordinator, event.id, 'pre')).json().soal).toEqual([]);
    expect((await take(luar, event.id, 'pre')).statusCode).toBe(404);
    expect((await take(koorJatim, event.id, 'pre')).statusCode).toBe(404);
  });

  it('answers are scored on the server, overall and per unit, once: a second sending is a 409 and changes nothing', async () => {
    const qs = await questionsFor(andi, event.id, 'pre');
    const r = await answer(andi, event.id, 'pre', answersOf(qs, KEYS, [true, false, false, false]));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      jenis: 'pre',
      nilai: 25,
      benar: 1,
      jumlah: 4,
      perUnit: [
        { unit: 'u1', benar: 1, jumlah: 2, nilai: 50 },
        { unit: 'u2', benar: 0, jumlah: 2, nilai: 0 },
      ],
    });
    const before = [await count('training_test_submissions'), await count('training_test_answers')];
    const again = await answer(andi, event.id, 'pre', answersOf(qs, KEYS, [true, true, true, true]));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'TRAINING_TEST_ALREADY_ANSWERED', message: expect.stringContaining('sekali') });
    expect([await count('training_test_submissions'), await count('training_test_answers')]).toEqual(before);
    const after = (await take(andi, event.id, 'pre')).json() as ParticipantTest;
    expect(after.soal).toEqual([]);
    expect(after.hasil).toMatchObject({ nilai: 25 });
    const me = (await andi.request({ method: 'GET', url: url(event.id, '/participants') })).json();
    expect(me[0]).toMatchObject({ nilaiPre: 25, nilaiPost: null });
  });

  it('incomplete, unknown or repeated answers are a 422 naming the field; a non-participant is refused; nothing is stored', async () => {
    const qs = await questionsFor(budi, event.id, 'pre');
    const full = answersOf(qs, KEYS, [false, false, false, false]);
    const before = await count('training_test_submissions');
    const cases: Array<[unknown, string, string]> = [
      [full.slice(0, 3), 'jawaban', 'tidak_lengkap'],
      [[...full.slice(0, 3), { soal: post.soal[0]!.id, pilihan: 0 }], 'jawaban/3/soal', 'tidak_dikenal'],
      [[...full.slice(0, 3), full[0]], 'jawaban/3/soal', 'ganda'],
      [[...full.slice(0, 3), { soal: full[3]!.soal, pilihan: 5 }], 'jawaban/3/pilihan', 'di_luar_pilihan'],
    ];
    for (const [jawaban, field, code] of cases) {
      const r = await answer(budi, event.id, 'pre', jawaban);
      expect(r.statusCode, field).toBe(422);
      expect(r.json().error).toMatchObject({ code: 'TRAINING_TEST_INVALID', details: [{ field, code }] });
    }
    expect((await answer(budi, event.id, 'pre', [{ soal: full[0]!.soal, pilihan: 9 }])).statusCode).toBe(400);
    expect((await answer(koordinator, event.id, 'pre', full)).json().error.code).toBe('TRAINING_NOT_PARTICIPANT');
    expect((await answer(luar, event.id, 'pre', full)).statusCode).toBe(404);
    expect(await count('training_test_submissions')).toBe(before);
    expect((await answer(budi, event.id, 'pre', full)).json().nilai).toBe(0);
    expect((await answer(citra, event.id, 'pre', answersOf(qs, KEYS, [true, true, true, false]))).json().nilai).toBe(75);
  });

  it('before its window and after it a test takes no answers (409), and shows no questions', async () => {
    const other = await buildTraining(direktorat, { units: UNITS, participants: [andi] });
    const hour = 3_600_000;
    await buildTestBank(direktorat, other.id, 'pre', { dibuka: new Date(Date.now() - 3 * hour), ditutup: new Date(Date.now() - hour) });
    await buildTestBank(direktorat, other.id, 'post', { dibuka: new Date(Date.now() + hour) });
    const closed = (await take(andi, other.id, 'pre')).json() as ParticipantTest;
    expect([closed.status, closed.soal]).toEqual(['ditutup', []]);
    const bank = (await direktorat.request({ method: 'GET', url: url(other.id, '/tests/pre/bank') })).json() as TestBank;
    const late = await answer(andi, other.id, 'pre', answersOf(bank.soal, KEYS, [true, true, true, true]));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('TRAINING_TEST_CLOSED');
    const early = (await take(andi, other.id, 'post')).json() as ParticipantTest;
    expect([early.status, early.soal]).toEqual(['belum_dibuka', []]);
    const postBank = (await direktorat.request({ method: 'GET', url: url(other.id, '/tests/post/bank') })).json() as TestBank;
    const soon = await answer(andi, other.id, 'post', answersOf(postBank.soal, KEYS, [true, true, true, true]));
    expect(soon.json().error).toMatchObject({ code: 'TRAINING_TEST_NOT_OPEN', details: { dibuka: postBank.dibuka } });
    expect(
      await ctx.database.db.selectFrom('training_test_submissions').select('user_id').where('training_id', '=', other.id).execute(),
    ).toEqual([]);
    // An event without the test says so.
    const none = await buildTraining(direktorat, { participants: [andi] });
    expect((await take(andi, none.id, 'pre')).json().error.code).toBe('TRAINING_TEST_NONE');
  });

  it('once answered, the bank cannot change and its marks cannot be typed in', async () => {
    const r = await direktorat.request({
      method: 'PUT',
      url: url(event.id, '/tests/pre'),
      payload: { dibuka: pre.dibuka, ditutup: pre.ditutup, soal: TEST_QUESTIONS.slice(0, 2) },
    });
    expect(r.json().error.code).toBe('TRAINING_TEST_STARTED');
    const typed = await direktorat.request({
      method: 'PUT',
      url: url(event.id, '/results'),
      payload: { userId: andi.user.id, nilaiPost: 100 },
    });
    expect(typed.json().error.code).toBe('TRAINING_TEST_AUTO_SCORED');
  });
});

describe('gain and completion', () => {
  it('the organiser sees the gain per participant and per unit; a koordinator their area’s; another province nothing', async () => {
    const qs = await questionsFor(andi, event.id, 'post');
    expect((await answer(andi, event.id, 'post', answersOf(qs, KEYS, [true, true, true, true]))).json().nilai).toBe(100);
    expect((await answer(budi, event.id, 'post', answersOf(qs, KEYS, [true, true, false, false]))).json().nilai).toBe(50);
    const r = await direktorat.request({ method: 'GET', url: url(event.id, '/test-results') });
    expect(r.statusCode, r.body).toBe(200);
    const res = r.json() as TestResults;
    expect(res.nilaiLulus).toBe(70);
    const row = (s: Session) => res.peserta.find((p) => p.userId === s.user.id)!;
    expect(row(andi)).toMatchObject({
      pre: 25,
      post: 100,
      gain: 75,
      perUnit: [
        { unit: 'u1', pre: 50, post: 100 },
        { unit: 'u2', pre: 0, post: 100 },
      ],
    });
    expect(row(budi)).toMatchObject({ pre: 0, post: 50, gain: 50 });
    expect(row(citra)).toMatchObject({ pre: 75, post: null, gain: null });
    // u1: andi 50→100, budi 0→100; u2: andi 0→100, budi 0→0 (citra took no post-test).
    expect(res.units).toEqual([
      { unit: 'u1', nama: UNITS[0]!.nama, pre: 50, post: 100, gain: 75, peserta: 2 },
      { unit: 'u2', nama: UNITS[1]!.nama, pre: 17, post: 50, gain: 50, peserta: 2 },
    ]);
    expect((await koordinator.request({ method: 'GET', url: url(event.id, '/test-results') })).json().peserta).toHaveLength(3);
    const own = (await andi.request({ method: 'GET', url: url(event.id, '/test-results') })).json() as TestResults;
    expect(own.peserta.map((p) => p.userId)).toEqual([andi.user.id]);
    expect((await koorJatim.request({ method: 'GET', url: url(event.id, '/test-results') })).statusCode).toBe(404);
  });

  it('completion requires passing the post-test where the event has one (its own mark, else 70)', async () => {
    for (const p of [andi, budi, citra])
      for (const unit of ['u1', 'u2'])
        expect(
          (await direktorat.request({ method: 'POST', url: url(event.id, '/attendance'), payload: { userId: p.user.id, unit } }))
            .statusCode,
        ).toBe(201);
    const done = await direktorat.request({ method: 'POST', url: url(event.id, '/complete') });
    expect(done.statusCode, done.body).toBe(200);
    const { certificates, notQualified } = done.json() as {
      certificates: Array<{ userId: string }>;
      notQualified: Array<{ userId: string; postTestKurang: boolean; unitKurang: string[] }>;
    };
    expect(certificates.map((c) => c.userId)).toEqual([andi.user.id]);
    expect(notQualified.map((n) => [n.userId, n.postTestKurang, n.unitKurang]).sort()).toEqual(
      [
        [budi.user.id, true, []],
        [citra.user.id, true, []],
      ].sort(),
    );
    // Closed: no more answers.
    const qs = post.soal;
    expect((await answer(citra, event.id, 'post', answersOf(qs, KEYS, [true, true, true, true]))).json().error.code).toBe(
      'TRAINING_COMPLETED',
    );
  });
});
