import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** The embedded engine, when that is what runs (data-folder dumps for test templates). */
  pglite: PGlite | null;
  /** The PostgreSQL pool, when that is what runs (bulk COPY). */
  pool: pg.Pool | null;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

/**
 * Both drivers return the same JS shapes: int8 (counts, identities) as number — our counts stay
 * far below 2^53 — and `date` as the 'YYYY-MM-DD' string, never a Date shifted by the host's zone.
 */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; undefined keeps the database in memory (tests). */
  dataDir?: string | undefined;
  /** A PGlite data-folder dump to start from (tests start from a migrated template). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
  /** Give up connecting after this long (a replica that is down must not hold a read for minutes). */
  connectTimeoutMs?: number;
  /** The caller's own lock on dataDir (restore takes it before emptying the folder); released on close. */
  lock?: DataFolderLock | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.connectTimeoutMs ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}),
      types: pgTypes,
    });
    // An idle client's connection can be closed by the server (restart, failover, admin). Without a
    // listener that error would crash the process; the pool replaces the client on next use.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL idle client error: ${error.message}`));
    // A checked-out client between statements (inside a transaction) has no pool listener: its
    // connection cut by a restart would crash the process too. The statement in flight fails, and
    // the broken client is dropped when released.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgresql', pglite: null, pool, close: () => db.destroy() };
  }
  // A folder is opened by one process at a time (data-folder-lock.ts); memory needs no lock.
  const lock = options.lock ?? (options.dataDir ? await lockDataFolder(options.dataDir) : undefined);
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm, btree_gin },
      parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
    });
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  const close = async () => {
    try {
      await db.destroy();
    } finally {
      await lock?.release();
    }
  };
  return { db, kind: 'pglite', pglite: client, pool: null, close };
}
