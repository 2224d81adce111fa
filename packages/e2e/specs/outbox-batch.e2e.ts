import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, PHONE, signIn } from '../support/browser.js';
import { serviceWorkerInControl, writeCaseNote } from '../support/device.js';
import { caseWithoutNik } from '../support/records.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** The case's notes on the server, oldest first. */
const notesOnServer = (page: Page, caseId: string) =>
  page.evaluate(async (id) => {
    const services = (await (await fetch(`/api/v1/cases/${id}/services`)).json()) as Array<{ uraian: string; createdAt: string }>;
    return services.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((s) => s.uraian);
  }, caseId);

describe('outbox replay in batches', () => {
  it('sends the writes queued offline in one request, in order, once; a server without the batch route gets them one by one', async () => {
    const { page, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    await serviceWorkerInControl(page);
    const kase = await caseWithoutNik(page, { nama: `Kirim Bersama ${Date.now()}`, jenisKelamin: 'P', perkiraanUmur: 40 });
    const writes: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET') writes.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`/kasus/${kase.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();

    // Three notes without a signal: one request when it returns, the notes in the order written.
    await page.context().setOffline(true);
    const stamp = Date.now();
    const batched = [`Pertama ${stamp}`, `Kedua ${stamp}`, `Ketiga ${stamp}`];
    for (const text of batched) await (await writeCaseNote(page, text)).getByText('menunggu dikirim').waitFor();
    await page.getByTestId('outbox-count').getByText('3 belum terkirim').waitFor();
    writes.length = 0;
    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-count').count(), { timeout: 20_000 }).toBe(0);
    expect((await notesOnServer(page, kase.id)).filter((u) => u.endsWith(String(stamp)))).toEqual(batched);
    expect(writes.filter((w) => w.startsWith('POST /api/v1/sync/outbox'))).toHaveLength(1);
    expect(writes.filter((w) => w.includes('/services'))).toEqual([]);

    // An older server (no batch route: 404): the same writes go one by one, each once.
    await page.route('**/api/v1/sync/outbox', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'ROUTE_NOT_FOUND', message: 'Alamat API tidak dikenal.' } }),
      }),
    );
    await page.context().setOffline(true);
    const later = Date.now();
    const singles = [`Keempat ${later}`, `Kelima ${later}`];
    for (const text of singles) await (await writeCaseNote(page, text)).getByText('menunggu dikirim').waitFor();
    writes.length = 0;
    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-count').count(), { timeout: 20_000 }).toBe(0);
    expect((await notesOnServer(page, kase.id)).filter((u) => u.endsWith(String(later)))).toEqual(singles);
    expect(writes.filter((w) => w === `POST /api/v1/cases/${kase.id}/services`)).toHaveLength(2);
    await close();
  }, 120_000);
});
