import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

// The refused aid (409) logs a failed request in the console; nothing else may.
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource/.test(e));

/** An earthquake in the pendamping's own regency (Sulawesi Tengah, WITA): they read and record it. */
const REGENCY = '72.01';
const PENDAMPING = 'pendamping.72.01';
const EVENT = 'Gempa Banggai Kepulauan (uji penelusuran)';
const SOUGHT = 'Muhammad Rizky Lamato';
const FOUND = 'Rizki Lamato';
const MOTHER = 'Hadijah Lamato';
const FIRST = 'Hasanuddin Lamato';
const SECOND = 'Nurlela Pakaya';
const BAST = 'BAST/001/RSKBK-7201/XII/2026';
const BAST_REUSED = 'Nomor BAST ini sudah dipakai pada kejadian ini untuk penerima lain. Satu BAST hanya untuk satu penerima.';

type Reply<T> = { status: number; body: T };
const call = <T>(page: Page, path: string, body?: unknown) =>
  page.evaluate(
    async ([p, b]) => {
      const r = await fetch(`/api/v1${p}`, {
        method: b === undefined ? 'GET' : 'POST',
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      return { status: r.status, body: (await r.json()) as unknown };
    },
    [path, body] as const,
  ) as Promise<Reply<T>>;

/** The day in WITA (the event's clock), `back` days ago. */
const witaDay = (back = 0) => new Date(Date.now() + 8 * 3_600_000 - back * 86_400_000).toISOString().slice(0, 10);

describe('family tracing and aid in a disaster event (issue 18)', () => {
  it('on a phone: a sought child meets a found one as a candidate, the match is confirmed and the reunification recorded; aid with a BAST number, the same number for someone else refused in Indonesian', async () => {
    // The direktorat declares the event (set-up through the API, as the declare screen would).
    const desk = await openPage(browser, DESKTOP);
    await signIn(desk.page, 'direktorat');
    const declared = await call<{ id: string }>(desk.page, '/disasters', {
      nama: EVENT,
      jenis: 'gempa_bumi',
      wilayah: [REGENCY],
      mulai: witaDay(2),
      status: 'tanggap_darurat',
    });
    expect(declared.status).toBe(201);
    const eventId = declared.body.id;
    await desk.close();

    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    await signIn(page, PENDAMPING);
    type Area = { wilayah: { kode: string }; children: Array<{ kode: string }> };
    const district = (await call<Area>(page, `/wilayah/${REGENCY}`)).body.children[0]!.kode;
    const village = (await call<Area>(page, `/wilayah/${district}`)).body.children[0]!.kode;
    // Two adults at the shelter (recipients of aid) and the boy a team found alone, recorded before.
    for (const [nama, jenisKelamin, perkiraanUmur] of [
      [FIRST, 'L', 41],
      [SECOND, 'P', 36],
    ] as const) {
      const person = await call(page, `/disasters/${eventId}/affected`, {
        nik: null,
        alasanTanpaNik: 'dokumen_hilang_bencana',
        nama,
        jenisKelamin,
        perkiraanUmur,
        kodeDesa: village,
        kondisi: 'mengungsi',
        kelompokRentan: [],
      });
      expect(person.status).toBe(201);
    }
    const found = await call<{ id: string }>(page, `/disasters/${eventId}/tracing`, {
      jenis: 'anak_tanpa_pendamping',
      arah: 'ditemukan',
      nama: FOUND,
      jenisKelamin: 'L',
      perkiraanUmur: 8,
      kodeDesa: village,
      tempat: 'Posko Masjid Raya Salakan',
      tanggal: witaDay(1),
    });
    expect(found.status).toBe(201);

    // The mother comes to the post: her son is recorded as sought.
    await page.goto(`/bencana/${eventId}`);
    await page.getByRole('heading', { name: EVENT }).waitFor();
    await page.getByRole('tab', { name: 'Penelusuran' }).click();
    await page.getByRole('heading', { name: 'Penelusuran dan penyatuan keluarga' }).waitFor();
    await page.getByRole('button', { name: 'Catat penelusuran' }).click();
    expect(await page.getByLabel('Dicari keluarganya').isChecked()).toBe(true);
    await page.getByLabel('Jenis penelusuran').selectOption('anak_terpisah');
    await page.getByLabel('Nama (kosongkan bila tidak diketahui)').fill(SOUGHT);
    await page.getByLabel('Laki-laki').check();
    await page.getByLabel('Perkiraan umur (tahun)').fill('7');
    await page.getByLabel('Kecamatan', { exact: true }).selectOption(district);
    await page.getByLabel('Desa/kelurahan', { exact: true }).selectOption(village);
    await page.getByLabel('Tempat terakhir terlihat').fill('Pasar Salakan, saat gempa susulan');
    await page.getByLabel('Ciri-ciri (pakaian, tanda lahir, barang bawaan)').fill('Kaus kuning, sandal biru');
    await page.getByLabel('Nama pelapor').fill(MOTHER);
    await page.getByLabel('Hubungan dengan yang dicari').selectOption('orang_tua');
    await page.getByLabel('Kontak pelapor (telepon)').fill('081234567890');
    await screenshot(page, 'bencana-penelusuran-form-ponsel');
    await page.getByRole('button', { name: 'Simpan penelusuran' }).click();
    await page.getByText('Catatan penelusuran tersimpan.').waitFor();
    const row = page.getByTestId('tracing').filter({ hasText: SOUGHT });
    await row.filter({ hasText: 'Terbuka' }).waitFor();
    await expect.poll(() => page.getByTestId('tracing').count()).toBe(2);

    // Opened: the found boy is offered as a candidate, with his score and the reasons.
    await row.getByRole('button', { name: 'Buka' }).click();
    const candidate = page.getByTestId('tracing-candidate').filter({ hasText: FOUND });
    await candidate.waitFor();
    expect(await candidate.innerText()).toMatch(/Skor \d+%/);
    expect(await candidate.innerText()).toContain('Desa sama');
    await screenshot(page, 'bencana-penelusuran-kandidat-ponsel');
    await candidate.getByRole('button', { name: 'Konfirmasi cocok' }).click();
    const detail = page.getByTestId('tracing-detail');
    await detail.getByText('Cocok', { exact: true }).waitFor();
    await page.getByTestId('tracing-partner').filter({ hasText: FOUND }).waitFor();

    // Reunited at the post, handed over to his mother.
    await page.getByLabel('Tempat penyatuan').fill('Posko Masjid Raya Salakan');
    await page.getByLabel('Diserahkan kepada').fill(`${MOTHER} (ibu kandung)`);
    await page.getByRole('button', { name: 'Simpan penyatuan' }).click();
    await page
      .getByTestId('tracing-reunified')
      .filter({ hasText: `${MOTHER} (ibu kandung)` })
      .waitFor();
    await detail.getByText('Dipersatukan', { exact: true }).waitFor();
    await screenshot(page, 'bencana-penelusuran-dipersatukan-ponsel');
    type Tracing = { id: string; nama: string; status: string; pasanganId: string | null };
    const records = (await call<{ items: Tracing[] }>(page, `/disasters/${eventId}/tracing`)).body.items;
    expect(records.map((r) => r.status)).toEqual(['dipersatukan', 'dipersatukan']);
    expect(records.find((r) => r.nama === SOUGHT)!.pasanganId).toBe(found.body.id);
    await page.getByRole('button', { name: '← Semua catatan penelusuran' }).click();
    await expect.poll(() => page.getByTestId('tracing').filter({ hasText: 'Dipersatukan' }).count()).toBe(2);

    // Aid: a food package to the first adult against a BAST number.
    await page.getByRole('tab', { name: 'Bantuan' }).click();
    await page.getByRole('heading', { name: 'Bantuan dan santunan' }).waitFor();
    const recordAid = async (recipient: string, bast: string) => {
      await page.getByRole('button', { name: 'Catat bantuan' }).click();
      await page.getByLabel('Saring nama penerima').fill(recipient.split(' ')[0]!);
      await page.getByRole('button', { name: new RegExp(recipient) }).click();
      await page.getByTestId('aid-recipient').filter({ hasText: recipient }).waitFor();
      await page.getByLabel('Jenis bantuan').selectOption('permakanan');
      await page.getByLabel('Uraian (mis. paket sembako 10 kg)').fill('Paket sembako keluarga');
      await page.getByLabel('Nilai (Rp)').fill('350000');
      await page.getByLabel('Satuan (mis. paket)').fill('paket');
      await page.getByLabel('Nomor BAST').fill(bast);
      await page.getByLabel('Diserahkan oleh').fill('Tim Logistik Dinas Sosial');
      await page.getByRole('button', { name: 'Simpan bantuan' }).click();
    };
    await recordAid(FIRST, BAST);
    await page.getByText(`Bantuan untuk ${FIRST} tercatat.`).waitFor();
    await page.getByTestId('aid').filter({ hasText: FIRST }).filter({ hasText: BAST }).waitFor();
    expect((await page.getByTestId('aid-summary').innerText()).replace(/\s/g, ' ')).toBe('1 penyaluran · 1 penerima · Rp 350.000');

    // The same number (typed in another case) for someone else: refused, in Indonesian, nothing stored.
    await recordAid(SECOND, BAST.toLowerCase());
    await page.getByRole('alert').filter({ hasText: BAST_REUSED }).waitFor();
    await screenshot(page, 'bencana-bantuan-bast-ponsel');
    const aid = (await call<{ total: number; items: Array<{ penerima: string }> }>(page, `/disasters/${eventId}/aid`)).body;
    expect([aid.total, aid.items.map((g) => g.penerima)]).toEqual([1, [FIRST]]);
    expect(await page.getByTestId('aid-pending').count()).toBe(0);

    // The day's situation report counts both: the pair reunited, one delivery.
    await page.getByRole('tab', { name: 'Situasi' }).click();
    await expect.poll(() => page.getByTestId('sitrep-penelusuran').innerText()).toBe('0 terbuka · 0 cocok · 2 dipersatukan · 0 ditutup');
    expect((await page.getByTestId('sitrep-bantuan').innerText()).replace(/\s/g, ' ')).toBe('1 penyaluran · 1 penerima · Rp 350.000');

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(realErrors(phone.errors)).toEqual([]);
    await phone.close();
  });

  it('the demo’s active flood opens with tracing records (a likely match offered to the deployed demo account) and aid delivered', async () => {
    const phone = await openPage(browser, PHONE);
    const { page } = phone;
    await signIn(page, 'pendamping.35.10');
    await page
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: /Bencana/ })
      .click();
    await page.getByTestId('disaster').filter({ hasText: 'Banjir Jakarta' }).click();
    await page.getByRole('tab', { name: 'Penelusuran' }).click();
    await page.getByTestId('tracing').filter({ hasText: 'Dipersatukan' }).first().waitFor();
    await page.getByTestId('tracing').filter({ hasText: 'Muhammad Rizky Pratama' }).getByRole('button', { name: 'Buka' }).click();
    await page
      .getByTestId('tracing-candidate')
      .filter({ hasText: 'Rizki Pratama' })
      .getByRole('button', { name: 'Konfirmasi cocok' })
      .waitFor();
    await screenshot(page, 'bencana-penelusuran-demo-ponsel');
    await page.getByRole('tab', { name: 'Bantuan' }).click();
    await expect.poll(() => page.getByTestId('aid').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('aid-summary').innerText()).toMatch(/^\d+ penyaluran · \d+ penerima · Rp/);
    await screenshot(page, 'bencana-bantuan-demo-ponsel');
    expect(phone.errors).toEqual([]);
    await phone.close();
  });
});
