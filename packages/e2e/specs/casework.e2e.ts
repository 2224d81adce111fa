import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** A new person and a disaster-victim case for the signed-in pendamping, through the API as the app would. */
async function newDisasterCase(page: Page): Promise<{ id: string; nomor: string }> {
  return page.evaluate(async () => {
    const post = async (url: string, body: unknown) => {
      const r = await fetch(`/api/v1${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: await r.json() };
    };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const serial = String(1000 + Math.floor(Math.random() * 8999));
      const person = await post('/beneficiaries', {
        nik: `351001520679${serial}`,
        nama: 'Sri Wahyuni',
        jenisKelamin: 'P',
        tanggalLahir: '1979-06-12',
        kodeDesa: '35.10.01.2001',
      });
      if (person.status !== 201) continue;
      const kase = await post('/cases', { beneficiaryId: person.body.id, ppks: '21', ringkasan: 'Rumah rusak berat akibat gempa' });
      return { id: kase.body.id, nomor: kase.body.nomor };
    }
    throw new Error('could not register a person');
  });
}

const realErrors = (errors: string[]) => errors.filter((e) => !e.startsWith('Failed to load resource'));

describe('the work inside a case', () => {
  it('a pendamping assesses with the category’s form, writes the plan and submits it; the koordinator approves it from the inbox', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'pendamping.35.10');
    const kase = await newDisasterCase(page);
    await page.goto(`/kasus/${kase.id}`);
    await page.getByRole('tab', { name: 'Asesmen', selected: true }).waitFor();

    // Submitting an empty form names what is missing, from the server's JSON Schema check.
    await page.getByRole('button', { name: 'Simpan asesmen' }).click();
    await page.getByText(/Periksa isian: .*Kondisi fisik dan kesehatan.*Jenis bencana/).waitFor();
    await page.getByLabel('Sumber informasi').selectOption('penjangkauan');
    await page.getByLabel('Kondisi fisik dan kesehatan').fill('Luka ringan di kaki');
    await page.getByLabel('Kondisi psikologis dan emosi').fill('Sulit tidur sejak gempa');
    await page.getByLabel('Relasi keluarga dan lingkungan').fill('Tinggal bersama suami dan dua anak');
    await page.getByLabel('Dukungan pemenuhan kebutuhan hidup layak').check();
    await page.getByLabel('Tingkat risiko').selectOption('sedang');
    await page.getByLabel('Jenis bencana').selectOption('gempa');
    await page.getByLabel('Kondisi tempat tinggal').selectOption('rusak_berat');
    await page.getByLabel('Tinggal saat ini di').selectOption('pengungsian');
    await screenshot(page, 'asesmen-ponsel');
    await page.getByRole('button', { name: 'Simpan asesmen' }).click();
    await page.getByText(/Asesmen terakhir .* risiko sedang/).waitFor();
    await page.getByText('Asesmen dicatat').waitFor();

    // Through asesmen to rencana, then the plan.
    await page.getByRole('button', { name: 'Lanjut ke Asesmen' }).click();
    await page.getByRole('button', { name: /^Lanjut ke Rencana/ }).click();
    await page.getByRole('tab', { name: 'Rencana' }).click();
    await page.getByLabel('Tujuan (satu per baris)').fill('Keluarga kembali ke hunian layak\nTrauma anak berkurang');
    // Each plan row is its own numbered group whose controls carry real labels, not placeholders.
    const row = page.getByRole('group', { name: 'Layanan ke-1' });
    await row.getByLabel('Layanan', { exact: true }).selectOption('hidup_layak');
    await row.getByLabel('Uraian').fill('Bantuan bahan bangunan');
    await row.getByLabel('Pelaksana').fill('Dinas Sosial Kabupaten Banyuwangi');
    await row.getByLabel('Batas waktu').fill('2027-03-31');
    expect(await row.locator('[placeholder]').count()).toBe(0);
    await page.getByRole('button', { name: 'Simpan rencana' }).click();
    await page.getByRole('button', { name: 'Ajukan ke koordinator' }).click();
    await page.getByText('Menunggu persetujuan').waitFor();
    // The submission is the outbox's until the server has it: shown as waiting at once, sent after.
    // Closing the page before it is sent would leave it on this device, not in the koordinator's inbox.
    await expect.poll(() => page.getByTestId('sync-state').count(), { timeout: 30_000 }).toBe(0);
    await screenshot(page, 'rencana-diajukan-ponsel');
    expect(realErrors(errors)).toEqual([]);
    await close();

    const koordinator = await openPage(browser, PHONE);
    await signIn(koordinator.page, 'koordinator.35');
    await koordinator.page.goto('/persetujuan');
    await koordinator.page.getByRole('link', { name: kase.nomor }).click();
    await koordinator.page.getByRole('tab', { name: 'Rencana', selected: true }).waitFor();
    await koordinator.page.getByRole('button', { name: 'Setujui rencana' }).click();
    await koordinator.page.getByText('Disetujui', { exact: true }).waitFor();
    await koordinator.page.getByText('Rencana intervensi: disetujui').waitFor();
    expect(realErrors(koordinator.errors)).toEqual([]);
    await koordinator.close();
  });

  it('a koordinator’s Beranda lists plans to decide, referrals waiting and who is behind', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    await signIn(page, 'koordinator.35');
    await page.getByRole('heading', { name: 'Tugas' }).waitFor();
    await page.getByRole('heading', { name: /Rencana intervensi menunggu persetujuan \(\d+\)/ }).waitFor();
    await page.getByRole('heading', { name: /Rujukan menunggu jawaban \(\d+\)/ }).waitFor();
    await page.getByRole('heading', { name: 'Pekerjaan tertunda per pendamping' }).waitFor();
    await screenshot(page, 'tugas-koordinator-ponsel');
    await screenshot(page, 'tugas-koordinator-layar-ponsel', { screen: true });
    expect(realErrors(errors)).toEqual([]);
    await close();
  });
});
