import type { ProgrammeUnit, TrainingProgramme, TrainingRecord } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { trainingPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, forbidden, notFound } from '../http/app-error.js';
import { createTraining, type TrainingInput } from './training-service.js';
import { checkCompetencies } from './trainers.js';

/**
 * Training programmes (issue 22): a reusable curriculum the direktorat keeps, from which events are
 * created. An event copies the programme's units, so a later change of the curriculum leaves past
 * events and their certificates as they were; the event keeps the link to its programme.
 */

const invalid = (field: string, code: string) => fieldError('TRAINING_PROGRAMME_INVALID', field, code);

export interface ProgrammeInput {
  kode: string;
  nama: string;
  uraian?: string | undefined;
  units: Array<{ kode: string; nama: string; jp: number; kompetensi?: string[] | undefined; tujuan?: string[] | undefined }>;
}

async function unitsOf(db: Kysely<DB>, ids: string[]): Promise<Map<string, ProgrammeUnit[]>> {
  const out = new Map<string, ProgrammeUnit[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('training_programme_units')
    .selectAll()
    .where('programme_id', 'in', ids)
    .orderBy('programme_id')
    .orderBy('urutan')
    .execute();
  for (const r of rows)
    out.set(r.programme_id, [
      ...(out.get(r.programme_id) ?? []),
      { kode: r.kode, nama: r.nama, jp: r.jp, kompetensi: r.kompetensi, tujuan: r.tujuan },
    ]);
  return out;
}

function selectProgrammes(db: Kysely<DB>) {
  return db
    .selectFrom('training_programmes as p')
    .select(['p.id', 'p.kode', 'p.nama', 'p.uraian'])
    .select((eb) =>
      eb
        .selectFrom('trainings as t')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('t.programme_id', '=', 'p.id')
        .as('jumlah'),
    );
}

/** Programmes are the ministry's curriculum: every signed-in worker may read them. */
export async function listProgrammes(db: Kysely<DB>, id?: string): Promise<TrainingProgramme[]> {
  let q = selectProgrammes(db).orderBy('p.nama').limit(500);
  if (id) q = q.where('p.id', '=', id);
  const rows = await q.execute();
  const units = await unitsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const list = units.get(r.id) ?? [];
    return { ...r, units: list, jp: list.reduce((s, u) => s + u.jp, 0), jumlahPelatihan: Number(r.jumlah ?? 0) };
  });
}

export async function getProgramme(db: Kysely<DB>, id: string): Promise<TrainingProgramme> {
  const [found] = await listProgrammes(db, id);
  if (!found) throw notFound();
  return found;
}

export async function createProgramme(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: ProgrammeInput,
): Promise<TrainingProgramme> {
  if (!trainingPolicy.manage(actor)) throw forbidden();
  const kodes = new Set<string>();
  input.units.forEach((u, i) => {
    if (kodes.has(u.kode)) throw invalid(`units/${i}/kode`, 'ganda');
    kodes.add(u.kode);
  });
  await checkCompetencies(db, input.units, invalid);
  const id = await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('training_programmes').select('id').where('kode', '=', input.kode).executeTakeFirst();
    if (taken) throw new AppError('TRAINING_PROGRAMME_EXISTS', [{ field: 'kode', code: 'sudah_dipakai' }]);
    const row = await trx
      .insertInto('training_programmes')
      .values({ kode: input.kode, nama: input.nama.trim(), uraian: input.uraian?.trim() ?? '', created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('training_programme_units')
      .values(
        input.units.map((u, i) => ({
          programme_id: row.id,
          kode: u.kode,
          urutan: i + 1,
          nama: u.nama.trim(),
          jp: u.jp,
          kompetensi: u.kompetensi ?? [],
          tujuan: (u.tujuan ?? []).map((t) => t.trim()).filter(Boolean),
        })),
      )
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'training.programme.create',
      entityType: 'training_programme',
      entityId: row.id,
      wilayah: null,
      details: { kode: input.kode, units: input.units.map((u) => u.kode) },
    });
    return row.id;
  });
  return getProgramme(db, id);
}

export type FromProgrammeInput = Omit<TrainingInput, 'units' | 'nama' | 'programmeId'> & {
  nama?: string | undefined;
  /** The day and start of each unit, by its code; a unit not named has none. */
  jadwal?: Array<{ kode: string; tanggal?: string | null | undefined; jamMulai?: string | null | undefined }> | undefined;
};

/** An event from a programme: its units copied with the schedule given; the name defaults to the programme's. */
export async function createTrainingFromProgramme(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  programmeId: string,
  input: FromProgrammeInput,
  now: Date,
): Promise<TrainingRecord> {
  if (!trainingPolicy.manage(actor)) throw forbidden();
  const programme = await getProgramme(db, programmeId);
  const { jadwal = [], ...rest } = input;
  const slots = new Map(jadwal.map((j) => [j.kode, j]));
  const i = jadwal.findIndex((j) => !programme.units.some((u) => u.kode === j.kode));
  if (i >= 0) throw fieldError('TRAINING_INVALID', `jadwal/${i}/kode`, 'tidak_dalam_program');
  return createTraining(
    db,
    actor,
    origin,
    {
      ...rest,
      nama: input.nama ?? programme.nama,
      programmeId,
      units: programme.units.map((u) => ({
        kode: u.kode,
        nama: u.nama,
        jp: u.jp,
        kompetensi: u.kompetensi,
        tanggal: slots.get(u.kode)?.tanggal ?? null,
        jamMulai: slots.get(u.kode)?.jamMulai ?? null,
      })),
    },
    now,
  );
}
