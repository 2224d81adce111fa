import type { TestBank, TestResults, TrainingParticipant, TrainingRecord } from '@tuntas/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/api.js';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const QUESTIONS = [
  { unit: 'pfa', pertanyaan: 'Tiga prinsip PFA adalah…', pilihan: ['Lihat, dengar, hubungkan', 'Tanya, catat, laporkan'], jawaban: 0 },
  {
    unit: 'pfa',
    pertanyaan: 'Penyintas yang belum mau bercerita…',
    pilihan: ['Didesak bercerita', 'Dihargai dan ditawari bantuan'],
    jawaban: 1,
  },
  { unit: 'anak', pertanyaan: 'Anak yang terpisah dari keluarga…', pilihan: ['Didata dan dicarikan keluarganya', 'Diadopsi'], jawaban: 0 },
];

describe('answering an invitation and taking the pre-test on the phone (issue 22)', () => {
  it('the invited pendamping confirms, takes the pre-test without ever receiving the key, and the organiser sees the gain table', async () => {
    const desk = await openPage(browser, DESKTOP);
    const phone = await openPage(browser, PHONE);
    await signIn(desk.page, 'direktorat');
    await signIn(phone.page, 'pendamping.35.10');
    const me = (await json<{ user: { id: string } }>(phone.page, '/auth/session')).body.user;
    const nama = `Pelatihan LDP uji tes ${Date.now()}`;
    const created = await json<TrainingRecord>(desk.page, '/trainings', {
      method: 'POST',
      body: {
        nama,
        mulai: today(),
        selesai: today(),
        tempat: 'Balai Besar Rehabilitasi Sosial, Surabaya',
        wilayah: '35',
        units: [
          { kode: 'pfa', nama: 'Pertolongan pertama psikologis', jp: 4 },
          { kode: 'anak', nama: 'LDP bagi anak', jp: 4 },
        ],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await json(desk.page, `/trainings/${id}/invitations`, { method: 'POST', body: { userIds: [me.id] } })).status).toBe(201);
    const dibuka = new Date(Date.now() - 60_000).toISOString();
    const ditutup = new Date(Date.now() + 3_600_000).toISOString();
    const bank = await json<TestBank>(desk.page, `/trainings/${id}/tests/pre`, {
      method: 'PUT',
      body: { dibuka, ditutup, soal: QUESTIONS },
    });
    expect(bank.status).toBe(200);

    // The phone: invited, then confirmed.
    const seen: string[] = [];
    phone.page.on('response', (r) => {
      if (r.url().includes(`/trainings/${id}/tests/`)) void r.text().then((t) => seen.push(t));
    });
    await phone.page.goto('/pelatihan');
    const card = phone.page.locator('article').filter({ hasText: nama });
    await card.getByText('Anda diundang ke pelatihan ini.').waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'pelatihan-undangan-ponsel');
    await card.getByRole('button', { name: 'Saya akan hadir' }).click();
    await card.getByRole('button', { name: 'Kerjakan pre-test' }).waitFor();
    await expect
      .poll(async () => (await json<TrainingParticipant[]>(desk.page, `/trainings/${id}/participants`)).body[0]?.status)
      .toBe('terdaftar');

    // The test: two of three right.
    await card.getByRole('button', { name: 'Kerjakan pre-test' }).click();
    await phone.page.getByRole('heading', { name: 'Pre-test' }).waitFor();
    const send = phone.page.getByRole('button', { name: 'Kirim jawaban' });
    expect(await send.isDisabled()).toBe(true);
    await phone.page.getByRole('radio', { name: 'Lihat, dengar, hubungkan' }).check();
    await phone.page.getByRole('radio', { name: 'Didesak bercerita' }).check();
    await phone.page.getByRole('radio', { name: 'Didata dan dicarikan keluarganya' }).check();
    await screenshot(phone.page, 'pelatihan-pretest-ponsel');
    await send.click();
    await phone.page
      .getByRole('status')
      .getByText(/Nilai Anda 67 \(2 dari 3 soal benar\)/)
      .waitFor();
    await phone.page.getByText('Pertolongan pertama psikologis: 50 (1/2)').waitFor();
    expect(seen.length).toBeGreaterThan(0);
    for (const body of seen) expect(body).not.toContain('jawaban');

    // The organiser's table of the gain.
    const results = (await json<TestResults>(desk.page, `/trainings/${id}/test-results`)).body;
    expect(results.peserta).toEqual([expect.objectContaining({ userId: me.id, pre: 67, post: null })]);
    await desk.page.goto('/pelatihan');
    const deskCard = desk.page.locator('article').filter({ hasText: nama });
    await deskCard.getByText('Hasil pre-test dan post-test').click();
    await deskCard.getByRole('row', { name: /Pertolongan pertama psikologis 50/ }).waitFor();
    await screenshot(desk.page, 'pelatihan-hasil-tes-desktop');

    for (const e of [desk.errors, phone.errors]) expect(e.filter((x) => !x.startsWith('Failed to load resource'))).toEqual([]);
    await desk.close();
    await phone.close();
  });
  it('the organiser writes a post-test on Pelatihan: questions per unit, choices one a line, the key and the window', async () => {
    const desk = await openPage(browser, DESKTOP);
    await signIn(desk.page, 'direktorat');
    const nama = `Pelatihan LDP uji soal ${Date.now()}`;
    const created = await json<TrainingRecord>(desk.page, '/trainings', {
      method: 'POST',
      body: {
        nama,
        mulai: today(),
        selesai: today(),
        tempat: 'Balai Besar Rehabilitasi Sosial, Surabaya',
        wilayah: '35',
        units: [
          { kode: 'pfa', nama: 'Pertolongan pertama psikologis', jp: 4 },
          { kode: 'anak', nama: 'LDP bagi anak', jp: 4 },
        ],
      },
    });
    expect(created.status).toBe(201);
    await desk.page.goto('/pelatihan');
    const card = desk.page.locator('article').filter({ hasText: nama });
    await card.getByText('Soal pre-test dan post-test').click();
    await card.getByRole('combobox', { name: /^Tes/ }).selectOption('post');
    await card.getByLabel('Dibuka').fill(`${today()}T13:00`);
    await card.getByLabel('Ditutup').fill(`${today()}T15:00`);
    await card.getByRole('combobox', { name: /^Materi/ }).selectOption('anak');
    await card.getByLabel('Pertanyaan').fill('Anak yang terpisah dari keluarga pertama-tama…');
    await card.getByLabel(/Pilihan jawaban/).fill('Diadopsi\nDidata dan dicarikan keluarganya\nDikirim ke panti');
    await card.getByRole('combobox', { name: /^Jawaban benar/ }).selectOption({ label: 'Didata dan dicarikan keluarganya' });
    await card.getByRole('button', { name: 'Simpan soal' }).click();
    await card.getByRole('status').getByText('1 soal tersimpan.').waitFor();
    await screenshot(desk.page, 'pelatihan-soal-desktop');
    const bank = (await json<TestBank>(desk.page, `/trainings/${created.body.id}/tests/post/bank`)).body;
    expect(bank.soal).toEqual([
      expect.objectContaining({ unit: 'anak', pilihan: ['Diadopsi', 'Didata dan dicarikan keluarganya', 'Dikirim ke panti'], jawaban: 1 }),
    ]);
    // 13.00 in Jakarta (the browser's zone) is 06.00 UTC.
    expect(bank.dibuka).toBe(`${today()}T06:00:00.000Z`);
    expect(desk.errors.filter((x) => !x.startsWith('Failed to load resource'))).toEqual([]);
    await desk.close();
  });
});
