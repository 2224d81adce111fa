import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/api.js';
import { DESKTOP, launch, openPage, PHONE, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

interface Load {
  items: Array<{ pendampingId: string; username: string; nama: string | null; wilayah: string }>;
}

/** Who works each regency, as the direktorat reads it: the demo's pendamping per area. */
async function pendampingByArea(): Promise<Map<string, Load['items']>> {
  const { page, close } = await openPage(browser, DESKTOP);
  await signIn(page, 'direktorat');
  const load = (await json<Load>(page, '/caseload')).body.items;
  await close();
  const byArea = new Map<string, Load['items']>();
  for (const p of load) byArea.set(p.wilayah, [...(byArea.get(p.wilayah) ?? []), p]);
  return byArea;
}

/** Opens the Pengalihan tab of one of the pendamping's open cases, on a phone. */
async function openHandover(username: string) {
  const tab = await openPage(browser, PHONE);
  await signIn(tab.page, username);
  const me = (await json<{ id: string }>(tab.page, '/auth/me')).body;
  const mine = (await json<{ items: Array<{ id: string }> }>(tab.page, `/cases?pendampingId=${me.id}&status=tertangani&pageSize=1`)).body;
  expect(mine.items.length).toBe(1);
  await tab.page.goto(`/kasus/${mine.items[0]!.id}`);
  await tab.page.getByRole('tab', { name: 'Pengalihan' }).click();
  await tab.page.getByRole('heading', { name: 'Alihkan kasus ke pendamping lain' }).waitFor();
  return tab;
}

describe('a pendamping hands a case over (Pengalihan, issue 21)', () => {
  it('offers the colleagues of the area by name, without their caseload, and sends the proposal', async () => {
    const byArea = await pendampingByArea();
    const colleagues = byArea.get('35.10')!.filter((p) => p.username !== 'pendamping.35.10');
    expect(colleagues.length).toBeGreaterThan(0);
    const { page, errors, close } = await openHandover('pendamping.35.10');
    const select = page.getByLabel('Pendamping tujuan');
    const names = colleagues.map((c) => c.nama ?? c.username).sort();
    await expect.poll(async () => (await select.locator('option').allTextContents()).slice(1).sort()).toEqual(names);
    const options = (await select.locator('option').allTextContents()).slice(1);
    expect(options.join(' ')).not.toContain('kasus aktif');

    await select.selectOption({ label: options[0]! });
    await page.getByRole('textbox', { name: 'Alasan', exact: true }).fill('Keluarga pindah ke kecamatan lain');
    await page.getByRole('button', { name: 'Ajukan pengalihan' }).click();
    await page.getByText('Menunggu jawaban', { exact: true }).waitFor();
    // Withdrawn again, so the demo's case stays with its owner for the other specs.
    await page.getByRole('button', { name: 'Batalkan' }).click();
    await page.getByText('Dibatalkan', { exact: true }).waitFor();
    expect(errors).toEqual([]);
    // The office's caseload list, which the form no longer needs, stays closed to a pendamping.
    expect((await json(page, '/caseload')).status).toBe(403);
    await close();
  });

  it('says so plainly when no colleague’s area holds the case', async () => {
    const alone = [...(await pendampingByArea()).values()].find((people) => people.length === 1)![0]!;
    const { page, errors, close } = await openHandover(alone.username);
    await page.getByText('Belum ada pendamping lain yang wilayah tugasnya mencakup kasus ini').waitFor();
    expect(await page.getByLabel('Pendamping tujuan').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Ajukan pengalihan' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });
});
