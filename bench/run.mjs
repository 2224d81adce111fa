#!/usr/bin/env node
// `npm run bench [-- --quick]`: every benchmark against PGlite and, when DATABASE_URL is set,
// PostgreSQL; each with a baseline measured in the same run. Writes results/latest.{json,md}.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from './generate-beneficiaries.mjs';
import { autocannon, row, startProcess, stopProcess, TUNTAS, writeResults } from './lib.mjs';
import { benchCases } from './cases.mjs';
import { benchUploadMemory } from './import-upload-memory.mjs';
import { benchAuditChain } from './audit-chain.mjs';

const quick = process.argv.includes('--quick');
const seconds = quick ? 5 : 10;
const PASSWORD = 'bench-kata-sandi-1';
const rows = [];

async function benchFoundation(database, databaseUrl) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuntas-bench-'));
  const env = { DATABASE_URL: databaseUrl ?? '', TUNTAS_DATA_DIR: dataDir, LOG_LEVEL: 'warn', TUNTAS_LOGIN_MAX_FAILURES: '1000000' };
  const port = 3900;
  try {
    // First start: empty database, all migrations and the 91,599 areas.
    const first = await startProcess([TUNTAS, 'serve', '--port', String(port)], env, /berjalan di/);
    await stopProcess(first.child);
    execFileSync(process.execPath, [TUNTAS, 'user', 'add', '--username', 'bench.koor', '--role', 'koordinator', '--wilayah', '35'], {
      env: { ...process.env, ...env, TUNTAS_PASSWORD: PASSWORD },
    });
    // Cold start: process start to listening on an existing database.
    const cold = await startProcess([TUNTAS, 'serve', '--port', String(port)], env, /berjalan di/);
    const baseline = await startProcess([new URL('./baseline-server.mjs', import.meta.url).pathname, '3901'], {}, /ready/);
    try {
      rows.push(row('first-start', database, first.ms, 'ms', 'none', null, false));
      rows.push(row('cold-start', database, cold.ms, 'ms', 'none', null, false));
      const bare = autocannon('http://127.0.0.1:3901/bare', { seconds });
      const health = autocannon(`http://127.0.0.1:${port}/api/v1/health`, { seconds });
      rows.push(row('health', database, health.rps, 'req/s', 'bare-fastify-route', bare.rps, true));
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench.koor', password: PASSWORD }),
      });
      const cookie = login.headers.get('set-cookie').split(';')[0];
      const me = autocannon(`http://127.0.0.1:${port}/api/v1/auth/me`, { seconds, headers: { cookie } });
      if (me.non2xx > 0) throw new Error(`/auth/me answered ${me.non2xx} non-2xx`);
      rows.push(row('auth-me', database, me.rps, 'req/s', 'bare-fastify-route', bare.rps, true));
      rows.push(row('auth-me-p95', database, me.p95, 'ms', 'bare-fastify-route', bare.p95 || 1, false));
      const logins = autocannon(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench.koor', password: PASSWORD }),
      });
      rows.push(row('login', database, logins.rps, 'req/s', 'bare-fastify-route', bare.rps, true));
    } finally {
      await stopProcess(cold.child);
      await stopProcess(baseline.child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** import-100k: the contract's import path against PostgreSQL's COPY of the same file (no checks). */
async function benchImport(database, databaseUrl) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tuntas-bench-import-'));
  try {
    const rowsWanted = quick ? 20_000 : 100_000;
    const file = path.join(dir, 'beneficiaries.csv');
    await generate(rowsWanted, file);
    const run = (mode, url) =>
      JSON.parse(
        execFileSync(process.execPath, [new URL('./import-worker.mjs', import.meta.url).pathname, mode, file, url ?? ''], {
          encoding: 'utf8',
        }),
      );
    const freshUrl = databaseUrl ? await freshDatabase(databaseUrl) : undefined;
    const tuntas = run('tuntas', freshUrl);
    const copy = run('copy', freshUrl);
    const name = quick ? 'import-20k' : 'import-100k';
    rows.push(row(name, database, (tuntas.rows / tuntas.ms) * 1000, 'rows/s', 'postgres-copy', (copy.rows / copy.ms) * 1000, true));
    rows.push(row(`${name}-peak-rss`, database, tuntas.maxRssMb, 'MB', 'postgres-copy', copy.maxRssMb, false));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A new, empty database next to DATABASE_URL's, so runs never see each other's rows. */
async function freshDatabase(url) {
  const pg = (await import('pg')).default;
  const name = `tuntas_bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const want = (group) => !only || only.includes(group);
if (!process.argv.includes('--postgresql-only')) {
  if (want('foundation')) await benchFoundation('pglite');
  if (want('import')) await benchImport('pglite');
  if (want('cases')) rows.push(...(await benchCases('pglite', undefined, { quick, seconds })));
  if (want('upload')) rows.push(...(await benchUploadMemory('pglite')));
  if (want('audit')) rows.push(...(await benchAuditChain('pglite', undefined, { quick })));
}
if (process.env.DATABASE_URL) {
  if (want('foundation')) await benchFoundation('postgresql', process.env.DATABASE_URL);
  if (want('import')) await benchImport('postgresql', process.env.DATABASE_URL);
  if (want('cases')) rows.push(...(await benchCases('postgresql', await freshDatabase(process.env.DATABASE_URL), { quick, seconds })));
  if (want('audit')) rows.push(...(await benchAuditChain('postgresql', process.env.DATABASE_URL, { quick })));
}
console.log(writeResults(rows, `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`));
