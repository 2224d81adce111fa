import {
  evaluasiTerakhir,
  MIN_EVALUASI_DITAMPILKAN,
  rataRataSebaran,
  type Narasumber,
  type RatingSummary,
  type TrainingEvaluation,
} from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { trainingPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { trainersOf } from './trainers.js';
import { loadTraining, today } from './training-service.js';

/**
 * Anonymous evaluations (issue 22). A participant who attended rates the event and each trainer
 * 1–5 with an optional comment, once. `training_evaluators` records only that they have; the
 * ratings go to `training_ratings` with no person, no time and a random id. Within the same
 * transaction every rating of the event is deleted and written back in random order, so the
 * new marker's transaction touches all of them alike and the heap order follows nobody's turn.
 * The organiser sees counts, averages and comments once at least MIN_EVALUASI_DITAMPILKAN have
 * evaluated.
 */

export interface EvaluationInput {
  acara: { nilai: number; komentar?: string | null | undefined };
  narasumber: Array<{ id: string; nilai: number; komentar?: string | null | undefined }>;
}

const clean = (k: string | null | undefined) => k?.trim() || null;

async function attended(db: Kysely<DB>, id: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('training_attendance')
    .select('unit')
    .where('training_id', '=', id)
    .where('user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function evaluated(db: Kysely<DB>, id: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('training_evaluators')
    .select('user_id')
    .where('training_id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function submitEvaluation(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: EvaluationInput,
  now: Date,
): Promise<TrainingEvaluation> {
  await db.transaction().execute(async (trx) => {
    const training = await loadTraining(trx, actor, id);
    await trx.selectFrom('trainings').select('id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (!(await attended(trx, id, actor.id))) throw new AppError('TRAINING_EVALUATION_NOT_ATTENDED');
    const batas = evaluasiTerakhir(training.selesai);
    if (today(training.wilayah, now) > batas) throw new AppError('TRAINING_EVALUATION_CLOSED', { batas });
    if (await evaluated(trx, id, actor.id)) throw new AppError('TRAINING_EVALUATION_ALREADY');
    const trainers = (await trainersOf(trx, [id])).get(id) ?? [];
    const given = new Map(input.narasumber.map((n) => [n.id, n]));
    const missing = trainers.findIndex((t) => !given.has(t.id));
    const unknown = input.narasumber.findIndex((n) => !trainers.some((t) => t.id === n.id));
    if (missing >= 0 || unknown >= 0 || given.size !== input.narasumber.length)
      throw new AppError('TRAINING_EVALUATION_INVALID', [
        missing >= 0
          ? { field: 'narasumber', code: 'belum_dinilai', id: trainers[missing]!.id }
          : { field: 'narasumber', code: 'tidak_dikenal' },
      ]);
    await trx.insertInto('training_evaluators').values({ training_id: id, user_id: actor.id }).execute();
    await trx
      .insertInto('training_ratings')
      .values([
        { training_id: id, trainer_id: null, nilai: input.acara.nilai, komentar: clean(input.acara.komentar) },
        ...input.narasumber.map((n) => ({ training_id: id, trainer_id: n.id, nilai: n.nilai, komentar: clean(n.komentar) })),
      ])
      .execute();
    await sql`
      with lama as (delete from training_ratings where training_id = ${id} returning *)
      insert into training_ratings (id, training_id, trainer_id, nilai, komentar)
      select gen_random_uuid(), training_id, trainer_id, nilai, komentar from lama order by random()
    `.execute(trx);
    await recordAudit(trx, actor, origin, {
      action: 'training.evaluate',
      entityType: 'training',
      entityId: id,
      wilayah: training.wilayah,
      details: {},
    });
  });
  return evaluationOf(db, actor, id, now);
}

function summary(narasumberId: string | null, nama: string, rows: Array<{ nilai: number; komentar: string | null }>, shown: boolean) {
  const sebaran = [0, 0, 0, 0, 0];
  for (const r of rows) sebaran[r.nilai - 1] = (sebaran[r.nilai - 1] ?? 0) + 1;
  const komentar = rows.flatMap((r) => (r.komentar ? [r.komentar] : [])).sort((a, b) => a.localeCompare(b, 'id'));
  return {
    narasumberId,
    nama,
    jumlah: rows.length,
    rataRata: shown ? rataRataSebaran(sebaran) : null,
    sebaran: shown ? sebaran : [0, 0, 0, 0, 0],
    komentar: shown ? komentar : [],
  } satisfies RatingSummary;
}

async function results(db: Kysely<DB>, id: string, nama: string, trainers: Narasumber[]): Promise<TrainingEvaluation['hasil']> {
  const [{ penilai }, { hadir }] = await Promise.all([
    db
      .selectFrom('training_evaluators')
      .select((eb) => eb.fn.countAll<number>().as('penilai'))
      .where('training_id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('training_attendance')
      .select(sql<number>`count(distinct user_id)`.as('hadir'))
      .where('training_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  const jumlahPenilai = Number(penilai);
  const shown = jumlahPenilai >= MIN_EVALUASI_DITAMPILKAN;
  const rows = await db.selectFrom('training_ratings').select(['trainer_id', 'nilai', 'komentar']).where('training_id', '=', id).execute();
  const of = (trainerId: string | null) => rows.filter((r) => r.trainer_id === trainerId);
  return {
    jumlahPenilai,
    jumlahHadir: Number(hadir),
    ditampilkan: shown,
    acara: summary(null, nama, of(null), shown),
    narasumber: trainers.map((t) => summary(t.id, t.nama, of(t.id), shown)),
  };
}

/** The caller's part (may they evaluate, have they) and, for the organiser, the results. */
export async function evaluationOf(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<TrainingEvaluation> {
  const training = await loadTraining(db, actor, id);
  const narasumber = (await trainersOf(db, [id])).get(id) ?? [];
  const batas = evaluasiTerakhir(training.selesai);
  const [hadir, sudahMenilai] = await Promise.all([attended(db, id, actor.id), evaluated(db, id, actor.id)]);
  return {
    dapatMenilai: hadir && !sudahMenilai && today(training.wilayah, now) <= batas,
    sudahMenilai,
    batas,
    narasumber,
    hasil: trainingPolicy.manage(actor) ? await results(db, id, training.nama, narasumber) : null,
  };
}
