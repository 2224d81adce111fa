import { parsePeriode, perilakuPeriode, periodeSudahMulai, type BehaviourPeriod, type NilaiBerakhlak, type Rating } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { loadWorker, workerClock } from './worker.js';

/** Every periodic behaviour evaluation of these workers in a year, in period order. */
export async function behaviourPeriods(db: Kysely<DB>, userIds: string[], tahun: number): Promise<Map<string, BehaviourPeriod[]>> {
  const byUser = new Map<string, BehaviourPeriod[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('skp_behaviour_ratings')
    .selectAll()
    .where('tahun', '=', tahun)
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('periode')
    .execute();
  for (const r of rows) {
    const list = byUser.get(r.user_id) ?? byUser.set(r.user_id, []).get(r.user_id)!;
    list.push({
      periode: r.periode,
      nilai: r.nilai as Record<NilaiBerakhlak, Rating>,
      rating: r.rating,
      catatan: r.catatan,
      dinilaiOleh: r.rated_by,
      dinilaiPada: r.rated_at.toISOString(),
    });
  }
  return byUser;
}

export interface BehaviourInput {
  nilai: Record<NilaiBerakhlak, Rating>;
  catatan?: string | null | undefined;
}

/**
 * The koordinator rates one period's behaviour of someone in their area, never their own. A period
 * not yet begun on the worker's calendar is refused, and a year keeps one kind of period.
 */
export async function rateBehaviour(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  userId: string,
  tahun: number,
  periode: string,
  input: BehaviourInput,
  now: Date,
): Promise<void> {
  const worker = await loadWorker(db, actor, userId);
  if (!workforcePolicy.review(actor)) throw new AppError('FORBIDDEN');
  if (worker.id === actor.id) throw new AppError('OWN_REPORT');
  const info = parsePeriode(periode);
  if (!info || !periodeSudahMulai(info, tahun, workerClock(worker.wilayah, now).tanggal)) throw new AppError('SKP_PERIOD_NOT_YET');
  const rating = perilakuPeriode(input.nilai);
  await db.transaction().execute(async (trx) => {
    const otherKind = await trx
      .selectFrom('skp_behaviour_ratings')
      .select('periode')
      .where('user_id', '=', userId)
      .where('tahun', '=', tahun)
      .where('periode', info.jenis === 'bulanan' ? 'like' : 'not like', 'TW%')
      .executeTakeFirst();
    if (otherKind) throw new AppError('SKP_PERIOD_KIND_MIXED');
    const values = {
      nilai: JSON.stringify(input.nilai),
      rating,
      catatan: input.catatan?.trim() || null,
      rated_by: actor.id,
      rated_at: new Date(),
    };
    await trx
      .insertInto('skp_behaviour_ratings')
      .values({ user_id: userId, tahun, periode, ...values })
      .onConflict((oc) => oc.columns(['user_id', 'tahun', 'periode']).doUpdateSet(values))
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'performance.behaviour',
      entityType: 'user',
      entityId: userId,
      wilayah: worker.wilayah,
      details: { tahun, periode, rating, nilai: input.nilai },
    });
  });
}
