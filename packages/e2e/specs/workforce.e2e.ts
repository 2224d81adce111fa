import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('workforce', () => {
  it('a pendamping checks in and out, finds the day’s report drafted from case work and submits it; the koordinator approves it and sees the team; performance shows the work; another province sees none', async () => {
    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: -8.22, longitude: 114.37, accuracy: 15 });
    await signIn(page, 'pendamping.35.10');

    await page.getByRole('link', { name: 'Presensi' }).first().click();
    await page.getByRole('button', { name: 'Presensi masuk' }).click();
    await page.getByText(/^Masuk \d{2}\.\d{2} WIB/).waitFor();
    await page.getByRole('button', { name: 'Presensi pulang' }).click();
    await page.getByText('Presensi hari ini lengkap. Terima kasih!').waitFor();
    await screenshot(page, 'presensi-ponsel');

    // Case work today: one case moves on (as on the case page), which drafts the day's report.
    const me = await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()) as { id: string });
    const moved = await page.evaluate(async (pendampingId) => {
      const order = ['pendekatan_awal', 'asesmen', 'rencana', 'intervensi', 'resosialisasi', 'terminasi', 'bimbingan_lanjut'];
      type Kase = { id: string; version: number; tahapan: string; tindakan: { tahapan: string[] } };
      const list = (await (await fetch(`/api/v1/cases?pendampingId=${pendampingId}&status=tertangani&pageSize=50`)).json()) as {
        items: Kase[];
      };
      for (const kase of list.items) {
        const forward = kase.tindakan.tahapan.find((to) => order.indexOf(to) > order.indexOf(kase.tahapan));
        if (!forward) continue;
        const response = await fetch(`/api/v1/cases/${kase.id}/transitions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to: forward, version: kase.version }),
        });
        return response.status;
      }
      return 0;
    }, me.id);
    expect(moved).toBe(200);

    await page.getByRole('link', { name: 'Kegiatan' }).first().click();
    await page.getByRole('heading', { name: 'Laporan kegiatan harian' }).waitFor();
    const draft = page.locator('[data-testid=activity]', { hasText: 'Otomatis dari pekerjaan kasus' }).first();
    await draft.waitFor();
    // The draft says what was done and for whom: a line from the record, and the case named as the pendamping sees it.
    const told = page.locator('[data-testid=activity]', { has: page.getByRole('list', { name: 'Untuk kasus' }) }).first();
    expect(await told.getByRole('link').first().innerText()).toMatch(/ · /);
    expect(await told.getByLabel('Uraian').inputValue()).toMatch(/: /);
    await draft.getByLabel('Uraian').fill('Asesmen di rumah keluarga, didampingi kepala desa');
    await draft.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('button', { name: /^Simpan$/ }).waitFor({ state: 'detached' });
    await screenshot(page, 'kegiatan-ponsel');
    await page.getByRole('button', { name: /^Ajukan laporan/ }).click();
    await page.getByText('Laporan diajukan ke koordinator.').waitFor();
    expect(phone.errors).toEqual([]);

    const desk = await openPage(browser, DESKTOP);
    await signIn(desk.page, 'koordinator.35');
    await desk.page.getByRole('link', { name: 'Persetujuan' }).first().click();
    await desk.page.getByRole('heading', { name: 'Laporan kegiatan menunggu persetujuan' }).waitFor();
    // The pendamping's waiting days fold to one line; opened, their day shows its hours, and one tap approves it.
    await desk.page.locator(`details[data-user="${me.id}"] > summary`).click();
    const mine = desk.page.locator('article.approval-day', { hasText: 'Asesmen di rumah keluarga' });
    await mine
      .getByText(/\d+(,\d)? jam/)
      .first()
      .waitFor();
    await mine.getByRole('button', { name: /^Setujui \d+ kegiatan hari ini$/ }).click();
    await desk.page.getByText(/^\d+ kegiatan disetujui\.$/).waitFor();
    await expect.poll(() => desk.page.locator('article.approval-day', { hasText: 'Asesmen di rumah keluarga' }).count()).toBe(0);
    await screenshot(desk.page, 'persetujuan-desktop');
    await screenshot(desk.page, 'persetujuan-layar-desktop', { screen: true });

    await desk.page.getByRole('link', { name: 'Tim' }).first().click();
    await desk.page.getByRole('heading', { name: 'Presensi hari ini' }).waitFor();
    await desk.page.getByText(/\d+ dari \d+ sudah presensi/).waitFor();
    await desk.page.getByRole('img', { name: /^Peta posisi presensi masuk hari ini/ }).waitFor();
    await desk.page.locator('table tbody tr').first().waitFor();
    await screenshot(desk.page, 'tim-desktop');
    await screenshot(desk.page, 'tim-layar-desktop', { screen: true });
    expect(desk.errors).toEqual([]);
    await desk.close();

    await page.goto(`/kinerja/${me.id}`);
    const hours = page.locator('tr[data-indicator=jam_kegiatan] td').nth(2);
    await expect.poll(async () => Number((await hours.innerText()).replace(',', '.'))).toBeGreaterThan(0);
    await screenshot(page, 'kinerja-ponsel');
    expect(phone.errors).toEqual([]);
    await phone.close();

    const other = await openPage(browser, DESKTOP);
    await signIn(other.page, 'koordinator.31');
    await other.page.goto(`/kinerja/${me.id}`);
    await other.page.getByText('Data tidak ditemukan.').waitFor();
    await other.page.goto('/persetujuan');
    await other.page.getByRole('heading', { name: 'Laporan kegiatan menunggu persetujuan' }).waitFor();
    expect(await other.page.getByText('Asesmen di rumah keluarga').count()).toBe(0);
    await other.close();
  });
});
