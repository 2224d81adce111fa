import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('cases', () => {
  it('a pendamping lands on their cases, opens one being handled and moves it on, and the history shows it', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    await page.getByRole('heading', { name: 'Kasus saya' }).waitFor();
    await page
      .getByRole('link', { name: /Tertangani/ })
      .first()
      .click();
    await expect.poll(() => new URL(page.url()).search).toBe('?status=tertangani');
    await page.getByLabel('Hanya yang terlambat').waitFor(); // the list screen, not Beranda
    await page.locator('.cards a').first().waitFor();
    await screenshot(page, 'kasus-saya-ponsel');
    // Open the pendamping's cases in turn until one can move forward (one at terminasi waits for the koordinator).
    const links = await page.locator('.cards a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    // Only a step the case may take now: one still gated (its button disabled, with what it needs)
    // is no step forward — and other specs (offline-day) move this pendamping's cases too.
    const next = page.locator('.actions button:enabled', { hasText: /^Lanjut ke / });
    for (const href of links) {
      await page.goto(href!);
      await page.getByRole('heading', { name: 'Riwayat kasus' }).waitFor();
      if ((await next.count()) > 0) break;
    }
    if ((await next.count()) === 0) throw new Error('none of the pendamping’s active cases offers a forward step');
    const label = await next.first().innerText();
    await page.getByLabel('Catatan (opsional)').fill('Kunjungan rumah, keluarga setuju melanjutkan');
    await next.first().click();
    const stage = label.replace('Lanjut ke ', '');
    await expect.poll(() => page.locator('.stepper li[aria-current=step]').innerText()).toContain(stage);
    await page.getByText('Kunjungan rumah, keluarga setuju melanjutkan').waitFor();
    await screenshot(page, 'kasus-halaman-ponsel');
    expect(errors).toEqual([]);
    await close();
  });

  it('a pendamping sees overdue work on Beranda and lists only it', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    await page.getByRole('link', { name: /melewati batas tahapan/ }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?terlambat=1');
    // The list screen (not Beranda's cards, still shown while the screen's code loads).
    await page.getByLabel('Hanya yang terlambat').waitFor();
    await page.locator('.cards a').first().waitFor();
    const cards = await page.locator('.cards a').allInnerTexts();
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card).toContain('Terlambat');
    expect(await page.getByLabel('Hanya yang terlambat').isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('a koordinator assigns a case, offered only the pendamping of its area with their caseload', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'koordinator.35');
    await page.goto('/kasus?status=terdata');
    await page.getByLabel('Hanya yang terlambat').waitFor();
    // On a laptop the office's list is a table (issue 21): one check box per row.
    const rows = page.locator('table.case-table tbody tr');
    await rows.first().waitFor();
    const numbers = [];
    for (const i of [0]) {
      await rows.nth(i).getByRole('checkbox').check();
      numbers.push((await rows.nth(i).getByRole('link').innerText()).match(/K-\d{7}/)![0]);
    }
    const select = page.getByLabel('Tugaskan 1 kasus terpilih kepada');
    const option = await select.locator('option').nth(1).innerText();
    expect(option).toMatch(/kasus aktif \(anjuran 25\)/);
    await select.selectOption({ index: 1 });
    await screenshot(page, 'penugasan-koordinator-desktop');
    await page.getByRole('button', { name: 'Tugaskan' }).click();
    await page.getByRole('region', { name: 'Penugasan kasus' }).waitFor({ state: 'detached' });
    const name = option.split(' — ')[0]!;
    for (const nomor of numbers) await rows.filter({ hasText: nomor }).filter({ hasText: name }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('a koordinator sees the province’s cases with their pendamping on a desktop', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'koordinator.35');
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Kasus', exact: true }).click();
    const firstRow = page.locator('table.case-table tbody tr').first();
    await firstRow.waitFor();
    expect(await firstRow.locator('td').nth(5).innerText()).not.toBe('');
    const nomor = (await firstRow.getByRole('link').innerText()).match(/K-\d{7}/)![0];
    await screenshot(page, 'kasus-koordinator-desktop');
    // The global search finds the same case by its number.
    await page.getByRole('link', { name: 'Cari', exact: true }).click();
    await page.getByLabel('NIK, nama, atau nomor kasus (K-…)').fill(nomor);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.locator('.cards a', { hasText: nomor }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});
