import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/api.js';
import { axeFindings } from '../support/axe.js';
import { launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** The accessible name of the element that has focus, and its invalid mark. */
const focused = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { name: el?.name ?? '', invalid: el?.getAttribute('aria-invalid'), describedBy: el?.getAttribute('aria-describedby') };
  });

describe('forms as a new user meets them', () => {
  it('registration: no restored notice on an empty form, required marks with a legend, a refused save focuses the first invalid field', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    await page.goto('/penerima-manfaat/baru');
    await page.getByText('Kolom bertanda * wajib diisi.').waitFor();
    // Opened and left blank, then opened again: nothing was restored, so nothing is announced.
    await page.goto('/penerima-manfaat');
    await page.goto('/penerima-manfaat/baru');
    await page.getByText('Kolom bertanda * wajib diisi.').waitFor();
    expect(await page.getByText('Isian yang belum tersimpan dipulihkan.').count()).toBe(0);
    expect(await page.locator('label:has(input[name="nik"]) .required-mark').count()).toBe(1);

    // Only the name typed: the save is refused on the spot, the reader is taken to the NIK.
    await page.getByLabel('Nama lengkap').fill('Wahyuni Lestari');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('alert').filter({ hasText: 'isian perlu diperbaiki' }).waitFor();
    const first = await focused(page);
    expect(first).toEqual({ name: 'nik', invalid: 'true', describedBy: 'nik-error' });
    expect(await page.locator('#nik-error').innerText()).toBe('Wajib diisi.');
    // The focused field is on screen, not below the fold of a 360 px phone.
    const box = await page.locator('input[name="nik"]').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(740);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'formulir-galat-ponsel');

    // Corrected field by field, the first invalid one moves on.
    await page.getByLabel('NIK', { exact: true }).fill('3510014508900778');
    expect(await page.locator('#nik-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('alert').filter({ hasText: 'isian perlu diperbaiki' }).waitFor();
    expect((await focused(page)).name).toBe('kodeDesa');
    // A half-filled form comes back after a reload, and says so.
    await page.reload();
    await page.getByText('Isian yang belum tersimpan dipulihkan.').waitFor();
    expect(await page.getByLabel('Nama lengkap').inputValue()).toBe('Wahyuni Lestari');
    expect(errors).toEqual([]);
    await close();
  });

  it('case opening: without a category the save is refused on the spot and the category is focused', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    const person = await json<{ id: string }>(page, '/beneficiaries', {
      method: 'POST',
      body: {
        nik: null,
        alasanTanpaNik: 'dokumen_hilang_bencana',
        perkiraanUmur: 40,
        nama: 'Karsini Tanpa Kategori',
        jenisKelamin: 'P',
        kodeDesa: '35.10.01.2001',
      },
    });
    expect(person.status).toBe(201);
    await page.goto(`/kasus/baru?penerima=${person.body.id}`);
    await page.getByText('Kolom bertanda * wajib diisi.').waitFor();
    await page.getByRole('button', { name: 'Buka kasus' }).click();
    await page.locator('#ppks-error').waitFor();
    await screenshot(page, 'formulir-kasus-baru-ponsel');
    expect(await focused(page)).toEqual({ name: 'ppks', invalid: 'true', describedBy: 'ppks-error' });
    expect(await axeFindings(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('registration: a NIK already registered is reported while typing, with a link to the person', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    const found = await json<{ items: Array<{ id: string; nik: string | null; nama: string }> }>(page, '/beneficiaries?pageSize=50');
    const someone = found.body.items.find((p) => p.nik !== null && !p.nama.includes('.'))!;
    await page.goto('/penerima-manfaat/baru');
    await page.getByLabel('NIK', { exact: true }).pressSequentially(someone.nik!, { delay: 10 });
    const taken = page.getByTestId('nik-taken');
    await taken.waitFor();
    expect(await taken.innerText()).toContain(someone.nama);
    await screenshot(page, 'formulir-nik-terdaftar-ponsel');
    await page.getByRole('link', { name: `Buka data ${someone.nama}` }).click();
    await page.getByRole('heading', { name: new RegExp(someone.nama) }).waitFor();
    expect(page.url()).toContain(`/penerima-manfaat/${someone.id}`);
    expect(errors).toEqual([]);
    await close();
  });
});
