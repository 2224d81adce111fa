import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';
import { axeFindings } from '../support/axe.js';
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

describe('retention and legal holds (issue 23, UU 27/2022), on a laptop', () => {
  it('a koordinator holds a person from anonymisation with a reference and releases it; the direktorat reads the schedule and what is due', async () => {
    const koordinator = await openPage(browser, DESKTOP);
    await signIn(koordinator.page, 'pendamping.35.10');
    const kase = await caseWithoutNik(koordinator.page, { nama: `Rina Lestari ${Date.now()}`, jenisKelamin: 'P', perkiraanUmur: 34 });
    await koordinator.close();

    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'koordinator.35');
    await page.goto(`/penerima-manfaat/${kase.beneficiaryId}`);
    const section = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Pelindungan data pribadi' }) });
    await section.getByText('Tahan dari penganoniman').click();
    const reason = section.getByLabel('Alasan');
    await reason.fill('Perkara 12/Pid.Sus-Anak/2026/PN Bwi');
    await section.getByRole('button', { name: 'Catat penahanan' }).click();
    await section.getByText('Data orang ini ditahan').waitFor();
    expect(await section.getByRole('link', { name: 'Unduh laporan subjek data (JSON)' }).getAttribute('href')).toBe(
      `/api/v1/beneficiaries/${kase.beneficiaryId}/data-subject-report`,
    );

    await page.goto('/retensi');
    const hold = page.getByRole('listitem').filter({ hasText: 'Perkara 12/Pid.Sus-Anak/2026/PN Bwi' });
    await hold.getByText('Berlaku').waitFor();
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'retensi-koordinator-laptop');
    await hold.getByText('Cabut penahanan').click();
    await hold.getByLabel('Alasan pencabutan').fill('Putusan berkekuatan hukum tetap');
    await hold.getByRole('button', { name: 'Cabut sekarang' }).click();
    await hold.waitFor({ state: 'detached' });
    await page.getByRole('switch', { name: 'Tampilkan yang sudah dicabut' }).check();
    await hold.getByText('Putusan berkekuatan hukum tetap').waitFor();
    // The same list on the koordinator's phone: no sideways scroll, a person's section likewise.
    await page.setViewportSize(PHONE);
    await hold.getByText('Putusan berkekuatan hukum tetap').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await axeFindings(page)).toEqual([]);
    await screenshot(page, 'retensi-koordinator-ponsel');
    await page.goto(`/penerima-manfaat/${kase.beneficiaryId}`);
    await section.getByText('Tahan dari penganoniman').waitFor();
    await section.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'pelindungan-data-orang-ponsel');
    expect(errors).toEqual([]);
    await close();

    const direktorat = await openPage(browser, DESKTOP);
    await signIn(direktorat.page, 'direktorat');
    await direktorat.page.goto('/retensi');
    const schedule = direktorat.page.getByRole('region', { name: 'Jadwal retensi' });
    await schedule.getByText('1.825 hari').first().waitFor();
    await direktorat.page.getByText('Jatuh tempo tetapi ditahan').waitFor();
    expect(await axeFindings(direktorat.page)).toEqual([]);
    await screenshot(direktorat.page, 'retensi-direktorat-laptop');
    expect(direktorat.errors).toEqual([]);
    await direktorat.close();
  });
});
