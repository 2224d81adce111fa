import type { Narasumber } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { fieldError, type AppError } from '../http/app-error.js';

/** An event's trainers (narasumber, internal or external) and the competency check units share. */

export interface TrainerInput {
  nama: string;
  instansi?: string | null | undefined;
  userId?: string | null | undefined;
  units?: string[] | undefined;
}

/** Refuses a competency code the framework does not know (the `field` of the first unit naming one). */
export async function checkCompetencies(
  db: Kysely<DB>,
  units: ReadonlyArray<{ kompetensi?: string[] | undefined }>,
  fail: (field: string, code: string) => AppError,
): Promise<void> {
  const wanted = [...new Set(units.flatMap((u) => u.kompetensi ?? []))];
  if (wanted.length === 0) return;
  const known = new Set((await db.selectFrom('kompetensi').select('kode').where('kode', 'in', wanted).execute()).map((k) => k.kode));
  const i = units.findIndex((u) => (u.kompetensi ?? []).some((k) => !known.has(k)));
  if (i >= 0) throw fail(`units/${i}/kompetensi`, 'tidak_dikenal');
}

/** Checks and stores an event's trainers (inside its creating transaction). */
export async function insertTrainers(trx: Kysely<DB>, trainingId: string, trainers: TrainerInput[], kodes: Set<string>): Promise<void> {
  if (trainers.length === 0) return;
  const userIds = [...new Set(trainers.flatMap((t) => (t.userId ? [t.userId] : [])))];
  const known = userIds.length
    ? new Set(
        (await trx.selectFrom('users').select('id').where('id', 'in', userIds).where('disabled_at', 'is', null).execute()).map((u) => u.id),
      )
    : new Set<string>();
  trainers.forEach((t, i) => {
    if (t.userId && !known.has(t.userId)) throw fieldError('TRAINING_INVALID', `narasumber/${i}/userId`, 'tidak_dikenal');
    if ((t.units ?? []).some((k) => !kodes.has(k))) throw fieldError('TRAINING_INVALID', `narasumber/${i}/units`, 'tidak_dalam_pelatihan');
  });
  await trx
    .insertInto('training_trainers')
    .values(
      trainers.map((t, i) => ({
        training_id: trainingId,
        urutan: i + 1,
        nama: t.nama.trim(),
        instansi: t.instansi?.trim() || null,
        user_id: t.userId ?? null,
        units: t.units ?? [],
      })),
    )
    .execute();
}

export async function trainersOf(db: Kysely<DB>, ids: string[]): Promise<Map<string, Narasumber[]>> {
  const out = new Map<string, Narasumber[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('training_trainers')
    .select(['id', 'training_id', 'nama', 'instansi', 'user_id', 'units'])
    .where('training_id', 'in', ids)
    .orderBy('training_id')
    .orderBy('urutan')
    .execute();
  for (const r of rows)
    out.set(r.training_id, [
      ...(out.get(r.training_id) ?? []),
      { id: r.id, nama: r.nama, instansi: r.instansi, userId: r.user_id, units: r.units },
    ]);
  return out;
}
