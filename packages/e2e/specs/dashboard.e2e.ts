import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
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
    const map = page.getByRole('group', { name: /Peta .* per provinsi/ });
    await map.waitFor();
    await screenshot(page, 'dasbor-nasional-desktop');
    await screenshot(page, 'dasbor-nasional-layar-desktop', { screen: true });
    // Tiles say the province's short name, not its code; its whole name and value are its accessible name.
    expect(await map.locator('g[data-kode="35"] text').first().textContent()).toBe('Jatim');
    expect(await map.getByRole('button').count()).toBe(38);
    // The trend is drawn by the charting library (a canvas named as the chart), its numbers a tap away, one row a month.
    await page.getByRole('img', { name: 'Tren bulanan: kasus dibuka dan terselesaikan' }).waitFor();
    expect(await page.locator('.trend-chart canvas').evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0)).toBe(true);
    await page.getByText('Lihat angkanya').click();
    expect(
      await page
        .getByRole('region', { name: /Tren bulanan/ })
        .getByRole('row')
        .count(),
    ).toBeGreaterThan(1);
    const listTotal = (wilayah: string) =>
      page.evaluate(
        async (w) => ((await (await fetch(`/api/v1/cases?pageSize=1${w ? `&wilayah=${w}` : ''}`)).json()) as { total: number }).total,
        wilayah,
      );
    expect(await funnelTotal(page)).toBe(await listTotal(''));

    // By keyboard: focus Jawa Timur's tile and press Enter.
    await map.getByRole('button', { name: /^Jawa Timur: / }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dasbor Jawa Timur' }).waitFor();
    expect(await funnelTotal(page)).toBe(await listTotal('35'));
    await page.getByRole('link', { name: 'Kabupaten Banyuwangi' }).click();
    await page.getByRole('heading', { name: 'Dasbor Kabupaten Banyuwangi' }).waitFor();
    expect(await funnelTotal(page)).toBe(await listTotal('35.10'));
    await screenshot(page, 'dasbor-kabupaten-desktop');
    // And back up by the breadcrumb.
    await page.getByRole('navigation', { name: 'Jejak wilayah' }).getByRole('link', { name: 'Jawa Timur' }).click();
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
    // A period narrows the trend to its months.
    await page.getByLabel('Periode dari (bulan)').fill('2026-06');
    await page.getByLabel('sampai (bulan)').fill('2026-08');
    await expect.poll(() => new URL(page.url()).search).toContain('sampai=2026-08');
    const months = await page.evaluate(async () =>
      (
        (await (await fetch('/api/v1/dashboard/overview?dari=2026-06&sampai=2026-08')).json()) as { tren: Array<{ bulan: string }> }
      ).tren.map((m) => m.bulan),
    );
    expect(months).toEqual(['2026-06', '2026-07', '2026-08']);
    await page.goto('/dasbor?wilayah=31');
    await page.getByText('Data tidak ditemukan.').waitFor();
    await close();
  });

  it('the direktorat makes the national monthly XLSX and PDF, which open and show the dashboard’s numbers', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'direktorat');
    await page.getByRole('link', { name: 'Laporan' }).first().click();
    await page.getByRole('heading', { name: 'Laporan bulanan' }).waitFor();
    const before = await page.locator('[data-testid=report]').count();
    await page.getByRole('button', { name: 'Buat laporan' }).click();
    const xlsxLink = page
      .locator('[data-testid=report]')
      .first()
      .getByRole('link', { name: /^Unduh/ });
    await expect.poll(() => page.locator('[data-testid=report]').count()).toBe(before + 1);
    await xlsxLink.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const summary = new Map<string, unknown>();
    workbook.getWorksheet('Ringkasan')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    const dashboardTotal = await page.evaluate(
      async () => ((await (await fetch('/api/v1/dashboard/overview')).json()) as { funnel: { total: number } }).funnel.total,
    );
    expect(summary.get('Jumlah kasus')).toBe(dashboardTotal);
    expect(workbook.getWorksheet('Per wilayah')!.rowCount - 1).toBe(38);

    await page.getByLabel('Format').selectOption('pdf');
    await page.getByRole('button', { name: 'Buat laporan' }).click();
    await expect.poll(() => page.locator('[data-testid=report]').count()).toBe(before + 2);
    const pdfLink = page
      .locator('[data-testid=report]', { hasText: 'PDF' })
      .first()
      .getByRole('link', { name: /^Unduh/ });
    await pdfLink.waitFor({ timeout: 30_000 });
    await screenshot(page, 'laporan-desktop');
    const [pdf] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    const bytes = readFileSync((await pdf.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
    await close();
  });
});
