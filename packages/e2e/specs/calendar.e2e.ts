import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** A refused request (the overlap's 409) is logged by Chromium itself; any other console error is ours. */
const ours = (errors: string[]) => errors.filter((e) => !e.startsWith('Failed to load resource'));

const holidays = (page: Page) => page.getByRole('table', { name: 'Hari libur dan cuti bersama' });

async function chooseYear(page: Page, year: string): Promise<void> {
  await page.getByLabel('Tahun').selectOption(year);
  await page.getByRole('heading', { level: 3, name: 'Hari libur dan cuti bersama' }).waitFor();
}

/** What the pendamping's Presensi says about today, read in a fresh session (no kept calendar). */
async function presensiNotice(): Promise<{ tanggal: string; notice: string | null }> {
  const phone = await openPage(browser, PHONE);
  try {
    await signIn(phone.page, 'pendamping.35.10');
    await phone.page.getByRole('link', { name: 'Presensi' }).first().click();
    await phone.page.getByRole('heading', { level: 1, name: 'Presensi' }).waitFor();
    await phone.page.getByText(/^Hari ini, /).waitFor();
    await phone.page.waitForLoadState('networkidle');
    const tanggal = await phone.page.evaluate(
      async () => ((await (await fetch('/api/v1/attendance/today')).json()) as { tanggal: string }).tanggal,
    );
    const notice = phone.page.getByTestId('calendar-notice');
    const text = (await notice.count()) > 0 ? await notice.innerText() : null;
    if (text) await screenshot(phone.page, 'presensi-kalender-ponsel');
    expect(ours(phone.errors)).toEqual([]);
    return { tanggal, notice: text };
  } finally {
    await phone.close();
  }
}

describe('Kalender kerja on Data referensi (issues 19 and 20), on a desktop', () => {
  it('the national admin sees 2026’s holidays, adds, changes and removes a cuti bersama in 2027, and is refused an overlapping Ramadan period in Indonesian', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Data referensi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Data referensi' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kalender kerja' }).waitFor();

    await chooseYear(page, '2026');
    const proklamasi = holidays(page).getByRole('row').filter({ hasText: '17 Agustus 2026' });
    await expect.poll(() => proklamasi.innerText()).toContain('Hari Proklamasi Kemerdekaan Republik Indonesia');
    expect(await proklamasi.innerText()).toContain('Libur nasional');
    await expect.poll(() => page.getByRole('table', { name: 'Jam kerja khusus' }).innerText()).toContain('Bulan Ramadan 1447 H');
    await screenshot(page, 'kalender-kerja-2026-desktop');

    // A cuti bersama in 2027 (no year seeded there): added, seen, renamed, removed.
    await chooseYear(page, '2027');
    await page.getByRole('button', { name: 'Tambah hari libur' }).click();
    const add = page.getByRole('form', { name: 'Tambah hari libur' });
    await add.getByLabel('Tanggal').fill('2027-12-24');
    await add.getByLabel('Jenis').selectOption({ label: 'Cuti bersama' });
    await add.getByLabel('Nama', { exact: true }).fill('Cuti bersama Hari Raya Natal (uji e2e)');
    await add.getByRole('button', { name: 'Simpan hari libur' }).click();
    const added = holidays(page).getByRole('row').filter({ hasText: '24 Desember 2027' });
    await expect.poll(() => added.innerText()).toContain('Cuti bersama Hari Raya Natal (uji e2e)');
    expect(await added.innerText()).toContain('Cuti bersama');
    await screenshot(page, 'kalender-kerja-cuti-bersama-desktop');

    await added.getByRole('button', { name: 'Ubah' }).click();
    const edit = page.getByRole('form', { name: 'Ubah hari libur 24 Desember 2027' });
    await edit.getByLabel('Nama', { exact: true }).fill('Cuti bersama Natal (diubah e2e)');
    await edit.getByRole('button', { name: 'Simpan hari libur' }).click();
    await expect.poll(() => added.innerText()).toContain('Cuti bersama Natal (diubah e2e)');

    await added.getByRole('button', { name: 'Hapus' }).click();
    await expect.poll(() => page.getByText('24 Desember 2027').count()).toBe(0);

    // Ramadan 1447 H runs 19 February – 19 March 2026: a period inside it is refused (409).
    await chooseYear(page, '2026');
    await page.getByRole('button', { name: 'Tambah jam kerja khusus' }).click();
    const ramadan = page.getByRole('form', { name: 'Tambah jam kerja khusus' });
    await ramadan.getByLabel('Tanggal mulai').fill('2026-03-01');
    await ramadan.getByLabel('Tanggal selesai').fill('2026-03-10');
    await ramadan.getByRole('button', { name: 'Simpan jam kerja khusus' }).click();
    await expect
      .poll(() => ramadan.getByRole('alert').innerText())
      .toBe('Periode jam kerja khusus ini bertumpang tindih dengan periode yang sudah ada.');
    await screenshot(page, 'kalender-kerja-tumpang-tindih-desktop');
    await ramadan.getByRole('button', { name: 'Batal' }).click();
    expect(await page.getByRole('table', { name: 'Jam kerja khusus' }).getByRole('row').count()).toBe(2);

    expect(ours(errors)).toEqual([]);
    await close();
  });

  it('Presensi shows today’s special hours and today’s holiday from the calendar; both are removed again', async () => {
    const before = await presensiNotice();
    const { tanggal } = before;
    const weekday = new Date(`${tanggal}T00:00:00Z`).getUTCDay();
    const { page, errors, close } = await openPage(browser, DESKTOP);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, 'admin');
    await page.goto('/referensi');
    await chooseYear(page, tanggal.slice(0, 4));
    const todayRow = holidays(page)
      .getByRole('row')
      .filter({ hasText: `(uji e2e ${tanggal})` });

    // Only on a plain working day, so the test leaves a seeded holiday or period as it found them.
    if (before.notice === null && weekday >= 1 && weekday <= 5) {
      await page.getByRole('button', { name: 'Tambah jam kerja khusus' }).click();
      const form = page.getByRole('form', { name: 'Tambah jam kerja khusus' });
      await form.getByLabel('Nama periode').fill('Ramadan uji e2e');
      await form.getByLabel('Tanggal mulai').fill(tanggal);
      await form.getByLabel('Tanggal selesai').fill(tanggal);
      await form.getByRole('button', { name: 'Simpan jam kerja khusus' }).click();
      const period = page.getByRole('table', { name: 'Jam kerja khusus' }).getByRole('row').filter({ hasText: 'Ramadan uji e2e' });
      await period.waitFor();
      const pulang = weekday === 5 ? '15.30' : '15.00';
      expect((await presensiNotice()).notice).toBe(`Jam kerja Ramadan uji e2e: 08.00–${pulang}`);
      await period.getByRole('button', { name: 'Hapus' }).click();
      await expect.poll(() => period.count()).toBe(0);

      await page.getByRole('button', { name: 'Tambah hari libur' }).click();
      const add = page.getByRole('form', { name: 'Tambah hari libur' });
      await add.getByLabel('Tanggal').fill(tanggal);
      await add.getByLabel('Nama', { exact: true }).fill(`Libur nasional (uji e2e ${tanggal})`);
      await add.getByRole('button', { name: 'Simpan hari libur' }).click();
      await todayRow.waitFor();
      expect((await presensiNotice()).notice).toContain(`Hari ini libur nasional: Libur nasional (uji e2e ${tanggal})`);
      await todayRow.getByRole('button', { name: 'Hapus' }).click();
      await expect.poll(() => todayRow.count()).toBe(0);
      expect((await presensiNotice()).notice).toBeNull();
    } else if (before.notice !== null) {
      // Today is already a holiday or in a special period: the notice names it, nothing is changed.
      expect(before.notice).toMatch(/^(Hari ini (libur nasional|cuti bersama): |Jam kerja )/);
    }
    expect(ours(errors)).toEqual([]);
    await close();
  });
});
