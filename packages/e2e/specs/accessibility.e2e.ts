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
  ],
  'koordinator.35': ['/', '/kasus', 'CASE', '/persetujuan', '/tim', '/dasbor', '/bencana', '/pelatihan', '/pengguna'],
  direktorat: ['/', '/dasbor', '/bencana', '/laporan', '/pelatihan'],
  admin: ['/', '/pengguna', '/referensi', '/audit'],
  auditor: ['/', '/audit'],
};

/** One of the user's own cases (its page holds the working file's tabs). */
async function firstCase(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const list = (await (await fetch('/api/v1/cases?pageSize=5&status=tertangani')).json()) as { items: Array<{ id: string }> };
    return `/kasus/${list.items[0]!.id}`;
  });
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
        const path = screen === 'CASE' ? await firstCase(page) : screen;
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        for (const finding of await axeFindings(page)) found.push({ screen: path, ...finding });
      }
      expect(found).toEqual([]);
      await close();
    },
    120_000,
  );
});
