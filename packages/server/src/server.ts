import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { refreshSoon } from './dashboard/refresh-job.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
}

export interface StartOptions {
  /** Runs before the server listens, e.g. seeding demo data. */
  beforeListen?: (database: Database) => Promise<void>;
}

/**
 * Opens the database, migrates, and listens. On SIGINT/SIGTERM the server stops accepting,
 * lets in-flight requests finish (new ones get 503), then closes the database.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const started = Date.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const opened = Date.now();
  const { applied } = await migrateToLatest(database.db);
  const migrated = Date.now();
  await options.beforeListen?.(database);
  // The replica is read-only and migrated by replication from the primary.
  const replica = config.databaseReplicaUrl
    ? await openDatabase({ databaseUrl: config.databaseReplicaUrl, connectTimeoutMs: 2_000 })
    : undefined;
  const app = await buildApp({
    database,
    replica,
    config,
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
  });
  const url = await app.listen({ port: config.port, host: config.host });
  // Any node works the jobs any node queued (TUNTAS_JOBS=0 opts out), including a crashed node's; the
  // minute's refresh, the hourly month-end check and the daily retention run are among them (pg-boss's cron).
  await app.ctx.jobs.start();
  await refreshSoon(app.ctx.jobs);
  app.log.info(
    {
      database: database.kind,
      dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
      migrationsApplied: applied,
      openMs: opened - started,
      migrateMs: migrated - opened,
      readyMs: Date.now() - started,
    },
    'Tuntas siap',
  );
  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'stopping after an error');
    else app.log.info({ signal }, 'stopping: finishing in-flight requests');
    // app.close() stops the job queue too (its onClose): a running job may finish, else another node retries it.
    await app.close();
    await replica?.close();
    await database.close();
  });
  return { app, database, url };
}
