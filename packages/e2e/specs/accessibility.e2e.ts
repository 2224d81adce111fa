import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, type AxeFinding } from '../support/axe.js';
import { DESKTOP, launch, openPage, PHONE, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** The screens each role works in all day (issue 21: every one passes axe at 360 and 1366 px). */
const SCREENS: Record<string, string[]> = {
  'pendamping.35.10': [
    '/',
    '/kasus',
    'CASE',
    '/penerima-manfaat',
    '/penerima-manfaat/baru',
    '/kegiatan',
    '/presensi',
    '/pelatihan',
    '/kirim',
    '/akun/kata-sandi',
    '/cari',
    'KINERJA',
  ],
  'koordinator.35': [
    '/',
    '/kasus',
    'CASE',
    '/persetujuan',
    '/tim',
    'KINERJA',
    '/dasbor',
    '/bencana',
    'EVENT',
    '/pelatihan',
    '/pengguna',
    '/retensi',
  ],
  direktorat: ['/', '/dasbor', '/bencana', 'EVENT', '/laporan', '/pelatihan', '/retensi'],
  admin: ['/', '/pengguna', '/referensi', '/audit', '/retensi'],
  auditor: ['/', '/audit'],
};

/** One of the user's own cases (its page holds the working file's tabs). */
async function firstCase(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const list = (await (await fetch('/api/v1/cases?pageSize=5&status=tertangani')).json()) as { items: Array<{ id: string }> };
    return `/kasus/${list.items[0]!.id}`;
  });
}

/** A disaster event the user may open (its page holds the Situasi, Posko, Korban… tabs). */
async function firstEvent(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const list = (await (await fetch('/api/v1/disasters')).json()) as Array<{ id: string; status: string }>;
    const open = list.find((e) => e.status !== 'selesai') ?? list[0]!;
    return `/bencana/${open.id}`;
  });
}

/** Kinerja of the user (a pendamping) or of the first pendamping of their team (a koordinator). */
async function kinerja(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { id: string; role: string };
    if (me.role === 'pendamping') return `/kinerja/${me.id}`;
    const team = (await (await fetch('/api/v1/caseload')).json()) as { items: Array<{ pendampingId: string }> };
    return `/kinerja/${team.items[0]!.pendampingId}`;
  });
}

const SPECIAL: Record<string, (page: Page) => Promise<string>> = { CASE: firstCase, EVENT: firstEvent, KINERJA: kinerja };

/** Every tab of the screen's tab list, each checked as it shows (a case's working file, an event's parts). */
async function eachTab(page: Page, check: (label: string) => Promise<void>): Promise<void> {
  const tabs = page.getByRole('tablist').first().getByRole('tab');
  const count = (await page.getByRole('tablist').count()) > 0 ? await tabs.count() : 0;
  for (let i = 0; i < count; i++) {
    const tab = tabs.nth(i);
    const label = await tab.innerText();
    await tab.click();
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    await page.waitForLoadState('networkidle');
    // Pico animates a button's colours for 0.2 s: axe must see the tabs as they rest, not mid-fade.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await check(label);
  }
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const runs = Object.keys(SCREENS).flatMap((username) => [
    { username, viewport: PHONE, device: 'ponsel' },
    { username, viewport: DESKTOP, device: 'desktop' },
  ]);
  it.each(runs)(
    '$username on $device: every main screen has no violation',
    async ({ username, viewport }) => {
      const { page, close } = await openPage(browser, viewport);
      await signIn(page, username);
      const found: Array<AxeFinding & { screen: string }> = [];
      for (const screen of SCREENS[username]!) {
        const path = SPECIAL[screen] ? await SPECIAL[screen](page) : screen;
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        for (const finding of await axeFindings(page)) found.push({ screen: path, ...finding });
        await eachTab(page, async (tab) => {
          for (const finding of await axeFindings(page)) found.push({ screen: `${path} › ${tab}`, ...finding });
        });
      }
      expect(found).toEqual([]);
      await close();
    },
    240_000,
  );
});
