import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import type { AppContext } from '../../src/http/context.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';

/** Jobs the requesting node queues: short expiry (a killed worker's job is retried after it), no wait between attempts. */
export const QUEUEING: Partial<Config> = { runJobs: false, jobExpireSeconds: 6, jobRetryLimit: 1, jobRetryDelaySeconds: 0 };
/** A node that works jobs and looks for expired ones every second. */
export const WORKING: Partial<Config> = { runJobs: true, jobMaintenanceSeconds: 1, jobPollSeconds: 1 };

export interface ApiNode {
  app: Awaited<ReturnType<typeof buildApp>>;
  jobs: JobQueue;
  close(): Promise<void>;
}

/** Another API node on the same database (on PostgreSQL with a pool of its own). */
export async function apiNode(database: Database & { url: string | null }, overrides: Partial<Config>): Promise<ApiNode> {
  const own = database.url ? await openDatabase({ databaseUrl: database.url, poolSize: 4 }) : null;
  const app = await buildApp({ database: own ?? database, config: { ...loadConfig({}), ...overrides }, logger: false });
  await app.ready();
  return {
    app,
    jobs: (app.ctx satisfies AppContext).jobs,
    close: async () => {
      await app.close();
      await own?.close();
    },
  };
}

/** A node that runs jobs, started, until every job it can take is done; then closed. */
export async function workAllJobs(database: Database & { url: string | null }): Promise<void> {
  const worker = await apiNode(database, WORKING);
  try {
    await worker.jobs.start();
    await worker.jobs.settled();
  } finally {
    await worker.close();
  }
}

/** Reads until `done` holds (a job's row seen from outside), or fails after `ms`. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 90_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
