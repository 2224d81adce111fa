#!/usr/bin/env node
// Issue 23: a national working day under load. On the production-shaped topology of
// scripts/topology.mjs (PostgreSQL primary + streaming replica + API nodes on loopback) with the
// national synthetic data set (`tuntas seed demo --scale N --worklog-months 12`), 635 pendamping,
// 38 koordinators and 20 direktorat users each run their own session and do their day's mix at
// 10× the real rate; requests go round-robin over the API nodes. Then the SAME run (same users,
// same random schedule) on one API node.
//
//   node bench/working-day.mjs            1,000,000 cases, 10 minutes with 2 nodes, then 10 with 1
//   node bench/working-day.mjs --quick    50,000 cases, 2 minutes each
//   options: --scale=N --minutes=M --nodes=2,1 (which runs, in order) --warm-up=1 (minutes of the
//   same day on all nodes first, not measured)
//
// Real rate per user per working hour (an 8-hour day), the assumption this run multiplies by 10:
//
//   pendamping (635)   Beranda 1.5 (6 reads: me, wilayah, registry count, tasks, summary, active
//                      cases) · case list 2 · case page 4 (case, timeline, services) · stage
//                      transition 0.5 · service recorded 1 · kegiatan recorded 0.75 (every second
//                      one submits the drafts) · own kegiatan list 0.5 · own presensi list 0.25
//                      ≈ 27 requests/h real, 270/h in the run
//   koordinator (38)   Beranda 1 · area case list 2 · case page 2 · Persetujuan 1 (inbox of
//                      submitted kegiatan and absences, then one review of the whole inbox) ·
//                      team presensi 0.5 · dashboard 1 · presensi recap 0.25
//   direktorat (20)    Beranda 1 (me, registry count, summary) · national dashboard 3 · case list 1
//                      (a province and category) · case page 1 · SKP of all 635 0.25 · presensi
//                      recap 0.25
//   once per run, not multiplied: each user signs in once (the users start spread over the first
//   minute, or the first quarter of a shorter run); each pendamping checks in (after reading today's
//   presensi) and checks out near the end; each koordinator and direktorat user asks for one
//   monthly report (last month, XLSX; the koordinator's province, the direktorat's the nation) in
//   the first 60 % of the run and polls the
//   report list every 1.5 s as the Laporan page does until it is done. Today's presensi rows are
//   deleted before each run so both runs check in.
//
// Requests go over at most 64 keep-alive connections per node, as a reverse proxy's upstream pool.
// Errors: a transport failure, a timeout (120 s) or any non-2xx status counts (no business refusal
// is expected in this mix: each user acts only on what their own reads just showed, a stage move
// only when the list just read offers it for the case, as the case page does). Latencies per
// route group and per route; CPU (percent of one core) and memory of each API node, the primary and
// the replica (their whole process trees) and this load generator, sampled from /proc every 2 s.
// Results: results/working-day.{json,md}.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ACTIVITY_TYPES, ATENSI_LAYANAN, PPKS as PPKS_LIST } from '../packages/domain/dist/index.js';
import { startTopology } from '../scripts/topology.mjs';
import { percentile, ROOT, sampleProcesses, TUNTAS } from './lib.mjs';

const argv = process.argv.slice(2);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = argv.includes('--quick');
const SCALE = Number(option('scale') ?? (quick ? 50_000 : 1_000_000));
const MINUTES = Number(option('minutes') ?? (quick ? 2 : 10));
const NODE_RUNS = (option('nodes') ?? '2,1').split(',').map(Number);
const WARM_UP_MINUTES = Number(option('warm-up') ?? 1);
const SPEEDUP = 10;
const PASSWORD = 'tuntas-demo';
const DIREKTORAT_USERS = 20;
const NEW_DIREKTORAT_PASSWORD = 'Hari-kerja-nasional-2026';
const TIMEOUT_MS = 120_000;
const REPORT_POLL_MS = 1500;

/** Real actions per user per working hour; the run plays them SPEEDUP times as often. */
const MIX = {
  pendamping: {
    beranda: 1.5,
    caseList: 2,
    casePage: 4,
    transition: 0.5,
    service: 1,
    kegiatan: 0.75,
    kegiatanList: 0.5,
    presensiList: 0.25,
  },
  koordinator: { beranda: 1, caseList: 2, casePage: 2, approvals: 1, team: 0.5, dashboard: 1, recap: 0.25 },
  direktorat: { beranda: 1, dashboard: 3, caseList: 1, casePage: 1, performance: 0.25, recap: 0.25 },
};

const ATENSI = ATENSI_LAYANAN.map((l) => l.kode);
const KEGIATAN = ACTIVITY_TYPES.filter((t) => t !== 'pelatihan');
const PPKS = PPKS_LIST.map((p) => p.kode);

/** A small seeded generator (mulberry32), so both runs play the same schedule. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (xs) => xs[Math.floor(next() * xs.length)], exp: (mean) => -Math.log(1 - next()) * mean };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const jakartaDate = (d = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(d);
/** WIB's date: never in the future for a worker in WITA or WIT either. */
const TODAY = jakartaDate();
const now0 = new Date();
const LAST_MONTH = new Date(Date.UTC(now0.getUTCFullYear(), now0.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
const YEAR = Number(TODAY.slice(0, 4));

// ---------------------------------------------------------------------------------------------
// Requests and what they measured

class Stats {
  routes = new Map();
  errors = [];
  /** Requests sent again after their reused connection was closed under them (not errors: browsers do it). */
  retried = [];
  record(group, route, status, ms, detail) {
    const key = `${group}\u0000${route}`;
    let r = this.routes.get(key);
    if (!r) this.routes.set(key, (r = { group, route, latencies: [], count: 0, errors: 0, statuses: {} }));
    r.count++;
    r.latencies.push(ms);
    r.statuses[status] = (r.statuses[status] ?? 0) + 1;
    if (status < 200 || status > 299) {
      r.errors++;
      if (this.live && this.errors.length < 20) console.error(`  error: ${status} ${String(detail).slice(0, 300)}`);
      if (this.errors.length < 50) this.errors.push({ route, status, detail: String(detail).slice(0, 400) });
    }
  }
  summary(rows) {
    const latencies = rows.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
    return {
      requests: latencies.length,
      errors: rows.reduce((s, r) => s + r.errors, 0),
      p50: round(percentile(latencies, 0.5)),
      p95: round(percentile(latencies, 0.95)),
      p99: round(percentile(latencies, 0.99)),
      max: round(latencies.at(-1) ?? null),
    };
  }
  byGroup() {
    const groups = new Map();
    for (const r of this.routes.values()) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
    return Object.fromEntries([...groups].map(([g, rows]) => [g, this.summary(rows)]));
  }
  byRoute() {
    return [...this.routes.values()].map((r) => ({ group: r.group, route: r.route, ...this.summary([r]), statuses: r.statuses }));
  }
  total() {
    return this.summary([...this.routes.values()]);
  }
}

/**
 * A browser's cookie jar, per user: the session and whatever else the server sets — tuntas_lsn,
 * the position of the user's last write, which sends their reads to the primary until the replica
 * has replayed it (read-routing.ts). A cookie set to expire is dropped.
 */
function keepCookies(user, setCookies) {
  for (const line of setCookies) {
    const [pair, ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const expired = attributes.some(
      (a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) <= Date.now()),
    );
    if (expired || value === '') user.cookies.delete(name);
    else user.cookies.set(name, value);
  }
}

/** One HTTP client over the API nodes: each request to the next node in turn, as a load balancer does. */
/**
 * Keep-alive connections to each API node, at most CONNECTIONS_PER_NODE, as a reverse proxy's
 * upstream pool holds them (a request beyond them waits for a free one, and its latency counts the
 * wait): without a bound, the hundreds of users' parallel Beranda reads open a burst of new
 * connections that a starved node cannot accept fast enough (the kernel drops SYNs once its
 * accept queue is full: TcpExtListenOverflows), and the client's connect gives up.
 */
const CONNECTIONS_PER_NODE = 64;
const agents = new Map();

/** One HTTP request; a keep-alive connection the node closed just as it was reused is retried once, as browsers do. */
function send(base, method, pathname, headers, payload, retried = false) {
  if (!agents.has(base)) agents.set(base, new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS_PER_NODE }));
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/v1${pathname}`, { method, headers, agent: agents.get(base), timeout: TIMEOUT_MS }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text, setCookies: res.headers['set-cookie'] ?? [], retried }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
    req.on('error', (error) => {
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET') resolve(send(base, method, pathname, headers, payload, true));
      else reject(error);
    });
    req.end(payload);
  });
}

/** One HTTP client over the API nodes: each request to the next node in turn, as a load balancer does. */
function client(nodes, stats) {
  let turn = 0;
  return async function call(user, group, route, pathname, body) {
    const base = nodes[turn++ % nodes.length];
    const method = route.split(' ')[0];
    const headers = { origin: base };
    if (user?.cookies.size) headers.cookie = [...user.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    const started = performance.now();
    let status = 0;
    let text = '';
    try {
      const response = await send(base, method, pathname, headers, payload);
      ({ status, text } = response);
      if (response.retried) stats?.retried.push(route);
      if (user) keepCookies(user, response.setCookies);
    } catch (error) {
      text = `${error.name}: ${error.message}${error.code ? ` (${error.code})` : ''}`;
    }
    stats?.record(group, route, status, performance.now() - started, `${method} ${pathname} → ${text}`);
    const ok = status >= 200 && status < 300;
    if (!stats && !ok) throw new Error(`${method} ${pathname}: ${status} ${text.slice(0, 300)}`);
    return { ok, status, json: ok && text ? JSON.parse(text) : null };
  };
}

// ---------------------------------------------------------------------------------------------
// The users' day

async function signIn(call, user, password = PASSWORD) {
  user.cookies ??= new Map();
  return call(user, 'sign-in', 'POST /auth/login', '/auth/login', { username: user.username, password });
}

/** Beranda's queries for the role, at once as the page makes them (HomePage.tsx). */
async function beranda(call, u) {
  const reads = [
    call(u, 'beranda', 'GET /auth/me', '/auth/me'),
    call(u, 'beranda', 'GET /beneficiaries', '/beneficiaries?page=1&pageSize=1'),
  ];
  if (u.wilayah) reads.push(call(u, 'beranda', 'GET /wilayah/:code', `/wilayah/${u.wilayah}`));
  if (u.role !== 'direktorat') reads.push(call(u, 'beranda', 'GET /tasks', '/tasks'));
  if (u.role === 'pendamping') {
    reads.push(call(u, 'beranda', 'GET /dashboard/summary', `/dashboard/summary?pendampingId=${u.id}`));
    reads.push(
      call(u, 'beranda', 'GET /cases', `/cases?page=1&pageSize=5&status=tertangani&pendampingId=${u.id}`).then((r) => {
        if (r.json?.items.length) u.cases = r.json.items;
      }),
    );
  } else reads.push(call(u, 'beranda', 'GET /dashboard/summary', '/dashboard/summary'));
  await Promise.all(reads);
}

/** A case page: the case, then its timeline and (unless the person's identity is protected from the caller, CasePage.tsx) its services. */
async function casePage(call, u, id) {
  const kase = await call(u, 'case-page', 'GET /cases/:id', `/cases/${id}`);
  if (!kase.ok) return;
  await Promise.all([
    call(u, 'case-page', 'GET /cases/:id/timeline', `/cases/${id}/timeline`),
    kase.json.identitasTerlindungi ? null : call(u, 'case-page', 'GET /cases/:id/services', `/cases/${id}/services`),
  ]);
}

const POSITION = { lat: -7.25, lng: 112.75, accuracy: 15 };

const ACTIONS = {
  pendamping: {
    beranda,
    async caseList(call, u) {
      // Kasus saya, all of them or the new ones (terdata: first contact made, assessment next).
      const filter = u.rng.next() < 0.5 ? '' : '&status=terdata';
      const r = await call(u, 'case-list', 'GET /cases', `/cases?page=1&pageSize=20&pendampingId=${u.id}${filter}`);
      const items = r.json?.items ?? [];
      u.movable = items.filter((c) => c.tindakan?.tahapan.length);
      const open = items.filter((c) => c.status === 'tertangani');
      if (open.length) u.cases = open;
    },
    async casePage(call, u) {
      if (u.cases.length) await casePage(call, u, u.rng.pick(u.cases).id);
    },
    async transition(call, u) {
      // A move the case offers as its page does (tindakan.tahapan: the workflow's next stages whose
      // requirements are met), the forward one first: pendekatan_awal → asesmen, intervensi →
      // resosialisasi, …
      if (!u.movable.length) await ACTIONS.pendamping.caseList(call, u);
      const kase = u.movable.shift();
      if (!kase) return;
      await call(u, 'transition', 'POST /cases/:id/transitions', `/cases/${kase.id}/transitions`, { to: kase.tindakan.tahapan[0] });
    },
    async service(call, u) {
      if (!u.cases.length) return;
      const kase = u.rng.pick(u.cases);
      await call(u, 'service', 'POST /cases/:id/services', `/cases/${kase.id}/services`, {
        jenis: 'layanan',
        atensi: u.rng.pick(ATENSI),
        tanggal: TODAY,
        tempat: 'Rumah penerima manfaat',
        uraian: 'Pendampingan layanan ATENSI sesuai rencana intervensi (uji beban hari kerja).',
      });
    },
    async kegiatan(call, u) {
      const caseIds = u.cases.length ? [u.rng.pick(u.cases).id] : [];
      const r = await call(u, 'kegiatan', 'POST /activities', '/activities', {
        tanggal: TODAY,
        jenis: u.rng.pick(KEGIATAN),
        durasiMenit: 30 + Math.floor(u.rng.next() * 90),
        uraian: 'Kunjungan dan pendampingan penerima manfaat (uji beban hari kerja).',
        caseIds,
      });
      if (r.ok) u.drafts.push(r.json.id);
      if (u.drafts.length >= 2) {
        const s = await call(u, 'kegiatan', 'POST /activities/submit', '/activities/submit', { ids: u.drafts });
        if (s.ok) u.drafts = [];
      }
    },
    async kegiatanList(call, u) {
      await call(u, 'kegiatan', 'GET /activities', `/activities?userId=${u.id}&tanggal=${TODAY}`);
    },
    async presensiList(call, u) {
      await Promise.all([
        call(u, 'presensi', 'GET /attendance/today', '/attendance/today'),
        call(u, 'presensi', 'GET /attendance', `/attendance?pageSize=31`),
      ]);
    },
  },
  koordinator: {
    beranda,
    async caseList(call, u) {
      const r = await call(u, 'case-list', 'GET /cases', `/cases?page=1&pageSize=20&wilayah=${u.wilayah}&status=tertangani`);
      if (r.json?.items.length) u.cases = r.json.items;
    },
    async casePage(call, u) {
      if (u.cases.length) await casePage(call, u, u.rng.pick(u.cases).id);
    },
    async approvals(call, u) {
      // Persetujuan: the inbox of submitted kegiatan and of absences; the whole inbox approved at once.
      const [inbox] = await Promise.all([
        call(u, 'approvals', 'GET /activities', '/activities?status=diajukan&pageSize=200'),
        call(u, 'approvals', 'GET /attendance', '/attendance?persetujuan=menunggu&pageSize=100'),
      ]);
      const ids = (inbox.json?.items ?? []).filter((a) => a.userId !== u.id).map((a) => a.id);
      if (ids.length)
        await call(u, 'approvals', 'POST /activities/review', '/activities/review', { ids: ids.slice(0, 200), keputusan: 'disetujui' });
    },
    async team(call, u) {
      await call(u, 'presensi', 'GET /attendance/team', `/attendance/team?tanggal=${TODAY}`);
    },
    async dashboard(call, u) {
      await call(u, 'dashboard', 'GET /dashboard/overview', '/dashboard/overview');
    },
    async recap(call, u) {
      await call(u, 'workforce-recap', 'GET /attendance/recap', `/attendance/recap?bulan=${LAST_MONTH}`);
    },
  },
  direktorat: {
    beranda,
    async dashboard(call, u) {
      await call(u, 'dashboard', 'GET /dashboard/overview', '/dashboard/overview');
    },
    async caseList(call, u) {
      const province = u.rng.pick(u.provinces);
      const r = await call(u, 'case-list', 'GET /cases', `/cases?page=1&pageSize=20&wilayah=${province}&ppks=${u.rng.pick(PPKS)}`);
      if (r.json?.items.length) u.cases = r.json.items;
    },
    async casePage(call, u) {
      if (u.cases.length) await casePage(call, u, u.rng.pick(u.cases).id);
    },
    async performance(call, u) {
      await call(u, 'workforce-recap', 'GET /performance', `/performance?year=${YEAR}`);
    },
    async recap(call, u) {
      await call(u, 'workforce-recap', 'GET /attendance/recap', `/attendance/recap?bulan=${LAST_MONTH}`);
    },
  },
};

/** Picks the next action by its share of the role's rate. */
function chooser(role) {
  const entries = Object.entries(MIX[role]);
  const total = entries.reduce((s, [, rate]) => s + rate, 0);
  return {
    meanGapMs: 3_600_000 / (SPEEDUP * total),
    pick(rng) {
      let x = rng.next() * total;
      for (const [name, rate] of entries) if ((x -= rate) < 0) return name;
      return entries.at(-1)[0];
    },
  };
}

async function monthlyReport(call, u, reports) {
  const asked = performance.now();
  const r = await call(u, 'report', 'POST /reports', '/reports', { bulan: LAST_MONTH, format: 'xlsx' });
  if (!r.ok) return;
  const entry = { role: u.role, username: u.username, status: r.json.status, seconds: null };
  reports.push(entry);
  const giveUp = asked + 20 * 60_000;
  while (performance.now() < giveUp) {
    await sleep(REPORT_POLL_MS);
    const list = await call(u, 'report', 'GET /reports (poll)', '/reports?pageSize=100');
    const mine = list.json?.items.find((x) => x.id === r.json.id);
    if (!list.ok || !mine) continue;
    entry.status = mine.status;
    if (mine.status === 'selesai' || mine.status === 'gagal') break;
  }
  entry.seconds = (performance.now() - asked) / 1000;
  if (entry.status !== 'selesai') call.failReport?.(entry);
}

/** One user's day: sign in, Beranda, (presensi), then the mix until `end`, with one report. */
async function userDay(call, u, { start, end, reports }) {
  const durationMs = end - start;
  await sleep(start + u.rng.next() * Math.min(60_000, durationMs / 4) - performance.now());
  const signed = await signIn(call, u, u.password);
  if (!signed.ok) return;
  await beranda(call, u);
  if (u.role === 'pendamping') {
    const today = await call(u, 'presensi', 'GET /attendance/today', '/attendance/today');
    if (today.ok && !today.json.presensi) await call(u, 'presensi', 'POST /attendance/check-in', '/attendance/check-in', POSITION);
  }
  const reportAt = start + durationMs * (0.1 + 0.5 * u.rng.next());
  const checkOutAt = start + durationMs * (0.85 + 0.12 * u.rng.next());
  let report = null;
  let checkedOut = u.role !== 'pendamping';
  const { meanGapMs, pick } = chooser(u.role);
  for (;;) {
    const due = performance.now() + u.rng.exp(meanGapMs);
    const action = pick(u.rng);
    if (due >= end) break;
    await sleep(due - performance.now());
    if (!checkedOut && performance.now() >= checkOutAt) {
      checkedOut = true;
      await call(u, 'presensi', 'POST /attendance/check-out', '/attendance/check-out', POSITION);
    }
    if (!report && u.role !== 'pendamping' && performance.now() >= reportAt) report = monthlyReport(call, u, reports);
    await ACTIONS[u.role][action](call, u);
  }
  await sleep(Math.min(checkOutAt, end - 1000) - performance.now());
  if (!checkedOut) await call(u, 'presensi', 'POST /attendance/check-out', '/attendance/check-out', POSITION);
  if (!report && u.role !== 'pendamping') report = monthlyReport(call, u, reports);
  await report;
}

// ---------------------------------------------------------------------------------------------
// The topology, the data and the accounts

function runTuntas(args, env, timeout) {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [TUNTAS, ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout, maxBuffer: 64 << 20 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`tuntas ${args.join(' ')}: ${error.message}\n${stderr.slice(-2000)}`)) : resolve(stdout),
    ),
  );
}

/** The 635 + 38 + 20 accounts: the seed's, and direktorat users made by the admin up to 20. */
async function accounts(call) {
  const admin = { username: 'admin' };
  await signIn(call, admin);
  const list = async (role) => {
    const users = [];
    for (let page = 1; ; page++) {
      const r = await call(admin, 'setup', 'GET /users', `/users?role=${role}&pageSize=200&page=${page}&aktif=true`);
      users.push(...r.json.items);
      if (users.length >= r.json.total || r.json.items.length === 0) return users;
    }
  };
  let direktorat = await list('direktorat');
  for (let i = direktorat.length; i < DIREKTORAT_USERS; i++) {
    const username = `direktorat.${String(i + 1).padStart(2, '0')}`;
    const first = `Sementara-${i + 1}-Bench-2026`;
    await call(admin, 'setup', 'POST /users', '/users', { username, password: first, role: 'direktorat', wilayah: null });
    const user = { username };
    await signIn(call, user, first);
    await call(user, 'setup', 'POST /auth/password', '/auth/password', { current: first, new: NEW_DIREKTORAT_PASSWORD });
  }
  direktorat = await list('direktorat');
  const pendamping = await list('pendamping');
  const koordinator = (await list('koordinator')).filter((u) => u.wilayah?.length === 2);
  if (pendamping.length !== 635 || koordinator.length !== 38 || direktorat.length !== DIREKTORAT_USERS)
    throw new Error(
      `expected 635 pendamping, 38 koordinators, 20 direktorat; the seed has ${pendamping.length}, ${koordinator.length}, ${direktorat.length}`,
    );
  const provinces = koordinator.map((k) => k.wilayah);
  return [...pendamping, ...koordinator, ...direktorat].map((u) => ({ ...u, provinces }));
}

/** The heavy reads once on every node before the first run, so it does not pay alone for cold caches. */
async function warmUp(nodes) {
  for (const node of nodes) {
    const call = client([node], null);
    const direktorat = { username: 'direktorat' };
    await signIn(call, direktorat);
    for (const pathname of [
      '/dashboard/overview',
      '/dashboard/summary',
      '/beneficiaries?page=1&pageSize=1',
      `/attendance/recap?bulan=${LAST_MONTH}`,
      `/performance?year=${YEAR}`,
      '/cases?page=1&pageSize=20&wilayah=35',
    ])
      await call(direktorat, 'setup', `GET ${pathname}`, pathname);
  }
}

function newUser(account, seed) {
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    wilayah: account.wilayah,
    provinces: account.provinces,
    password: account.username === 'direktorat' || account.role !== 'direktorat' ? PASSWORD : NEW_DIREKTORAT_PASSWORD,
    rng: random(seed),
    cookies: new Map(),
    cases: [],
    movable: [],
    drafts: [],
  };
}

async function workingDay(topology, nodeCount, people, minutes = MINUTES) {
  const nodes = topology.nodes.slice(0, nodeCount).map((n) => n.url);
  // Today's presensi goes, so that this run checks in as the first did.
  await topology.psql('primary', `delete from attendance where tanggal = '${TODAY}'`);
  const stats = new Stats();
  stats.live = true;
  const call = client(nodes, stats);
  const failedReports = [];
  call.failReport = (entry) => failedReports.push(entry);
  const targets = { loadgen: process.pid, primary: postmasterPid(topology.primary), replica: postmasterPid(topology.replica) };
  topology.nodes.slice(0, nodeCount).forEach((n) => (targets[n.name] = n.pid));
  const reports = [];
  const users = people.map((a, i) => newUser(a, 1000 + i));
  const sampler = sampleProcesses(targets);
  const start = performance.now();
  const end = start + minutes * 60_000;
  const ticker = setInterval(() => {
    const t = stats.total();
    console.error(
      `  ${((performance.now() - start) / 1000).toFixed(0)} s: ${t.requests} requests, ${t.errors} errors, p95 ${t.p95} ms, load ${os.loadavg()[0].toFixed(2)}`,
    );
  }, 30_000);
  await Promise.all(users.map((u) => userDay(call, u, { start, end, reports })));
  clearInterval(ticker);
  const wallSeconds = (performance.now() - start) / 1000;
  const resources = sampler.stop();
  const total = stats.total();
  return {
    nodes: nodeCount,
    minutes,
    wallSeconds,
    total: { ...total, perSecond: total.requests / (minutes * 60) },
    groups: stats.byGroup(),
    routes: stats.byRoute(),
    errors: stats.errors,
    retriedOnClosedConnection: stats.retried.length,
    reports: {
      requested: reports.length,
      done: reports.filter((r) => r.status === 'selesai').length,
      failed: failedReports.length,
      secondsP50: percentile(
        reports.map((r) => r.seconds).sort((a, b) => a - b),
        0.5,
      ),
      secondsMax: Math.max(...reports.map((r) => r.seconds)),
    },
    ...resources,
  };
}

function postmasterPid(server) {
  return Number(readFileSync(path.join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

// ---------------------------------------------------------------------------------------------
// Results

const fmt = (x, digits = 0) => (x === null || x === undefined ? '' : Number(x).toFixed(digits));

function markdown(result) {
  const { runs } = result;
  const groups = [...new Set(runs.flatMap((r) => Object.keys(r.groups)))];
  const lines = [
    `# Working day under load (issue 23)`,
    '',
    `Measured ${result.measuredAt} on ${result.machine}; \`${result.command}\`.`,
    `Data: ${result.scale.toLocaleString('en')} cases (\`tuntas seed demo --scale ${result.scale} --worklog-months 12\`, ${fmt(result.seedSeconds)} s; database ${fmt(result.databaseMb)} MB).`,
    `Topology: scripts/topology.mjs (PostgreSQL ${result.postgres} primary + streaming replica, fsync off, API nodes \`tuntas serve\`), on loopback.`,
    `Users: ${result.users.pendamping} pendamping, ${result.users.koordinator} koordinators, ${result.users.direktorat} direktorat, each with its own session, at ${SPEEDUP}× the real rate (bench/working-day.mjs's header) for ${result.minutes} minutes per run.`,
    'The machine is shared (2 cores, other engineers' +
      "' builds and tests running): figures are noisy; the load average is the machine's.",
    '',
    '## Totals',
    '',
    '| run | requests | req/s | errors | p50 ms | p95 ms | p99 ms | reports done | report s (p50 / max) | load avg 1m (mean / max) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map(
      (r) =>
        `| ${r.nodes} API node${r.nodes > 1 ? 's' : ''} | ${r.total.requests} | ${fmt(r.total.perSecond, 1)} | ${r.total.errors} | ${r.total.p50} | ${r.total.p95} | ${r.total.p99} | ${r.reports.done}/${r.reports.requested} | ${fmt(r.reports.secondsP50, 1)} / ${fmt(r.reports.secondsMax, 1)} | ${fmt(r.loadAverage1m.mean, 2)} / ${fmt(r.loadAverage1m.max, 2)} |`,
    ),
    '',
    `Requests go over at most ${CONNECTIONS_PER_NODE} keep-alive connections per API node (a reverse proxy's upstream pool); sent again because the node closed a reused connection just then (not counted as errors, browsers do the same): ${runs.map((r) => `${r.nodes} node${r.nodes > 1 ? 's' : ''} ${r.retriedOnClosedConnection ?? 'not counted'}`).join(', ')}.`,
    '',
    '## p50 / p95 per route group (ms)',
    '',
    `| group | ${runs.map((r) => `${r.nodes} node${r.nodes > 1 ? 's' : ''}: requests · errors · p50 · p95`).join(' | ')} |`,
    `| --- | ${runs.map(() => '---:').join(' | ')} |`,
    ...groups.map(
      (g) =>
        `| ${g} | ${runs.map((r) => (r.groups[g] ? `${r.groups[g].requests} · ${r.groups[g].errors} · ${r.groups[g].p50} · **${r.groups[g].p95}**` : '')).join(' | ')} |`,
    ),
    '',
    '## CPU and memory (sampled from /proc every 2 s)',
    '',
    'CPU in percent of one core (the machine has 2), mean / peak over the run; memory in MB, mean / peak: RSS for the API nodes and this load generator (one process each), PSS summed over the process tree for PostgreSQL (its shared buffers counted once).',
    '',
    '| run | process | CPU mean % | CPU peak % | memory mean MB | memory peak MB |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...runs.flatMap((r) =>
      Object.entries(r.processes).map(([name, p]) => {
        const pg = name === 'primary' || name === 'replica';
        return `| ${r.nodes} node${r.nodes > 1 ? 's' : ''} | ${name} | ${fmt(p.cpuMeanPct)} | ${fmt(p.cpuPeakPct)} | ${fmt(pg ? p.pssMeanMb : p.rssMeanMb)} | ${fmt(pg ? p.pssPeakMb : p.rssPeakMb)} |`;
      }),
    ),
    '',
    '## Per route',
    '',
    `| group | route | ${runs.map((r) => `${r.nodes} node${r.nodes > 1 ? 's' : ''}: n · p50 · p95`).join(' | ')} |`,
    `| --- | --- | ${runs.map(() => '---:').join(' | ')} |`,
    ...[...new Set(runs.flatMap((r) => r.routes.map((x) => `${x.group}\u0000${x.route}`)))].map((key) => {
      const [group, route] = key.split('\u0000');
      const cells = runs.map((r) => {
        const x = r.routes.find((y) => y.group === group && y.route === route);
        return x ? `${x.requests} · ${x.p50} · ${x.p95}` : '';
      });
      return `| ${group} | ${route} | ${cells.join(' | ')} |`;
    }),
  ];
  const errors = runs.flatMap((r) => r.errors.map((e) => ({ nodes: r.nodes, ...e })));
  if (errors.length)
    lines.push('', '## Errors (first 50 per run)', '', ...errors.map((e) => `- ${e.nodes} node(s): ${e.status} ${e.detail}`));
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------

const log = (line) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const topology = await startTopology({ nodes: 0, log });
const stop = () => topology.stop().finally(() => process.exit(130));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
try {
  const postgres = (await topology.psql('primary', 'show server_version')).split(' ')[0];
  log(`seeding ${SCALE} cases with a year of work log`);
  const seedStarted = performance.now();
  await runTuntas(
    ['seed', 'demo', '--scale', String(SCALE), '--worklog-months', '12'],
    { DATABASE_URL: topology.primary.url, TUNTAS_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    3_600_000,
  );
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await topology.psql('primary', 'vacuum analyze');
  await topology.replicaCaughtUp(900_000);
  const databaseMb = Number(await topology.psql('primary', 'select pg_database_size(current_database())')) / 1024 / 1024;
  log(
    `seeded in ${seedSeconds.toFixed(0)} s (${databaseMb.toFixed(0)} MB); replica caught up; starting ${Math.max(...NODE_RUNS)} API nodes`,
  );
  await Promise.all(Array.from({ length: Math.max(...NODE_RUNS) }, (_, i) => topology.startNode(i)));
  const people = await accounts(client([topology.nodes[0].url], null));
  await warmUp(topology.nodes.map((n) => n.url));
  // A first, unmeasured minute of the same day on every node: otherwise the first measured run
  // alone pays for cold caches, fresh processes and the first sign-ins after the seed.
  log(`warm-up: ${people.length} users on ${topology.nodes.length} API node(s) for ${WARM_UP_MINUTES} min (not measured)`);
  const warm = await workingDay(topology, topology.nodes.length, people, WARM_UP_MINUTES);
  log(`warm-up done: ${warm.total.requests} requests, ${warm.total.errors} errors`);
  if (warm.total.errors) console.error(warm.errors.slice(0, 5));
  const runs = [];
  for (const nodeCount of NODE_RUNS) {
    for (let i = nodeCount; i < topology.nodes.length; i++) await topology.stopNode(i);
    log(`run: ${people.length} users on ${nodeCount} API node(s) for ${MINUTES} min`);
    const run = await workingDay(topology, nodeCount, people);
    log(
      `done: ${run.total.requests} requests, ${run.total.errors} errors, p95 ${run.total.p95} ms, ${run.reports.done}/${run.reports.requested} reports`,
    );
    runs.push(run);
  }
  const result = {
    measuredAt: new Date().toISOString(),
    command: `node bench/working-day.mjs ${argv.join(' ')}`.trim(),
    machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    postgres,
    scale: SCALE,
    seedSeconds,
    databaseMb,
    minutes: MINUTES,
    speedup: SPEEDUP,
    mix: MIX,
    users: Object.fromEntries(['pendamping', 'koordinator', 'direktorat'].map((r) => [r, people.filter((p) => p.role === r).length])),
    runs,
  };
  const out = new URL('./results/working-day', import.meta.url).pathname;
  writeFileSync(
    `${out}.json`,
    JSON.stringify(result, (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v), 2) + '\n',
  );
  writeFileSync(`${out}.md`, markdown(result));
  console.log(markdown(result));
  if (runs.some((r) => r.total.errors > 0 || r.reports.failed > 0)) process.exitCode = 1;
} finally {
  await topology.stop();
}
