import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('Data referensi beyond the calendar (issue 20), on a desktop', () => {
  it('the national admin sets the caseload limits and a stage target, adds an institution to a province’s directory, and sees the catalogues', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Data referensi' }).click();
    await page.getByRole('heading', { level: 2, name: 'Batas beban kasus' }).waitFor();

    // Caseload limits: changed, seen at once, then put back so other specs keep the demo's limits.
    const limits = page.getByTestId('caseload-limits');
    const original = (await limits.innerText()).match(/Rekomendasi (\d+) kasus aktif, maksimum (\d+)/)!;
    const form = page.getByRole('form', { name: 'Batas beban kasus' });
    const setLimits = async (rekomendasi: string, maksimum: string) => {
      await form.getByLabel('Rekomendasi (kasus aktif)').fill(rekomendasi);
      await form.getByLabel('Maksimum (kasus aktif)').fill(maksimum);
      await form.getByRole('button', { name: 'Simpan batas beban kasus' }).click();
      await expect.poll(() => limits.innerText()).toContain(`Rekomendasi ${rekomendasi} kasus aktif, maksimum ${maksimum}.`);
    };
    await form.getByLabel('Rekomendasi (kasus aktif)').fill('50');
    await form.getByLabel('Maksimum (kasus aktif)').fill('45');
    await form.getByRole('button', { name: 'Simpan batas beban kasus' }).click();
    await form.getByRole('alert').getByText('tidak boleh melebihi batas maksimum').waitFor();
    await setLimits('22', '35');
    expect(await limits.innerText()).toContain('Ditetapkan di Data referensi');
    await setLimits(original[1]!, original[2]!);

    // A stage target for one category, at the default's own value (no demo case changes its deadline).
    const targets = page.getByRole('table', { name: 'Target waktu tahapan' });
    const defaultRow = targets.locator('tr[data-target="terminasi:*"]');
    const days = (await defaultRow.locator('td').nth(2).innerText()).replace(/\D/g, '');
    await page.getByRole('button', { name: 'Tambah target per kategori' }).click();
    const targetForm = page.getByRole('form', { name: 'Atur target tahapan' });
    await targetForm.getByLabel('Tahapan').selectOption('terminasi');
    await targetForm.getByLabel('Kategori PPKS').selectOption('25');
    await targetForm.getByLabel('Target (hari)').fill(days);
    await targetForm.getByRole('button', { name: 'Simpan target' }).click();
    await targets.locator('tr[data-target="terminasi:25"]').waitFor();
    expect(await targets.locator('tr[data-target="terminasi:25"]').innerText()).toContain(`${days} hari`);

    // The directory of Jawa Timur gets a new institution.
    const directory = page.getByRole('region', { name: 'Direktori lembaga rujukan' });
    await directory.getByLabel('Provinsi').selectOption('35');
    const nama = `UPTD PPA Kabupaten Jember ${Date.now()}`;
    await directory.getByRole('button', { name: 'Tambah lembaga' }).click();
    const add = directory.getByRole('form', { name: 'Tambah lembaga' });
    await add.getByLabel('Nama lembaga').fill(nama);
    await add.getByLabel('Jenis').selectOption('uptd_ppa');
    await add.getByLabel('Telepon').fill('0331-000000');
    await add.getByRole('button', { name: 'Simpan lembaga' }).click();
    await directory.getByRole('table').getByText(nama).waitFor();

    await page.getByText('26 kategori PPKS').click();
    await page
      .getByRole('table', { name: 'Kategori PPKS', exact: true })
      .getByRole('cell', { name: /^Korban Perdagangan Orang/ })
      .waitFor();
    await page.getByText(/^Formulir asesmen \(versi \d+\)$/).click();
    expect(await page.getByRole('table', { name: 'Formulir asesmen per kategori' }).getByRole('row').count()).toBe(27);
    await screenshot(page, 'data-referensi-desktop');
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
    await close();
  });
});
