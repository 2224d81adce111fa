import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('registry', () => {
  it('registers a person with live NIK checks, finds them by a misspelt name, and opens a case', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    await page.goto('/penerima-manfaat/baru');
    const nik = page.getByLabel('NIK', { exact: true });
    await nik.fill('3510015508');
    await nik.fill('3510014508900777');
    await page.getByText(/NIK terbaca: lahir 5 Agustus 1990, Perempuan/).waitFor();
    // The NIK already says the birth date and sex: the form fills them in.
    expect(await page.getByLabel('Tanggal lahir').inputValue()).toBe('1990-08-05');
    expect(await page.getByLabel('Jenis kelamin').inputValue()).toBe('P');
    await page.getByLabel('Nama lengkap').fill('Muhammad Yusuf Hidayat');
    // The pendamping's own regency is fixed; they choose the district and village.
    await page.getByLabel('Kecamatan', { exact: true }).selectOption('35.10.01');
    await page.getByLabel('Desa/kelurahan', { exact: true }).selectOption('35.10.01.2001');
    await screenshot(page, 'penerima-formulir-ponsel');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('heading', { name: /Muhammad Yusuf Hidayat/ }).waitFor();

    await page.goto('/penerima-manfaat');
    await page.getByLabel('Cari NIK atau nama').fill('Muhamad Yusup');
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.getByRole('link', { name: /Muhammad Yusuf Hidayat/ }).click();
    await page.getByRole('button', { name: 'Buka kasus' }).click();
    await page.getByLabel('Ringkasan masalah').waitFor();
    await page.getByRole('combobox', { name: /^Kategori PPKS/ }).selectOption('24');
    await page.getByLabel('Ringkasan masalah').fill('Kepala keluarga kehilangan pekerjaan');
    await page.getByRole('button', { name: 'Buka kasus' }).click();
    await page.getByRole('heading', { name: 'Riwayat kasus' }).waitFor();
    await page.getByText('Kasus dibuka').waitFor();
    expect(await page.locator('.badge').first().innerText()).toBe('Terdata');
    expect(errors).toEqual([]);
    await close();
  });

  it('registers a person without NIK under a temporary number with an estimated age, then links their NIK', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    await page.goto('/penerima-manfaat/baru');
    await page.getByLabel('Tidak memiliki NIK').check();
    await page.getByLabel('Alasan tidak memiliki NIK').selectOption('dokumen_hilang_bencana');
    await page.getByLabel('Nama lengkap').fill('Sumirah Tanpa Dokumen');
    await page.getByLabel('Jenis kelamin').selectOption('P');
    await page.getByLabel(/Tanggal lahir tidak diketahui/).check();
    await page.getByLabel('Perkiraan umur (tahun)').fill('50');
    await page.getByLabel('Kecamatan', { exact: true }).selectOption('35.10.01');
    await page.getByLabel('Desa/kelurahan', { exact: true }).selectOption('35.10.01.2001');
    await screenshot(page, 'penerima-tanpa-nik-ponsel');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('heading', { name: /Sumirah Tanpa Dokumen/ }).waitFor();
    await page.getByText(/^TMP-35-[0-9]{6,}$/).waitFor();
    await page.getByText('Belum ada NIK — Dokumen hilang karena bencana').waitFor();
    await page.getByText('± 50 tahun (perkiraan)').waitFor();
    await page.getByText('Tautkan NIK').click();
    // The NIK says the birth date: the form fills it in, the server checks it against the NIK.
    await page.getByLabel('NIK', { exact: true }).fill('3510015204769871');
    expect(await page.getByLabel('Tanggal lahir').inputValue()).toBe('1976-04-12');
    await screenshot(page, 'penerima-tautkan-nik-ponsel');
    await page.getByRole('button', { name: 'Simpan NIK' }).click();
    await page.getByText('3510015204769871').waitFor();
    await page.getByText(/12 April 1976/).waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('uploads a spreadsheet, shows what was accepted and what must be fixed, then imports it in the background', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuntas-e2e-import-'));
    const file = join(dir, 'data-desa.csv');
    writeFileSync(
      file,
      [
        'nik;nama;jenis_kelamin;tanggal_lahir;kode_desa',
        '3510014203850001;Sri Wahyuni;P;02/03/1985;35.10.01.2001',
        '3.5101E+15;Rusak Excel;L;1980-01-01;35.10.01.2001',
      ].join('\r\n'),
    );
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    await page.goto('/penerima-manfaat/impor');
    await page.getByLabel('Berkas').setInputFiles(file);
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.getByText('2 baris: 1 diterima, 1 ditolak.').waitFor();
    await page.getByRole('button', { name: /Unduh baris yang ditolak/ }).waitFor();
    await screenshot(page, 'impor-hasil-ponsel');
    // The real import runs as a job on the server; the page follows it to its end.
    await page.getByRole('switch', { name: 'Periksa saja, jangan simpan' }).uncheck();
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page.getByText('Tersimpan: 1 baru, 0 diperbarui.').waitFor();
    await page.getByText('2 baris: 1 diterima, 1 ditolak.').waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});
