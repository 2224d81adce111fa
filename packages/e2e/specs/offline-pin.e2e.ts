import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';
import { keptWorkingSet, serviceWorkerInControl, writeCaseNote } from '../support/device.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** The names of what the device keeps in its key store (never the keys themselves). */
const keyNames = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open('tuntas-offline');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const names = request.result.transaction('keys').objectStore('keys').getAllKeys();
          names.onsuccess = () => resolve(names.result.map(String));
        };
      }),
  );

const servicesWith = (page: Page, caseId: string, text: string) =>
  page.evaluate(
    async ({ id, note }) =>
      ((await (await fetch(`/api/v1/cases/${id}/services`)).json()) as Array<{ uraian: string }>).filter((s) => s.uraian === note).length,
    { id: caseId, note: text },
  );

describe('the device PIN after the session ends without a signal', () => {
  it('locks the kept work at the session’s end offline; the PIN opens it and queues work; online, the password comes before anything is sent', async () => {
    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    const context = page.context();
    // The page's own clock, moved later past the session's end (the server's session is untouched).
    // It starts four hours behind, so the jump leaves no write dated in the server's future.
    await page.clock.install({ time: Date.now() - 4 * 60 * 60 * 1000 });
    await signIn(page, 'pendamping.35.10');
    await serviceWorkerInControl(page);
    const kase = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { id: string };
      const list = (await (await fetch(`/api/v1/cases?pendampingId=${me.id}&pageSize=30`)).json()) as {
        items: Array<{ id: string; nomor: string; beneficiaryNama: string; identitasTerlindungi: boolean; status: string }>;
      };
      return list.items.find((c) => !c.identitasTerlindungi && c.status !== 'selesai' && c.beneficiaryNama.length > 5)!;
    });
    expect(kase).toBeTruthy();
    await page.goto(`/kasus/${kase.id}`);
    await page.getByText(kase.nomor).first().waitFor();
    await expect.poll(async () => (await keptWorkingSet(page)).cursor !== null, { timeout: 20_000 }).toBe(true);

    // The PIN, set on the Akun screen while online: an easy one is refused.
    await page.goto('/akun/kata-sandi');
    const panel = page.locator('article', { has: page.getByRole('heading', { name: 'PIN perangkat' }) });
    await panel.getByText('Belum ada PIN di perangkat ini.').waitFor();
    await panel.getByLabel('PIN baru (6 angka)').fill('123456');
    await panel.getByLabel('Ulangi PIN').fill('123456');
    await panel.getByRole('button', { name: 'Simpan PIN' }).click();
    await panel.getByText('PIN tidak boleh berupa angka berurutan').waitFor();
    await panel.getByLabel('PIN baru (6 angka)').fill('246813');
    await panel.getByLabel('Ulangi PIN').fill('246813');
    await panel.getByRole('button', { name: 'Simpan PIN' }).click();
    await panel.getByText('PIN disimpan di perangkat ini.').waitFor({ timeout: 20_000 });
    await panel.getByText('PIN sudah diatur di perangkat ini.').waitFor();
    expect(await keyNames(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^pin:/), expect.stringMatching(/^session:/)]));

    // No signal, and the session's end passes (the idle limit is two hours): a reload shows the lock, not the case.
    await context.setOffline(true);
    await page.clock.setSystemTime((await page.evaluate(() => Date.now())) + 3 * 60 * 60 * 1000);
    await page.goto(`/kasus/${kase.id}`);
    await page.getByRole('heading', { name: 'Perangkat terkunci' }).waitFor();
    await page.getByText('Sesi Anda telah berakhir. Masukkan PIN untuk membuka pekerjaan di perangkat ini.').waitFor();
    expect(await page.getByText(kase.beneficiaryNama).count()).toBe(0);
    // The device key went at the session's end: the lock is the only way in.
    expect((await keyNames(page)).filter((k) => k.startsWith('wrap:'))).toEqual([]);
    expect((await keptWorkingSet(page)).queries).toBeNull();
    await screenshot(page, 'luring-pin-terkunci-ponsel');

    await page.getByLabel('PIN', { exact: true }).fill('246831');
    await page.getByRole('button', { name: 'Buka' }).click();
    await page.getByText('PIN salah. Sisa percobaan: 4.').waitFor({ timeout: 20_000 });
    expect(await page.getByText(kase.beneficiaryNama).count()).toBe(0);

    await page.getByLabel('PIN', { exact: true }).fill('246813');
    await page.getByRole('button', { name: 'Buka' }).click();
    await page.getByText(kase.nomor).first().waitFor({ timeout: 20_000 });
    await page.getByText(kase.beneficiaryNama).first().waitFor();
    await page.getByText('Dibuka dengan PIN tanpa sinyal.').waitFor();
    const note = `Catatan di balik PIN ${Date.now()}`;
    const pending = await writeCaseNote(page, note);
    await pending.getByText('menunggu dikirim').waitFor();
    await screenshot(page, 'luring-pin-terbuka-ponsel');

    // The signal returns: the password first; nothing left the device meanwhile.
    await context.setOffline(false);
    await page.getByRole('heading', { name: 'Masuk ke Tuntas' }).waitFor();
    const desk = await openPage(browser, { width: 1280, height: 800 });
    await signIn(desk.page, 'pendamping.35.10');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await servicesWith(desk.page, kase.id, note)).toBe(0);
    await desk.close();

    await page.getByLabel('Nama pengguna').fill('pendamping.35.10');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    // Back where the PIN had opened the work, now with the signal and a session.
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/kasus/${kase.id}`);
    await page.goto('/kirim');
    await page.getByText('Semua perubahan sudah terkirim.').waitFor({ timeout: 20_000 });
    expect(await servicesWith(page, kase.id, note)).toBe(1);
    await phone.close();
  });

  it('an account disabled meanwhile: the server says the session was ended on purpose, the PIN is erased, and offline nothing opens the kept work', async () => {
    const admin = await openPage(browser, { width: 1280, height: 800 });
    await signIn(admin.page, 'admin');
    const setDisabled = (id: string, disabled: boolean) =>
      admin.page.evaluate(
        async ({ id, disabled }) =>
          (
            await fetch(`/api/v1/users/${id}`, {
              method: 'PATCH',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ disabled }),
            })
          ).status,
        { id, disabled },
      );
    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    await signIn(page, 'pendamping.35.12');
    await serviceWorkerInControl(page);
    const me = await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()) as { id: string });
    await page.goto('/akun/kata-sandi');
    const panel = page.locator('article', { has: page.getByRole('heading', { name: 'PIN perangkat' }) });
    await panel.getByLabel('PIN baru (6 angka)').fill('246813');
    await panel.getByLabel('Ulangi PIN').fill('246813');
    await panel.getByRole('button', { name: 'Simpan PIN' }).click();
    await panel.getByText('PIN sudah diatur di perangkat ini.').waitFor({ timeout: 20_000 });
    expect((await keyNames(page)).some((k) => k.startsWith('pin:'))).toBe(true);
    // A day's use: the working set is kept on the device.
    await page.goto('/kasus');
    await expect.poll(async () => (await keptWorkingSet(page)).owner, { timeout: 20_000 }).toBe(me.id);
    try {
      expect(await setDisabled(me.id, true)).toBe(200);
      // The next answer the phone gets is the server's "ended on purpose": the PIN goes with the device key.
      await page.goto('/');
      await page.getByRole('heading', { name: 'Masuk ke Tuntas' }).waitFor();
      await expect.poll(async () => (await keyNames(page)).filter((k) => k.startsWith('pin:') || k.startsWith('wrap:'))).toEqual([]);
      // Offline, the kept work does not open: no PIN is offered.
      await page.context().setOffline(true);
      await page.goto('/');
      await page.locator('#root').getByText(/.+/).first().waitFor();
      expect(await page.getByLabel('PIN', { exact: true }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Perangkat terkunci' }).count()).toBe(0);
    } finally {
      await setDisabled(me.id, false);
      await phone.close();
      await admin.close();
    }
  });
});
