import { sql, type Kysely } from 'kysely';
import { MIGRATION_NAMES } from '../db/migrate.js';
import type { DB } from '../db/schema.js';

export class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'ProbeTimeout';
  }
}

/**
 * The answer, or ProbeTimeout after `ms`. The query itself is not cancelled (a pool or PGlite
 * queue would hold it anyway); the caller just stops waiting, so a probe never hangs a scrape.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(ms)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** `select 1`, resolved or rejected within `ms`. */
export async function databaseAnswers(db: Kysely<DB>, ms: number): Promise<void> {
  await withTimeout(sql`select 1`.execute(db), ms);
}

/** How many of this build's migrations the database has not applied (all of them before the first). */
export async function pendingMigrations(db: Kysely<DB>, ms: number): Promise<number> {
  try {
    const { rows } = await withTimeout(sql<{ name: string }>`select name from schema_migrations`.execute(db), ms);
    const applied = new Set(rows.map((r) => r.name));
    return MIGRATION_NAMES.filter((name) => !applied.has(name)).length;
  } catch (error) {
    // undefined_table: nothing was ever migrated here.
    if ((error as { code?: unknown }).code === '42P01') return MIGRATION_NAMES.length;
    throw error;
  }
}

/**
 * Seconds the replica's replay is behind: 0 when it has replayed all it received (an idle
 * primary sends nothing, so the last replay's age alone would grow without any lag), 0 on a
 * server that is not a standby.
 */
export async function replicaLagSeconds(reader: Kysely<DB>, ms: number): Promise<number> {
  const { rows } = await withTimeout(
    sql<{ lag: number | string | null }>`
      select case
        when not pg_is_in_recovery() then 0
        when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
        else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0)
      end as lag`.execute(reader),
    ms,
  );
  return Math.max(0, Number(rows[0]?.lag ?? 0));
}

/** Reports waiting (antre) and being generated (proses), across every node writing to this database. */
export async function reportQueueDepth(db: Kysely<DB>, ms: number): Promise<{ antre: number; proses: number }> {
  const rows = await withTimeout(
    db
      .selectFrom('reports')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['antre', 'proses'])
      .groupBy('status')
      .execute(),
    ms,
  );
  const depth = { antre: 0, proses: 0 };
  for (const row of rows) if (row.status === 'antre' || row.status === 'proses') depth[row.status] = Number(row.n);
  return depth;
}
