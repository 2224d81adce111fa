import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, openProfile, profileFolder, PHONE, screenshot, signIn } from '../support/browser.js';
import { keptWorkingSet, serviceWorkerInControl } from '../support/device.js';
import { caseWithoutNik } from '../support/records.js';

let browser: Browser;
const profile = profileFolder();
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  profile.remove();
});

/** Without a signal the browser reports each failed request, and the conflict answers 409: both expected here. */
const realErrors = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e));

const call = <T>(page: Page, method: string, path: string, body?: unknown): Promise<T> =>
  page.evaluate(
    async ({ method, path, body }) => {
      const r = await fetch(`/api/v1${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return (await r.json()) as T;
    },
    { method, path, body },
  ) as Promise<T>;

const PLAN_ROW = {
  atensi: 'hidup_layak',
  uraian: 'Bantuan kebutuhan dasar',
  pelaksana: 'Dinas Sosial Kabupaten Banyuwangi',
  batas: '2027-03-31',
};

/** The case page's working file is on the device: its plan, referrals and conferences. */
async function workingFileKept(page: Page, caseId: string): Promise<boolean> {
  const kept = await keptWorkingSet(page);
  const parts = new Set(kept.queries?.filter((q) => q.queryKey[0] === 'case' && q.queryKey[1] === caseId).map((q) => q.queryKey[2]));
  return ['plan', 'referrals', 'conferences'].every((p) => parts.has(p));
}

describe('the working file offline', () => {
  it('a conference, a referral’s answer, a plan change and its submission are kept through a browser restart without a signal; back online each is sent once, and the plan the koordinator changed meanwhile comes back as a conflict, kept as mine with its submission', async () => {
    let phone = await openProfile(profile.dir, PHONE);
    await signIn(phone.page, 'pendamping.35.10');
    await serviceWorkerInControl(phone.page);
    const kase = await caseWithoutNik(phone.page, { nama: 'Suparmi Rencana Luring', jenisKelamin: 'P', perkiraanUmur: 45 });
    const lembaga = await call<Array<{ id: string }>>(phone.page, 'GET', '/lembaga');
    const referral = await call<{ id: string }>(phone.page, 'POST', `/cases/${kase.id}/referrals`, {
      lembagaId: lembaga[0]!.id,
      layanan: 'Pemeriksaan kesehatan',
      alasan: 'Keluhan sakit kepala berulang',
    });
    await call(phone.page, 'PUT', `/cases/${kase.id}/plan`, { tujuan: ['Kebutuhan dasar terpenuhi'], layanan: [PLAN_ROW] });

    // Opened once with a signal: the working file is kept on the device.
    const { page } = phone;
    await page.goto(`/kasus/${kase.id}`);
    for (const tab of ['Rencana', 'Rujukan', 'Asesmen']) await page.getByRole('tab', { name: tab }).click();
    await expect.poll(() => workingFileKept(page, kase.id), { timeout: 15_000 }).toBe(true);

    await page.context().setOffline(true);
    const conference = page.locator('details', { hasText: 'Catat temu bahas kasus' });
    await conference.locator('summary').click();
    await conference.getByLabel('Peserta (satu per baris)').fill('Pendamping\nKepala desa');
    await conference.getByLabel('Ringkasan pembahasan').fill('Keluarga belum punya penghasilan tetap');
    await conference.getByLabel('Keputusan').fill('Ajukan bantuan usaha luring');
    await conference.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page
      .locator('[data-testid=pending-conference]', { hasText: 'Ajukan bantuan usaha luring' })
      .getByText('menunggu dikirim')
      .waitFor();

    await page.getByRole('tab', { name: 'Rujukan' }).click();
    await page.getByRole('tabpanel').locator('summary', { hasText: 'Ubah' }).click();
    await page.getByRole('button', { name: 'Catat: diterima' }).click();
    await page.getByTestId('pending-referral-move').getByText('menunggu dikirim').waitFor();

    await page.getByRole('tab', { name: 'Rencana' }).click();
    await page.getByRole('tabpanel').getByRole('button', { name: 'Ubah' }).click();
    await page.getByLabel('Tujuan (satu per baris)').fill('Kebutuhan dasar terpenuhi\nUsaha kecil berjalan');
    await page.getByRole('button', { name: 'Simpan rencana' }).click();
    await page.getByText('Usaha kecil berjalan').waitFor();
    await page.getByRole('button', { name: 'Ajukan ke koordinator' }).click();
    await page.getByText('Menunggu persetujuan').waitFor();
    await page.getByTestId('outbox-count').getByText('4 belum terkirim').waitFor();
    await screenshot(page, 'luring-rencana-ponsel');

    // Meanwhile the koordinator edits the same plan (version 1 → 2).
    const koordinator = await openPage(browser, PHONE);
    await signIn(koordinator.page, 'koordinator.35');
    await call(koordinator.page, 'PUT', `/cases/${kase.id}/plan`, {
      tujuan: ['Kebutuhan dasar terpenuhi', 'Anak tetap sekolah'],
      layanan: [PLAN_ROW],
      version: 1,
    });
    await koordinator.close();

    // The phone restarts without a signal: everything is still there, waiting.
    expect(realErrors(phone.errors)).toEqual([]);
    await phone.close();
    phone = await openProfile(profile.dir, PHONE);
    const again = phone.page;
    await again.context().setOffline(true);
    await again.goto(`/kasus/${kase.id}`);
    await again.getByTestId('outbox-count').getByText('4 belum terkirim').waitFor();
    await again.getByRole('tab', { name: 'Rencana' }).click();
    await again.getByText('Usaha kecil berjalan').waitFor();
    await again.getByText('Menunggu persetujuan').waitFor();
    await again.getByRole('tab', { name: 'Asesmen' }).click();
    await again.locator('[data-testid=pending-conference]', { hasText: 'Ajukan bantuan usaha luring' }).waitFor();

    // Back online: the conference and the referral go; the plan conflicts and its submission waits for it.
    await again.context().setOffline(false);
    await again.goto('/kirim');
    const conflict = again.locator('[data-testid=outbox-entry][data-status=konflik]');
    await conflict.waitFor({ timeout: 20_000 });
    await conflict.getByText('Anak tetap sekolah').waitFor();
    expect(await again.locator('[data-testid=outbox-entry]').count()).toBe(2);
    // Both versions side by side still fit the phone: the table scrolls inside its card, not the page.
    expect(await again.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(again, 'luring-konflik-rencana-ponsel');
    await conflict.getByRole('button', { name: 'Pakai versi saya' }).click();
    await again.getByText('Semua perubahan sudah terkirim.').waitFor({ timeout: 20_000 });

    const plan = await call<{ tujuan: string[]; status: string; version: number }>(again, 'GET', `/cases/${kase.id}/plan`);
    expect(plan).toMatchObject({ tujuan: ['Kebutuhan dasar terpenuhi', 'Usaha kecil berjalan'], status: 'diajukan', version: 4 });
    const conferences = await call<Array<{ keputusan: string }>>(again, 'GET', `/cases/${kase.id}/conferences`);
    expect(conferences.filter((c) => c.keputusan === 'Ajukan bantuan usaha luring')).toHaveLength(1);
    const referrals = await call<Array<{ id: string; status: string }>>(again, 'GET', `/cases/${kase.id}/referrals`);
    expect(referrals.find((r) => r.id === referral.id)?.status).toBe('diterima');
    expect(realErrors(phone.errors)).toEqual([]);
    await phone.close();
  }, 150_000);
});
