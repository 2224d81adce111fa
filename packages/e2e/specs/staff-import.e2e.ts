import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** A staff list as the province office keeps it: a koordinator, twenty pendamping (NI PPPK), and one bad NIP. */
async function staffList(): Promise<{ file: Buffer; stamp: string; firstNip: string }> {
  const run = Date.now();
  const birth = `1990${String(1 + (run % 12)).padStart(2, '0')}${String(1 + (Math.floor(run / 12) % 28)).padStart(2, '0')}`;
  const serial = (n: number) => String(100 + (Math.floor(run / 336) % 800) + n).padStart(3, '0');
  const stamp = run.toString(36);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Pegawai');
  sheet.addRow(['NIP/NI PPPK', 'Nama', 'Peran', 'Wilayah', 'Jenis ASN', 'Nama pengguna']);
  sheet.addRow([`198503122010012${serial(0)}`, `Rina Koordinator ${stamp}`, 'Koordinator', '35', 'PNS', `koor.${stamp}`]);
  for (let n = 1; n <= 20; n += 1)
    sheet.addRow([`${birth}202321${2}${serial(n)}`, `Pendamping ${stamp} ${n}`, 'Pendamping', '35.10', 'PPPK', '']);
  sheet.addRow(['1990041520232120', `NIP Salah ${stamp}`, 'Pendamping', '35.10', 'PPPK', '']);
  return { file: Buffer.from(await book.xlsx.writeBuffer()), stamp, firstNip: `${birth}202321${2}${serial(1)}` };
}

describe('staff list import on Pengguna (issue 20), on a desktop', () => {
  it('the admin checks a staff list, then opens a koordinator and twenty pendamping from it, the bad NIP row refused with its reason', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Pengguna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengguna' }).waitFor();
    await page.getByText('Impor daftar pegawai (XLSX)').click();
    const { file, stamp, firstNip } = await staffList();
    const form = page.getByRole('form', { name: 'Impor daftar pegawai (XLSX)' });
    await form.getByLabel('Berkas XLSX').setInputFiles({
      name: 'pegawai-jatim.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    const summary = page.getByTestId('staff-import-summary');
    await form.getByRole('button', { name: 'Periksa dulu' }).click();
    await expect.poll(() => summary.innerText()).toBe('22 baris diperiksa: 21 siap dibuat, 1 ditolak. Belum ada akun yang dibuat.');
    await form.getByRole('button', { name: 'Impor dan buat akun' }).click();
    await expect.poll(() => summary.innerText()).toBe('22 baris: 21 akun dibuat, 1 ditolak.');
    const rows = page.getByRole('table', { name: 'Hasil per baris' });
    expect(await rows.locator('tr[data-status=dibuat]').count()).toBe(21);
    expect(await rows.locator('tr[data-status=ditolak]').innerText()).toContain('NIP/NI PPPK harus 18 angka');
    const password = await rows.locator('tr[data-status=dibuat]').filter({ hasText: firstNip }).locator('.temporary-password').innerText();
    await screenshot(page, 'pengguna-impor-desktop');

    // The new pendamping signs in with the NIP and the temporary password, and must replace it first.
    const worker = await openPage(browser, DESKTOP);
    await worker.page.goto('/masuk');
    await worker.page.getByLabel('Nama pengguna').fill(firstNip);
    await worker.page.getByLabel('Kata sandi').fill(password);
    await worker.page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await worker.page.getByRole('heading', { level: 1, name: 'Ganti kata sandi' }).waitFor();
    await worker.close();

    // The list now holds them (the import's own results folded away).
    await page.getByText('Impor daftar pegawai (XLSX)').click();
    await page.getByRole('search').getByRole('searchbox').fill(stamp);
    await page.getByRole('search').getByRole('button', { name: 'Cari' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: stamp }).count()).toBe(21);
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    await close();
  });
});
