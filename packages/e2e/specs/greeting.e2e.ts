import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, PHONE, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('Beranda greets the person (issue 21)', () => {
  it('by the full name the account carries, not the username', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.innerText()).toBe('Selamat datang, Pendamping Kab. Banyuwangi');
    expect(errors).toEqual([]);
    await close();
  });
});
