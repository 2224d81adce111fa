import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, openProfile, profileFolder, screenshot, signIn } from '../support/browser.js';
import { serviceWorkerInControl, writeCaseNote } from '../support/device.js';
import { caseWithoutNik } from '../support/records.js';

let browser: Browser;
const profile = profileFolder();
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  profile.remove();
});

/** The phone of issue 17's Done-when. */
const PHONE = { width: 390, height: 844 };

/** Without a signal the browser reports each failed request, and a record not on the server yet answers 404: both expected here. */
const realErrors = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e));

const getJson = <T>(page: Page, path: string): Promise<T> =>
  page.evaluate(async (p) => (await (await fetch(`/api/v1${p}`)).json()) as T, path) as Promise<T>;

/** A weekday at least three days ahead in Jakarta, for the absence. */
function nextWorkday(): string {
  const d = new Date(Date.now() + 3 * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Every required field of the assessment form (its required mark), with its first choice or a short text. */
async function fillAssessment(page: Page): Promise<void> {
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Simpan asesmen' }) });
  for (const label of await form.locator('label:has(select):has(.required-mark)').all())
    await label.locator('select').selectOption({ index: 1 });
  for (const label of await form.locator('label:has(textarea):has(.required-mark)').all())
    await label.locator('textarea').fill('Dicatat tanpa sinyal');
  for (const set of await form
    .locator('fieldset')
    .filter({ has: page.locator('legend .required-mark') })
    .all())
    await set.locator('input').first().check();
}

describe('a day offline', () => {
  it('registers a person, opens their case, records an assessment and a service, moves the stage and asks for izin without a signal; a reload and a browser restart keep it; one sync sends each write once; the koordinator’s edit meanwhile comes back as a conflict and is resolved', async () => {
    let phone = await openProfile(profile.dir, PHONE);
    let { page } = phone;
    let context = page.context();
    await signIn(page, 'pendamping.35.10');
    await serviceWorkerInControl(page);
    const me = await getJson<{ id: string }>(page, '/auth/me');
    // A case of theirs, opened online, that the koordinator will change while the phone is offline.
    const contested = await caseWithoutNik(page, { nama: 'Darmaji Diperebutkan', jenisKelamin: 'L', perkiraanUmur: 40 });
    expect(contested.id).toBeTruthy();
    await page.goto(`/kasus/${contested.id}`);
    await page.getByRole('button', { name: 'Lanjut ke Asesmen' }).waitFor();
    // The registration form once with a signal: the villages of the area are kept on the device.
    await page.goto('/penerima-manfaat/baru');
    await page.getByLabel('Kecamatan', { exact: true }).selectOption('35.10.01');
    await page.getByLabel('Desa/kelurahan', { exact: true }).locator('option[value="35.10.01.2001"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Batal' }).click();
    await page.waitForTimeout(1500); // the kept cache is written a second after it last changed

    const nama = `Sumarni Luring ${Date.now() % 100000}`;
    const note = `Kunjungan pertama tanpa sinyal ${Date.now()}`;
    const izin = nextWorkday();

    await context.setOffline(true);
    // Registering a person without NIK (no signal, no registry number yet).
    await page.goto('/penerima-manfaat/baru');
    await page.getByLabel('Tidak memiliki NIK').check();
    await page.getByLabel('Alasan tidak memiliki NIK').selectOption({ index: 1 });
    await page.getByLabel('Nama lengkap').fill(nama);
    await page.getByLabel('Jenis kelamin').selectOption('P');
    await page.getByLabel(/Tanggal lahir tidak diketahui/).check();
    await page.getByLabel('Perkiraan umur (tahun)').fill('45');
    await page.getByLabel('Kecamatan', { exact: true }).selectOption('35.10.01');
    await page.getByLabel('Desa/kelurahan', { exact: true }).selectOption('35.10.01.2001');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page
      .getByRole('heading', { name: new RegExp(nama) })
      .getByText('menunggu dikirim')
      .waitFor();
    const personId = new URL(page.url()).pathname.split('/').pop()!;

    // A case for them, opened on the device: its page opens at once from the queued write.
    await page.getByRole('button', { name: 'Buka kasus' }).click();
    await page.getByRole('combobox', { name: /^Kategori PPKS/ }).selectOption('24');
    await page.getByLabel('Ringkasan masalah').fill('Janda lansia tanpa penghasilan');
    await page.getByRole('button', { name: 'Buka kasus' }).click();
    await page
      .getByRole('heading', { level: 1, name: new RegExp(nama) })
      .getByText('menunggu dikirim')
      .waitFor();
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    expect(caseId).not.toBe('baru');

    await page.getByRole('tab', { name: 'Asesmen' }).click();
    await fillAssessment(page);
    await page.getByRole('button', { name: 'Simpan asesmen' }).click();
    await page.getByTestId('pending-assessment').getByText('menunggu dikirim').waitFor();

    await (await writeCaseNote(page, note)).getByText('menunggu dikirim').waitFor();

    await page.getByRole('button', { name: 'Lanjut ke Asesmen' }).click();
    await page.getByTestId('pending-move').getByText('menunggu dikirim').waitFor();
    // The stepper already shows the stage the move goes to.
    await page.locator('.stepper li[aria-current=step]', { hasText: 'Asesmen' }).waitFor();
    await screenshot(page, 'luring-hari-kasus-ponsel');

    // The contested case: moved on the phone, offline.
    await page.goto(`/kasus/${contested.id}`);
    await page.getByRole('button', { name: 'Lanjut ke Asesmen' }).click();
    await page.getByTestId('pending-move').getByText('menunggu dikirim').waitFor();

    await page.goto('/presensi');
    const absence = page.locator('details', { hasText: 'Ajukan izin, sakit atau cuti' });
    await absence.locator('summary').click();
    await absence.getByLabel('Tanggal').fill(izin);
    await absence.getByLabel('Jenis').selectOption('izin');
    await absence.getByLabel('Keterangan').fill('Mengantar anak ke puskesmas');
    await absence.getByRole('button', { name: 'Ajukan' }).click();
    await page.getByTestId('pending-absence').getByText('menunggu dikirim').waitFor();
    await page.getByTestId('outbox-count').getByText('7 belum terkirim').waitFor();

    // Reload without a signal: the outbox is on the device, so everything is still there, still waiting.
    await page.reload();
    await page.getByTestId('pending-absence').getByText('menunggu dikirim').waitFor();
    await page.goto(`/kasus/${caseId}`);
    await page.getByTestId('pending-move').getByText('menunggu dikirim').waitFor();
    await page.goto('/kirim');
    await expect.poll(() => page.locator('[data-testid=outbox-entry][data-status=menunggu]').count()).toBe(7);
    await screenshot(page, 'luring-hari-menunggu-ponsel');

    // The browser restarts, still without a signal: the session, the outbox and the screens hold.
    expect(realErrors(phone.errors)).toEqual([]);
    await phone.close();
    phone = await openProfile(profile.dir, PHONE);
    ({ page } = phone);
    context = page.context();
    await context.setOffline(true);
    await page.goto(`/kasus/${caseId}`);
    await page.getByTestId('pending-move').getByText('menunggu dikirim').waitFor();
    await page.getByTestId('outbox-count').getByText('7 belum terkirim').waitFor();
    await page.goto('/kirim');
    await expect.poll(() => page.locator('[data-testid=outbox-entry][data-status=menunggu]').count()).toBe(7);

    // Meanwhile the koordinator edits the contested case.
    const office = await openPage(browser, { width: 1280, height: 800 });
    await signIn(office.page, 'koordinator.35');
    const edited = await office.page.evaluate(
      async ({ id, version }) => {
        const r = await fetch(`/api/v1/cases/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ version, ringkasan: 'Diperbarui koordinator saat pendamping luring' }),
        });
        return r.status;
      },
      { id: contested.id, version: contested.version },
    );
    expect(edited).toBe(200);

    // Back online: one sync; the stage move on the contested case comes back as a conflict.
    await context.setOffline(false);
    await page.locator('[data-testid=outbox-entry][data-status=konflik]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('[data-testid=outbox-entry]').count(), { timeout: 30_000 }).toBe(1);
    const conflict = page.locator('[data-testid=outbox-entry][data-status=konflik]');
    await conflict.getByRole('columnheader', { name: 'Versi server' }).waitFor();
    await conflict.locator('tr.differs', { hasText: 'Asesmen' }).waitFor();
    await screenshot(page, 'luring-hari-konflik-ponsel');

    const held = await page.evaluate(
      async ({ personId, caseId, nama, note, izin, userId }) => {
        const get = async (p: string) => (await fetch(`/api/v1${p}`)).json();
        const people = await get(`/beneficiaries?q=${encodeURIComponent(nama)}&page=1&pageSize=20`);
        const kase = await get(`/cases/${caseId}`);
        const cases = await get(`/cases?beneficiaryId=${personId}&page=1&pageSize=20`);
        const assessments = await get(`/cases/${caseId}/assessments`);
        const services = await get(`/cases/${caseId}/services`);
        const attendance = await get(`/attendance?userId=${userId}&pageSize=50`);
        return {
          people: people.items.filter((p: { id: string; nama: string }) => p.id === personId && p.nama === nama).length,
          cases: cases.total,
          tahapan: kase.tahapan,
          assessments: assessments.length,
          notes: services.filter((s: { uraian: string }) => s.uraian === note).length,
          izin: attendance.items.filter((a: { tanggal: string; status: string }) => a.tanggal === izin && a.status === 'izin').length,
        };
      },
      { personId, caseId, nama, note, izin, userId: me.id },
    );
    expect(held).toEqual({ people: 1, cases: 1, tahapan: 'asesmen', assessments: 1, notes: 1, izin: 1 });

    // Keep mine: sent again on top of the koordinator's version; their summary stays.
    await conflict.getByRole('button', { name: 'Pakai versi saya' }).click();
    await page.getByText('Semua perubahan sudah terkirim.').waitFor({ timeout: 20_000 });
    const after = await getJson<{ tahapan: string; ringkasan: string; version: number }>(page, `/cases/${contested.id}`);
    expect(after).toMatchObject({
      tahapan: 'asesmen',
      ringkasan: 'Diperbarui koordinator saat pendamping luring',
      version: contested.version + 2,
    });

    // The screens show the server's records now.
    await page.goto(`/kasus/${caseId}`);
    await page.getByText('Kasus dibuka').waitFor();
    expect(await page.getByText('menunggu dikirim').count()).toBe(0);
    expect(realErrors(phone.errors)).toEqual([]);
    await office.close();
    await phone.close();
  }, 180_000);
});
