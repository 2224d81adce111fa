import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { MIGRATION_NAMES } from '../src/db/migrate.js';
import { createTestApp, createTestUser, login, signIn, type Session, type TestContext } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';

let ctx: TestContext;
let pendamping: Session;
/** A database no migration has run on (shared by the tests that need one; the last closes it). */
let empty: Database;

const NIK = '3510014503800007';
const PERSON = { nik: NIK, nama: 'Sulastri Wahyuningsih', jenisKelamin: 'P', tanggalLahir: '1980-03-05', kodeDesa: '35.10.01.2001' };

beforeAll(async () => {
  [ctx, empty] = await Promise.all([createTestApp(), openDatabase({})]);
  pendamping = await signIn(ctx, 'pendamping', '35.10');
});
afterAll(() => ctx.close());

const scrape = (app: FastifyInstance, headers: Record<string, string> = {}, remoteAddress?: string) =>
  app.inject({ method: 'GET', url: '/metrics', headers, ...(remoteAddress ? { remoteAddress } : {}) });

/** The value of one sample line (`name{labels} value`), or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Nothing listens on port 1 of loopback: a PostgreSQL server that refuses every connection. */
const UNREACHABLE = 'postgres://tuntas@127.0.0.1:1/tuntas';

/** An app over its own database, for states the shared one must not be put in. */
async function appOver(database: Database, replica?: Database): Promise<FastifyInstance> {
  const app = await buildApp({ database, replica, config: loadConfig({}), logger: false });
  await app.ready();
  return app;
}

describe('GET /metrics', () => {
  it('counts requests and their latency by route pattern, never by the raw URL with its ids or query', async () => {
    const id = '6f1c1a52-8d0e-4c1b-9a57-2b1f3c4d5e6f';
    for (let i = 0; i < 3; i++)
      expect((await pendamping.request({ method: 'GET', url: `/api/v1/beneficiaries/${id}` })).statusCode).toBe(404);
    expect((await pendamping.request({ method: 'GET', url: '/api/v1/beneficiaries?q=Sulastri' })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/tidak-ada/Sulastri' })).statusCode).toBe(404);

    const response = await scrape(ctx.app);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(
      sample(text, 'tuntas_http_request_duration_seconds_count{method="GET",route="/api/v1/beneficiaries/:id",status_class="4xx"}'),
    ).toBe(3);
    expect(
      sample(
        text,
        'tuntas_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v1/beneficiaries/:id",status_class="4xx"}',
      ),
    ).toBe(3);
    expect(sample(text, 'tuntas_http_request_duration_seconds_count{method="GET",route="/api/v1/beneficiaries",status_class="2xx"}')).toBe(
      1,
    );
    expect(
      sample(text, 'tuntas_http_request_duration_seconds_sum{method="GET",route="/api/v1/beneficiaries",status_class="2xx"}'),
    ).toBeGreaterThan(0);
    expect(sample(text, 'tuntas_http_errors_total{method="GET",route="/api/v1/beneficiaries/:id",status_class="4xx"}')).toBe(3);
    expect(sample(text, 'tuntas_http_errors_total{method="GET",route="unmatched",status_class="4xx"}')).toBe(1);
    // Successes are not errors.
    expect(sample(text, 'tuntas_http_errors_total{method="GET",route="/api/v1/beneficiaries",status_class="2xx"}')).toBeUndefined();
    expect(text).not.toContain(id);
    expect(text).not.toContain('Sulastri');
    // prom-client's default process metrics.
    // CPU is counted from the collector's first reading, so a fresh worker may still show 0.
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('counts server errors by status class (a 503 of readiness)', async () => {
    const app = await appOver(empty);
    try {
      expect((await app.inject({ method: 'GET', url: '/api/v1/health/ready' })).statusCode).toBe(503);
      const text = (await scrape(app)).body;
      expect(sample(text, 'tuntas_http_errors_total{method="GET",route="/api/v1/health/ready",status_class="5xx"}')).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('shows the report queue: reports waiting (antre) and being generated (proses)', async () => {
    const before = (await scrape(ctx.app)).body;
    expect(sample(before, 'tuntas_report_jobs{status="antre"}')).toBe(0);
    expect(sample(before, 'tuntas_report_jobs{status="proses"}')).toBe(0);
    // Rows as a node's queue leaves them (this node's own queue never picks these up).
    await ctx.database.db
      .insertInto('reports')
      .values([
        { jenis: 'bulanan', wilayah: '35', bulan: '2024-01', format: 'xlsx', status: 'antre' },
        { jenis: 'bulanan', wilayah: '35', bulan: '2024-01', format: 'pdf', status: 'antre' },
        { jenis: 'bulanan', wilayah: '35', bulan: '2024-02', format: 'pdf', status: 'proses' },
        { jenis: 'bulanan', wilayah: '35', bulan: '2024-03', format: 'pdf', status: 'selesai' },
      ])
      .execute();
    const after = (await scrape(ctx.app)).body;
    expect(sample(after, 'tuntas_report_jobs{status="antre"}')).toBe(2);
    expect(sample(after, 'tuntas_report_jobs{status="proses"}')).toBe(1);
    await ctx.database.db.deleteFrom('reports').where('bulan', 'in', ['2024-01', '2024-02', '2024-03']).execute();
  });

  it('shows the job queue in the database per queue and state', async () => {
    expect(sample((await scrape(ctx.app)).body, 'tuntas_jobs{queue="report",state="created"}')).toBe(0);
    // Queued, not worked: this app's worker only starts with a job it queues through wake().
    await ctx.jobs.send('report', { report: '00000000-0000-4000-8000-000000000000' });
    const text = (await scrape(ctx.app)).body;
    expect(sample(text, 'tuntas_jobs{queue="report",state="created"}')).toBe(1);
    expect(sample(text, 'tuntas_jobs{queue="report_failed",state="active"}')).toBe(0);
  });

  it('shows the PostgreSQL pool (total, idle, waiting) on PostgreSQL and no pool series on PGlite; no replica lag without a replica', async () => {
    const text = (await scrape(ctx.app)).body;
    if (ctx.database.kind === 'postgresql') {
      const total = sample(text, 'tuntas_db_pool_connections{database="primary"}');
      expect(total).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'tuntas_db_pool_idle_connections{database="primary"}')).toBeLessThanOrEqual(total!);
      expect(sample(text, 'tuntas_db_pool_waiting_requests{database="primary"}')).toBe(0);
      expect(sample(text, 'tuntas_db_pool_max_connections{database="primary"}')).toBe(ctx.database.pool!.options.max);
    } else {
      expect(text).toContain('# TYPE tuntas_db_pool_connections gauge');
      expect(text).not.toMatch(/^tuntas_db_pool_\w+\{/m);
    }
    expect(text).not.toContain('tuntas_replica_lag_seconds');
  });

  it('with a replica reader: its lag (0 for a server that is not a standby, or one caught up) and, on PostgreSQL, its pool', async () => {
    const replica = await createTestDatabase();
    const app = await appOver(ctx.database, replica);
    try {
      const text = (await scrape(app)).body;
      expect(text).toContain('# TYPE tuntas_replica_lag_seconds gauge');
      expect(sample(text, 'tuntas_replica_lag_seconds{database="replica"}')).toBe(0);
      if (replica.kind === 'postgresql') {
        expect(sample(text, 'tuntas_db_pool_max_connections{database="replica"}')).toBe(replica.pool!.options.max);
        // The lag probe of the first scrape opened a connection, idle in the pool since.
        const again = (await scrape(app)).body;
        expect(sample(again, 'tuntas_db_pool_connections{database="replica"}')).toBeGreaterThanOrEqual(1);
        expect(sample(again, 'tuntas_db_pool_idle_connections{database="replica"}')).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await app.close();
      await replica.close();
    }
  });

  it('a replica that does not answer is left out of the lag, its pool still shown, and the scrape succeeds', async () => {
    const unreachable = await openDatabase({ databaseUrl: UNREACHABLE });
    const app = await appOver(ctx.database, unreachable);
    try {
      const response = await scrape(app);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('# TYPE tuntas_replica_lag_seconds gauge');
      expect(sample(response.body, 'tuntas_replica_lag_seconds{database="replica"}')).toBeUndefined();
      expect(sample(response.body, 'tuntas_db_pool_max_connections{database="replica"}')).toBe(10);
    } finally {
      await app.close();
      await unreachable.close();
    }
  });
});

/**
 * On a real streaming replica (TUNTAS_TEST_REPLICA_URL, a standby of TUNTAS_TEST_DATABASE_URL's
 * server, as the topology script starts): replay paused while the primary commits shows as lag.
 */
describe.skipIf(!process.env.TUNTAS_TEST_REPLICA_URL || !process.env.TUNTAS_TEST_DATABASE_URL)('replica lag on a streaming replica', () => {
  it("grows while the standby does not replay the primary's commits, and is 0 once it has", async () => {
    const primary = await openDatabase({ databaseUrl: process.env.TUNTAS_TEST_DATABASE_URL, poolSize: 1 });
    const standby = await openDatabase({ databaseUrl: process.env.TUNTAS_TEST_REPLICA_URL, poolSize: 1 });
    const app = await appOver(primary, standby);
    const lag = async () => sample((await scrape(app)).body, 'tuntas_replica_lag_seconds{database="replica"}');
    try {
      await sql`select pg_wal_replay_pause()`.execute(standby.db);
      // A transaction with an id writes a commit record the standby receives but does not replay.
      await sql`select txid_current()`.execute(primary.db);
      await new Promise((r) => setTimeout(r, 1_500));
      await sql`select txid_current()`.execute(primary.db);
      await new Promise((r) => setTimeout(r, 500));
      expect(await lag()).toBeGreaterThanOrEqual(1);
      await sql`select pg_wal_replay_resume()`.execute(standby.db);
      const until = Date.now() + 10_000;
      while ((await lag()) !== 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(await lag()).toBe(0);
    } finally {
      await sql`select pg_wal_replay_resume()`.execute(standby.db).catch(() => {});
      await app.close();
      await standby.close();
      await primary.close();
    }
  });
});

describe('who may read /metrics', () => {
  const TOKEN = 'metrik-rahasia-9f2c7a41d0';
  let guarded: TestContext;
  beforeAll(async () => {
    guarded = await createTestApp({ metricsToken: TOKEN });
  });
  afterAll(() => guarded.close());

  it('without TUNTAS_METRICS_TOKEN: loopback only, and not a request a proxy forwarded', async () => {
    expect((await scrape(ctx.app, {}, '127.0.0.1')).statusCode).toBe(200);
    expect((await scrape(ctx.app, {}, '::1')).statusCode).toBe(200);
    for (const [headers, address] of [
      [{}, '10.20.30.40'],
      [{}, '::ffff:192.168.1.9'],
      [{ 'x-forwarded-for': '203.0.113.7' }, '127.0.0.1'],
      [{ forwarded: 'for=203.0.113.7' }, '127.0.0.1'],
      [{ authorization: 'Bearer tebakan' }, '127.0.0.1'],
    ] as const) {
      const response = await scrape(ctx.app, headers, address);
      expect(response.statusCode, `${address} ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(401);
      expect(response.statusCode).toBeLessThanOrEqual(403);
      expect(response.body).not.toContain('tuntas_http');
    }
    const refused = await scrape(ctx.app, {}, '10.20.30.40');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
  });

  it('with TUNTAS_METRICS_TOKEN: the bearer token opens it from anywhere; a missing or wrong one is 401', async () => {
    const remote = '198.51.100.23';
    const ok = await scrape(guarded.app, { authorization: `Bearer ${TOKEN}` }, remote);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.body).toContain('tuntas_http_request_duration_seconds');
    for (const headers of [
      {} as Record<string, string>,
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: TOKEN },
      { authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` },
    ]) {
      const response = await scrape(guarded.app, headers, remote);
      expect(response.statusCode, JSON.stringify(headers)).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    // Loopback still needs none, but a wrong token is refused there too.
    expect((await scrape(guarded.app, {}, '127.0.0.1')).statusCode).toBe(200);
    expect((await scrape(guarded.app, { authorization: 'Bearer salah' }, '127.0.0.1')).statusCode).toBe(401);
    // Behind a proxy on the same host: the token is needed.
    expect((await scrape(guarded.app, { 'x-forwarded-for': '203.0.113.7' }, '127.0.0.1')).statusCode).toBe(401);
    expect(
      (await scrape(guarded.app, { 'x-forwarded-for': '203.0.113.7', authorization: `Bearer ${TOKEN}` }, '127.0.0.1')).statusCode,
    ).toBe(200);
  });

  it('is in the OpenAPI document with the health routes', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }>; security?: unknown }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths['/metrics']!.get!.responses['200']!.content!)).toEqual(['text/plain']);
    expect(doc.paths['/metrics']!.get!.security).toEqual([{ metricsToken: [] }]);
    expect(doc.components.securitySchemes.metricsToken).toEqual({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths['/api/v1/health/ready']!.get!.responses)).toEqual(expect.arrayContaining(['200', '503']));
    expect(doc.paths['/api/v1/health/live']!.get).toBeDefined();
  });
});

describe('liveness and readiness', () => {
  it('ready: 200 naming the engine and the migrations applied; live: 200', async () => {
    const ready = await ctx.app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: ctx.database.kind, migrations: MIGRATION_NAMES.length });
    const live = await ctx.app.inject({ method: 'GET', url: '/api/v1/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it('not ready (503 NOT_READY) on a database whose migrations have not run; alive all the same', async () => {
    const app = await appOver(empty);
    try {
      const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().error).toMatchObject({
        code: 'NOT_READY',
        details: [{ check: 'migrations', reason: 'pending', pending: MIGRATION_NAMES.length }],
      });
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/health/ready', headers: { 'accept-language': 'en' } })).json().error.message,
      ).toMatch(/not ready/);
      expect((await app.inject({ method: 'GET', url: '/api/v1/health/live' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('not ready while the database does not answer select 1 within the timeout (every connection held), ready again after', async () => {
    const database = await createTestDatabase();
    const app = await appOver(database);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const connections = database.pool?.options.max ?? 1;
    let holding = 0;
    const holders = Array.from({ length: connections }, () =>
      database.db.transaction().execute(async () => {
        holding += 1;
        await held;
      }),
    );
    try {
      while (holding < connections) await new Promise((r) => setTimeout(r, 10));
      const started = Date.now();
      const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
      expect(ready.statusCode, ready.body).toBe(503);
      expect(ready.json().error).toMatchObject({ code: 'NOT_READY', details: [{ check: 'database', reason: 'timeout' }] });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await app.inject({ method: 'GET', url: '/api/v1/health/live' })).statusCode).toBe(200);
      release();
      await Promise.all(holders);
      expect((await app.inject({ method: 'GET', url: '/api/v1/health/ready' })).statusCode).toBe(200);
    } finally {
      release();
      await app.close();
      await database.close();
    }
  });

  it('not ready when the database is gone (an embedded engine closed, a PostgreSQL server that refuses): 503 NOT_READY, database error', async () => {
    const closed = empty;
    await closed.pglite!.close();
    const refused = await openDatabase({ databaseUrl: UNREACHABLE });
    for (const database of [closed, refused]) {
      const app = await appOver(database);
      try {
        const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
        expect(ready.statusCode, database.kind).toBe(503);
        expect(ready.json().error).toMatchObject({ code: 'NOT_READY', details: [{ check: 'database', reason: 'error' }] });
        expect((await app.inject({ method: 'GET', url: '/api/v1/health/live' })).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    }
    await refused.close();
  });
});

describe('request logs carry no personal data', () => {
  it('a registration, a search by name and by NIK, a record by id, an unknown path and a refused query log the route pattern only: no name, NIK, id, body, cookie or token', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const database = await createTestDatabase();
    const app = await buildApp({ database, config: loadConfig({}), logger: { level: 'info', stream } });
    await app.ready();
    try {
      const user = await createTestUser(database, 'pendamping', '35.10');
      const session = await login(app, user);
      const sessionValue = session.cookie.split('=')[1]!;
      const token = 'Bearer rahasia-0c1d2e3f4a5b';
      const headers = { authorization: token, 'x-forwarded-for': '203.0.113.9' };
      const created = await session.request({ method: 'POST', url: '/api/v1/beneficiaries', payload: PERSON, headers });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      for (const q of ['Sulastri Wahyuningsih', NIK, NIK.slice(0, 10)]) {
        const found = await session.request({ method: 'GET', url: `/api/v1/beneficiaries?q=${encodeURIComponent(q)}`, headers });
        expect(found.statusCode, found.body).toBe(200);
        expect(found.json().total).toBeGreaterThan(0);
      }
      expect((await session.request({ method: 'GET', url: `/api/v1/beneficiaries/${id}?nama=Sulastri` })).statusCode).toBeLessThan(500);
      expect((await session.request({ method: 'GET', url: `/api/v1/beneficiaries/${id}`, headers })).statusCode).toBe(200);
      expect((await session.request({ method: 'GET', url: `/api/v1/penerima/${NIK}/Sulastri` })).statusCode).toBe(404);
      expect((await session.request({ method: 'GET', url: `/api/v1/beneficiaries?q=Sulastri%00${NIK}` })).statusCode).toBe(400);
      expect(
        (
          await session.request({
            method: 'PATCH',
            url: `/api/v1/beneficiaries/${id}`,
            payload: { nama: 'Sulastri W.', tanggalLahir: 'bukan tanggal' },
          })
        ).statusCode,
      ).toBe(400);

      const log = lines.join('\n');
      const entries = lines.map(
        (l) => JSON.parse(l) as { msg: string; reqId?: string; req?: Record<string, unknown>; res?: { statusCode: number } },
      );
      const incoming = entries.filter((e) => e.msg === 'incoming request');
      expect(incoming.length).toBeGreaterThanOrEqual(9);
      expect(incoming.every((e) => typeof e.reqId === 'string' && Object.keys(e.req!).sort().join() === 'method,route')).toBe(true);
      expect(incoming.map((e) => e.req!.route)).toEqual(
        expect.arrayContaining(['/api/v1/auth/login', '/api/v1/beneficiaries', '/api/v1/beneficiaries/:id', 'unmatched']),
      );
      expect(entries.some((e) => e.msg === 'request completed' && e.res?.statusCode === 201)).toBe(true);
      for (const secret of [
        'Sulastri',
        'Wahyuningsih',
        NIK,
        NIK.slice(0, 10),
        id,
        sessionValue,
        'rahasia-0c1d2e3f4a5b',
        '203.0.113.9',
        'kata-sandi',
        'bukan tanggal',
        user.username,
      ]) {
        expect(log, `the log holds ${secret}`).not.toContain(secret);
      }
      expect(log).not.toMatch(/"(url|headers|body|query|cookie|remoteAddress)"/);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
