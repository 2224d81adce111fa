import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';
import { keptWorkingSet, serviceWorkerInControl, writeCaseNote } from '../support/device.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Without a signal the browser reports each failed request as a console error: those are expected here. */
const realErrors = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e));

/** The persisted working set has the case's working file (the sync from /sync/changes ran and was saved). */
async function workingSetKept(page: Page, caseId: string): Promise<boolean> {
  const kept = await keptWorkingSet(page);
  return Boolean(kept.queries?.some((q) => q.queryKey[0] === 'case' && q.queryKey[1] === caseId && q.queryKey[2] === 'services'));
}

describe('offline', () => {
  it('a pendamping opens the app once, then without a signal opens a case never opened, records a note and an activity, reloads (still there, waiting), and back online each write reaches the server exactly once', async () => {
    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    const step = (name: string) => process.env.E2E_TRACE && console.log(`[offline] ${name} ${page.url()}`);
    if (process.env.E2E_TRACE) {
      page.on(
        'response',
        (r) => r.request().method() !== 'GET' && console.log(`[offline] ${r.request().method()} ${r.url()} ${r.status()}`),
      );
      page.on('requestfailed', (r) => console.log(`[offline] failed ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
      page.on('console', (m) => console.log(`[offline] console ${m.text()}`));
    }
    const context = page.context();
    await signIn(page, 'pendamping.35.10');

    // Online once: the service worker precaches every screen; the working set is kept on the device.
    await serviceWorkerInControl(page);
    const me = await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()) as { id: string });
    const kase = await page.evaluate(async (pendampingId) => {
      const list = (await (await fetch(`/api/v1/cases?pendampingId=${pendampingId}&status=tertangani&pageSize=20`)).json()) as {
        items: Array<{ id: string; nomor: string; tindakan: { ubah: boolean } }>;
      };
      return list.items.find((c) => c.tindakan.ubah)!;
    }, me.id);
    expect(kase).toBeTruthy();
    step('kept?');
    await expect.poll(() => workingSetKept(page, kase.id), { timeout: 15_000 }).toBe(true);

    const note = `Kunjungan tanpa sinyal ${Date.now()}`;
    const activity = `Kegiatan luring ${Date.now()}`;

    step('await context.setOffline(true);');
    await context.setOffline(true);
    // A screen never opened: its code from the precache, its data from the device.
    await page.goto(`/kasus/${kase.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText(kase.nomor).first().waitFor();
    const pendingNote = await writeCaseNote(page, note);
    await pendingNote.getByText('menunggu dikirim').waitFor();
    await page.getByTestId('outbox-count').getByText('1 belum terkirim').waitFor();
    await screenshot(page, 'luring-catatan-ponsel');

    step("await page.getByRole('link', { name: 'Ke");
    await page.getByRole('link', { name: 'Kegiatan' }).first().click();
    await page.getByRole('heading', { name: 'Laporan kegiatan harian' }).waitFor();
    const add = page.locator('details', { hasText: 'Tambah kegiatan' });
    await add.locator('summary').click();
    await add.getByLabel('Uraian').fill(activity);
    await add.getByRole('button', { name: 'Simpan sebagai draf' }).click();
    await page.locator('[data-testid=pending-activity]', { hasText: activity }).getByText('menunggu dikirim').waitFor();
    await page.getByTestId('outbox-count').getByText('2 belum terkirim').waitFor();

    // Reload without a signal: still signed in, both writes still there, still waiting.
    step('await page.reload();');
    await page.reload();
    await page.getByRole('heading', { name: 'Laporan kegiatan harian' }).waitFor();
    await page.locator('[data-testid=pending-activity]', { hasText: activity }).getByText('menunggu dikirim').waitFor();
    await page.getByTestId('outbox-count').getByText('2 belum terkirim').waitFor();
    await page.goto(`/kasus/${kase.id}`);
    await page.getByRole('tab', { name: 'Layanan' }).click();
    await pendingNote.getByText('menunggu dikirim').waitFor();
    await page.goto('/kirim');
    await page.getByRole('heading', { name: 'Belum terkirim' }).waitFor();
    await expect.poll(() => page.locator('[data-testid=outbox-entry][data-status=menunggu]').count()).toBe(2);
    await page.screenshot({
      path: new URL('../../../test-results/screens/luring-kotak-keluar-ponsel.png', import.meta.url).pathname,
      fullPage: true,
    });

    // Back online: the outbox replays by itself, in order, once.
    step('await context.setOffline(false);');
    await context.setOffline(false);
    await page.getByText('Semua perubahan sudah terkirim.').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('outbox-count').count()).toBe(0);

    step('const held =');
    const held = await page.evaluate(
      async ({ caseId, userId, note, activity }) => {
        const services = (await (await fetch(`/api/v1/cases/${caseId}/services`)).json()) as Array<{ uraian: string }>;
        const today = (await (await fetch('/api/v1/attendance/today')).json()) as { tanggal: string };
        const activities = (await (await fetch(`/api/v1/activities?tanggal=${today.tanggal}&userId=${userId}&pageSize=100`)).json()) as {
          items: Array<{ uraian: string | null }>;
        };
        return {
          notes: services.filter((s) => s.uraian === note).length,
          activities: activities.items.filter((a) => a.uraian === activity).length,
        };
      },
      { caseId: kase.id, userId: me.id, note, activity },
    );
    expect(held).toEqual({ notes: 1, activities: 1 });

    // The screens show the server's records now, no longer waiting.
    await page.goto(`/kasus/${kase.id}`);
    await page.getByRole('tab', { name: 'Layanan' }).click();
    // The note shows in the Layanan list and on the case history: both views of the one record.
    await page.locator('.timeline li', { hasText: note }).first().waitFor();
    expect(await page.locator('[data-testid=pending-service]').count()).toBe(0);
    await screenshot(page, 'luring-terkirim-ponsel');
    expect(realErrors(phone.errors)).toEqual([]);
    await phone.close();
  }, 120_000);
});
