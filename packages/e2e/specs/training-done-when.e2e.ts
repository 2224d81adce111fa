import type { CertificateSummary, CompetencyMatrix, DevelopmentHours, TestBank, TrainingParticipant, TrainingRecord } from '@tuntas/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/api.js';
import { axeFindings } from '../support/axe.js';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';
import { previewGapInvitation, sendInvitation } from '../support/training.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const LDP = 'Layanan Dukungan Psikososial (LDP) bagi Pendamping';
/** One question per unit of the LDP programme; the key is always the first choice. */
const BANK = [
  { unit: 'pfa', pertanyaan: 'Tiga langkah PFA adalah…', pilihan: ['Lihat, dengar, hubungkan', 'Tanya, catat, laporkan'], jawaban: 0 },
  {
    unit: 'ldp-bencana',
    pertanyaan: 'Sesi LDP kelompok di pengungsian…',
    pilihan: ['Aman dan sukarela', 'Wajib diikuti semua'],
    jawaban: 0,
  },
  {
    unit: 'ldp-anak',
    pertanyaan: 'Anak yang terpisah dari keluarga…',
    pilihan: ['Didata dan dicarikan keluarganya', 'Diadopsi'],
    jawaban: 0,
  },
];

async function axeClean(page: Page, where: string): Promise<void> {
  expect(await axeFindings(page), where).toEqual([]);
}

const ldpOf = (m: CompetencyMatrix, userId: string) =>
  m.pendamping.find((p) => p.userId === userId)?.kompetensi.find((c) => c.kode === 'dukungan_psikososial');

describe('done when (issue 22): an event from a programme, from invitation to a publicly verified certificate', () => {
  it('the direktorat creates it from LDP, invites two provinces lacking LDP; a pendamping takes part on the phone; certified and verified', async () => {
    const desk = await openPage(browser, DESKTOP);
    const phone = await openPage(browser, PHONE);
    await signIn(desk.page, 'direktorat');
    await signIn(phone.page, 'pendamping.35.10');
    const me = (await json<{ user: { id: string } }>(phone.page, '/auth/session')).body.user;
    const year = Number(today().slice(0, 4));
    const hours = async () =>
      (await json<DevelopmentHours>(desk.page, `/development-hours?year=${year}&wilayah=35`)).body.items.find((i) => i.userId === me.id)
        ?.jp ?? 0;
    const jpBefore = await hours();
    const matrix = async () => (await json<CompetencyMatrix>(desk.page, '/competencies?wilayah=35')).body;
    const ldpBefore = ldpOf(await matrix(), me.id)!;
    expect(ldpBefore.level).toBe(0);

    // 1. The direktorat opens the LDP programme on Pelatihan and creates today's event from it.
    await desk.page.goto('/pelatihan');
    const programme = desk.page.locator('details').filter({ has: desk.page.locator('summary', { hasText: LDP }) });
    await programme.locator('summary').click();
    await programme.getByRole('button', { name: 'Buat pelatihan dari program ini' }).click();
    const nama = `LDP uji selesai ${Date.now()}`;
    const form = programme.getByRole('form', { name: 'Buat pelatihan' });
    await form.getByLabel('Nama kegiatan').fill(nama);
    await form.getByLabel('Tanggal mulai').fill(today());
    await form.getByLabel('Tanggal selesai').fill(today());
    await form.getByLabel('Tempat (gedung, kota)').fill('UPT Rehabilitasi Sosial, Kota Surabaya');
    await form.getByRole('combobox', { name: /^Provinsi/ }).selectOption('35');
    // Sessions from midnight, so the QR check-in is open whenever the suite runs (else 08.00 at the venue).
    for (const label of await form.getByLabel(/^Jam mulai/).all()) await label.fill('00:00');
    await form.getByLabel('Narasumber (tidak wajib)').fill('Dr. Rina Kusuma, M.Psi.; Universitas Airlangga');
    await axeClean(desk.page, 'Pelatihan: form from a programme');
    await screenshot(desk.page, 'pelatihan-dari-program-desktop');
    await form.getByRole('button', { name: 'Buat pelatihan' }).click();
    await programme.getByRole('status').getByText(`Pelatihan “${nama}” dibuat.`, { exact: false }).waitFor();
    const event = (await json<TrainingRecord[]>(desk.page, '/trainings')).body.find((t) => t.nama === nama)!;
    expect(event.units.map((u) => [u.kode, u.tanggal, u.jamMulai])).toEqual([
      ['pfa', today(), '00:00'],
      ['ldp-bencana', today(), '00:00'],
      ['ldp-anak', today(), '00:00'],
    ]);
    expect(event.programId).not.toBeNull();
    expect(event.narasumber.map((n) => n.nama)).toEqual(['Dr. Rina Kusuma, M.Psi.']);

    // 2. It invites the pendamping of Jawa Timur and DKI Jakarta still without LDP.
    const card = desk.page.locator('article').filter({ hasText: nama });
    await previewGapInvitation(card, ['35', '31'], 'dukungan_psikososial');
    await axeClean(desk.page, 'Pelatihan: invitation preview');
    await sendInvitation(card);
    const invited = (await json<TrainingParticipant[]>(desk.page, `/trainings/${event.id}/participants`)).body;
    expect(invited.map((p) => p.userId)).toContain(me.id);
    expect(invited.every((p) => p.wilayah.startsWith('35') || p.wilayah.startsWith('31'))).toBe(true);
    for (const jenis of ['pre', 'post'] as const) {
      const bank = await json<TestBank>(desk.page, `/trainings/${event.id}/tests/${jenis}`, {
        method: 'PUT',
        body: { dibuka: new Date(Date.now() - 60_000).toISOString(), ditutup: new Date(Date.now() + 3_600_000).toISOString(), soal: BANK },
      });
      expect(bank.status).toBe(200);
    }

    // 3. On the phone (360 px): confirm, pre-test, check in to the three sessions by QR, post-test, evaluate.
    await phone.page.goto('/pelatihan');
    const mine = phone.page.locator('article').filter({ hasText: nama });
    await mine.getByRole('button', { name: 'Saya akan hadir' }).click();
    await mine.getByRole('button', { name: 'Kerjakan pre-test' }).waitFor();
    await axeClean(phone.page, 'Pelatihan saya (phone)');
    await mine.getByRole('button', { name: 'Kerjakan pre-test' }).click();
    await phone.page.getByRole('heading', { name: 'Pre-test' }).waitFor();
    await phone.page.getByRole('radio', { name: 'Tanya, catat, laporkan' }).check();
    await phone.page.getByRole('radio', { name: 'Aman dan sukarela' }).check();
    await phone.page.getByRole('radio', { name: 'Diadopsi' }).check();
    await axeClean(phone.page, 'Pre-test (phone)');
    await phone.page.getByRole('button', { name: 'Kirim jawaban' }).click();
    await phone.page
      .getByRole('status')
      .getByText(/Nilai Anda 33/)
      .waitFor();

    await desk.page.reload();
    const qr = desk.page.locator('article').filter({ hasText: nama });
    await qr.getByText('Tampilkan QR kehadiran').click();
    for (const unit of event.units) {
      await qr.getByRole('combobox', { name: /^Sesi/ }).selectOption(unit.kode);
      await qr.getByRole('img', { name: `Kode QR kehadiran sesi ${unit.kode}` }).waitFor();
      const href = new URL((await qr.getByTestId('checkin-link').getAttribute('href'))!);
      await phone.page.goto(href.pathname + href.search);
      await phone.page
        .getByRole('status')
        .getByText(new RegExp(`sesi ${unit.kode}`))
        .waitFor();
    }
    await axeClean(desk.page, 'Pelatihan: session QR code');
    await axeClean(phone.page, 'Hadir (phone)');
    await screenshot(phone.page, 'pelatihan-hadir-program-ponsel');

    await phone.page.goto('/pelatihan');
    await mine.getByRole('button', { name: 'Kerjakan post-test' }).click();
    await phone.page.getByRole('heading', { name: 'Post-test' }).waitFor();
    for (const q of BANK) await phone.page.getByRole('radio', { name: q.pilihan[0] }).check();
    await phone.page.getByRole('button', { name: 'Kirim jawaban' }).click();
    await phone.page
      .getByRole('status')
      .getByText(/Nilai Anda 100/)
      .waitFor();

    await phone.page.goto('/pelatihan');
    await mine.getByText('Evaluasi pelatihan').click();
    const evaluation = mine.getByRole('form', { name: 'Evaluasi pelatihan' });
    await evaluation.getByRole('radiogroup', { name: 'Pelatihan secara keseluruhan' }).getByLabel('5 sangat baik').check();
    await evaluation
      .getByRole('radiogroup', { name: /Dr\. Rina Kusuma/ })
      .getByLabel('4 baik')
      .check();
    await evaluation.getByLabel('Komentar (tidak wajib)').first().fill('Praktik PFA sangat membantu.');
    await axeClean(phone.page, 'Evaluasi (phone)');
    await screenshot(phone.page, 'pelatihan-evaluasi-ponsel');
    await evaluation.getByRole('button', { name: 'Kirim evaluasi' }).click();
    await mine.getByRole('status').getByText('Terima kasih, evaluasi Anda sudah diterima.').waitFor();

    // 4. The direktorat completes the event (its last day): certificates are issued.
    await desk.page.reload();
    const done = desk.page.locator('article').filter({ hasText: nama });
    await done.getByRole('button', { name: 'Tetapkan kelulusan dan terbitkan sertifikat' }).click();
    await done
      .getByRole('status')
      .getByText(/\d+ sertifikat diterbitkan/)
      .waitFor();
    await axeClean(desk.page, 'Pelatihan: completed');
    const certificate = (await json<CertificateSummary[]>(desk.page, `/trainings/${event.id}/certificates`)).body.find(
      (c) => c.userId === me.id,
    )!;
    expect(certificate.valid).toBe(true);

    // 5. Anyone verifies it by its number, without signing in.
    const visitor = await openPage(browser, PHONE);
    await visitor.page.goto(`/verifikasi/${encodeURIComponent(certificate.nomor)}`);
    await visitor.page.getByText('Sertifikat SAH').waitFor();
    await visitor.page.getByText(nama).waitFor();
    await axeClean(visitor.page, 'Verifikasi (no session)');
    await screenshot(visitor.page, 'pelatihan-verifikasi-program-ponsel');

    // 6. The matrix and the person's JP reflect it (24 JP of LDP: menengah); the phone shows the hours.
    expect(await hours()).toBe(jpBefore + 24);
    expect(ldpOf(await matrix(), me.id)).toMatchObject({ level: 2, jp: ldpBefore.jp + 24 });
    // The phone keeps what it read for 30 s (offline working set): it shows the new hours once that has passed.
    const line = phone.page.getByText(new RegExp(`^${jpBefore + 24} dari 20 JP tahun ini`));
    await expect
      .poll(
        async () => {
          await phone.page.goto('/pelatihan');
          await phone.page.getByText(/dari 20 JP tahun ini/).waitFor();
          return line.count();
        },
        { timeout: 90_000, interval: 5_000 },
      )
      .toBeGreaterThan(0);
    await phone.page.getByText(certificate.nomor).waitFor();
    await axeClean(phone.page, 'Pelatihan saya after completion (phone)');

    for (const e of [desk.errors, phone.errors, visitor.errors])
      expect(e.filter((x) => !x.startsWith('Failed to load resource'))).toEqual([]);
    await Promise.all([desk.close(), phone.close(), visitor.close()]);
  }, 240_000); // a whole event on two screens, on two shared cores

  it('the direktorat writes a new programme on Pelatihan; a koordinator sees their team’s trainings and who still needs LDP', async () => {
    const desk = await openPage(browser, DESKTOP);
    await signIn(desk.page, 'direktorat');
    await desk.page.goto('/pelatihan');
    await desk.page.getByText('Program baru').click();
    const form = desk.page.getByRole('form', { name: 'Program baru' });
    const kode = `napza-${Date.now().toString(36)}`;
    await form.getByLabel(/^Kode/).first().fill(kode);
    await form.getByLabel('Nama program').fill('Rehabilitasi Sosial Korban NAPZA');
    await form.getByLabel('Uraian').fill('Pendampingan rehabilitasi sosial korban penyalahgunaan NAPZA berbasis keluarga.');
    const unit = form.getByRole('group', { name: 'Materi 1' });
    await unit.getByLabel(/^Kode/).fill('napza-dasar');
    await unit.getByLabel('Nama materi').fill('Dasar-dasar adiksi dan pemulihan');
    await unit.getByLabel('JP', { exact: true }).fill('8');
    await unit.getByRole('listbox', { name: /^Kompetensi yang dibangun/ }).selectOption('napza');
    await unit.getByLabel('Tujuan pembelajaran, satu per baris').fill('Peserta mampu menjelaskan siklus adiksi.');
    await axeClean(desk.page, 'Pelatihan: new programme form');
    await form.getByRole('button', { name: 'Simpan program' }).click();
    await desk.page.getByRole('status').getByText('Program “Rehabilitasi Sosial Korban NAPZA” tersimpan.').waitFor();
    await desk.page.locator('summary', { hasText: 'Rehabilitasi Sosial Korban NAPZA' }).waitFor();

    const team = await openPage(browser, PHONE);
    await signIn(team.page, 'koordinator.35');
    await team.page.goto('/pelatihan');
    await team.page.getByRole('heading', { name: 'Pelatihan tim saya' }).waitFor();
    const matrix = (await json<CompetencyMatrix>(team.page, '/competencies')).body;
    const lacking = matrix.pendamping.filter((p) => ldpOf(matrix, p.userId)?.level === 0);
    expect(lacking.length).toBeGreaterThan(0);
    expect(matrix.pendamping.every((p) => p.wilayah.startsWith('35'))).toBe(true);
    await team.page.locator('summary', { hasText: /^Dukungan psikososial \(LDP\):/ }).click();
    await team.page.getByText('Yang masih memerlukan Dukungan psikososial (LDP):').waitFor();
    await team.page.getByRole('listitem').filter({ hasText: lacking[0]!.nama }).first().waitFor();
    await axeClean(team.page, 'Pelatihan (koordinator, phone)');
    await screenshot(team.page, 'pelatihan-tim-koordinator-ponsel');
    for (const e of [desk.errors, team.errors]) expect(e.filter((x) => !x.startsWith('Failed to load resource'))).toEqual([]);
    await Promise.all([desk.close(), team.close()]);
  });
});
