import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import type { DB } from './schema.js';

/**
 * Where read-only paths (dashboards, recaps, SKP, reports) read when a streaming replica is
 * configured (DATABASE_REPLICA_URL). Three rules, all here:
 *
 * - **Fallback per query.** Every statement goes to the replica; one that fails there is run again
 *   on the primary (a read is safe to repeat), so a stopped replica costs no request an error.
 *   A fault of the replica itself (no connection, shutting down, starting up) opens a circuit:
 *   for RETRY_AFTER_MS reads go straight to the primary, then the replica is tried again.
 * - **One's own writes are read back.** After an authenticated write the primary's WAL insert
 *   position is kept in a cookie (so it holds on every API node); that user's reads go to the
 *   primary until the replica has replayed past it, then the cookie is dropped.
 * - Without a separate PostgreSQL replica nothing changes: the reader is the primary.
 */

const RETRY_AFTER_MS = 5_000;
export const WRITE_LSN_COOKIE = 'tuntas_lsn';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

/** An LSN ("16/B374D848") as one comparable number. */
function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/') as [string, string];
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/**
 * The replica's own trouble, not the query's: the connection failed or was cut (no SQLSTATE),
 * connection exceptions (08), shutting down or starting up (57P01–57P03), out of resources (53).
 */
function replicaFault(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  const code = error.code ?? '';
  return code.startsWith('08') || code.startsWith('57P') || code.startsWith('53');
}

export class ReplicaRoute {
  private closedUntil = 0;
  /** The replica's last replay position seen; forgotten when it fails (it may come back rebuilt). */
  private replayed: bigint | null = null;

  constructor(
    readonly primary: Kysely<DB>,
    readonly replica: Kysely<DB>,
    private readonly warn: (message: string, error: unknown) => void,
  ) {}

  private get available(): boolean {
    return Date.now() >= this.closedUntil;
  }

  private trip(error: unknown): void {
    if (this.available) this.warn(`replica unavailable; reading from the primary, retrying in ${RETRY_AFTER_MS / 1000} s`, error);
    this.closedUntil = Date.now() + RETRY_AFTER_MS;
    this.replayed = null;
  }

  /** Runs a read on the replica, or on the primary when the replica is out or this read failed there. */
  async run<T>(read: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    if (this.available) {
      try {
        return await read(this.replica);
      } catch (error) {
        if (replicaFault(error)) this.trip(error);
      }
    }
    return read(this.primary);
  }

  /** Whether the replica has replayed the WAL up to `lsn` (false when it cannot say). */
  async hasReplayed(lsn: string): Promise<boolean> {
    const wanted = lsnValue(lsn);
    if (!this.available) return false;
    if (this.replayed !== null && this.replayed >= wanted) return true;
    try {
      const { rows } = await sql<{ lsn: string | null }>`select pg_last_wal_replay_lsn()::text as lsn`.execute(this.replica);
      const replayed = rows[0]?.lsn;
      // Null: not a standby (nothing is ever replayed there), so never fresh enough.
      this.replayed = replayed ? lsnValue(replayed) : null;
    } catch (error) {
      if (replicaFault(error)) this.trip(error);
      return false;
    }
    return this.replayed !== null && this.replayed >= wanted;
  }

  /** Where the primary's WAL ends now: a commit that has returned lies before it. */
  async writePosition(): Promise<string> {
    const { rows } = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(this.primary);
    return rows[0]!.lsn;
  }
}

/** A connection that runs each statement through the route; the reader is for single statements. */
class RoutedConnection implements DatabaseConnection {
  constructor(private readonly route: ReplicaRoute) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.route.run((db) => db.executeQuery<R>(compiledQuery as CompiledQuery<R>));
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    // A stream cannot be repeated elsewhere halfway; it reads the primary.
    yield* this.route.primary.getExecutor().stream(compiledQuery as CompiledQuery<R>, chunkSize);
  }
}

class RoutedDriver implements Driver {
  constructor(private readonly route: ReplicaRoute) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.route);
  }
  async beginTransaction(): Promise<void> {
    throw new Error('The replica reader runs single statements; open transactions on the primary.');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  // The pools belong to the primary's and the replica's Database; they close them.
  async destroy(): Promise<void> {}
}

/** Per app: the route behind its reader (absent when reads stay on the primary). */
const routes = new WeakMap<Database, ReplicaRoute>();

/**
 * The reader for the app context: the primary alone, the replica as it is (an embedded database
 * in tests), or, for a PostgreSQL replica, the routed reader with its fallback.
 */
export function replicaReader(primary: Database, replica: Database | undefined, warn: (message: string, error: unknown) => void): Database {
  if (!replica || replica === primary) return primary;
  if (primary.kind !== 'postgresql' || replica.kind !== 'postgresql') return replica;
  const route = new ReplicaRoute(primary.db, replica.db, warn);
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new RoutedDriver(route),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
  const db = new Kysely<DB>({ dialect });
  const reader: Database = { db, kind: 'postgresql', pglite: null, pool: replica.pool, close: () => db.destroy() };
  routes.set(reader, route);
  return reader;
}

/** Requests whose reads found the replica caught up with the user's last write: the cookie goes. */
const caughtUp = new WeakSet<FastifyRequest>();

/**
 * Where this request's read-only queries go: the routed reader, or the primary while the replica
 * has not yet replayed the caller's own last write.
 */
export async function readerFor(request: FastifyRequest): Promise<Kysely<DB>> {
  const { reader, database } = request.server.ctx;
  const route = routes.get(reader);
  if (!route) return reader.db;
  const lsn = request.cookies[WRITE_LSN_COOKIE];
  if (!lsn || !LSN.test(lsn)) return reader.db;
  if (await route.hasReplayed(lsn)) {
    caughtUp.add(request);
    return reader.db;
  }
  return database.db;
}

/** After each signed-in write, the cookie with the primary's position; dropped once caught up. */
export function registerReadRouting(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const route = routes.get(app.ctx.reader);
    if (!route) return payload;
    const cookie = { httpOnly: true, sameSite: 'lax', secure: app.ctx.config.cookieSecure ? true : 'auto', path: '/' } as const;
    if (request.actor && !SAFE_METHODS.has(request.method)) {
      try {
        reply.setCookie(WRITE_LSN_COOKIE, await route.writePosition(), { ...cookie, maxAge: app.ctx.config.sessionAbsoluteHours * 3600 });
      } catch (error) {
        // The primary did not answer (most likely what failed the request too); the previous
        // cookie stays, and a read right after may find a replica that has not replayed this write.
        request.log.warn({ err: error }, 'could not read the primary WAL position after a write');
      }
    } else if (caughtUp.has(request)) {
      reply.clearCookie(WRITE_LSN_COOKIE, cookie);
    }
    return payload;
  });
}
