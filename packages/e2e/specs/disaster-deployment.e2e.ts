import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

// The conflict (409) and the read after the deployment ended (404) log failed requests; nothing else may.
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource/.test(e));

/** A landslide in Sulawesi Tengah; the pendamping comes from Jawa Barat (WIB). */
const REGENCY = '72.02';
const DEPLOYED = 'pendamping.32.01';
const EVENT = 'Tanah longsor Banggai (uji penugasan)';
const SHELTER = 'Posko Balai Desa Luwuk';
const PERSON = 'Ramlah Tongkonan';

type Reply<T> = { status: number; body: T };
const call = <T>(page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(`/api/v1${p}`, {
        method: m,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      return { status: r.status, body: (await r.json()) as unknown };
    },
    [method, path, body] as const,
  ) as Promise<Reply<T>>;

/** The day in WIB (the deployed pendamping's clock), `n` days from today. */
const wibDay = (n = 0) => new Date(Date.now() + 7 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

describe('a deployment day (issue 18)', () => {
  it('the deployed pendamping’s presensi is dinas luar at the event and their activity names it; a person’s condition and shelter change on Korban, a stale change shows the conflict; the direktorat ends the deployment early and the event closes to them', async () => {
    const desk = await openPage(browser, DESKTOP);
    const d = desk.page;
    await signIn(d, 'direktorat');
    // Set-up through the API, as the declare and deploy screens (tested in disaster.e2e) would.
    const event = await call<{ id: string }>(d, 'POST', '/disasters', {
      nama: EVENT,
      jenis: 'tanah_longsor',
      wilayah: [REGENCY],
      mulai: wibDay(-3),
      status: 'tanggap_darurat',
    });
    expect(event.status).toBe(201);
    const eventId = event.body.id;
    const [who] = (await call<Array<{ userId: string }>>(d, 'GET', `/disasters/${eventId}/deployable?q=${DEPLOYED}`)).body;
    const deployment = await call<{ id: string }>(d, 'POST', `/disasters/${eventId}/deployments`, {
      userId: who!.userId,
      mulai: wibDay(-1),
      selesai: wibDay(6),
      peran: 'pendataan',
      suratTugas: 'ST-201/RSKBK/2026',
    });
    expect(deployment.status).toBe(201);
    type Area = { children: Array<{ kode: string }> };
    const district = (await call<Area>(d, 'GET', `/wilayah/${REGENCY}`)).body.children[0]!.kode;
    const desa = (await call<Area>(d, 'GET', `/wilayah/${district}`)).body.children[0]!.kode;
    const shelter = await call<{ id: string }>(d, 'POST', `/disasters/${eventId}/shelters`, {
      nama: SHELTER,
      jenis: 'pengungsian',
      kodeDesa: desa,
      kapasitas: 80,
      fasilitas: ['air_bersih'],
    });
    expect(shelter.status, JSON.stringify(shelter.body)).toBe(201);

    // The pendamping on the phone, at the event (Luwuk), 1,500 km from the Bandung duty area.
    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    await page.context().grantPermissions(['geolocation']);
    await page.context().setGeolocation({ latitude: -0.95, longitude: 122.79, accuracy: 20 });
    await signIn(page, DEPLOYED);
    await page.goto('/presensi');
    await page.getByRole('button', { name: 'Presensi masuk' }).click();
    await page.getByText(/^Masuk \d{2}\.\d{2} WIB/).waitFor();
    await page
      .getByTestId('deployment-day')
      .filter({ hasText: `Dinas luar pada penugasan bencana: ${EVENT}` })
      .waitFor();
    expect(
      await page
        .locator('.presensi-card')
        .getByText(/TL \(terlambat\)|Di luar radius/)
        .count(),
    ).toBe(0);
    await screenshot(page, 'presensi-dinas-luar-ponsel');

    await page.goto('/kegiatan');
    const add = page.locator('details', { hasText: 'Tambah kegiatan' });
    await add.locator('summary').click();
    await add.getByLabel('Jenis kegiatan').selectOption('dukungan_psikososial');
    expect(await add.getByLabel(`Kegiatan untuk penugasan ${EVENT}`).isChecked()).toBe(true);
    await add.getByRole('button', { name: 'Simpan sebagai draf' }).click();
    await page
      .getByTestId('activity')
      .filter({ hasText: `Penugasan: ${EVENT}` })
      .waitFor();

    // A person registered at the shelter, then moved on the Korban tab.
    const person = await call<{ id: string; version: number }>(page, 'POST', `/disasters/${eventId}/affected`, {
      nik: null,
      alasanTanpaNik: 'dokumen_hilang_bencana',
      perkiraanUmur: 40,
      nama: PERSON,
      jenisKelamin: 'P',
      kodeDesa: desa,
      kondisi: 'di_rumah',
    });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    await page.goto(`/bencana/${eventId}`);
    await page.getByRole('heading', { name: EVENT }).waitFor();
    await page.getByRole('tab', { name: 'Korban' }).click();
    await page.getByRole('searchbox').first().fill('Tongkonan');
    const row = page.getByTestId('affected').filter({ hasText: PERSON });
    await row.getByRole('button', { name: 'Ubah kondisi/posko' }).click();
    await row.getByLabel('Kondisi', { exact: true }).selectOption('luka');
    await row.getByLabel('Posko/pengungsian').selectOption({ label: SHELTER });
    await row.getByRole('button', { name: 'Simpan perubahan' }).click();
    await row.getByRole('button', { name: 'Simpan perubahan' }).waitFor({ state: 'detached' });
    await row.locator('mark.kondisi-luka').waitFor();
    expect(await row.locator('small.muted').innerText()).toContain(SHELTER);

    // Someone else moves her meanwhile: the form, opened on the old version, says so and shows the new one.
    await row.getByRole('button', { name: 'Ubah kondisi/posko' }).click();
    const now = (await call<{ items: Array<{ id: string; version: number }> }>(page, 'GET', `/disasters/${eventId}/affected?q=Tongkonan`))
      .body.items[0]!;
    const koor = await openPage(browser, DESKTOP);
    await signIn(koor.page, 'koordinator.72');
    expect(
      (await call(koor.page, 'PATCH', `/disasters/${eventId}/affected/${now.id}`, { version: now.version, kondisi: 'mengungsi' })).status,
    ).toBe(200);
    await koor.close();
    await row.getByLabel('Kondisi', { exact: true }).selectOption('di_rumah');
    await row.getByRole('button', { name: 'Simpan perubahan' }).click();
    await row.getByRole('alert').filter({ hasText: 'baru saja diubah pengguna lain' }).waitFor();
    await row.locator('mark.kondisi-mengungsi').waitFor();
    await screenshot(page, 'bencana-korban-konflik-ponsel');

    // The direktorat ends the deployment yesterday, with confirmation: from today the event is closed to them.
    await d.goto(`/bencana/${eventId}`);
    await d.getByRole('tab', { name: 'Penugasan' }).click();
    const line = d.getByTestId('deployment').filter({ hasText: DEPLOYED });
    await line.getByRole('button', { name: 'Akhiri penugasan' }).click();
    await line.getByLabel('Hari terakhir bertugas').fill(wibDay(-1));
    await line.getByLabel('Alasan (opsional)').fill('Ditarik kembali ke Jawa Barat');
    await line.getByText('berakhir sehari setelah hari terakhir').waitFor();
    await line.getByRole('button', { name: 'Ya, akhiri penugasan' }).click();
    await line.filter({ hasText: 'Tidak bertugas' }).waitFor();
    await screenshot(d, 'bencana-akhiri-penugasan-desktop');
    expect((await call(page, 'GET', `/disasters/${eventId}`)).status).toBe(404);

    expect(realErrors(phone.errors)).toEqual([]);
    expect(realErrors(desk.errors)).toEqual([]);
    await phone.close();
    await desk.close();
  });
});
