import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';
import { caseWithoutNik } from '../support/records.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('legal bases of processing on the person’s page (issue 19, UU 27/2022), on a phone', () => {
  it('a child’s page shows each purpose’s basis; consent to photos comes from a parent with what was told, and its withdrawal leaves the child-protection basis standing', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    const kase = await caseWithoutNik(page, { nama: `Bima Saputra ${Date.now()}`, jenisKelamin: 'L', perkiraanUmur: 9 });
    await page.goto(`/penerima-manfaat/${kase.beneficiaryId}`);
    const bases = page.getByRole('table', { name: /^Dasar pemrosesan data per tujuan/ });
    const row = (tujuan: string) => bases.locator(`tr[data-tujuan=${tujuan}]`);
    await row('perlindungan_anak').waitFor();
    expect(await row('perlindungan_anak').innerText()).toContain('huruf c');
    expect(await row('perlindungan_anak').innerText()).toContain('Berlaku');
    expect(await row('dokumentasi').innerText()).toContain('Tidak berlaku');

    const form = page.getByRole('form', { name: 'Catat persetujuan' });
    const relations = await form.getByLabel('Hubungan').locator('option').allInnerTexts();
    expect(relations).toEqual(['Orang tua', 'Wali']);
    await form.getByLabel('Tujuan pemrosesan').selectOption('dokumentasi');
    await form.getByText('Yang disampaikan kepada pemberi persetujuan').click();
    await form.getByText(/Menarik kembali persetujuan/).waitFor();
    await form.getByLabel('Nama pemberi persetujuan').fill('Sumarni');
    await form.getByRole('button', { name: 'Catat persetujuan' }).click();
    await expect.poll(() => row('dokumentasi').innerText()).not.toContain('Tidak berlaku');
    await screenshot(page, 'dasar-pemrosesan-ponsel');

    const consent = page.getByRole('listitem').filter({ hasText: 'Foto, dokumentasi dan publikasi kegiatan — Sumarni' });
    await consent.getByRole('button', { name: 'Cabut' }).click();
    await consent.getByText(/Dicabut/).waitFor();
    await expect.poll(() => row('dokumentasi').innerText()).toContain('Tidak berlaku');
    expect(await row('perlindungan_anak').innerText()).toContain('Berlaku');
    expect(errors).toEqual([]);
    await close();
  });
});
