#!/usr/bin/env node
// Field speed of the offline working set (issue 17), in Chromium on a slow-3G phone: 400 ms RTT,
// 400 kbit/s both ways, CPU 4x slower. A pendamping with 40 open cases (demo seed, made exactly 40
// by the koordinator's assignment API) signs in on a fresh phone:
// - first sync: sign-in to the working set kept on the device (its cursor saved), and the bytes
//   of /sync/changes on the wire; baseline: the same /sync/changes fetched unthrottled by Node;
// - device storage after it (navigator.storage.estimate: IndexedDB and the precache);
// - a queued write on screen: the click on "Simpan" to its "menunggu dikirim" line, offline (median
//   of 3, each on another case); baseline: a click to a mark rendered by the same page's own code (React state) — what
//   any tap costs on this CPU;
// - 20 queued writes, then back online: until the outbox is empty and the delta round ended;
// - 200 queued writes: until the outbox is empty; baseline for both: the same number of round trips
//   (one write each) at the profile's RTT, i.e. what strictly one-at-a-time replay cannot beat.
// Queued writes for the last two are put in the device's outbox sealed with the device's own key,
// exactly as the app stores them (offline/vault.ts), then the app is reloaded offline.
// Usage: npm run build && node bench/offline-sync.mjs   → prints a table, writes bench/results/offline-sync.json
/* global indexedDB, document, navigator, MutationObserver, window */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const PASSWORD = 'tuntas-demo';
const RTT = 400;
const SLOW_3G = { offline: false, latency: RTT, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };
const CASES = 40;

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'tuntas-offline-bench-'));
const env = { ...process.env, TUNTAS_DATA_DIR: dataDir, DATABASE_URL: '', TUNTAS_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' };
const cli = join(root, 'packages/server/bin/tuntas.js');
spawnSync(process.execPath, [cli, 'seed', 'demo', '--scale', '25000', '--worklog-months', '1'], { env, stdio: 'ignore' });
const server = spawn(process.execPath, [cli, 'serve', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.on('data', (c) => String(c).includes('Tuntas berjalan') && resolve()));
const base = `http://127.0.0.1:${port}`;
// A failed run must not leave the server holding the data folder.
process.on('exit', () => server.kill('SIGKILL'));

async function session(username) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const me = (await r.json()).user;
  const call = async (path, init = {}) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      ...init,
      headers: { cookie, origin: base, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return { me, call };
}

// Exactly 40 open cases for pendamping.35.10: the koordinator gives or takes the difference.
const koordinator = await session('koordinator.35');
const worker = await session('pendamping.35.10');
const mine = async () => (await worker.call(`/cases?pendampingId=${worker.me.id}&status=tertangani&pageSize=100`)).items;
const terdata = (await worker.call(`/cases?pendampingId=${worker.me.id}&status=terdata&pageSize=100`)).items;
let open = [...(await mine()), ...terdata];
const colleague = (await koordinator.call('/caseload')).items.find(
  (c) => c.pendampingId !== worker.me.id && c.wilayah === worker.me.wilayah,
);
if (open.length > CASES) {
  await koordinator.call('/cases/assign', {
    method: 'POST',
    body: JSON.stringify({ caseIds: open.slice(CASES).map((c) => c.id), pendampingId: colleague.pendampingId }),
  });
} else if (open.length < CASES) {
  const area = (await koordinator.call(`/cases?status=tertangani&wilayah=${worker.me.wilayah}&pageSize=100`)).items;
  const more = area.filter((c) => c.pendampingId !== worker.me.id).slice(0, CASES - open.length);
  await koordinator.call('/cases/assign', {
    method: 'POST',
    body: JSON.stringify({ caseIds: more.map((c) => c.id), pendampingId: worker.me.id }),
  });
}
open = [...(await mine()), ...(await worker.call(`/cases?pendampingId=${worker.me.id}&status=terdata&pageSize=100`)).items];

// Baseline of the first sync: the same answer, unthrottled, from Node.
const t0 = performance.now();
const full = await worker.call('/sync/changes');
const unthrottledMs = performance.now() - t0;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const context = await browser.newContext({
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  locale: 'id-ID',
  baseURL: base,
});
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
const wire = new Map();
cdp.on('Network.responseReceived', (e) => wire.set(e.requestId, { url: e.response.url, bytes: 0 }));
cdp.on('Network.loadingFinished', (e) => {
  const r = wire.get(e.requestId);
  if (r) r.bytes = e.encodedDataLength;
});
const throttle = async (on) => {
  await cdp.send(
    'Network.emulateNetworkConditions',
    on ? SLOW_3G : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
  );
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: on ? 4 : 1 });
};

/** The sync cursor kept on the device, or null. */
const cursor = () =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const r = indexedDB.open('tuntas-offline');
        r.onerror = () => resolve(null);
        r.onsuccess = () => {
          if (!r.result.objectStoreNames.contains('cache')) return resolve(null);
          const g = r.result.transaction('cache').objectStore('cache').get('queries');
          g.onsuccess = () => resolve(g.result?.sync?.cursor ?? null);
          g.onerror = () => resolve(null);
        };
      }),
  );
const until = async (check, timeoutMs = 300_000) => {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

console.log(`${open.length} open cases; first sync…`);
// 1. First sync on slow 3G: from the sign-in form's submit to the working set kept.
await throttle(true);
await page.goto('/masuk');
await page.getByLabel('Nama pengguna').fill('pendamping.35.10');
await page.getByLabel('Kata sandi').fill(PASSWORD);
const firstStart = Date.now();
await page.getByRole('button', { name: 'Masuk', exact: true }).click();
await until(async () => (await cursor()) !== null);
const firstMs = Date.now() - firstStart;
const syncBytes = [...wire.values()].filter((r) => r.url.includes('/api/v1/sync/changes')).reduce((s, r) => s + r.bytes, 0);
const allBytes = [...wire.values()].reduce((s, r) => s + r.bytes, 0);
await page.evaluate(async () => navigator.serviceWorker.ready);

console.log(`first sync ${firstMs} ms`);
// 2. Storage on the device.
const storage = await page.evaluate(async () => {
  const e = await navigator.storage.estimate();
  return { usage: e.usage, details: e.usageDetails ?? null };
});

// 3. A queued write on screen, offline, CPU 4x.
await context.setOffline(true);
const kase = open[0];
await page.goto(`/kasus/${kase.id}`);
await page.getByRole('tab', { name: 'Layanan' }).click();
const shown = [];
for (let i = 0; i < 3; i++) {
  await page.goto(`/kasus/${open[i].id}`);
  await page.getByRole('tab', { name: 'Layanan' }).click();
  const form = page.locator('details', { hasText: 'Catat layanan atau catatan' });
  await form.locator('summary').click();
  await form.getByLabel('Catatan kasus').check();
  const text = `Catatan bench ${i} ${Date.now()}`;
  await form.getByLabel('Uraian').fill(text);
  // The click is stamped by a capture listener, the line's appearance by an observer: page time, no driver in between.
  await page.evaluate((needle) => {
    window.__shown = null;
    document.addEventListener('click', () => (window.__clicked = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if ([...document.querySelectorAll('[data-testid=pending-service]')].some((el) => el.textContent?.includes(needle))) {
        observer.disconnect();
        window.__shown = performance.now();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, text);
  await form.getByRole('button', { name: 'Simpan', exact: true }).click();
  await page.locator('[data-testid=pending-service]', { hasText: text }).waitFor();
  const ms = await page.evaluate(() => window.__shown - window.__clicked);
  shown.push(ms);
}
// Baseline: a tap whose answer is the page's own React state (opening the "add" form) on the same CPU.
const tap = [];
for (let i = 0; i < 5; i++) {
  tap.push(
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const tab = [...document.querySelectorAll('[role=tab]')].find(
            (b) => b.textContent?.trim() !== 'Layanan' && b.getAttribute('aria-selected') !== 'true',
          );
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if (tab.getAttribute('aria-selected') === 'true') {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, { attributes: true, subtree: true });
          tab.click();
        }),
    ),
  );
  await page.getByRole('tab', { name: 'Layanan' }).click();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Puts N service notes into the outbox as the app stores them: sealed with the user's data key. */
const inject = (n) =>
  page.evaluate(
    async ({ n, userId, caseIds }) => {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('tuntas-offline');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const get = (key) =>
        new Promise((resolve) => {
          const g = db.transaction('keys').objectStore('keys').get(key);
          g.onsuccess = () => resolve(g.result);
        });
      const wrap = await get(`wrap:${userId}`);
      const key = await crypto.subtle.unwrapKey('raw', await get(`data:${userId}`), wrap, 'AES-KW', 'AES-GCM', false, ['encrypt']);
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const rows = [];
      for (let i = 0; i < n; i++) {
        const caseId = caseIds[i % caseIds.length];
        const entry = {
          id: crypto.randomUUID(),
          userId,
          kind: 'service',
          method: 'POST',
          path: `/cases/${caseId}/services`,
          body: { jenis: 'catatan', atensi: null, tanggal: today, tempat: null, pelaksana: null, uraian: `Kunjungan bench ${n}-${i}` },
          idempotencyKey: crypto.randomUUID(),
          baseVersion: null,
          actedAt: new Date().toISOString(),
          status: 'menunggu',
          error: null,
          ref: { caseId },
        };
        const iv = crypto.getRandomValues(new Uint8Array(12));
        const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(entry)));
        rows.push({ userId, sealed: { iv, data } });
      }
      await new Promise((resolve, reject) => {
        const tx = db.transaction('outbox', 'readwrite');
        for (const row of rows) tx.objectStore('outbox').add(row);
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
    },
    { n, userId: worker.me.id, caseIds: open.map((c) => c.id) },
  );
const outboxRows = () =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const r = indexedDB.open('tuntas-offline');
        r.onsuccess = () => {
          const c = r.result.transaction('outbox').objectStore('outbox').count();
          c.onsuccess = () => resolve(c.result);
        };
      }),
  );

/** N queued writes, the app reloaded offline, then online on slow 3G: ms until all are sent (and the delta round ended). */
async function replay(n) {
  await throttle(false);
  await context.setOffline(false);
  await until(async () => (await outboxRows()) === 0);
  await context.setOffline(true);
  await inject(n);
  await page.goto('/kirim');
  await page.getByTestId('outbox-count').waitFor();
  const before = await cursor();
  const start = Date.now();
  // Playwright's setOffline sets the network conditions itself: the slow-3G profile goes on after it.
  await context.setOffline(false);
  await throttle(true);
  await until(async () => (await outboxRows()) === 0);
  const sentMs = Date.now() - start;
  // The delta round that follows by itself; if none came within 15 s, asked for on "Belum terkirim".
  let auto = true;
  try {
    await until(async () => (await cursor()) !== before, 15_000);
  } catch {
    auto = false;
    await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await until(async () => (await cursor()) !== before, 60_000);
  }
  return { sentMs, syncedMs: Date.now() - start, deltaByItself: auto };
}
console.log(`write shown ${shown.map(Math.round)}`);
const twenty = await replay(20);
console.log('20 replayed', twenty);
const twoHundred = await replay(200);

await browser.close();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const floor = (n) => n * RTT;
const result = {
  profile: 'slow 3G: 400 ms RTT, 400 kbit/s down and up, CPU x4 (Chromium CDP)',
  cases: open.length,
  firstSync: {
    ms: firstMs,
    target: 10_000,
    syncBytes,
    allBytes,
    targetBytes: 1_000_000,
    baselineUnthrottledMs: Math.round(unthrottledMs),
    cases: full.cases.length,
  },
  storage: { bytes: storage.usage, details: storage.details, target: 10_000_000 },
  queuedWriteShown: {
    medianMs: Math.round(median(shown)),
    runs: shown.map(Math.round),
    target: 100,
    baselineTapMs: Math.round(median(tap)),
  },
  replay20: { ...twenty, target: 5_000, baselineRoundTripsMs: floor(20) },
  replay200: { ...twoHundred, target: 30_000, baselineRoundTripsMs: floor(200) },
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/offline-sync.json'), `${JSON.stringify(result, null, 2)}\n`);
console.table({
  'first sync (ms)': { value: result.firstSync.ms, target: 10_000, baseline: result.firstSync.baselineUnthrottledMs },
  'first sync /sync/changes bytes': { value: syncBytes, target: 1_000_000, baseline: null },
  'first load all bytes': { value: allBytes, target: null, baseline: null },
  'device storage bytes': { value: storage.usage, target: 10_000_000, baseline: null },
  'queued write shown (ms, median)': {
    value: result.queuedWriteShown.medianMs,
    target: 100,
    baseline: result.queuedWriteShown.baselineTapMs,
  },
  '20 writes sent (ms)': { value: twenty.sentMs, target: null, baseline: floor(20) },
  '20 writes + delta (ms)': { value: twenty.syncedMs, target: 5_000, baseline: floor(20) },
  '200 writes sent (ms)': { value: twoHundred.sentMs, target: 30_000, baseline: floor(200) },
});
