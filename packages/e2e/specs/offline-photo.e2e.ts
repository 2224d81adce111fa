import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';
import { serviceWorkerInControl, writeCaseNote } from '../support/device.js';
import { caseWithoutNik } from '../support/records.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

// A real 1×1 PNG (the phone shrinks it to a JPEG before keeping it).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The case's attachments and notes as the server holds them. */
const onServer = (page: Page, caseId: string) =>
  page.evaluate(async (id) => {
    const attachments = (await (await fetch(`/api/v1/cases/${id}/attachments`)).json()) as Array<{
      nama: string;
      keterangan: string | null;
    }>;
    const services = (await (await fetch(`/api/v1/cases/${id}/services`)).json()) as Array<{ uraian: string }>;
    return { attachments, notes: services.map((s) => s.uraian) };
  }, caseId);

/**
 * The outbox as IndexedDB holds it: which fields of each row are in the clear, and the photo's
 * entry opened as the app opens it (device key → data key → the sealed write and the sealed bytes).
 */
const keptOutbox = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('tuntas-offline');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const get = <T>(store: string, key?: string) =>
      new Promise<T>((resolve, reject) => {
        const objects = db.transaction(store).objectStore(store);
        const request = key === undefined ? objects.getAll() : objects.get(key);
        request.onsuccess = () => resolve(request.result as T);
        request.onerror = () => reject(request.error);
      });
    type Sealed = { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer };
    const rows = await get<Array<{ userId: string; sealed: Sealed; bytes?: Sealed }>>('outbox');
    const kept = rows.map((r) => ({ fields: Object.keys(r).sort(), bytes: r.bytes?.data.byteLength ?? 0 }));
    const row = rows.find((r) => r.bytes);
    if (!row) {
      db.close();
      return { rows: kept, photo: null };
    }
    const wrap = await get<CryptoKey>('keys', `wrap:${row.userId}`);
    const wrapped = await get<ArrayBuffer>('keys', `data:${row.userId}`);
    db.close();
    const key = await crypto.subtle.unwrapKey('raw', wrapped, wrap, 'AES-KW', 'AES-GCM', false, ['decrypt']);
    const open = (s: Sealed) => crypto.subtle.decrypt({ name: 'AES-GCM', iv: s.iv }, key, s.data);
    const write = JSON.parse(new TextDecoder().decode(await open(row.sealed))) as {
      kind: string;
      path: string;
      idempotencyKey: string;
      file: { type: string };
    };
    return { rows: kept, photo: { ...write, bytes: [...new Uint8Array(await open(row.bytes!))] } };
  });

/** The queued photo's thumbnail is drawn from the bytes kept on the device. */
const thumbnailDrawn = (page: Page) =>
  page
    .getByTestId('pending-attachment')
    .locator('img')
    .evaluate((img) => (img as HTMLImageElement).src.startsWith('blob:') && (img as HTMLImageElement).naturalWidth > 0);

describe('a photo without a signal', () => {
  it('waits on the device with its note, survives a reload offline, and reaches the server once, after the note', async () => {
    const { page, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    await serviceWorkerInControl(page);
    const kase = await caseWithoutNik(page, { nama: `Foto Luring ${Date.now()}`, jenisKelamin: 'L', perkiraanUmur: 52 });
    await page.goto(`/kasus/${kase.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The Layanan tab once with a signal: its lists are kept on the device.
    await page.getByRole('tab', { name: 'Layanan' }).click();
    await page.getByRole('button', { name: 'Tambah lampiran (foto atau PDF, maks. 5 MB)' }).waitFor();
    await page.waitForTimeout(1500); // the kept cache is written a second after it last changed

    await page.context().setOffline(true);
    const note = `Kunjungan dengan foto ${Date.now()}`;
    await (await writeCaseNote(page, note)).getByText('menunggu dikirim').waitFor();
    await page.getByLabel('Keterangan', { exact: true }).fill('Kondisi rumah');
    await page
      .locator('input[type=file][accept*="application/pdf"]')
      .setInputFiles({ name: 'rumah.png', mimeType: 'image/png', buffer: PNG });
    const pending = page.getByTestId('pending-attachment');
    await pending.getByText('menunggu dikirim').waitFor();
    await expect.poll(() => thumbnailDrawn(page)).toBe(true);
    await page.getByTestId('outbox-count').getByText('2 belum terkirim').waitFor();

    // Sealed at rest: only the order and the owner in the clear, the photo as sealed bytes beside the sealed write.
    const { rows, photo: kept } = await keptOutbox(page);
    expect(rows.map((r) => r.fields)).toEqual([
      ['sealed', 'seq', 'userId'],
      ['bytes', 'sealed', 'seq', 'userId'],
    ]);
    expect(rows[1]!.bytes).toBeGreaterThan(16);
    const entry = kept!;
    expect(entry).toMatchObject({ kind: 'attachment', file: { type: 'image/jpeg' } });
    expect(entry.path).toBe(`/cases/${kase.id}/attachments?nama=rumah.png&keterangan=Kondisi+rumah`);
    // Shrunk to a JPEG before it was kept.
    expect(entry.bytes.slice(0, 2)).toEqual([0xff, 0xd8]);

    // A reload without a signal: the note and the photo are still there, waiting, the thumbnail drawn again.
    await page.reload();
    await page.getByRole('tab', { name: 'Layanan' }).click();
    await pending.getByText('menunggu dikirim').waitFor();
    await page.locator('[data-testid=pending-service]', { hasText: note }).getByText('menunggu dikirim').waitFor();
    await expect.poll(() => thumbnailDrawn(page)).toBe(true);
    await screenshot(page, 'offline-photo-waiting');

    const sent: Array<{ path: string; key: string | null; type: string | null }> = [];
    page.on('request', (r) => {
      if (r.method() === 'POST')
        sent.push({
          path: new URL(r.url()).pathname,
          key: r.headers()['idempotency-key'] ?? null,
          type: r.headers()['content-type'] ?? null,
        });
    });
    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-count').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => pending.count()).toBe(0);
    await page.getByRole('link', { name: 'rumah.png' }).waitFor();

    const held = await onServer(page, kase.id);
    expect(held.notes).toEqual([note]);
    expect(held.attachments).toEqual([expect.objectContaining({ nama: 'rumah.png', keterangan: 'Kondisi rumah' })]);
    // The note went first, then the photo alone to its own route, as the image itself.
    const writes = sent.filter((s) => s.path !== '/api/v1/sync/status');
    expect(writes.map((s) => s.path)).toEqual([`/api/v1/cases/${kase.id}/services`, `/api/v1/cases/${kase.id}/attachments`]);
    const photo = writes[1]!;
    expect(photo.type).toBe('image/jpeg');
    expect(photo.key).toBe(entry.idempotencyKey);
    expect((await keptOutbox(page)).rows).toEqual([]);

    // The same entry once more (an answer lost on the way): nothing changes on the server.
    const replay = await page.evaluate(
      async ({ url, key, body, type }) => {
        const response = await fetch(`/api/v1${url}`, {
          method: 'POST',
          headers: { 'idempotency-key': key, 'content-type': type },
          body: new Uint8Array(body),
        });
        return { status: response.status, replayed: response.headers.get('idempotent-replayed') };
      },
      { url: entry.path, key: entry.idempotencyKey, body: entry.bytes, type: entry.file.type },
    );
    expect(replay).toEqual({ status: 201, replayed: 'true' });
    expect((await onServer(page, kase.id)).attachments).toHaveLength(1);
    await close();
  }, 120_000);
  it('an activity made offline and its evidence photo wait together; the photo follows the activity, once', async () => {
    const { page, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    await serviceWorkerInControl(page);
    await page.goto('/kegiatan');
    await page.getByRole('heading', { name: 'Laporan kegiatan harian' }).waitFor();
    await page.waitForTimeout(1500); // the kept cache is written a second after it last changed

    await page.context().setOffline(true);
    const uraian = `Penjangkauan dengan foto ${Date.now()}`;
    const add = page.locator('details', { hasText: 'Tambah kegiatan' });
    await add.locator('summary').click();
    await add.getByLabel('Durasi (menit)').fill('5');
    await add.getByLabel('Uraian').fill(uraian);
    await add.getByRole('button', { name: 'Simpan sebagai draf' }).click();
    const activity = page.locator('[data-testid=pending-activity]', { hasText: uraian });
    await activity.locator('header').getByText('menunggu dikirim').waitFor();
    await activity.locator('input[type=file]').setInputFiles({ name: 'bukti.png', mimeType: 'image/png', buffer: PNG });
    const photo = activity.getByTestId('pending-photo');
    await photo.getByText('menunggu dikirim').waitFor();
    await page.getByTestId('outbox-count').getByText('2 belum terkirim').waitFor();

    await page.reload();
    await activity.locator('header').getByText('menunggu dikirim').waitFor();
    await expect.poll(() => photo.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
    await page.goto('/kirim');
    await page.locator('[data-testid=outbox-entry]', { hasText: 'Foto bukti kegiatan' }).waitFor();

    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-count').count(), { timeout: 30_000 }).toBe(0);
    const held = await page.evaluate(async (text) => {
      const { items } = (await (await fetch('/api/v1/activities?pageSize=100')).json()) as {
        items: Array<{ id: string; uraian: string | null; jumlahFoto: number }>;
      };
      const mine = items.filter((a) => a.uraian === text);
      const photos = mine[0] ? ((await (await fetch(`/api/v1/activities/${mine[0].id}/photos`)).json()) as unknown[]) : [];
      return { activities: mine.length, jumlahFoto: mine[0]?.jumlahFoto, photos: photos.length };
    }, uraian);
    expect(held).toEqual({ activities: 1, jumlahFoto: 1, photos: 1 });
    await close();
  }, 120_000);
});
