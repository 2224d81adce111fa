import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/api.js';
import { axeFindings } from '../support/axe.js';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** An eruption in Sulawesi Tengah; the pendamping comes from Yogyakarta (WIB). */
const DEPLOYED = 'pendamping.34.71';
const EVENT = 'Banjir bandang Sulawesi Tengah (uji impor posko)';
const SHELTER = 'Posko Masjid Raya';

/** The day in WIB (the deployed pendamping's clock), `n` days from today. */
const wibDay = (n = 0) => new Date(Date.now() + 7 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

describe('a posko spreadsheet (issue 18)', () => {
  it('a deployed pendamping uploads the posko’s list on the phone: the family is registered once though the first answer was lost, the bad row is named with its reason, and the Korban list shows them', async () => {
    const desk = await openPage(browser, DESKTOP);
    const d = desk.page;
    await signIn(d, 'direktorat');
    // Set-up through the API, as the declare, shelter and deploy screens (tested in disaster.e2e) would.
    type Area = { kode: string; children: Array<{ kode: string }> };
    const regencies = (await json<Array<{ kode: string }>>(d, '/wilayah/provinces/72/regencies')).body;
    const regency = regencies[3]!.kode;
    const district = (await json<Area>(d, `/wilayah/${regency}`)).body.children[0]!.kode;
    const desa = (await json<Area>(d, `/wilayah/${district}`)).body.children[0]!.kode;
    const event = await json<{ id: string }>(d, '/disasters', {
      method: 'POST',
      body: { nama: EVENT, jenis: 'banjir_bandang', wilayah: [regency], mulai: wibDay(-1), status: 'tanggap_darurat' },
    });
    expect(event.status, JSON.stringify(event.body)).toBe(201);
    const eventId = event.body.id;
    const candidates = (await json<Array<{ userId: string; username: string }>>(d, `/disasters/${eventId}/deployable?q=${DEPLOYED}`)).body;
    const who = candidates.find((c) => c.username === DEPLOYED);
    const deployment = await json(d, `/disasters/${eventId}/deployments`, {
      method: 'POST',
      body: { userId: who!.userId, mulai: wibDay(-1), selesai: wibDay(6), peran: 'pendataan', suratTugas: 'ST-305/RSKBK/2026' },
    });
    expect(deployment.status, JSON.stringify(deployment.body)).toBe(201);
    const shelter = await json(d, `/disasters/${eventId}/shelters`, {
      method: 'POST',
      body: { nama: SHELTER, jenis: 'pengungsian', kodeDesa: desa, kapasitas: 120, fasilitas: ['air_bersih', 'dapur_umum'] },
    });
    expect(shelter.status, JSON.stringify(shelter.body)).toBe(201);
    await desk.close();

    // The posko's list as the volunteers kept it in Excel (semicolons, Indonesian labels).
    const dir = mkdtempSync(join(tmpdir(), 'tuntas-e2e-posko-'));
    const file = join(dir, 'posko-masjid-raya.csv');
    writeFileSync(
      file,
      [
        'nama;jenis_kelamin;alasan_tanpa_nik;perkiraan_umur;kode_desa;kondisi;posko;kelompok_rentan;kebutuhan;keluarga',
        `Hasnah Lamaranggi;P;dokumen_hilang_bencana;29;${desa};;${SHELTER};Ibu menyusui;Popok bayi;KEL-07`,
        `Rahmat Lamaranggi;L;dokumen_hilang_bencana;1;${desa};mengungsi;${SHELTER};Balita;;KEL-07`,
        `Yusuf Tahir;L;dokumen_hilang_bencana;55;${desa};luka;Posko Lapangan Bola;;;`,
      ].join('\r\n'),
    );

    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    await signIn(page, DEPLOYED);
    await page.goto(`/bencana/${eventId}`);
    await page.getByRole('heading', { name: EVENT }).waitFor();
    await page.getByText('Impor spreadsheet posko').click();
    await page.getByLabel('Berkas').setInputFiles(file);
    await page.getByLabel('Periksa saja, jangan simpan').uncheck();
    // A weak signal: the server stores the sheet but its answer never reaches the phone.
    // (Chromium's own interception at the response stage: the request reached the server whole.)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/affected/import*', requestStage: 'Response' }] });
    cdp.on('Fetch.requestPaused', (e) => void cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'ConnectionReset' }));
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /sinyal/ })
      .waitFor();
    await cdp.send('Fetch.disable');
    // Tried again, the same attempt: the server answers what it did, and registers nobody twice.
    await page.getByRole('button', { name: 'Unggah dan periksa' }).click();
    const result = page.getByTestId('import-result');
    await result.getByText('3 baris: 2 diterima, 1 ditolak.').waitFor();
    await result.getByText('2 orang baru tercatat, 0 ditautkan ke registri (NIK sudah ada).').waitFor();
    expect(await result.getByRole('row').filter({ hasText: 'posko bukan nama pengungsian/posko yang terdaftar' }).innerText()).toMatch(
      /^4\b/,
    );
    await result.getByRole('button', { name: /Unduh baris yang ditolak/ }).waitFor();
    // The people are in the Korban list at once, the family as one household at the shelter.
    for (const nama of ['Hasnah Lamaranggi', 'Rahmat Lamaranggi']) {
      await page.getByTestId('affected').filter({ hasText: nama }).filter({ hasText: SHELTER }).waitFor();
    }
    await screenshot(page, 'bencana-impor-posko-ponsel');
    const family = (
      await json<{ items: Array<{ nama: string; keluargaId: string | null; kondisi: string }> }>(page, `/disasters/${eventId}/affected`)
    ).body.items;
    expect(family).toHaveLength(2);
    expect(family.map((p) => p.kondisi).sort()).toEqual(['mengungsi', 'mengungsi']);
    expect(new Set(family.map((p) => p.keluargaId)).size).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await axeFindings(page)).toEqual([]);
    // The lost answer logs its reset connection; nothing else may fail.
    expect(phone.errors.filter((e) => !/ERR_CONNECTION_RESET|Failed to load resource/.test(e))).toEqual([]);
    await phone.close();
  });
});
