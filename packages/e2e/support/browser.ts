import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject, onTestFailed } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'tuntas-demo';
const SCREENS = new URL('../../../test-results/screens/', import.meta.url).pathname;

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1366, height: 800 };

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface TestPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far: every spec ends by asserting none. */
  errors: string[];
  close(): Promise<void>;
}

/** An Indonesian user in Jakarta on the demo server; a narrow viewport is a touch phone. */
function contextOptions(viewport: { width: number; height: number }) {
  return {
    viewport,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    baseURL: inject('baseUrl'),
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
  };
}

export async function openPage(browser: Browser, viewport: { width: number; height: number }): Promise<TestPage> {
  const context = await browser.newContext(contextOptions(viewport));
  return watch(await context.newPage(), () => context.close());
}

/** Console errors and a report on failure, for any page a spec drives. */
function watch(page: Page, close: () => Promise<void>): TestPage {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // A failure in CI leaves only the log: what the page showed then is the evidence a flake needs.
  const report = async ({ task }: { task: { name: string; id: string } }) => {
    if (page.isClosed()) return;
    const text = await page
      .locator('body')
      .innerText({ timeout: 2_000 })
      .catch(() => '(no text)');
    console.error(
      `[e2e failure] ${task.name}\n  url: ${page.url()}\n  errors: ${errors.join(' | ') || '-'}\n  page text:\n${text.slice(0, 2_000)}`,
    );
    mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: join(SCREENS, `gagal-${task.id}.png`), fullPage: true, timeout: 5_000 }).catch(() => undefined);
  };
  try {
    onTestFailed(report);
  } catch {
    // Opened outside a test (a hook): nothing to report to.
  }
  return { page, errors, close };
}

/** A folder for a browser profile, removed with `remove()` when the spec ends. */
export function profileFolder(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tuntas-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A browser with a profile on disk: closing it and opening the same folder again is a browser
 * restart (the service worker, IndexedDB and cookies stay, nothing in memory does).
 */
export async function openProfile(dir: string, viewport: { width: number; height: number }): Promise<TestPage> {
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS, ...contextOptions(viewport) });
  return watch(context.pages()[0] ?? (await context.newPage()), () => context.close());
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/masuk');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
  // The shell (not the login page's own heading) is on screen once the main menu is.
  await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/**
 * Saved under test-results/screens as CI artifacts, and looked at by us. The whole page by default;
 * `screen: true` keeps what the first screen shows from the top (the README's pictures).
 */
export async function screenshot(page: Page, name: string, options: { screen?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.waitForLoadState('networkidle');
  if (options.screen) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: !options.screen });
}
