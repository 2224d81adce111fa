import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';
import { serviceWorkerInControl, writeCaseNote } from '../support/device.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Every byte the app keeps in IndexedDB, as text: records, and the contents of sealed buffers. */
async function rawDeviceText(page: Page): Promise<{ text: string; wrapKeys: number; outboxRows: number }> {
  return page.evaluate(
    () =>
      new Promise<{ text: string; wrapKeys: number; outboxRows: number }>((resolve, reject) => {
        const request = indexedDB.open('tuntas-offline');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const decoder = new TextDecoder('utf-8', { fatal: false });
          const flat = (v: unknown): string =>
            v instanceof ArrayBuffer
              ? decoder.decode(v)
              : ArrayBuffer.isView(v)
                ? decoder.decode(v as Uint8Array)
                : v && typeof v === 'object'
                  ? Object.entries(v as Record<string, unknown>)
                      .map(([k, x]) => `${k}:${flat(x)}`)
                      .join('|')
                  : String(v);
          const tx = db.transaction(['cache', 'outbox', 'keys']);
          const out = { text: '', wrapKeys: 0, outboxRows: 0 };
          const all = (name: 'cache' | 'outbox' | 'keys') =>
            new Promise<void>((done) => {
              const store = tx.objectStore(name);
              const keys = store.getAllKeys();
              const values = store.getAll();
              values.onsuccess = () => {
                out.text += values.result.map(flat).join('\n');
                if (name === 'outbox') out.outboxRows = values.result.length;
                done();
              };
              keys.onsuccess = () => {
                if (name === 'keys') out.wrapKeys = keys.result.filter((k) => String(k).startsWith('wrap:')).length;
              };
            });
          void Promise.all([all('cache'), all('outbox'), all('keys')]).then(() => resolve(out));
        };
      }),
  );
}

describe('what the phone keeps is sealed', () => {
  it('the working set and the outbox are encrypted at rest, open offline after a reload, and stay sealed once the session is revoked until the owner signs in again', async () => {
    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    const context = page.context();
    await signIn(page, 'pendamping.35.10');
    await serviceWorkerInControl(page);
    const kase = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { id: string };
      const list = (await (await fetch(`/api/v1/cases?pendampingId=${me.id}&status=tertangani&pageSize=20`)).json()) as {
        items: Array<{ id: string; nomor: string; beneficiaryNama: string; identitasTerlindungi: boolean }>;
      };
      return list.items.find((c) => !c.identitasTerlindungi && c.beneficiaryNama.length > 5)!;
    });
    expect(kase).toBeTruthy();
    // The working set is on the device (the sync's cursor is kept with it) — and not one name in the clear.
    await expect.poll(async () => (await rawDeviceText(page)).text.includes('cursor:'), { timeout: 20_000 }).toBe(true);
    const atRest = await rawDeviceText(page);
    expect(atRest.wrapKeys).toBe(1);
    expect(atRest.text).not.toContain(kase.beneficiaryNama);
    expect(atRest.text).not.toContain(kase.nomor);

    // A note written without a signal: kept sealed, and shown after a reload offline.
    const note = `Catatan tersegel ${Date.now()}`;
    await context.setOffline(true);
    await page.goto(`/kasus/${kase.id}`);
    await page.getByText(kase.nomor).first().waitFor();
    const pending = await writeCaseNote(page, note);
    await pending.getByText('menunggu dikirim').waitFor();
    const queued = await rawDeviceText(page);
    expect(queued.outboxRows).toBe(1);
    expect(queued.text).not.toContain(note);
    await page.reload();
    await page.getByRole('tab', { name: 'Layanan' }).click();
    await pending.getByText('menunggu dikirim').waitFor();
    await page.getByText(kase.beneficiaryNama).first().waitFor();

    // The session is ended from another device (a lost phone) while this one is offline.
    const desk = await openPage(browser, { width: 1280, height: 800 });
    await signIn(desk.page, 'pendamping.35.10');
    const ended = await desk.page.evaluate(async () => {
      const sessions = (await (await fetch('/api/v1/auth/sessions')).json()) as Array<{ id: string; current: boolean }>;
      const others = sessions.filter((s) => !s.current);
      for (const s of others) await fetch(`/api/v1/auth/sessions/${s.id}`, { method: 'DELETE' });
      return others.length;
    });
    expect(ended).toBeGreaterThan(0);
    await desk.close();

    // Back online the phone learns it: the device key is forgotten, sign-in is asked for, and
    // without a signal nothing of the kept data opens — it is still there, sealed.
    await context.setOffline(false);
    await page.reload();
    await page.getByRole('heading', { name: 'Masuk ke Tuntas' }).waitFor();
    await expect.poll(async () => (await rawDeviceText(page)).wrapKeys).toBe(0);
    expect((await rawDeviceText(page)).outboxRows).toBe(1);
    await context.setOffline(true);
    await page.goto(`/kasus/${kase.id}`);
    await expect.poll(async () => page.getByText(kase.beneficiaryNama).count()).toBe(0);
    await screenshot(page, 'luring-tersegel-ponsel');

    // The owner signs in again: the note is theirs again, and goes out once.
    await context.setOffline(false);
    await page.goto('/masuk');
    await page.getByLabel('Nama pengguna').fill('pendamping.35.10');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
    await page.goto('/kirim');
    await page.getByText('Semua perubahan sudah terkirim.').waitFor({ timeout: 20_000 });
    const sent = await page.evaluate(
      async ({ id, text }) =>
        ((await (await fetch(`/api/v1/cases/${id}/services`)).json()) as Array<{ uraian: string }>).filter((s) => s.uraian === text).length,
      { id: kase.id, text: note },
    );
    expect(sent).toBe(1);
    await phone.close();
  });
});
