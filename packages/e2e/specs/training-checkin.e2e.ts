import type { TrainingParticipant, TrainingRecord } from '@tuntas/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/api.js';
import { DESKTOP, launch, openPage, PHONE, screenshot, signIn } from '../support/browser.js';
import { previewGapInvitation, sendInvitation } from '../support/training.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

describe('invitations and QR check-in at a training session (issue 22)', () => {
  it('the direktorat invites the pendamping of two provinces who lack LDP: a preview, then all of them', async () => {
    const desk = await openPage(browser, DESKTOP);
    await signIn(desk.page, 'direktorat');
    const nama = `Pelatihan LDP uji undangan ${Date.now()}`;
    const mulai = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const created = await json<TrainingRecord>(desk.page, '/trainings', {
      method: 'POST',
      body: {
        nama,
        mulai,
        selesai: mulai,
        tempat: 'Hotel Santika, Surabaya',
        wilayah: '35',
        units: [{ kode: 'ldp', nama: 'LDP dasar', jp: 8 }],
      },
    });
    expect(created.status).toBe(201);
    await desk.page.goto('/pelatihan');
    const card = desk.page.locator('article').filter({ hasText: nama });
    await previewGapInvitation(card, ['35', '31'], 'dukungan_psikososial');
    const shown = await card.getByTestId('undangan-calon').locator('li small').allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((w) => w.startsWith('35') || w.startsWith('31'))).toBe(true);
    await screenshot(desk.page, 'pelatihan-undangan-desktop');
    await sendInvitation(card);
    const participants = (await json<TrainingParticipant[]>(desk.page, `/trainings/${created.body.id}/participants`)).body;
    expect(participants).toHaveLength(shown.length);
    expect(desk.errors.filter((x) => !x.startsWith('Failed to load resource'))).toEqual([]);
    await desk.close();
  });

  it('the organiser shows the session’s QR code; the participant opens its link on the phone and is checked in, late', async () => {
    const desk = await openPage(browser, DESKTOP);
    const phone = await openPage(browser, PHONE);
    await signIn(desk.page, 'direktorat');
    await signIn(phone.page, 'pendamping.35.10');
    const me = (await json<{ user: { id: string } }>(phone.page, '/auth/session')).body.user;
    const nama = `Pelatihan LDP uji QR ${Date.now()}`;
    const created = await json<TrainingRecord>(desk.page, '/trainings', {
      method: 'POST',
      body: {
        nama,
        mulai: today(),
        selesai: today(),
        tempat: 'Balai Besar Rehabilitasi Sosial, Surabaya',
        wilayah: '35',
        // Started at midnight: any check-in today after 00:15 is late.
        units: [{ kode: 'ldp', nama: 'Pertolongan pertama psikologis', jp: 8, jamMulai: '00:00', kompetensi: ['dukungan_psikososial'] }],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await json(desk.page, `/trainings/${id}/participants`, { method: 'POST', body: { userId: me.id } })).status).toBe(201);

    await desk.page.goto('/pelatihan');
    const card = desk.page.locator('article').filter({ hasText: nama });
    await card.getByText('Tampilkan QR kehadiran').click();
    await card.getByRole('img', { name: 'Kode QR kehadiran sesi ldp' }).waitFor();
    const href = await card.getByTestId('checkin-link').getAttribute('href');
    expect(href).toContain(`/pelatihan/hadir/${id}?t=`);
    await screenshot(desk.page, 'pelatihan-qr-kehadiran-desktop');

    await phone.page.goto(new URL(href!).pathname + new URL(href!).search);
    await phone.page
      .getByRole('status')
      .getByText(/Kehadiran Anda pada sesi ldp tercatat/)
      .waitFor();
    await screenshot(phone.page, 'pelatihan-hadir-ponsel');
    const [p] = (await json<TrainingParticipant[]>(desk.page, `/trainings/${id}/participants`)).body;
    expect(p?.hadir).toEqual(['ldp']);
    const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit' })
      .format(new Date())
      .split(':')
      .map(Number) as [number, number];
    if (h * 60 + m > 15) expect(p?.terlambat).toEqual(['ldp']);
    // Opening the link again changes nothing and still says checked in.
    await phone.page.reload();
    await phone.page.getByRole('status').waitFor();
    expect((await json<TrainingParticipant[]>(desk.page, `/trainings/${id}/participants`)).body[0]?.hadir).toEqual(['ldp']);

    // A tampered code is refused in Indonesian.
    await phone.page.getByLabel('Kode dari layar panitia').fill('ldp.1.bukan');
    await phone.page.getByRole('button', { name: 'Catat kehadiran saya' }).click();
    await phone.page
      .getByRole('alert')
      .getByText(/bukan untuk sesi pelatihan ini/)
      .waitFor();

    for (const e of [desk.errors, phone.errors]) expect(e.filter((x) => !x.startsWith('Failed to load resource'))).toEqual([]);
    await desk.close();
    await phone.close();
  });
});
