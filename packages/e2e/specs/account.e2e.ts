import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** A refused request (the weak password) is logged by Chromium itself; any other console error is ours. */
const ours = (errors: string[]) => errors.filter((e) => !e.startsWith('Failed to load resource'));

describe('one’s own password', () => {
  it('an account an admin made shows only "Ganti kata sandi" until its owner replaces the password', async () => {
    const admin = await openPage(browser, DESKTOP);
    await signIn(admin.page, 'admin');
    const username = `e2e.sandi.${Date.now()}`;
    const created = await admin.page.evaluate(
      async (body) =>
        (await fetch('/api/v1/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }))
          .status,
      { username, password: 'Sandi-Dari-Admin-42', role: 'koordinator', wilayah: '35' },
    );
    expect(created).toBe(201);
    await admin.close();

    const { page, errors, close } = await openPage(browser, PHONE);
    await page.goto('/masuk');
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill('Sandi-Dari-Admin-42');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Ganti kata sandi' }).waitFor();
    // Nothing else of the app is on screen.
    expect(await page.getByRole('navigation', { name: 'Menu utama' }).count()).toBe(0);
    await screenshot(page, 'ganti-sandi-wajib-ponsel');

    const form = page.getByRole('form', { name: 'Ganti kata sandi' });
    await form.getByLabel('Kata sandi saat ini').fill('Sandi-Dari-Admin-42');
    await form.getByLabel('Kata sandi baru', { exact: true }).fill('password123');
    await form.getByLabel('Ulangi kata sandi baru').fill('password123');
    await form.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/terlalu umum/);

    await form.getByLabel('Kata sandi baru', { exact: true }).fill('kopi-tubruk-pagi-hari');
    await form.getByLabel('Ulangi kata sandi baru').fill('kopi-tubruk-pagi-hari');
    await form.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    // From the top bar, any user changes it again.
    await page.getByRole('link', { name: 'Ganti kata sandi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ganti kata sandi' }).waitFor();
    await form.getByLabel('Kata sandi saat ini').fill('kopi-tubruk-pagi-hari');
    await form.getByLabel('Kata sandi baru', { exact: true }).fill('teh-manis-sore-hari');
    await form.getByLabel('Ulangi kata sandi baru').fill('teh-manis-sore-hari');
    await form.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe('Kata sandi sudah diganti.');
    await screenshot(page, 'ganti-sandi-ponsel');
    expect(ours(errors)).toEqual([]);
    await close();

    // The new password is the one that signs in now — on a second device, which the first then signs out.
    const again = await openPage(browser, PHONE);
    await signIn(again.page, username, 'teh-manis-sore-hari');
    const desk = await openPage(browser, DESKTOP);
    await signIn(desk.page, username, 'teh-manis-sore-hari');
    await desk.page.goto('/akun/kata-sandi');
    const devices = desk.page.getByRole('article', { name: 'Perangkat yang sedang masuk' });
    await devices.getByText('Perangkat ini', { exact: true }).waitFor();
    // The two phones (the first one's session is still open) and this desk.
    await expect.poll(() => devices.getByRole('listitem').count()).toBe(3);
    await screenshot(desk.page, 'akun-perangkat-desktop');
    for (const left of [2, 1]) {
      await devices.getByRole('button', { name: 'Keluarkan' }).first().click();
      await expect.poll(() => devices.getByRole('listitem').count()).toBe(left);
    }
    await desk.page.getByText('Perangkat dikeluarkan.').waitFor();
    expect(await again.page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)).toBe(401);
    expect(ours(desk.errors)).toEqual([]);
    await desk.close();
    await again.close();
  });
});
