import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** A refused request is logged by Chromium itself; any other console error is ours. */
const ours = (errors: string[]) => errors.filter((e) => !e.startsWith('Failed to load resource'));

/** Signs in with a temporary password: the app shows only "Ganti kata sandi". */
async function signInTemporary(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Ganti kata sandi' }).waitFor();
}

const sessionUser = (page: Page) =>
  page.evaluate(
    async () => ((await (await fetch('/api/v1/auth/session')).json()) as { user: { username: string } | null }).user?.username ?? null,
  );

/** Fills the create form (role and area by their labels) and answers the temporary password shown once. */
async function createAccount(
  page: Page,
  spec: { username: string; nama: string; role: string; province: string; regency?: string },
): Promise<string> {
  const form = page.getByRole('form', { name: 'Tambah pengguna' });
  await form.getByLabel('Nama pengguna').fill(spec.username);
  await form.getByLabel('Nama lengkap').fill(spec.nama);
  await form.getByLabel('Peran').selectOption({ label: spec.role });
  await form.getByLabel('Wilayah · Provinsi').selectOption({ label: spec.province });
  if (spec.regency) await form.getByLabel('Kabupaten/kota').selectOption({ label: spec.regency });
  await form.getByRole('button', { name: 'Buat akun' }).click();
  const shown = page.locator('.temporary-password');
  await shown.waitFor();
  return shown.innerText();
}

describe('Pengguna and Jejak audit (issue 20), on a desktop', () => {
  it('the admin creates a koordinator and a pendamping, resets one password and disables one account, whose session ends at once', async () => {
    const { page, errors, close } = await openPage(browser, DESKTOP);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, 'admin');
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Pengguna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pengguna' }).waitFor();
    await page.getByRole('table').waitFor();
    await screenshot(page, 'pengguna-daftar-desktop');
    await screenshot(page, 'pengguna-daftar-layar-desktop', { screen: true });

    const stamp = Date.now().toString(36);
    const koordinator = `e2e.koor.${stamp}`;
    const pendamping = `e2e.pend.${stamp}`;
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    const koorPassword = await createAccount(page, {
      username: koordinator,
      nama: 'Rina Koordinator',
      role: 'Koordinator',
      province: 'Jawa Timur',
    });
    expect(koorPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await screenshot(page, 'pengguna-sandi-sementara-desktop');
    await page.getByRole('button', { name: 'Tambah lagi' }).click();
    const pendPassword = await createAccount(page, {
      username: pendamping,
      nama: 'Dewi Pendamping',
      role: 'Pendamping',
      province: 'Jawa Timur',
      regency: 'Kabupaten Banyuwangi',
    });
    await page.getByRole('button', { name: 'Tutup' }).click();

    // The new pendamping signs in with the temporary password (it must be replaced first).
    const worker = await openPage(browser, DESKTOP);
    await signInTemporary(worker.page, pendamping, pendPassword);
    expect(await sessionUser(worker.page)).toBe(pendamping);

    // Search, then filter: both new accounts, one never signed in.
    await page.getByRole('search').getByRole('searchbox').fill(`e2e.`);
    await page.getByRole('search').getByRole('button', { name: 'Cari' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: stamp }).count()).toBe(2);
    await page.getByLabel('Masuk terakhir').selectOption({ label: 'Belum pernah masuk' });
    await expect.poll(() => page.getByRole('row').filter({ hasText: stamp }).count()).toBe(1);
    await expect.poll(() => page.getByRole('row').filter({ hasText: koordinator }).count()).toBe(1);
    await page.getByLabel('Masuk terakhir').selectOption({ label: 'Kapan saja' });

    // Reset the koordinator's password: a new temporary one, the old one no longer works.
    await page.getByRole('button', { name: `Kelola ${koordinator}` }).click();
    const panel = page.getByRole('article', { name: `Kelola ${koordinator}` });
    await panel.getByRole('button', { name: 'Atur ulang kata sandi' }).click();
    const reset = panel.locator('.temporary-password');
    await reset.waitFor();
    const newPassword = await reset.innerText();
    expect(newPassword).not.toBe(koorPassword);
    await expect.poll(() => panel.getByText('Riwayat penugasan').count()).toBe(1);
    await screenshot(page, 'pengguna-atur-ulang-desktop');
    const koor = await openPage(browser, DESKTOP);
    await signInTemporary(koor.page, koordinator, newPassword);
    await koor.close();
    await panel.getByRole('button', { name: 'Tutup' }).click();

    // Disable the pendamping: its open session ends at once.
    await page.getByRole('button', { name: `Kelola ${pendamping}` }).click();
    const pendPanel = page.getByRole('article', { name: `Kelola ${pendamping}` });
    await expect.poll(() => pendPanel.getByRole('button', { name: 'Akhiri', exact: true }).count()).toBe(1);
    await pendPanel.getByRole('button', { name: 'Nonaktifkan' }).click();
    await pendPanel.getByRole('button', { name: 'Aktifkan kembali' }).waitFor();
    await expect.poll(() => pendPanel.getByText('Tidak ada sesi aktif.').count()).toBe(1);
    await screenshot(page, 'pengguna-nonaktif-desktop');
    expect(await sessionUser(worker.page)).toBeNull();
    expect(await worker.page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)).toBe(401);
    await worker.close();

    expect(ours(errors)).toEqual([]);
    await close();
  });

  it('the auditor finds who opened a protected child’s case, by the case and by the person', async () => {
    // The Jawa Timur koordinator opens a case of a protected person in another pendamping’s care.
    const koor = await openPage(browser, DESKTOP);
    await signIn(koor.page, 'koordinator.35');
    const kase = await koor.page.evaluate(async () => {
      const list = (await (await fetch('/api/v1/cases?pageSize=100')).json()) as {
        items: Array<{ id: string; beneficiaryId: string; sensitif: boolean; anak?: boolean }>;
      };
      return list.items.find((c) => c.sensitif) ?? null;
    });
    expect(kase).not.toBeNull();
    await koor.page.goto(`/kasus/${kase!.id}`);
    await koor.page.getByRole('heading', { level: 1 }).waitFor();
    await koor.close();

    const { page, errors, close } = await openPage(browser, DESKTOP);
    await signIn(page, 'auditor');
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Jejak audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jejak audit' }).waitFor();
    await expect.poll(() => page.getByTestId('chain-verdict').innerText()).toMatch(/Rantai audit utuh/);
    const filters = page.getByRole('form', { name: 'Saring jejak audit' });
    await filters.getByLabel('Data atau orang').fill(kase!.id);
    await filters.getByRole('button', { name: 'Terapkan' }).click();
    const read = page.getByRole('row').filter({ hasText: 'koordinator.35' }).filter({ hasText: 'case.read' });
    await expect.poll(() => read.count()).toBeGreaterThan(0);
    expect(await read.first().innerText()).toMatch(/Akses data dilindungi/);
    await screenshot(page, 'audit-kasus-desktop');

    // By the person: their reads only, through the case or the registry.
    await filters.getByLabel('Data atau orang').fill(kase!.beneficiaryId);
    await filters.getByLabel('Hanya akses ke data yang dilindungi').check();
    await filters.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'koordinator.35' }).count()).toBeGreaterThan(0);
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.every((r) => r.includes('Akses data dilindungi'))).toBe(true);
    await screenshot(page, 'audit-orang-desktop');

    // The export of the same filters downloads a CSV, and is itself an event.
    const href = await filters.getByRole('button', { name: 'Ekspor CSV' }).getAttribute('href');
    expect(href).toContain(`entityId=${kase!.beneficiaryId}`);
    expect(href).toContain('protectedReads=true');
    const csv = await page.evaluate(async (url) => {
      const r = await fetch(url);
      return { type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), text: await r.text() };
    }, href!);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.disposition).toContain('jejak-audit.csv');
    expect(csv.text).toContain('koordinator.35');
    const exported = await page.evaluate(
      async () =>
        ((await (await fetch('/api/v1/audit-events?action=audit.export&actorUsername=auditor')).json()) as { total: number }).total,
    );
    expect(exported).toBeGreaterThan(0);
    expect(ours(errors)).toEqual([]);
    await close();
  });
});
