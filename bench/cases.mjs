// Case and registry benchmarks on the national synthetic data set (`tuntas seed demo --scale N`):
// seed, case-list, case-page, case-transition, beneficiary-search-nik/-name, dashboard-national,
// server RSS under load. Baselines: on PostgreSQL the same SQL through the driver with the same
// concurrency (sql-load.mjs); on PGlite, whose folder one process owns, a bare Fastify route.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { autocannon, row, startProcess, stopProcess, TUNTAS } from './lib.mjs';
import { nameSearchKey } from '../packages/domain/dist/index.js';
import { sqlLoad } from './sql-load.mjs';

/** The variants the API looks up for each typed word (its own function), for the SQL baseline. */
async function wordVariants(url, key) {
  const { openDatabase } = await import('../packages/server/dist/db/database.js');
  const { wordVariants: lookUp } = await import('../packages/server/dist/beneficiaries/name-search.js');
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    return (await lookUp(database.db, key)).variants;
  } finally {
    await database.close();
  }
}

const PASSWORD = 'tuntas-demo';

async function signIn(base, username) {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  const cookie = response.headers.get('set-cookie').split(';')[0];
  const me = await (await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } })).json();
  return { cookie, id: me.id };
}

async function getJson(base, pathname, cookie) {
  const response = await fetch(`${base}${pathname}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`${pathname}: ${response.status}`);
  return response.json();
}

/**
 * Transitions back and forth (intervensi ⇄ rencana) on many cases from concurrent workers; with
 * `thinkMs` each worker is a user who pauses 0.5–1.5 × thinkMs between moves (an open load).
 */
async function transitionLoad(base, cookie, caseIds, seconds, connections = 10, thinkMs = 0) {
  const latencies = [];
  let failures = 0;
  const end = performance.now() + seconds * 1000;
  const state = new Map(caseIds.map((id) => [id, 'intervensi']));
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const id = caseIds[next++ % caseIds.length];
        const to = state.get(id) === 'intervensi' ? 'rencana' : 'intervensi';
        state.set(id, to);
        const t = performance.now();
        const response = await fetch(`${base}/api/v1/cases/${id}/transitions`, {
          method: 'POST',
          headers: { cookie, origin: base, 'content-type': 'application/json' },
          body: JSON.stringify({ to }),
        });
        const body = await response.text();
        if (response.status !== 200) {
          failures++;
          if (failures === 1) console.error(`case-transition ${id} → ${to}: ${response.status} ${body}`);
        }
        latencies.push(performance.now() - t);
        if (thinkMs) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p95: latencies[Math.floor(0.95 * latencies.length)], failures };
}

function rssMb(pid) {
  const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
  return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
}

export async function benchCases(database, databaseUrl, { quick, seconds }) {
  const rows = [];
  const scale = Number(process.env.BENCH_SCALE ?? (database === 'postgresql' && !quick ? 1_000_000 : 25_000));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuntas-bench-cases-'));
  // BENCH_SEEDED_URL: measure on a database seeded before (skips the seed and its figures).
  if (database === 'postgresql' && process.env.BENCH_SEEDED_URL) databaseUrl = process.env.BENCH_SEEDED_URL;
  // No month-end reports in the background while measuring.
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl ?? '',
    TUNTAS_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    TUNTAS_DEMO_PASSWORD: PASSWORD,
    TUNTAS_AUTO_REPORTS: '0',
  };
  try {
    if (!(database === 'postgresql' && process.env.BENCH_SEEDED_URL)) {
      execFileSync(process.execPath, [TUNTAS, 'migrate'], { env });
      const t = performance.now();
      execFileSync(process.execPath, [TUNTAS, 'seed', 'demo', '--scale', String(scale), '--worklog-months', '12'], {
        env,
        stdio: 'ignore',
      });
      const seedMs = performance.now() - t;
      rows.push(row(`seed-${scale}`, database, (scale / seedMs) * 1000, 'cases/s', 'none', null, true));
      rows.push(row(`seed-${scale}-time`, database, seedMs / 1000, 's', 'none', null, false));
    }

    const port = 3910;
    const server = await startProcess([TUNTAS, 'serve', '--port', String(port)], env, /berjalan di/);
    const bare =
      database === 'pglite' ? await startProcess([new URL('./baseline-server.mjs', import.meta.url).pathname, '3911'], {}, /ready/) : null;
    const base = `http://127.0.0.1:${port}`;
    try {
      const pendamping = await signIn(base, 'pendamping.35.10');
      const koordinator = await signIn(base, 'koordinator.35');
      const direktorat = await signIn(base, 'direktorat');
      const mine = await getJson(base, `/api/v1/cases?pendampingId=${pendamping.id}&pageSize=20`, pendamping.cookie);
      const oneCase = mine.items[0];
      const person = await getJson(base, `/api/v1/beneficiaries/${oneCase.beneficiaryId}`, koordinator.cookie);
      // A typo as a user makes it: one letter of the last word dropped ("Santoso" → "Satoso").
      const words = person.nama.split(' ');
      const last = words.at(-1);
      const misspelt = [...words.slice(0, -1), last.length > 4 ? last.slice(0, 2) + last.slice(3) : `${last}h`].join(' ');
      const nameKey = nameSearchKey(misspelt);
      const nameVariants = databaseUrl ? await wordVariants(databaseUrl, nameKey) : [];
      const bareResult = bare ? autocannon('http://127.0.0.1:3911/bare', { seconds }) : null;

      const measure = async (name, url, cookie, sql, params) => {
        const api = autocannon(`${base}${url}`, { seconds, headers: { cookie } });
        if (api.non2xx > 0) throw new Error(`${name}: ${api.non2xx} non-2xx`);
        const baseline = databaseUrl ? await sqlLoad(databaseUrl, sql, params, { seconds }) : bareResult;
        const baselineName = databaseUrl ? 'same-sql-via-driver' : 'bare-fastify-route';
        rows.push(row(name, database, api.rps, 'req/s', baselineName, baseline.rps, true));
        rows.push(row(`${name}-p95`, database, api.p95, 'ms', baselineName, Math.max(baseline.p95, 0.01), false));
        rows.push(row(`${name}-p50`, database, api.p50, 'ms', baselineName, Math.max(baseline.p50, 0.01), false));
        // Latency as one user feels it: a single connection, so the figure is not queueing on 2 cores.
        const single = autocannon(`${base}${url}`, { seconds: Math.max(3, seconds / 2), connections: 1, headers: { cookie } });
        const singleBaseline = databaseUrl
          ? await sqlLoad(databaseUrl, sql, params, { seconds: Math.max(3, seconds / 2), connections: 1 })
          : bareResult;
        rows.push(row(`${name}-p95-1conn`, database, single.p95, 'ms', baselineName, Math.max(singleBaseline.p95, 0.01), false));
      };

      await measure(
        'case-list',
        `/api/v1/cases?pendampingId=${pendamping.id}&pageSize=20`,
        pendamping.cookie,
        // The page query the API runs first (names are then joined for just those 20 rows).
        `select c.id from cases c where (c.wilayah = $2 or c.wilayah like $2 || '.%') and c.pendamping_id = $1
         order by c.updated_at desc, c.id limit 20`,
        [pendamping.id, '35.10'],
      );
      await measure(
        'case-page',
        `/api/v1/cases/${oneCase.id}`,
        pendamping.cookie,
        `select c.*, b.nama, b.tanggal_lahir, coalesce(p.nama_lengkap, p.username) from cases c join beneficiaries b on b.id = c.beneficiary_id
         left join users p on p.id = c.pendamping_id where c.id = $1`,
        [oneCase.id],
      );
      await measure(
        'beneficiary-search-nik',
        `/api/v1/beneficiaries?q=${person.nik}`,
        koordinator.cookie,
        'select * from beneficiaries where nik = $1',
        [person.nik],
      );
      await measure(
        'beneficiary-search-name',
        `/api/v1/beneficiaries?q=${encodeURIComponent(misspelt)}&pageSize=20`,
        koordinator.cookie,
        // The API's main statement, with each typed word's known variants looked up beforehand.
        `select *, count(*) over () from beneficiaries where provinsi = '35' and (kode_desa = '35' or kode_desa like '35.%')
         and ${nameVariants.map((_, i) => `nama_kata && $${i + 2}::text[]`).join(' and ')}
         order by similarity(nama_kunci, $1) desc, nama, id limit 20`,
        [nameKey, ...nameVariants],
      );
      await measure(
        'dashboard-summary',
        '/api/v1/dashboard/summary',
        direktorat.cookie,
        'select status, ppks, left(wilayah, 2), count(*) from cases group by 1, 2, 3',
        [],
      );
      // dashboard-national: the whole national dashboard from summary tables, against the same
      // figures computed by GROUP BY on the base tables (funnel per province and category, the
      // monthly flow and resolution times, backlog by age and overdue) in the same run.
      await measure(
        'dashboard-national',
        '/api/v1/dashboard/overview',
        direktorat.cookie,
        `select 'stock' as part, status, ppks, left(wilayah, 2) as k, count(*)::int as n, null::date as m from cases group by 2, 3, 4
         union all
         select 'flow', e.jenis, c.ppks, left(c.wilayah, 2), count(*), date_trunc('month', e.at)::date from case_events e join cases c on c.id = e.case_id
           where e.jenis in ('dibuat', 'diverifikasi', 'ditutup') and e.at > now() - interval '12 months' group by 2, 3, 4, 6
         union all
         select 'backlog', case when now() - created_at <= interval '30 days' then '0-30' when now() - created_at <= interval '90 days' then '31-90'
           when now() - created_at <= interval '180 days' then '91-180' else '>180' end, ppks, left(wilayah, 2), count(*), null
           from cases where status in ('terdata', 'tertangani') group by 2, 3, 4`,
        [],
      );

      // monthly-recap: last month's presensi recap of all 635 pendamping (national), and the SKP
      // realisation of all of them for the year, each as one user waits for it (one connection).
      const now = new Date();
      const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
      const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
      const heavy = async (name, url, sql, params) => {
        const api = autocannon(`${base}${url}`, { seconds, connections: 1, headers: { cookie: direktorat.cookie } });
        if (api.non2xx > 0) throw new Error(`${name}: ${api.non2xx} non-2xx`);
        const baseline = databaseUrl ? await sqlLoad(databaseUrl, sql, params, { seconds, connections: 1 }) : bareResult;
        const baselineName = databaseUrl ? 'same-group-by-via-driver' : 'bare-fastify-route';
        rows.push(row(`${name}-p95`, database, api.p95, 'ms', baselineName, Math.max(baseline.p95, 0.01), false));
        rows.push(row(`${name}-p50`, database, api.p50, 'ms', baselineName, Math.max(baseline.p50, 0.01), false));
      };
      await heavy(
        'monthly-recap',
        `/api/v1/attendance/recap?bulan=${lastMonth}`,
        `select u.id, count(*) filter (where a.status = 'hadir'), count(*) filter (where a.terlambat), count(*) filter (where a.status in ('izin','sakit','cuti'))
         from users u left join attendance a on a.user_id = u.id and a.tanggal >= $1 and a.tanggal <= $2
         where u.role = 'pendamping' and u.disabled_at is null group by u.id`,
        [`${lastMonth}-01`, monthEnd],
      );
      await heavy(
        'performance-national',
        `/api/v1/performance?year=${now.getUTCFullYear()}`,
        `select e.actor_id, extract(month from e.at)::int, count(*) from case_events e
         where e.actor_id in (select id from users where role = 'pendamping') and e.at >= make_date($1, 1, 1) and e.at < make_date($1 + 1, 1, 1)
         group by 1, 2`,
        [now.getUTCFullYear()],
      );

      // report-province-xlsx: a province's monthly report, requested and waited for as a user does.
      const reportTimes = [];
      for (let i = 0; i < (quick ? 2 : 3); i++) {
        const t0 = performance.now();
        const queued = await fetch(`${base}/api/v1/reports`, {
          method: 'POST',
          headers: { cookie: koordinator.cookie, 'content-type': 'application/json', origin: base },
          body: JSON.stringify({ bulan: lastMonth, format: 'xlsx' }),
        }).then((r) => r.json());
        for (;;) {
          const state = await getJson(base, `/api/v1/reports/${queued.id}`, koordinator.cookie);
          if (state.status === 'selesai') break;
          if (state.status === 'gagal') throw new Error(`report failed: ${state.galat}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        reportTimes.push(performance.now() - t0);
      }
      rows.push(row('report-province-xlsx', database, Math.max(...reportTimes) / 1000, 's', 'none', null, false));

      // case-transition: koordinator moves intervensi cases of Jawa Timur back and forth.
      const open = await getJson(base, '/api/v1/cases?tahapan=intervensi&status=tertangani&wilayah=35&pageSize=200', koordinator.cookie);
      const moves = await transitionLoad(
        base,
        koordinator.cookie,
        open.items.map((c) => c.id),
        seconds,
      );
      if (moves.failures > 0) throw new Error(`case-transition: ${moves.failures} failures`);
      const baselineMoves = databaseUrl
        ? await sqlLoad(
            databaseUrl,
            'update cases set updated_at = now(), version = version + 1 where id = $1',
            () => [open.items[Math.floor(Math.random() * open.items.length)].id],
            { seconds },
          )
        : bareResult;
      const baselineName = databaseUrl ? 'bare-update-via-driver' : 'bare-fastify-route';
      rows.push(row('case-transition', database, moves.rps, 'req/s', baselineName, baselineMoves.rps, true));
      rows.push(row('case-transition-p95', database, moves.p95, 'ms', baselineName, Math.max(baselineMoves.p95, 0.01), false));
      // The issue's figure: 50 concurrent users, each moving a case about once a second.
      // Cases at intervensi now (the load above left some at rencana).
      const still = await getJson(base, '/api/v1/cases?tahapan=intervensi&status=tertangani&wilayah=35&pageSize=200', koordinator.cookie);
      const users = await transitionLoad(
        base,
        koordinator.cookie,
        still.items.map((c) => c.id),
        Math.max(seconds, 20),
        50,
        1000,
      );
      if (users.failures > 0) throw new Error(`case-transition-50-users: ${users.failures} failures`);
      rows.push(row('case-transition-50-users-p95', database, users.p95, 'ms', baselineName, Math.max(baselineMoves.p95, 0.01), false));
      rows.push(row('server-rss-peak', database, rssMb(server.child.pid), 'MB', 'none', null, false));
    } finally {
      await stopProcess(server.child);
      if (bare) await stopProcess(bare.child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
