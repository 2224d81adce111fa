import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface KeptWorkingSet {
  /** Whose data it is. */
  owner: string | null;
  /** The dehydrated query cache, opened with the keys on the device as the app opens it; null if it cannot be. */
  queries: Array<{ queryKey: unknown[]; state: { data: unknown } }> | null;
  /** The sync cursor kept with it. */
  cursor: string | null;
}

/**
 * What the phone keeps of the working set (IndexedDB `tuntas-offline`, sealed by offline/vault.ts),
 * read in the page the way the app reads it: the device key unwraps the data key, which opens the
 * sealed cache. Without the device key (the server refused it) `queries` is null.
 */
export function keptWorkingSet(page: Page): Promise<KeptWorkingSet> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('tuntas-offline');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const get = <T>(store: string, key: string) =>
      new Promise<T | undefined>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve(undefined);
        const request = db.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result as T | undefined);
        request.onerror = () => reject(request.error);
      });
    const row = await get<{ owner: string; sealed?: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }; sync?: { cursor: string } | null }>(
      'cache',
      'queries',
    );

    if (!row) return { owner: null, queries: null, cursor: null };
    const cursor = row.sync?.cursor ?? null;
    const wrap = await get<CryptoKey>('keys', `wrap:${row.owner}`);
    const wrapped = await get<ArrayBuffer>('keys', `data:${row.owner}`);
    if (!wrap || !wrapped || !row.sealed) return { owner: row.owner, queries: null, cursor };
    const key = await crypto.subtle.unwrapKey('raw', wrapped, wrap, 'AES-KW', 'AES-GCM', false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: row.sealed.iv }, key, row.sealed.data);
    const state = JSON.parse(new TextDecoder().decode(plain)) as { queries: KeptWorkingSet['queries'] };
    return { owner: row.owner, queries: state.queries, cursor };
  });
}

/** The service worker controls the page: every screen is precached and opens without a signal. */
export async function serviceWorkerInControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** On the open case page: a case note through the Layanan tab's form; its line as the screen shows it. */
export async function writeCaseNote(page: Page, text: string): Promise<Locator> {
  await page.getByRole('tab', { name: 'Layanan' }).click();
  const form = page.locator('details', { hasText: 'Catat layanan atau catatan' });
  // The form stays open after a note is saved: a second note in a row must not close it.
  if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) await form.locator('summary').click();
  await form.getByLabel('Catatan kasus').check();
  await form.getByLabel('Uraian').fill(text);
  await form.getByRole('button', { name: 'Simpan', exact: true }).click();
  return page.locator('[data-testid=pending-service]', { hasText: text });
}
