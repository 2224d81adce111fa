#!/usr/bin/env node
// Measures the web app's budgets (issue 5): initial JavaScript (gzip) of the first screen, and the
// time until a pendamping's Beranda is usable on an emulated slow-4G phone (Lighthouse's profile:
// 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower), cold cache, plus console errors, and
// the cumulative layout shift until the screen settles (Lighthouse's CLS: good ≤ 0.1).
// Usage: npm run build && node scripts/web-budget.mjs   → prints a table, writes bench/results/web-budget.json
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startDemo } from './lib/demo-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'packages/web/dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]);
const gzipBytes = initial.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length, 0);

const demo = await startDemo({ scale: 6000 });
const base = demo.base;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const runs = [];
const shifts = [];
const errors = [];
for (let i = 0; i < 3; i++) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
    baseURL: base,
  });
  await context.request.post('/api/v1/auth/login', {
    data: { username: 'pendamping.35.10', password: 'tuntas-demo' },
    headers: { origin: base },
  });
  const page = await context.newPage();
  // Every unexpected shift of the page as it loads, summed as Lighthouse does (one session: the load).
  await page.addInitScript(() => {
    globalThis.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) globalThis.__cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const start = Date.now();
  await page.goto('/', { waitUntil: 'commit' });
  // Usable: the pendamping's own funnel has its numbers and the first active case can be tapped.
  await page.locator('.funnel .big-number').first().waitFor();
  await page.locator('.cards a').first().waitFor();
  runs.push(Date.now() - start);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  shifts.push(Math.round((await page.evaluate(() => globalThis.__cls)) * 1000) / 1000);
  await context.close();
}
await browser.close();
await demo.stop();

runs.sort((a, b) => a - b);
const result = {
  initialJsGzipKB: Math.round(gzipBytes / 102.4) / 10,
  initialJsBudgetKB: 200,
  slow4gInteractiveMs: runs,
  slow4gMedianMs: runs[1],
  slow4gBudgetMs: 4000,
  layoutShift: shifts,
  layoutShiftBudget: 0.1,
  consoleErrors: errors,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/web-budget.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`initial JS (gzip): ${result.initialJsGzipKB} KB (budget 200 KB) — ${initial.join(', ')}`);
console.log(`slow 4G + 4x CPU, cold cache, to a usable Beranda: ${runs.join(' / ')} ms (median ${result.slow4gMedianMs}, budget 4000)`);
console.log(`layout shift while Beranda loads: ${shifts.join(' / ')} (budget 0.1)`);
console.log(`console errors: ${errors.length}`);
process.exit(result.initialJsGzipKB <= 200 && result.slow4gMedianMs <= 4000 && Math.max(...shifts) <= 0.1 && errors.length === 0 ? 0 : 1);
