import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/api.js';
import { DESKTOP, launch, openPage, PHONE, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const total = async (page: Page, query: string) => (await json<{ total: number }>(page, `/cases?pageSize=1&${query}`)).body.total;
/** The count the page states, as a number ("1.234 kasus" → 1234). */
const shown = async (page: Page) => Number((await page.getByText(/^[\d.]+ kasus$/).innerText()).replace(/\D/g, ''));
const column = (page: Page, n: number) => page.locator(`table.case-table tbody tr td:nth-child(${n})`).allInnerTexts();

/** Cases the koordinator opens in Kab. Banyuwangi without a pendamping, as the office registers walk-ins. */
async function openUnassigned(page: Page, n: number): Promise<void> {
  for (let made = 0, attempt = 0; made < n && attempt < 20; attempt += 1) {
    const serial = String(1000 + Math.floor(Math.random() * 8999));
    const person = await json<{ id: string }>(page, '/beneficiaries', {
      method: 'POST',
      body: { nik: `351001520679${serial}`, nama: 'Sri Wahyuni', jenisKelamin: 'P', tanggalLahir: '1979-06-12', kodeDesa: '35.10.01.2001' },
    });
    if (person.status !== 201) continue;
    const kase = await json(page, '/cases', { method: 'POST', body: { beneficiaryId: person.body.id, ppks: '24' } });
    expect(kase.status).toBe(201);
    made += 1;
  }
}

describe('the koordinator’s case list scales (issue 21)', () => {
  it('on a laptop: a table sorted and filtered on the server, counted, and assigned from the filtered selection', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'koordinator.35');
    await openUnassigned(page, 3);
    await page.goto('/kasus');
    const table = page.getByRole('table', { name: 'Daftar kasus' });
    await table.waitFor();
    const filters = page.getByRole('group', { name: 'Saring kasus' });
    await expect.poll(() => shown(page)).toBe(await total(page, ''));

    // Area and stage: the count is the server's for the same filters, every row of that stage.
    await filters.getByLabel('Kabupaten/kota').selectOption('35.10');
    // A stage the area's cases are in (the demo's mix varies with its scale).
    const stage = (await json<{ items: Array<{ tahapan: string }> }>(page, '/cases?wilayah=35.10&pageSize=1')).body.items[0]!.tahapan;
    await filters.getByLabel('Tahapan').selectOption(stage);
    await expect.poll(() => shown(page)).toBe(await total(page, `wilayah=35.10&tahapan=${stage}`));
    const stageName = (await filters.getByLabel('Tahapan').locator(`option[value="${stage}"]`).innerText()).trim();
    expect(new Set(await column(page, 5))).toEqual(new Set([stageName]));

    // Opened, oldest first: the server's order for the filter, row by row.
    await page.getByRole('button', { name: 'Urutkan menurut Dibuka' }).click();
    await page.getByRole('button', { name: 'Urutkan menurut Dibuka' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('arah')).toBe('asc');
    const expected = (
      await json<{ items: Array<{ nomor: string }> }>(page, `/cases?wilayah=35.10&tahapan=${stage}&urut=dibuka&arah=asc&pageSize=20`)
    ).body.items.map((c) => c.nomor);
    await expect.poll(() => column(page, 2)).toEqual(expected);
    expect(await page.getByRole('columnheader', { name: /Dibuka/ }).getAttribute('aria-sort')).toBe('ascending');

    // The unassigned of the area, then every one on the page given to one pendamping at once.
    await filters.getByLabel('Tahapan').selectOption('');
    // The filters live in the URL: the box shows its state once the router has moved.
    await filters.getByLabel('Hanya yang belum ditugaskan').click();
    await expect.poll(() => filters.getByLabel('Hanya yang belum ditugaskan').isChecked()).toBe(true);
    const waiting = await total(page, 'wilayah=35.10&tanpaPendamping=true');
    expect(waiting).toBeGreaterThanOrEqual(3);
    await expect.poll(() => shown(page)).toBe(waiting);
    expect(new Set(await column(page, 6))).toEqual(new Set(['belum ditugaskan']));
    const onPage = Math.min(waiting, 20);
    await page.getByLabel('Pilih semua kasus di halaman ini').click();
    const bar = page.getByRole('region', { name: 'Penugasan kasus' });
    await bar.getByLabel(`Tugaskan ${onPage} kasus terpilih kepada`).selectOption({ index: 1 });
    await bar.getByRole('button', { name: 'Tugaskan' }).click();
    await expect.poll(() => total(page, 'wilayah=35.10&tanpaPendamping=true')).toBe(waiting - onPage);
    if (waiting > onPage) await expect.poll(() => shown(page)).toBe(waiting - onPage);
    else await page.getByText('Tidak ada kasus yang cocok.').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('on a phone the koordinator keeps the cards', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'koordinator.35');
    await page.goto('/kasus?wilayah=35.10');
    await page.locator('ul.cards li').first().waitFor();
    expect(await page.getByRole('table', { name: 'Daftar kasus' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
