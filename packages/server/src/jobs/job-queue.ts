import { CompiledQuery, sql, type RawBuilder, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { isTransient, retryTransient } from './transient-errors.js';

/**
 * Background jobs stored in the database (pg-boss), so any node may run them and a crashed
 * node's job is retried. The same code runs on both engines: pg-boss only ever talks to the
 * database through `executeSql`, which goes to the app's own pool on PostgreSQL and to the app's
 * own PGlite connection, behind Kysely's connection lock, in the embedded engine.
 */

/** Every queue the server knows; `installJobQueues` creates them (test templates, first start). */
export const QUEUES = {
  /** A monthly report to generate (reports/report-jobs.ts). */
  report: { name: 'report', deadLetter: 'report_failed' },
  /** A report whose every attempt failed, to be marked gagal. */
  reportFailed: { name: 'report_failed' },
  /** The retention schedule's daily anonymisation (privacy/retention-job.ts). */
  retention: { name: 'retention' },
  /**
   * The per-minute recount of what moves with the clock (dashboard/refresh-job.ts). Policy short: at
   * most one waiting, so a slow minute never piles up more, while one left running by a dead node
   * never holds up the next (the refresh's own lock keeps two from overlapping); not retried (the
   * next minute is the retry), taken for dead after two minutes.
   */
  dashboardRefresh: { name: 'dashboard_refresh', policy: 'short', retryLimit: 0, expireSeconds: 120, periodic: true },
  /** The hourly check that last month's reports exist (reports/report-jobs.ts). */
  monthEndReports: { name: 'month_end_reports', policy: 'short' },
  /** A registry upload imported in the background (import/import-job.ts). */
  import: { name: 'import', deadLetter: 'import_failed' },
  /** An import whose every attempt failed, to be marked gagal. */
  importFailed: { name: 'import_failed' },
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];
interface QueueSpec {
  name: QueueName;
  deadLetter?: QueueName;
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  retryLimit?: number;
  expireSeconds?: number;
  /** Queued again every minute whatever happens: never waited for by `settled()`. */
  periodic?: boolean;
}
const QUEUE_LIST: readonly QueueSpec[] = Object.values(QUEUES);

/** pg-boss's own schema: apart from ours (the schema comparison of the migrations covers `public` only). */
export const JOB_SCHEMA = 'pgboss';

export interface JobSettings {
  /** This node works jobs (TUNTAS_JOBS=0: it only queues them, for others to run). */
  run: boolean;
  /** A job running longer is counted as crashed and handed to another attempt (also the handler's time limit). */
  expireSeconds: number;
  /** Attempts after the first. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** How often some node (one per interval, whichever) looks for expired jobs. */
  maintenanceSeconds: number;
  /** How often an idle worker asks for a job; a job queued on this node wakes its worker at once. */
  pollingSeconds: number;
  /** How often this node's cron looks for schedules due (1–45); one node per interval claims the look. */
  cronSeconds: number;
}

export interface Job<T> {
  id: string;
  data: T;
  retryCount: number;
  retryLimit: number;
  output: unknown;
}

/**
 * True while `job` is active with this attempt's count: a write fenced by it lands only for the
 * attempt pg-boss still counts on, so one it gave up on (expired, its worker alive but slow)
 * cannot overwrite its retry's progress or result.
 */
export function attemptIsLive(queue: QueueName, job: Pick<Job<unknown>, 'id' | 'retryCount'>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from ${sql.table(`${JOB_SCHEMA}.job`)} j where j.name = ${queue} and j.id = ${job.id}::uuid and j.state = 'active' and j.retry_count = ${job.retryCount})`;
}

type Handler = (job: Job<unknown>) => Promise<void>;

interface SqlResult {
  rows: unknown[];
}

/**
 * PGlite runs one statement at a time on one connection, but Kysely's transactions are plain
 * BEGIN … COMMIT on it: a statement of pg-boss's slipped in between would join the app's
 * transaction. So each one first takes that connection from Kysely's driver (which queues every
 * other user until it is released), and only then runs; pg-boss's own transactions are single
 * multi-command texts (BEGIN; …; COMMIT), which PGlite's `exec` (simple protocol) runs whole.
 * A text that fails half-way leaves its BEGIN open on the shared connection, hence the ROLLBACK.
 */
function pgliteAdapter(database: Database, inflight: Set<Promise<unknown>>): PgBoss.Db {
  const pglite = database.pglite!;
  return {
    executeSql: (text: string, values?: unknown[]) =>
      track(
        inflight,
        database.db.connection().execute(async (): Promise<SqlResult> => {
          try {
            if (values?.length) return await pglite.query(text, values);
            const results = await pglite.exec(text);
            return results.at(-1) ?? { rows: [] };
          } catch (error) {
            await pglite.exec('rollback').catch(() => {});
            throw error;
          }
        }),
      ),
  };
}

/**
 * The app's pool; a multi-command text that fails is rolled back before its client goes back to the
 * pool, and a statement lost to a restart or a deadlock is tried again (transient-errors.ts).
 */
function postgresAdapter(database: Database, inflight: Set<Promise<unknown>>): PgBoss.Db {
  const pool = database.pool!;
  return {
    executeSql: (text: string, values?: unknown[]) =>
      track(
        inflight,
        retryTransient(async () => {
          const client = await pool.connect();
          let lost = false;
          try {
            return await client.query(text, values);
          } catch (error) {
            lost = isTransient(error);
            await client.query('rollback').catch(() => {});
            throw error;
          } finally {
            // A client whose connection is gone is dropped, not handed to the next statement.
            client.release(lost);
          }
        }),
      ),
  };
}

function track<T>(inflight: Set<Promise<unknown>>, work: Promise<T>): Promise<T> {
  inflight.add(work);
  void work.finally(() => inflight.delete(work)).catch(() => {});
  return work;
}

/** pg-boss on a Kysely transaction: a job inserted with the rows that call for it commits or vanishes with them. */
function transactionAdapter(trx: Transaction<DB>): PgBoss.Db {
  return { executeSql: (text: string, values?: unknown[]) => trx.executeQuery(CompiledQuery.raw(text, values ?? [])) };
}

function adapterFor(database: Database, inflight: Set<Promise<unknown>>): PgBoss.Db {
  return database.kind === 'pglite' ? pgliteAdapter(database, inflight) : postgresAdapter(database, inflight);
}

async function createQueues(boss: PgBoss): Promise<void> {
  // Dead-letter queues first: a queue names its own by foreign key.
  const ordered = [...QUEUE_LIST].sort((a, b) => Number(Boolean(a.deadLetter)) - Number(Boolean(b.deadLetter)));
  for (const queue of ordered)
    await boss.createQueue(queue.name, {
      name: queue.name,
      ...(queue.deadLetter ? { deadLetter: queue.deadLetter } : {}),
      ...(queue.policy ? { policy: queue.policy } : {}),
    });
}

/**
 * pg-boss's schema (its own versioned migrations, behind its own advisory lock) and our queues.
 * Every start does it (a few catalogue reads when present); the test templates do it once.
 */
export async function installJobQueues(database: Database): Promise<void> {
  const boss = new PgBoss({ db: adapterFor(database, new Set()), schema: JOB_SCHEMA, supervise: false, schedule: false });
  await boss.start();
  await createQueues(boss);
  await boss.stop({ graceful: false });
}

const running = new Set<JobQueue>();

/**
 * One node's view of the queues: it inserts jobs (on its own or inside the caller's transaction)
 * and, when it runs jobs, works them one at a time per queue. The worker starts lazily, at the
 * first job this node queues, or at `start()` (the server calls it; tests that queue nothing
 * never pay for it).
 */
export class JobQueue {
  readonly #database: Database;
  readonly #settings: JobSettings;
  readonly #onError: (error: unknown) => void;
  readonly #inflight = new Set<Promise<unknown>>();
  readonly #handlers = new Map<QueueName, Handler>();
  readonly #workers = new Map<QueueName, string>();
  readonly #running = new Set<Promise<unknown>>();
  readonly #schedules = new Map<QueueName, { cron: string; tz: string } | null>();
  readonly #boss: PgBoss;
  #started: Promise<void> | null = null;
  #stopped = false;

  constructor(database: Database, settings: JobSettings, onError: (error: unknown) => void) {
    this.#database = database;
    this.#settings = settings;
    this.#onError = onError;
    this.#boss = new PgBoss({
      db: adapterFor(database, this.#inflight),
      schema: JOB_SCHEMA,
      // pg-boss's cron: each minute one node (whichever first claims the minute in the database) queues the jobs due.
      schedule: settings.run,
      cronMonitorIntervalSeconds: settings.cronSeconds,
      supervise: true,
      maintenanceIntervalSeconds: settings.maintenanceSeconds,
    });
    this.#boss.on('error', (error) => onError(error));
  }

  get settings(): JobSettings {
    return this.#settings;
  }

  /** What this node does with a queue's jobs; a job that throws is retried, then goes to the queue's dead letter. */
  handle<T>(queue: QueueName, handler: (job: Job<T>) => Promise<void>): void {
    this.#handlers.set(queue, handler as Handler);
  }

  /**
   * A job of `queue` at each time `cron` names (five fields, in time zone `tz`), queued once across
   * all nodes by pg-boss's cron; stored at `start()` by every node that runs jobs (the same row).
   * `null` removes the schedule (a feature turned off for the deployment).
   */
  every(queue: QueueName, cron: string | null, tz = 'UTC'): void {
    this.#schedules.set(queue, cron === null ? null : { cron, tz });
  }

  /**
   * Queues a job, inside `trx` when given. `id` makes it once: a second job with the id of one
   * still kept is not inserted. Call `wake()` after the commit.
   */
  async send(queue: QueueName, data: object, options: { id?: string; trx?: Transaction<DB> } = {}): Promise<void> {
    await this.#boss.send(queue, data, {
      ...(options.id ? { id: options.id } : {}),
      ...(options.trx ? { db: transactionAdapter(options.trx) } : {}),
      ...this.#jobOptions(queue),
    });
  }

  #jobOptions(queue: QueueName) {
    const { settings } = this;
    const spec = QUEUE_LIST.find((q) => q.name === queue);
    return {
      expireInSeconds: spec?.expireSeconds ?? settings.expireSeconds,
      retryLimit: spec?.retryLimit ?? settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      ...deadLetterOf(queue),
    };
  }

  /** A job was queued here: this node's worker (started now if need be) asks for it at once instead of at its next poll. */
  wake(queue: QueueName): void {
    if (!this.#settings.run || this.#stopped) return;
    this.start().then(
      () => {
        const worker = this.#workers.get(queue);
        if (worker) this.#boss.notifyWorker(worker);
      },
      (error: unknown) => this.#onError(error),
    );
  }

  /** Installs or checks pg-boss's schema and queues, and starts this node's workers when it runs jobs. */
  start(): Promise<void> {
    // Counted at once, so jobsSettled() right after a job is queued waits for the worker starting.
    if (this.#settings.run && !this.#stopped) running.add(this);
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<void> {
    if (this.#stopped) return;
    await this.#boss.start();
    await createQueues(this.#boss);
    if (!this.#settings.run) return;
    for (const [queue, when] of this.#schedules) {
      if (when) await this.#boss.schedule(queue, when.cron, {}, { tz: when.tz, ...this.#jobOptions(queue) });
      else await this.#boss.unschedule(queue);
    }
    if (this.#database.kind === 'pglite') await this.#handBackOrphans();
    for (const [queue, handler] of this.#handlers) {
      const id = await this.#boss.work(
        queue,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.#settings.pollingSeconds },
        async ([job]) => {
          if (!job) return;
          const work = handler(job as unknown as Job<unknown>);
          this.#running.add(work);
          try {
            await work;
          } finally {
            this.#running.delete(work);
            // Ask again at once: pg-boss would otherwise wait a polling interval after every job, even with more waiting.
            const self = this.#workers.get(queue);
            if (self && !this.#stopped) this.#boss.notifyWorker(self);
          }
        },
      );
      this.#workers.set(queue, id);
    }
  }

  /**
   * A PGlite folder has one owner (data-folder-lock.ts): a job still active that started before
   * this process did was running in a process that is gone. It is handed back (failed, so
   * retried while attempts remain) at once instead of after its expiry.
   */
  async #handBackOrphans(): Promise<void> {
    const since = new Date(Date.now() - process.uptime() * 1000);
    const db = this.#boss.getDb();
    for (const queue of this.#handlers.keys()) {
      const { rows } = await db.executeSql(`select id from ${JOB_SCHEMA}.job where name = $1 and state = 'active' and started_on < $2`, [
        queue,
        since,
      ]);
      const ids = (rows as { id: string }[]).map((r) => r.id);
      for (const id of ids) await this.#boss.fail(queue, id, { message: 'job failed by timeout in active state' });
    }
  }

  /**
   * Graceful stop: no new job is taken; a running one may finish for `graceMs`, then it is handed
   * back (failed, so another node retries it). Waits for pg-boss's statements in flight, so the
   * database can close after.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.#stopped = true;
    if (this.#started) {
      await this.#started.catch(() => {});
      await this.#boss.stop({ graceful: true, timeout: graceMs, close: false });
    }
    running.delete(this);
    const until = Date.now() + graceMs;
    while ((this.#running.size || this.#inflight.size) && Date.now() < until) {
      await Promise.allSettled([...this.#running, ...this.#inflight]);
    }
  }

  /** Jobs of every queue not yet done (waiting, to be retried, running), across all nodes. */
  async depth(): Promise<Record<QueueName, { created: number; retry: number; active: number }>> {
    const db = this.#boss.getDb();
    const { rows } = await db.executeSql(
      `select name, state::text as state, count(*)::int as n from ${JOB_SCHEMA}.job where state < 'completed' group by name, state`,
      [],
    );
    const depth = Object.fromEntries(QUEUE_LIST.map((q) => [q.name, { created: 0, retry: 0, active: 0 }])) as Record<
      QueueName,
      { created: number; retry: number; active: number }
    >;
    for (const row of rows as { name: QueueName; state: 'created' | 'retry' | 'active'; n: number }[]) {
      if (depth[row.name]) depth[row.name][row.state] = Number(row.n);
    }
    return depth;
  }

  /** Resolves once no job of this node's queues (but the minute's) is waiting or running (tests; they keep retry delays short). */
  async settled(timeoutMs = 60_000): Promise<void> {
    if (!this.#started || !this.#settings.run) return;
    await this.#started;
    const until = Date.now() + timeoutMs;
    for (;;) {
      const depth = await this.depth();
      const open = [...this.#handlers.keys()]
        .filter((q) => !QUEUE_LIST.find((spec) => spec.name === q)?.periodic)
        .reduce((n, q) => n + depth[q].created + depth[q].retry + depth[q].active, 0);
      if (open === 0 && this.#running.size === 0) return;
      if (Date.now() > until) throw new Error(`jobs still open after ${timeoutMs} ms: ${JSON.stringify(depth)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function deadLetterOf(name: QueueName): { deadLetter?: string } {
  const deadLetter = QUEUE_LIST.find((q) => q.name === name)?.deadLetter;
  return deadLetter ? { deadLetter } : {};
}

/** Every started job queue of this process settled (graceful shutdown, tests). */
export async function jobsSettled(): Promise<void> {
  await Promise.all([...running].map((queue) => queue.settled()));
}
