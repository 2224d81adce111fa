import { localClock } from '@tuntas/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import type { AppContext } from '../src/http/context.js';
import { JOB_SCHEMA, QUEUES, type JobQueue } from '../src/jobs/job-queue.js';
import { createTestDatabase } from './support/test-database.js';

/**
 * The clock's work — the minute's dashboard refresh, the hourly month-end check, the daily
 * retention run — is queued by pg-boss's cron once across all nodes and worked by one of them,
 * on PGlite and PostgreSQL alike (two nodes on one database here).
 */
/** Nodes whose cron looks every second (30 s in production): the first look may come before the schedules are stored. */
const WORKING: Partial<Config> = { runJobs: true, jobMaintenanceSeconds: 1, jobPollSeconds: 1, jobCronSeconds: 1 };

let database: Database & { url: string | null };
let nodes: Array<{ jobs: JobQueue; close(): Promise<void> }>;

async function node(): Promise<{ jobs: JobQueue; close(): Promise<void> }> {
  const own = database.url ? await openDatabase({ databaseUrl: database.url, poolSize: 4 }) : null;
  const app = await buildApp({ database: own ?? database, config: { ...loadConfig({}), ...WORKING }, logger: false });
  await app.ready();
  return {
    jobs: (app.ctx satisfies AppContext).jobs,
    close: async () => {
      await app.close();
      await own?.close();
    },
  };
}

const rows = async <T>(text: string) => (await sql.raw<T>(text).execute(database.db)).rows;

beforeAll(async () => {
  database = await createTestDatabase();
  nodes = [await node(), await node()];
  await Promise.all(nodes.map((n) => n.jobs.start()));
});
afterAll(async () => {
  for (const n of nodes) await n.close();
  await database.close();
});

describe('scheduled jobs (pg-boss cron)', () => {
  it('are stored once, whichever nodes start, with their times', async () => {
    const schedules = await rows<{ name: string; cron: string; timezone: string }>(
      `select name, cron, timezone from ${JOB_SCHEMA}.schedule order by name`,
    );
    expect(schedules).toEqual([
      { name: QUEUES.dashboardRefresh.name, cron: '* * * * *', timezone: 'UTC' },
      { name: QUEUES.monthEndReports.name, cron: '0 * * * *', timezone: 'Asia/Jakarta' },
      { name: QUEUES.retention.name, cron: '30 2 * * *', timezone: 'Asia/Jakarta' },
    ]);
    const policy = await rows<{ policy: string }>(`select policy from ${JOB_SCHEMA}.queue where name = '${QUEUES.dashboardRefresh.name}'`);
    expect(policy).toEqual([{ policy: 'short' }]);
  });

  it('refresh the dashboards each minute once across two nodes, through the queue', async () => {
    // At start each node's cron looks at once; only one of them claims the minute, and one job comes of it.
    const done = async () =>
      rows<{ minute: string; n: number; completed: number }>(
        `select date_trunc('minute', created_on)::text as minute, count(*)::int as n, count(*) filter (where state = 'completed')::int as completed
         from ${JOB_SCHEMA}.job where name = '${QUEUES.dashboardRefresh.name}' group by 1 order by 1`,
      );
    const until = Date.now() + 40_000;
    while (!(await done()).some((m) => m.completed > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    const minutes = await done();
    expect(
      minutes.some((m) => m.completed > 0),
      JSON.stringify(minutes),
    ).toBe(true);
    expect(
      minutes.every((m) => m.n === 1),
      JSON.stringify(minutes),
    ).toBe(true);
    const meta = await rows<{ refreshed_at: Date | null }>('select refreshed_at from case_backlog_meta');
    expect(meta).toHaveLength(1);
    expect(await rows<{ n: number }>('select count(*)::int as n from dashboard_snapshots')).toEqual([{ n: 39 }]);
  });

  it('make last month’s reports once through the queue, whichever node takes the hourly check', async () => {
    for (const n of nodes) await n.jobs.send(QUEUES.monthEndReports.name, {});
    for (const n of nodes) n.jobs.wake(QUEUES.monthEndReports.name);
    await Promise.all(nodes.map((n) => n.jobs.settled(120_000)));
    const [y, m] = localClock(new Date(), 'Asia/Jakarta').tanggal.split('-').map(Number) as [number, number];
    const bulan = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
    const made = await rows<{ n: number; distinct: number; selesai: number }>(
      `select count(*)::int as n, count(distinct (coalesce(wilayah, ''), format))::int as distinct,
         count(*) filter (where status = 'selesai')::int as selesai from reports where otomatis and bulan = '${bulan}'`,
    );
    expect(made).toEqual([{ n: 39 * 2, distinct: 39 * 2, selesai: 39 * 2 }]);
    const checks = await rows<{ n: number }>(
      `select count(*)::int as n from ${JOB_SCHEMA}.job where name = '${QUEUES.monthEndReports.name}' and state = 'completed'`,
    );
    expect(checks[0]!.n).toBeGreaterThanOrEqual(1);
  });
});
