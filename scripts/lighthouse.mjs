#!/usr/bin/env node
// Lighthouse against the demo, mobile profile (issue 21): Lighthouse's own default — a mid-range
// phone, simulated slow 4G, 4x CPU — on the screens each role lives in, signed in, each run with a
// cold cache. Runs each page three times and keeps the median (Lighthouse's advice for noisy machines).
// Usage: npm run build && node scripts/lighthouse.mjs   → a table; bench/results/lighthouse.json
// Targets: performance ≥ 90, accessibility 100, best practices ≥ 95.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { startDemo } from './lib/demo-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const PAGES = [
  { user: 'pendamping.35.10', path: '/', name: 'Beranda (pendamping)' },
  { user: 'pendamping.35.10', path: '/kasus', name: 'Kasus saya (pendamping)' },
  { user: 'koordinator.35', path: '/persetujuan', name: 'Persetujuan (koordinator)' },
  { user: 'direktorat', path: '/dasbor', name: 'Dasbor (direktorat)' },
];
// LIGHTHOUSE_ONLY=/kasus,/persetujuan measures those paths only; LIGHTHOUSE_LHR_DIR=/tmp/lhr keeps
// every run's whole report there (the LCP element, long tasks, each script's cost) to read why.
const only = process.env.LIGHTHOUSE_ONLY?.split(',');
const MEASURED = only ? PAGES.filter((p) => only.includes(p.path)) : PAGES;
const TARGET = { performance: 90, accessibility: 100, 'best-practices': 95 };

const demo = await startDemo({ scale: 6000 });
const port = 9300 + Math.floor(Math.random() * 500);
const results = [];
try {
  for (const target of MEASURED) {
    // One browser per user: its default context (the one Lighthouse's tab opens in) holds the session.
    const profile = mkdtempSync(join(tmpdir(), 'tuntas-lh-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', `--remote-debugging-port=${port}`],
    });
    try {
      const login = await context.request.post(`${demo.base}/api/v1/auth/login`, {
        data: { username: target.user, password: 'tuntas-demo' },
        headers: { origin: demo.base },
      });
      if (!login.ok()) throw new Error(`sign-in of ${target.user}: ${login.status()}`);
      const runs = [];
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      for (let i = 0; i < RUNS; i++) {
        // Every run cold, as a first visit after sign-in: caches, the service worker and the
        // device's data go; the session cookie stays (Lighthouse's own reset would sign out).
        await cdp.send('Network.clearBrowserCache');
        await cdp.send('Storage.clearDataForOrigin', {
          origin: demo.base,
          storageTypes: 'cache_storage,service_workers,indexeddb,local_storage',
        });
        const { lhr } = await lighthouse(`${demo.base}${target.path}`, {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: Object.keys(TARGET),
          disableStorageReset: true,
        });
        if (process.env.LIGHTHOUSE_LHR_DIR) {
          mkdirSync(process.env.LIGHTHOUSE_LHR_DIR, { recursive: true });
          const file = `${target.path.slice(1).replace(/\W+/g, '_') || 'beranda'}-${i}.json`;
          writeFileSync(join(process.env.LIGHTHOUSE_LHR_DIR, file), JSON.stringify(lhr));
        }
        const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        runs.push({
          performance: score('performance'),
          accessibility: score('accessibility'),
          'best-practices': score('best-practices'),
          lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
          tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
          cls: Math.round((lhr.audits['cumulative-layout-shift']?.numericValue ?? 0) * 1000) / 1000,
          failing: Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
            .map((a) => a.id),
          finalUrl: lhr.finalDisplayedUrl,
          // What moved, for a page over the CLS budget: the element and its share.
          shifts: (lhr.audits['layout-shifts']?.details?.items ?? []).slice(0, 3).map((item) => ({
            score: Math.round(item.score * 1000) / 1000,
            node: item.node?.snippet ?? item.node?.selector ?? null,
          })),
        });
      }
      runs.sort((a, b) => a.performance - b.performance);
      results.push({ ...target, median: runs[Math.floor(runs.length / 2)], runs });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
} finally {
  await demo.stop();
}

mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/lighthouse.json'), `${JSON.stringify(results, null, 2)}\n`);
let ok = true;
for (const r of results) {
  const m = r.median;
  const met = Object.entries(TARGET).every(([k, v]) => m[k] >= v);
  ok &&= met;
  console.log(
    `${met ? 'ok ' : 'LOW'} ${r.name}: performance ${r.runs.map((x) => x.performance).join('/')} (median ${m.performance}), ` +
      `accessibility ${m.accessibility}, best practices ${m['best-practices']}; LCP ${m.lcpMs} ms, TBT ${m.tbtMs} ms, CLS ${m.cls}` +
      (m.failing.length ? `; failing: ${m.failing.join(', ')}` : '') +
      (m.finalUrl.endsWith(r.path) ? '' : ` (ended on ${m.finalUrl})`),
  );
}
process.exit(ok ? 0 : 1);
