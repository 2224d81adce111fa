import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const VALUES = ['Berorientasi Pelayanan', 'Akuntabel', 'Kompeten', 'Harmonis', 'Loyal', 'Adaptif', 'Kolaboratif'];

describe('SKP as the rating official runs it (issue 19), on a desktop', () => {
  it('the koordinator sees discipline apart from the results, sets the work-result rating with a reason, and rates a quarter on the seven BerAKHLAK values', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'koordinator.35');
    // A pendamping of the area no other spec rates, not yet rated this year.
    const target = await page.evaluate(async () => {
      const year = new Date().getFullYear();
      const team = (await (await fetch(`/api/v1/performance?year=${year}&wilayah=35`)).json()) as {
        items: Array<{ userId: string; username: string; perilakuPeriode: unknown[]; penyesuaian: unknown }>;
      };
      return team.items.find((p) => p.username !== 'pendamping.35.10' && p.perilakuPeriode.length === 0 && !p.penyesuaian)!;
    });
    expect(target).toBeTruthy();
    await page.goto(`/kinerja/${target.userId}`);
    await page.getByRole('heading', { level: 1, name: /Kinerja \(SKP\)/ }).waitFor();

    const results = page.getByRole('table', { name: /^Hasil kerja/ });
    const discipline = page.getByRole('table', { name: /^Disiplin kerja/ });
    await discipline.locator('tr[data-indicator=kehadiran]').waitFor();
    expect(await discipline.locator('tr[data-indicator=jam_kegiatan]').count()).toBe(1);
    expect(await results.locator('tr[data-indicator=kehadiran], tr[data-indicator=jam_kegiatan]').count()).toBe(0);
    expect(await results.locator('tr[data-indicator=terselesaikan]').count()).toBe(1);

    const adjust = page.getByRole('form', { name: 'Penetapan rating hasil kerja' });
    await adjust.getByLabel('Rating hasil kerja yang ditetapkan').selectOption('di_atas');
    await adjust.getByLabel(/^Alasan penetapan/).fill('Memimpin pendataan korban banjir selama dua minggu di luar target.');
    await adjust.getByRole('button', { name: 'Simpan' }).click();
    await adjust.getByRole('status').waitFor();
    await expect.poll(() => page.getByTestId('hasil-kerja').innerText()).toBe('Di atas ekspektasi');
    await page.getByText(/Ditetapkan penilai \(hasil hitung: .+\)\. Memimpin pendataan korban banjir/).waitFor();

    const behaviour = page.getByRole('form', { name: 'Evaluasi perilaku kerja per periode' });
    const save = behaviour.getByRole('button', { name: /^Simpan penilaian Triwulan/ });
    expect(await save.isDisabled()).toBe(true);
    // A wrapped select's name carries its chosen option after the label text.
    for (const value of VALUES) await behaviour.getByLabel(new RegExp(`^${value}`)).selectOption('sesuai');
    await behaviour.getByLabel(/^Kompeten/).selectOption('di_atas');
    const quarter = (await save.innerText()).replace('Simpan penilaian ', '');
    await save.click();
    await behaviour.getByRole('status').waitFor();
    await expect.poll(() => page.getByTestId('perilaku-periode').innerText()).toBe(`${quarter}: Sesuai ekspektasi`);
    // Work results above expectation with behaviour as expected: "Baik" in the regulation's quadrant.
    await expect.poll(() => page.getByTestId('predikat').innerText()).toBe('Baik');
    await screenshot(page, 'kinerja-penilaian-desktop');
    expect(errors).toEqual([]);
    await close();
  });
});
