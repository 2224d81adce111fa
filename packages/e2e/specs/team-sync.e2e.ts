import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';
import { serviceWorkerInControl, writeCaseNote } from '../support/device.js';
import { caseWithoutNik } from '../support/records.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Without a signal the browser reports each failed request, and the conflict answers 409: both expected here. */
const realErrors = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e));

const PENDAMPING = 'pendamping.35.10';

/** What the spec reads of `GET /sync/team-status` (TeamSyncStatusRow of the domain). */
interface Line {
  username: string;
  menunggu: number;
  konflik: number;
  ditolak: number;
  menungguSejak: string | null;
  sinkronTerakhir: string | null;
}

/** The koordinator's line for the pendamping, as the server has it. */
const lineOf = (page: Page, username: string) =>
  page.evaluate(async (u) => {
    const rows = (await (await fetch('/api/v1/sync/team-status')).json()) as Line[];
    return rows.find((r) => r.username === u) ?? null;
  }, username);

describe('the koordinator sees the team’s work held on devices (issue 17)', () => {
  it('a pendamping’s stage move turns into a conflict while offline and the note after it waits; the koordinator’s Tim page shows both, as the phone holds them', async () => {
    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    const context = page.context();
    await signIn(page, PENDAMPING);
    await serviceWorkerInControl(page);

    const office = await openPage(browser, DESKTOP);
    await signIn(office.page, 'koordinator.35');
    // Other specs' devices of the same pendamping may hold work: this device's share is on top of theirs.
    const before = (await lineOf(office.page, PENDAMPING))!;
    expect(before).toBeTruthy();

    // A case of theirs, opened once with a signal, that the koordinator will change meanwhile.
    const kase = await caseWithoutNik(page, { nama: 'Sutrisno Tertahan', jenisKelamin: 'L', perkiraanUmur: 52 });
    expect(kase.id).toBeTruthy();
    await page.goto(`/kasus/${kase.id}`);
    await page.getByRole('button', { name: 'Lanjut ke Asesmen' }).waitFor();
    await page.waitForTimeout(1500); // the kept cache is written a second after it last changed

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Lanjut ke Asesmen' }).click();
    await page.getByTestId('pending-move').getByText('menunggu dikirim').waitFor();
    await writeCaseNote(page, `Kunjungan tanpa sinyal ${Date.now()}`);
    await page.getByTestId('outbox-count').getByText('2 belum terkirim').waitFor();

    const edited = await office.page.evaluate(
      async ({ id, version }) =>
        (
          await fetch(`/api/v1/cases/${id}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ version, ringkasan: 'Diperbarui koordinator saat pendamping luring' }),
          })
        ).status,
      { id: kase.id, version: kase.version },
    );
    expect(edited).toBe(200);

    // Back online: the move comes back as a conflict; the note on the same case waits for the user's decision.
    await context.setOffline(false);
    await page.goto('/kirim');
    await page.locator('[data-testid=outbox-entry][data-status=konflik]').waitFor({ timeout: 30_000 });
    const held = {
      konflik: await page.locator('[data-testid=outbox-entry][data-status=konflik]').count(),
      menunggu: await page.locator('[data-testid=outbox-entry][data-status=menunggu]').count(),
      ditolak: await page.locator('[data-testid=outbox-entry][data-status=ditolak]').count(),
    };
    expect(held).toEqual({ konflik: 1, menunggu: 1, ditolak: 0 });

    // The phone reports what it holds; the server's line is the other devices' plus this one's.
    const expected = {
      konflik: before.konflik + held.konflik,
      menunggu: before.menunggu + held.menunggu,
      ditolak: before.ditolak + held.ditolak,
    };
    await expect
      .poll(
        async () => {
          const line = await lineOf(office.page, PENDAMPING);
          return line && { konflik: line.konflik, menunggu: line.menunggu, ditolak: line.ditolak };
        },
        { timeout: 30_000 },
      )
      .toEqual(expected);
    const line = (await lineOf(office.page, PENDAMPING))!;
    expect(line.sinkronTerakhir).not.toBeNull();
    expect(line.menungguSejak).not.toBeNull();

    await office.page.goto('/tim');
    const shown = office.page.locator(`[data-testid=device-work][data-user="${PENDAMPING}"]`);
    await office.page.getByRole('heading', { name: 'Pekerjaan di perangkat' }).waitFor();
    await shown.getByText(`${expected.konflik} konflik`).waitFor();
    await shown.getByText(`${expected.menunggu} menunggu dikirim`).waitFor();
    await shown.getByText(/sinkron terakhir/).waitFor();
    await office.page.getByRole('heading', { name: 'Pekerjaan di perangkat' }).scrollIntoViewIfNeeded();
    await screenshot(office.page, 'tim-pekerjaan-perangkat-desktop');
    // The section alone, to read (the whole Tim page is long).
    await office.page.locator('section[aria-labelledby=pekerjaan-perangkat]').screenshot({
      path: new URL('../../../test-results/screens/tim-pekerjaan-perangkat-bagian.png', import.meta.url).pathname,
    });

    expect(realErrors(phone.errors)).toEqual([]);
    expect(office.errors).toEqual([]);
    await phone.close();
    await office.close();
  }, 120_000);
});
