import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';
import { json } from '../support/api.js';
import { keptWorkingSet, serviceWorkerInControl } from '../support/device.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** The device's persisted working set: whether the text is in it, and whether a sync cursor is kept with it. */
async function persisted(page: Page, text: string): Promise<{ has: boolean; cursor: boolean }> {
  const kept = await keptWorkingSet(page);
  return { has: JSON.stringify(kept.queries ?? null).includes(text), cursor: kept.cursor !== null };
}

interface CaseItem {
  id: string;
  nomor: string;
  version: number;
  pendampingId: string | null;
}

describe('sync', () => {
  it('after the first sync only what changed comes down: the koordinator’s edit reaches the phone, a case handed to a colleague leaves it', async () => {
    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    await signIn(page, 'pendamping.35.10');
    await serviceWorkerInControl(page);
    const me = (await json<{ id: string; wilayah: string }>(page, '/auth/me')).body;
    const mine = (await json<{ items: CaseItem[] }>(page, `/cases?pendampingId=${me.id}&status=tertangani&pageSize=20`)).body.items;
    expect(mine.length).toBeGreaterThan(2);
    const [edited, handed] = [mine[mine.length - 1]!, mine[mine.length - 2]!];
    // The first sync after sign-in: the whole working set and its cursor, kept together on the device.
    await expect.poll(async () => (await persisted(page, handed.nomor)).cursor, { timeout: 20_000 }).toBe(true);

    const office = await openPage(browser, DESKTOP);
    await signIn(office.page, 'koordinator.35');
    const ringkasan = `Diperbarui koordinator ${Date.now()}`;
    const patched = await json(office.page, `/cases/${edited.id}`, { method: 'PATCH', body: { version: edited.version, ringkasan } });
    expect(patched.status).toBe(200);
    const colleagues = (await json<{ items: Array<{ pendampingId: string; wilayah: string }> }>(office.page, '/caseload')).body.items;
    const colleague = colleagues.find((c) => c.pendampingId !== me.id && c.wilayah === me.wilayah)!;
    expect(colleague).toBeTruthy();
    const give = (to: string) => json(office.page, '/cases/assign', { method: 'POST', body: { caseIds: [handed.id], pendampingId: to } });
    expect((await give(colleague.pendampingId)).status).toBe(200);

    try {
      // Delta rounds, not the whole set again: the one the app runs as it starts, and the one asked
      // for on "Belum terkirim" — whichever of them carries the changes.
      type Delta = { full: boolean; cases: Array<{ id: string }>; removed: { cases: string[] } };
      const deltas: Delta[] = [];
      const collect = async (r: { url(): string; json(): Promise<unknown> }) => {
        if (r.url().includes('/api/v1/sync/changes')) deltas.push((await r.json()) as Delta);
      };
      page.on('response', (r) => void collect(r).catch(() => undefined));
      await page.goto('/kirim');
      await page.getByTestId('last-sync').getByText('diperbarui dari server').waitFor();
      const asked = page.waitForResponse((r) => r.url().includes('/api/v1/sync/changes?since='));
      await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
      await asked;
      await expect.poll(() => deltas.flatMap((d) => d.cases.map((c) => c.id))).toContain(edited.id);
      expect(deltas.every((d) => !d.full)).toBe(true);
      expect(Math.max(...deltas.map((d) => d.cases.length))).toBeLessThan(mine.length);
      expect(deltas.flatMap((d) => d.removed.cases)).toContain(handed.id);
      await screenshot(page, 'sinkron-ponsel');
      await expect.poll(async () => (await persisted(page, ringkasan)).has, { timeout: 10_000 }).toBe(true);
      await expect.poll(async () => (await persisted(page, handed.nomor)).has, { timeout: 10_000 }).toBe(false);

      // Without a signal, after a reload: the edit is on the phone; the case handed over is not.
      await phone.page.context().setOffline(true);
      await page.goto(`/kasus/${edited.id}`);
      await page.getByText(ringkasan).waitFor();
      await page.goto(`/kasus/${handed.id}`);
      await page
        .getByText(/Data ini belum tersedia tanpa sinyal|Tidak dapat menghubungi server/)
        .first()
        .waitFor();
      expect(await page.getByText(handed.nomor).count()).toBe(0);
      await phone.page.context().setOffline(false);
    } finally {
      // Give the case back: other specs work this pendamping's caseload.
      expect((await give(me.id)).status).toBe(200);
    }
    await office.close();
    await phone.close();
  });
});
