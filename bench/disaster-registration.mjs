#!/usr/bin/env node
// Issue 18's speed target: 20 phones registering 10,000 affected people into one event within 10
// minutes, p95 ≤ 200 ms per write, on PostgreSQL. Each phone is a deployed pendamping with its own
// session writing one person after another (no think time: the worst case of the target).
// Baseline, same run, same server, same phones: the registry's own registration of a person
// without NIK (POST /beneficiaries), which every affected person's write includes.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/disaster-registration.mjs [--quick] [--burst]
//
// Default: paced at the target's rate (one write per phone every 1.2 s; --quick: 2,000 writes in
// 2 minutes). --burst: back to back, as fast as the server answers.
//
// The user must be allowed to create databases: the run works in a new one. Rows go to
// results/latest.{json,md} (disaster-register-*).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { row, startProcess, stopProcess, TUNTAS, writeResults } from './lib.mjs';

const quick = process.argv.includes('--quick');
// --burst: back to back, as fast as the server answers (the worst case); default: the target's pace.
const burst = process.argv.includes('--burst');
const PHONES = 20;
const PER_PHONE = quick ? 100 : 500;
/** The target: 10,000 writes from 20 phones in 600 s. */
const EVERY_MS = burst ? 0 : (600_000 * PHONES) / 10_000;
const BASELINE_PER_PHONE = quick ? 50 : 100;
const PASSWORD = 'bench-kata-sandi-1';
const PORT = 3950;
const BASE = `http://127.0.0.1:${PORT}`;
const VILLAGE = '31.71.01.1001';
const NAMES = [
  'Siti',
  'Ahmad',
  'Dewi',
  'Budi',
  'Rina',
  'Agus',
  'Wati',
  'Joko',
  'Sri',
  'Hendra',
  'Yuni',
  'Eko',
  'Lestari',
  'Bambang',
  'Nur',
  'Rudi',
];
const FAMILIES = [
  'Rahayu',
  'Santoso',
  'Wijaya',
  'Kusuma',
  'Hidayat',
  'Pratama',
  'Saputra',
  'Lestari',
  'Nugroho',
  'Setiawan',
  'Purnama',
  'Halim',
];

const source = process.env.DATABASE_URL;
if (!source) throw new Error('DATABASE_URL (a PostgreSQL server) is required: the target is set on PostgreSQL');

async function freshDatabase(name) {
  const { openDatabase } = await import('../packages/server/dist/db/database.js');
  const { sql } = await import('kysely');
  const admin = await openDatabase({ databaseUrl: source, poolSize: 1 });
  await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
  await sql.raw(`create database ${name}`).execute(admin.db);
  await admin.close();
  const url = new URL(source);
  url.pathname = `/${name}`;
  return url.toString();
}

async function call(cookie, method, pathname, body) {
  const response = await fetch(`${BASE}/api/v1${pathname}`, {
    method,
    headers: { cookie, origin: BASE, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function signIn(username) {
  const response = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return response.headers.get('set-cookie').split(';')[0];
}

/** An account an admin made must replace its password first: done once, the session stays. */
async function firstSignIn(username) {
  const cookie = await signIn(username);
  const changed = await fetch(`${BASE}/api/v1/auth/password`, {
    method: 'POST',
    headers: { cookie, origin: BASE, 'content-type': 'application/json' },
    body: JSON.stringify({ current: PASSWORD, new: `${PASSWORD}-baru` }),
  });
  if (changed.status !== 204) throw new Error(`password change ${username}: ${changed.status}`);
  return cookie;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/**
 * Every phone writes `count` requests, one every `everyMs` (0: back to back); answers each write's
 * latency and the wall time. Paced at the target's rate (10,000 in 10 minutes from 20 phones: one
 * write per phone every 1.2 s), phones start spread over the first interval.
 */
async function phones(cookies, count, body, everyMs) {
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    cookies.map(async (cookie, phone) => {
      const offset = (everyMs * phone) / cookies.length;
      for (let i = 0; i < count; i += 1) {
        const due = started + offset + i * everyMs;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const { method, pathname, payload } = body(phone, i);
        const t = performance.now();
        await call(cookie, method, pathname, payload);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), wallMs: performance.now() - started };
}

function person(phone, i) {
  const n = phone * 100_000 + i;
  return {
    nama: `${NAMES[n % NAMES.length]} ${FAMILIES[Math.floor(n / NAMES.length) % FAMILIES.length]} ${n}`,
    jenisKelamin: n % 2 ? 'L' : 'P',
    kodeDesa: VILLAGE,
    nik: null,
    alasanTanpaNik: 'dokumen_hilang_bencana',
    perkiraanUmur: 1 + (n % 80),
  };
}

const databaseUrl = await freshDatabase('tuntas_bench_disaster');
const env = { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', TUNTAS_AUTO_REPORTS: '0', TUNTAS_LOGIN_MAX_FAILURES: '1000000' };
execFileSync(process.execPath, [TUNTAS, 'migrate'], { env: { ...process.env, ...env } });
execFileSync(process.execPath, [TUNTAS, 'user', 'add', '--username', 'bench.admin', '--role', 'admin'], {
  env: { ...process.env, ...env, TUNTAS_PASSWORD: PASSWORD },
});
const server = await startProcess([TUNTAS, 'serve', '--port', String(PORT)], env, /berjalan di/);
try {
  const admin = await signIn('bench.admin');
  await call(admin, 'POST', '/users', { username: 'bench.direktorat', password: PASSWORD, role: 'direktorat', wilayah: null });
  const usernames = Array.from({ length: PHONES }, (_, i) => `bench.pendamping.${i}`);
  for (const username of usernames)
    await call(admin, 'POST', '/users', { username, password: PASSWORD, role: 'pendamping', wilayah: '35.10' });
  const direktorat = await firstSignIn('bench.direktorat');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const event = await call(direktorat, 'POST', '/disasters', {
    nama: 'Banjir Jakarta Pusat (uji beban)',
    jenis: 'banjir',
    mulai: today,
    wilayah: ['31.71'],
  });
  const shelters = [];
  for (let s = 0; s < 5; s += 1) {
    shelters.push(
      (
        await call(direktorat, 'POST', `/disasters/${event.id}/shelters`, {
          nama: `Pengungsian ${s + 1}`,
          jenis: 'pengungsian',
          kodeDesa: VILLAGE,
          kapasitas: 3000,
          fasilitas: ['air_bersih'],
        })
      ).id,
    );
  }
  const cookies = [];
  for (const username of usernames) {
    const cookie = await firstSignIn(username);
    const me = await call(cookie, 'GET', '/auth/me');
    await call(direktorat, 'POST', `/disasters/${event.id}/deployments`, {
      userId: me.id,
      mulai: today,
      selesai: today,
      peran: 'pendataan',
      suratTugas: 'ST/BENCH/2026',
    });
    cookies.push(cookie);
  }

  // Baseline first (the registry empty of the event's people either way).
  const baseline = await phones(
    cookies,
    BASELINE_PER_PHONE,
    (phone, i) => ({
      method: 'POST',
      pathname: '/beneficiaries',
      payload: { ...person(phone + 50, i), kodeDesa: '35.10.01.2001' },
    }),
    EVERY_MS,
  );
  const run = await phones(
    cookies,
    PER_PHONE,
    (phone, i) => ({
      method: 'POST',
      pathname: `/disasters/${event.id}/affected`,
      payload: {
        ...person(phone, i),
        shelterId: shelters[(phone + i) % shelters.length],
        kondisi: 'mengungsi',
        kelompokRentan: i % 7 === 0 ? ['lansia'] : [],
      },
    }),
    EVERY_MS,
  );
  const sitrepStarted = performance.now();
  const sitrep = await call(direktorat, 'GET', `/disasters/${event.id}/sitrep?tanggal=${today}`);
  const sitrepMs = performance.now() - sitrepStarted;
  if (sitrep.terdampak !== PHONES * PER_PHONE)
    throw new Error(`sitrep counts ${sitrep.terdampak} affected, expected ${PHONES * PER_PHONE}`);

  const writes = PHONES * PER_PHONE;
  const p95 = percentile(run.latencies, 0.95);
  const baseP95 = percentile(baseline.latencies, 0.95);
  const mode = burst ? 'burst' : 'paced';
  const rows = [
    row(`disaster-register-${writes}-${mode}-p95`, 'postgresql', p95, 'ms', 'beneficiary-register-p95', baseP95, false),
    row(
      `disaster-register-${writes}-${mode}-p50`,
      'postgresql',
      percentile(run.latencies, 0.5),
      'ms',
      'beneficiary-register-p50',
      percentile(baseline.latencies, 0.5),
      false,
    ),
    row(`disaster-register-${writes}-${mode}-wall`, 'postgresql', run.wallMs / 1000, 's', 'target-600-s', 600, false),
    row(`disaster-sitrep-${writes}`, 'postgresql', sitrepMs, 'ms', 'target-1000-ms', 1000, false),
  ];
  console.log(writeResults(rows, `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}`));
  console.log(
    `\n${writes} writes by ${PHONES} phones in ${(run.wallMs / 1000).toFixed(1)} s: p95 ${p95.toFixed(0)} ms (registry baseline p95 ${baseP95.toFixed(0)} ms); sitrep ${sitrepMs.toFixed(0)} ms`,
  );
} finally {
  await stopProcess(server.child);
}
