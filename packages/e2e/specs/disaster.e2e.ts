import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

// A reconnection and a refused read (the host province's case) log network failures; nothing else may.
const realErrors = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e));

/** The host province: three regencies of Jawa Tengah. The deployed pendamping comes from Jawa Barat. */
const HOST = ['33.01', '33.02', '33.03'];
const DEPLOYED = 'pendamping.32.01';
const EVENT = 'Banjir Cilacap–Banyumas–Purbalingga (uji)';
const SHELTER = 'Posko GOR Tirtosari';
const MOTHER = 'Sukmawati Tirtosari';
const CHILD = 'Bagus Tirtosari';

const json = <T>(page: Page, path: string) =>
  page.evaluate(async (p) => {
    const r = await fetch(p);
    return { status: r.status, body: (await r.json()) as unknown };
  }, path) as Promise<{ status: number; body: T }>;

describe('disaster response (issue 18)', () => {
  it('the direktorat declares a flood and deploys a pendamping of another province, who registers a family without documents, records LDP and opens a case for the child; the sitrep counts it all; the pendamping sees nothing else of the host province', async () => {
    // The pendamping of Jawa Barat, before any deployment: no Bencana in the menu.
    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    await signIn(page, DEPLOYED);
    const menu = page.getByRole('navigation', { name: 'Menu utama' });
    expect(await menu.getByRole('link', { name: /Bencana/ }).count()).toBe(0);

    // The direktorat on a desktop: declare the flood in three regencies.
    const desk = await openPage(browser, DESKTOP);
    const d = desk.page;
    await d.context().grantPermissions(['geolocation']);
    await d.context().setGeolocation({ latitude: -7.7167, longitude: 109.0154, accuracy: 12 });
    await signIn(d, 'direktorat');
    await d
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: /Bencana/ })
      .click();
    await d.getByRole('heading', { name: 'Kejadian bencana' }).waitFor();
    await d.getByRole('button', { name: 'Nyatakan kejadian' }).click();
    await d.getByLabel('Nama kejadian').fill(EVENT);
    for (const regency of HOST) {
      await d.getByLabel('Provinsi', { exact: true }).selectOption('33');
      await d.getByLabel('Kabupaten/kota', { exact: true }).selectOption(regency);
      await d.getByRole('button', { name: 'Tambah wilayah' }).click();
    }
    await expect.poll(() => d.locator('.area-list li').count()).toBe(3);
    await d.getByLabel('Keterangan').fill('Hujan deras sejak dini hari; tanggul Sungai Serayu jebol.');
    await screenshot(d, 'bencana-nyatakan-desktop');
    await d.getByRole('button', { name: 'Nyatakan', exact: true }).click();
    await d.getByRole('heading', { name: EVENT }).waitFor();
    const eventId = new URL(d.url()).pathname.split('/').pop()!;

    // A shelter, located by the device.
    await d.getByRole('tab', { name: 'Posko' }).click();
    await d.getByRole('button', { name: 'Tambah posko' }).click();
    await d.getByLabel('Nama posko').fill(SHELTER);
    await d.getByLabel('Kapasitas (jiwa)').fill('50');
    await d.getByLabel('Wilayah terdampak').selectOption('33.01');
    await d.getByLabel('Kecamatan', { exact: true }).selectOption({ index: 1 });
    await d.getByLabel('Desa/kelurahan', { exact: true }).selectOption({ index: 1 });
    await d.getByRole('button', { name: 'Ambil lokasi perangkat' }).click();
    await d.getByTestId('shelter-gps').filter({ hasText: '-7.71670' }).waitFor();
    await d.getByLabel('Air bersih').check();
    await d.getByLabel('Ruang ramah anak').check();
    await screenshot(d, 'bencana-posko-form-desktop');
    await d.getByRole('button', { name: 'Simpan posko' }).click();
    await d.getByTestId('shelter').filter({ hasText: SHELTER }).waitFor();

    // Deploy the Jawa Barat pendamping for today, found by username.
    await d.getByRole('tab', { name: 'Penugasan' }).click();
    await d.getByRole('button', { name: 'Tugaskan pendamping' }).click();
    await d.getByLabel('Cari nama pengguna atau nama pendamping').fill(DEPLOYED);
    await d
      .locator('.candidates li')
      .filter({ has: d.getByText(DEPLOYED, { exact: true }) })
      .getByRole('button')
      .click();
    await d.getByTestId('deployee').waitFor();
    await d.getByLabel('Nomor surat tugas').fill('ST-112/RSKBK/2026');
    await d.getByRole('button', { name: 'Tugaskan', exact: true }).click();
    await d.getByTestId('deployment').filter({ hasText: DEPLOYED }).filter({ hasText: 'Bertugas' }).waitFor();
    await screenshot(d, 'bencana-penugasan-desktop');

    // The pendamping's phone: Bencana appears, the event opens on the people to register.
    await page.reload();
    await menu.getByRole('link', { name: /Bencana/ }).click();
    await page.getByTestId('disaster').filter({ hasText: EVENT }).click();
    await page.getByRole('heading', { name: EVENT }).waitFor();
    await screenshot(page, 'bencana-kejadian-ponsel');

    // A family without documents at the shelter: the mother online, the child without a signal.
    await page.getByRole('button', { name: 'Daftarkan korban' }).click();
    await page.getByLabel('Perkiraan umur (tahun)').fill('34');
    await page.getByLabel('Nama', { exact: true }).fill(MOTHER);
    await page.getByLabel('Perempuan').check();
    await page.getByLabel('Posko/pengungsian').selectOption({ label: SHELTER });
    await page.getByLabel('Ibu menyusui').check();
    await page.getByLabel('Kebutuhan').fill('Popok, susu formula');
    await screenshot(page, 'bencana-korban-form-ponsel');
    await page.getByRole('button', { name: 'Simpan korban' }).click();
    await page.getByText(`${MOTHER} tercatat.`).waitFor();

    await page.context().setOffline(true);
    await page.getByRole('heading', { name: 'Daftarkan anggota keluarga' }).waitFor();
    expect(await page.getByLabel('Anggota keluarga dari').locator('option:checked').innerText()).toBe(MOTHER);
    await page.getByLabel('Perkiraan umur (tahun)').fill('6');
    await page.getByLabel('Nama', { exact: true }).fill(CHILD);
    await page.getByLabel('Laki-laki').check();
    await page.getByRole('button', { name: 'Simpan korban' }).click();
    await page.getByText(`${CHILD} tersimpan di perangkat, dikirim saat ada sinyal.`).waitFor();
    await page.getByTestId('affected-pending').filter({ hasText: 'menunggu dikirim' }).waitFor();
    await page.context().setOffline(false);
    await page.getByTestId('affected').filter({ hasText: CHILD }).waitFor();
    await expect.poll(() => page.getByTestId('affected-pending').count()).toBe(0);
    type Affected = {
      id: string;
      nama: string;
      nik: string | null;
      keluargaId: string | null;
      shelterId: string | null;
      caseId: string | null;
    };
    const family = (await json<{ items: Affected[] }>(page, `/api/v1/disasters/${eventId}/affected`)).body.items;
    expect(family).toHaveLength(2);
    expect(family.every((p) => p.nik === null && p.shelterId !== null)).toBe(true);
    expect(new Set(family.map((p) => p.keluargaId)).size).toBe(1);
    const childId = family.find((p) => p.nama === CHILD)!.id;

    // The child needs more than the shelter gives: a rehabilitation case in one step.
    const child = page.locator(`[data-affected-id="${childId}"]`);
    await child.getByRole('button', { name: 'Buka kasus rehabilitasi' }).click();
    await child.getByText('Kasus rehabilitasi dibuka').waitFor();
    await screenshot(page, 'bencana-korban-ponsel');
    const opened = (await json<{ items: Affected[] }>(page, `/api/v1/disasters/${eventId}/affected`)).body.items;
    const caseId = opened.find((p) => p.id === childId)!.caseId;
    expect(caseId).not.toBeNull();

    // LDP at the shelter: both registered, plus five not registered.
    await page.getByRole('tab', { name: 'LDP' }).click();
    await page.getByRole('button', { name: 'Catat sesi LDP' }).click();
    await page.getByLabel('Jenis layanan').selectOption('ruang_ramah_anak');
    await page.getByRole('combobox', { name: /^Posko/ }).selectOption({ label: SHELTER });
    // The child shows by initials now (a child with a case is a protected identity): tick both of the family.
    const registered = page.locator('fieldset', { hasText: 'Peserta terdaftar' }).getByRole('checkbox');
    await expect.poll(() => registered.count()).toBe(2);
    for (const box of await registered.all()) await box.check();
    await page.getByLabel('Anak (0–12), Laki-laki').fill('3');
    await page.getByLabel('Dewasa (18–59), Perempuan').fill('2');
    await screenshot(page, 'bencana-ldp-form-ponsel');
    await page.getByRole('button', { name: 'Simpan sesi' }).click();
    await page.getByText('Sesi LDP tersimpan.').waitFor();
    await page.getByTestId('ldp-session').filter({ hasText: '7 peserta' }).waitFor();
    await screenshot(page, 'bencana-ldp-ponsel');

    // Still nothing else of the host province: not the child's case, not the people in the registry.
    expect((await json(page, `/api/v1/cases/${caseId}`)).status).toBe(404);
    const cases = (await json<{ items: Array<{ wilayah: string }> }>(page, '/api/v1/cases?pageSize=200')).body.items;
    expect(cases.filter((c) => c.wilayah.startsWith('33'))).toEqual([]);
    await menu.getByRole('link', { name: /Penerima manfaat/ }).click();
    await page.getByRole('searchbox').first().fill('Tirtosari');
    await page.getByRole('searchbox').first().press('Enter');
    await page.waitForLoadState('networkidle');
    expect(await page.getByText(/Tirtosari/).count()).toBe(0);
    const people = (
      await json<{ items: Array<{ kodeDesa: string | null; nama: string }> }>(page, '/api/v1/beneficiaries?q=Tirtosari&pageSize=50')
    ).body.items;
    expect(people.filter((p) => p.nama.includes('Tirtosari') || p.kodeDesa?.startsWith('33'))).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(realErrors(phone.errors)).toEqual([]);
    await phone.close();

    // The direktorat's Situasi for today counts all of it, and the PDF is a PDF.
    await d.goto(`/bencana/${eventId}`);
    await d.getByRole('heading', { name: 'Laporan situasi harian' }).waitFor();
    const tile = async (id: string) => Number((await d.getByTestId(id).locator('.big-number').innerText()).replace(/\D/g, ''));
    await expect.poll(() => tile('sitrep-terdampak')).toBe(2);
    expect(await tile('sitrep-mengungsi')).toBe(2);
    expect(await tile('sitrep-kasus')).toBe(1);
    expect(await tile('sitrep-bertugas')).toBe(1);
    expect(await d.getByTestId('sitrep-ldp').innerText()).toBe('1 sesi · 7 peserta');
    expect(await d.getByTestId('sitrep-shelter').filter({ hasText: SHELTER }).innerText()).toContain('2 / 50 jiwa');
    // The shelter located by the device is a point on the offline map, with its occupancy.
    expect(await d.getByRole('img', { name: 'Peta 1 posko menurut GPS' }).locator('title').allTextContents()).toEqual([
      `${SHELTER}: 2 / 50 jiwa`,
    ]);
    await screenshot(d, 'bencana-situasi-desktop');
    const href = (await d.getByRole('button', { name: 'Unduh PDF' }).getAttribute('href'))!;
    const pdf = await d.evaluate(async (h) => {
      const r = await fetch(h);
      return { status: r.status, type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    }, href);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });

    // The dashboard's card of active events links to it.
    await d
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: /Dasbor/ })
      .click();
    await d.getByTestId('active-disasters').getByRole('link', { name: EVENT }).waitFor();
    await screenshot(d, 'bencana-dasbor-desktop');
    await d
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: /Bencana/ })
      .click();
    await d.getByTestId('disaster').filter({ hasText: EVENT }).waitFor();
    await screenshot(d, 'bencana-daftar-desktop');
    expect(desk.errors).toEqual([]);
    await desk.close();
  });
});
