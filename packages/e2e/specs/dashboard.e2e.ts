import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const funnelTotal = async (page: import('playwright-core').Page) =>
  (await page.locator('.funnel .big-number').allInnerTexts()).reduce((s, n) => s + Number(n.replace(/\./g, '')), 0);

describe('dashboards', () => {
  it('the direktorat sees the national funnel and the map, clicks into a province and a regency, and the numbers match the case lists', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'direktorat');
    await page.getByRole('link', { name: 'Dasbor' }).first().click();
    await page.getByRole('heading', { name: 'Dasbor Indonesia' }).waitFor();
    await page.getByRole('img', { name: /Peta .* per provinsi/ }).waitFor();
    await screenshot(page, 'dasbor-nasional-desktop');
    const listTotal = (wilayah: string) =>
      page.evaluate(async (w) => ((await (await fetch(`/api/v1/cases?pageSize=1${w ? `&wilayah=${w}` : ''}`)).json()) as { total: number }).total, wilayah);
    expect(await funnelTotal(page)).toBe(await listTotal(''));

    await page.locator('g[data-kode="35"]').click();
    await page.getByRole('heading', { name: 'Dasbor Jawa Timur' }).waitFor();
    expect(await funnelTotal(page)).toBe(await listTotal('35'));
    await page.getByRole('link', { name: 'Kabupaten Banyuwangi' }).click();
    await page.getByRole('heading', { name: 'Dasbor Kabupaten Banyuwangi' }).waitFor();
    expect(await funnelTotal(page)).toBe(await listTotal('35.10'));
    await screenshot(page, 'dasbor-kabupaten-desktop');
    // And back up by the breadcrumb.
    await page.getByRole('navigation', { name: 'breadcrumb' }).getByRole('link', { name: 'Jawa Timur' }).click();
    await page.getByRole('heading', { name: 'Dasbor Jawa Timur' }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('a koordinator sees only their province', async () => {
    const { page, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'koordinator.35');
    await page.getByRole('link', { name: 'Dasbor' }).first().click();
    await page.getByRole('heading', { name: 'Dasbor Jawa Timur' }).waitFor();
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(10);
    await page.goto('/dasbor?wilayah=31');
    await page.getByText('Data tidak ditemukan.').waitFor();
    await close();
  });
});
