import { sql } from 'kysely';
import type { TrainingEvaluation, TrainingRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDetails, buildProgramme, dayFromToday, rowCount } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let direktorat: Session;
let koordinator: Session; // 32, sees the event through its participants
let ani: Session;
let budi: Session;
let citra: Session;
let dewi: Session; // registered, never attended
let luar: Session; // not a participant
let event: TrainingRecord;
let past: TrainingRecord;
let firstIds: string[] = [];

const post = (s: Session, url: string, payload: Record<string, unknown>) => s.request({ method: 'POST', url: `/api/v1${url}`, payload });
const evaluation = async (s: Session, id = event.id) =>
  (await s.request({ method: 'GET', url: `/api/v1/trainings/${id}/evaluation` })).json() as TrainingEvaluation;
const send = (s: Session, acara: number, trainers: number[], komentar?: string, id = event.id) =>
  post(s, `/trainings/${id}/evaluation`, {
    acara: { nilai: acara, komentar: komentar ?? null },
    narasumber: (id === event.id ? event : past).narasumber.map((n, i) => ({ id: n.id, nilai: trainers[i] ?? 4 })),
  });

const ratingIds = async () =>
  (await ctx.database.db.selectFrom('training_ratings').select('id').where('training_id', '=', event.id).execute()).map((r) => r.id);

async function eventFrom(programmeId: string, mulai: string, people: Session[]): Promise<TrainingRecord> {
  const r = await post(direktorat, `/training-programmes/${programmeId}/trainings`, {
    mulai,
    selesai: mulai,
    tempat: 'Aula Dinas Sosial, Kota Bandung',
    wilayah: '32',
    jadwal: [{ kode: 'pfa', tanggal: mulai, jamMulai: '00:00' }],
    narasumber: [{ nama: 'Dr. Rina Kusuma, M.Psi.', instansi: 'Universitas Padjadjaran' }, { nama: 'Agus Salim, S.Tr.Sos.' }],
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const created: TrainingRecord = r.json();
  for (const p of people) {
    expect((await post(direktorat, `/trainings/${created.id}/participants`, { userId: p.user.id })).statusCode).toBe(201);
  }
  return created;
}

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koordinator, ani, budi, citra, dewi, luar] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '32'),
    signIn(ctx, 'pendamping', '32.73'),
    signIn(ctx, 'pendamping', '32.73'),
    signIn(ctx, 'pendamping', '32.73'),
    signIn(ctx, 'pendamping', '32.73'),
    signIn(ctx, 'pendamping', '32.73'),
  ]);
  const programme = await buildProgramme(direktorat);
  event = await eventFrom(programme.id, dayFromToday(-1), [ani, budi, citra, dewi]);
  past = await eventFrom(programme.id, dayFromToday(-40), [ani]);
  for (const p of [ani, budi, citra])
    expect((await post(direktorat, `/trainings/${event.id}/attendance`, { userId: p.user.id, unit: 'pfa' })).statusCode).toBe(201);
  expect((await post(direktorat, `/trainings/${past.id}/attendance`, { userId: ani.user.id, unit: 'pfa' })).statusCode).toBe(201);
});
afterAll(() => ctx.close());

describe('anonymous evaluation of an event and its trainers', () => {
  it('only a participant who attended may evaluate, within 30 days of the last day; others are refused and nothing is stored', async () => {
    expect(await evaluation(ani)).toMatchObject({ dapatMenilai: true, sudahMenilai: false, hasil: null });
    expect((await evaluation(ani)).narasumber.map((n) => n.nama)).toEqual(['Dr. Rina Kusuma, M.Psi.', 'Agus Salim, S.Tr.Sos.']);
    expect(await evaluation(dewi)).toMatchObject({ dapatMenilai: false });
    const absent = await send(dewi, 5, [5, 5]);
    expect(absent.statusCode).toBe(403);
    expect(absent.json().error.code).toBe('TRAINING_EVALUATION_NOT_ATTENDED');
    expect((await send(luar, 5, [5, 5])).statusCode).toBe(404);
    const late = await send(ani, 5, [5, 5], undefined, past.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('TRAINING_EVALUATION_CLOSED');
    const partial = await post(ani, `/trainings/${event.id}/evaluation`, {
      acara: { nilai: 4 },
      narasumber: [{ id: event.narasumber[0]!.id, nilai: 4 }],
    });
    expect(partial.json().error).toMatchObject({ code: 'TRAINING_EVALUATION_INVALID', details: [{ code: 'belum_dinilai' }] });
    const outOfRange = await post(ani, `/trainings/${event.id}/evaluation`, { acara: { nilai: 6 }, narasumber: [] });
    expect(outOfRange.statusCode).toBe(400);
    expect(await rowCount(ctx, 'training_ratings')).toBe(0);
    expect(await rowCount(ctx, 'training_evaluators')).toBe(0);
  });

  it('an evaluation is taken once: a second is a 409 and changes nothing', async () => {
    const first = await send(ani, 5, [5, 4], 'Materi sangat bermanfaat untuk kasus di lapangan.');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ dapatMenilai: false, sudahMenilai: true, hasil: null });
    const again = await send(ani, 1, [1, 1]);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TRAINING_EVALUATION_ALREADY');
    expect(await rowCount(ctx, 'training_ratings')).toBe(3);
    expect(await auditDetails(ctx, 'training.evaluate', event.id)).toEqual([{}]);
    firstIds = await ratingIds();
  });

  it('the organiser sees no averages nor comments until three have evaluated; then counts, means, spread and comments', async () => {
    const few = (await evaluation(direktorat)).hasil!;
    expect(few).toMatchObject({ jumlahPenilai: 1, jumlahHadir: 3, ditampilkan: false });
    expect(few.acara).toMatchObject({ jumlah: 1, rataRata: null, komentar: [], sebaran: [0, 0, 0, 0, 0] });
    expect((await send(budi, 4, [3, 4])).statusCode).toBe(201);
    const now = await ratingIds();
    expect(now).toHaveLength(6);
    expect(now.filter((id) => firstIds.includes(id))).toEqual([]); // every rating of the event written anew, in random order
    expect((await send(citra, 3, [4, 2], 'Waktu praktik kurang.')).statusCode).toBe(201);
    const { hasil } = await evaluation(direktorat);
    expect(hasil).toMatchObject({ jumlahPenilai: 3, ditampilkan: true });
    expect(hasil!.acara).toMatchObject({ jumlah: 3, rataRata: 4, sebaran: [0, 0, 1, 1, 1] });
    expect(hasil!.acara.komentar).toEqual(['Materi sangat bermanfaat untuk kasus di lapangan.', 'Waktu praktik kurang.']);
    expect(hasil!.narasumber.map((n) => [n.nama, n.rataRata])).toEqual([
      ['Dr. Rina Kusuma, M.Psi.', 4],
      ['Agus Salim, S.Tr.Sos.', 3.3],
    ]);
    expect((await evaluation(koordinator)).hasil).toBeNull();
    expect((await evaluation(ani)).hasil).toBeNull();
  });

  it('nothing in the database ties a rating to a person: a rating has no person nor time, the marker no rating', async () => {
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'training_ratings' order by column_name
    `.execute(ctx.database.db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['id', 'komentar', 'nilai', 'trainer_id', 'training_id']);
    const marker = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'training_evaluators' order by column_name
    `.execute(ctx.database.db);
    expect(marker.rows.map((c) => c.column_name)).toEqual(['training_id', 'user_id']);
  });
});
