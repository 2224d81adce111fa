import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Each tap the user makes, counted (typing is not a tap): issue 21's common tasks in few taps. */
function taps() {
  let count = 0;
  return {
    tap: async (target: Locator) => {
      count += 1;
      await target.click();
    },
    get count() {
      return count;
    },
  };
}

/** One of the pendamping's cases being worked on, opened from Beranda's list as they would. */
async function caseOnBeranda(page: Page): Promise<Locator> {
  const card = page.locator('a.card-link').first();
  await card.waitFor();
  return card;
}

describe('common tasks in few taps (issue 21)', () => {
  it('a pendamping checks in from Beranda in at most 2 taps', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: -8.22, longitude: 114.37, accuracy: 15 });
    await signIn(page, 'pendamping.35.11');
    const t = taps();
    await t.tap(page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Presensi' }));
    await t.tap(page.getByRole('button', { name: 'Presensi masuk' }));
    await page.getByText(/^Masuk \d{2}\.\d{2} WIB/).waitFor();
    expect(t.count).toBeLessThanOrEqual(2);
    expect(errors).toEqual([]);
    await close();
  });

  it('a pendamping records a home visit on a case in at most 4 taps from the case', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.11');
    await (await caseOnBeranda(page)).click();
    await page.getByRole('tablist').waitFor();
    const note = `Kunjungan rumah ${Date.now()}`;
    const t = taps();
    await t.tap(page.getByRole('tab', { name: 'Layanan' }));
    const form = page.locator('details', { hasText: 'Catat layanan atau catatan' });
    await t.tap(form.locator('summary'));
    await t.tap(form.getByLabel('Catatan kasus'));
    await form.getByLabel('Uraian').fill(note);
    await t.tap(form.getByRole('button', { name: 'Simpan', exact: true }));
    await page.getByText(note).first().waitFor();
    expect(t.count).toBeLessThanOrEqual(4);
    expect(errors).toEqual([]);
    await close();
  });

  it('a koordinator approves one pendamping’s day in at most 3 taps from Beranda', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'koordinator.35');
    const t = taps();
    await t.tap(page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Persetujuan' }));
    // Someone other than the demo's own pendamping, whose day another spec approves.
    const person = page.locator('details.approval-person').filter({ hasNotText: 'Pendamping Kab. Banyuwangi' }).first();
    await t.tap(person.locator('summary'));
    const day = person.locator('article.approval-day').first();
    const label = await day.getAttribute('aria-label');
    await t.tap(day.getByRole('button', { name: /^Setujui \d+ kegiatan hari ini$/ }));
    await page.getByText(/^\d+ kegiatan disetujui\.$/).waitFor();
    await expect.poll(() => page.locator(`article.approval-day[aria-label="${label}"]`).count()).toBe(0);
    expect(t.count).toBeLessThanOrEqual(3);
    expect(errors).toEqual([]);
    await close();
  });
});
