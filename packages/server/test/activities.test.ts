import { localClock } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session; // Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let jakartaKoor: Session;
let jakartaPendamping: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, koordinator, jakartaKoor, jakartaPendamping] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'pendamping', '31.71'),
  ]);
});
afterAll(() => ctx.close());

const today = () => localClock(new Date(), 'Asia/Jakarta').tanggal;
const post = (s: Session, url: string, payload: object = {}) => s.request({ method: 'POST', url, payload });

let serial = 0;
async function openCase(session: Session, kodeDesa: string, nikPrefix: string): Promise<string> {
  serial += 1;
  const person = await post(session, '/api/v1/beneficiaries', {
    nik: `${nikPrefix}520390${String(serial).padStart(4, '0')}`,
    nama: `Dewi Lestari ${serial}`,
    jenisKelamin: 'P',
    tanggalLahir: '1990-03-12',
    kodeDesa,
  });
  expect(person.statusCode, person.body).toBe(201);
  const kase = await post(session, '/api/v1/cases', { beneficiaryId: person.json().id, ppks: '24' });
  expect(kase.statusCode, kase.body).toBe(201);
  return kase.json().id;
}

const myDay = async (s: Session) =>
  (await s.request({ method: 'GET', url: `/api/v1/activities?tanggal=${today()}` })).json().items as Array<Record<string, unknown>>;

describe('daily activity report', () => {
  it('drafts the day’s entries from case work, one per type, collecting the cases', async () => {
    const a = await openCase(pendamping, '35.10.01.2001', '351001');
    const b = await openCase(pendamping, '35.10.01.2001', '351001');
    expect((await post(pendamping, `/api/v1/cases/${a}/transitions`, { to: 'asesmen' })).statusCode).toBe(200);
    const day = await myDay(pendamping);
    const visit = day.find((e) => e.jenis === 'kunjungan_rumah')!;
    expect(visit).toMatchObject({
      sumber: 'otomatis',
      status: 'draf',
      caseIds: [a, b],
      durasiMenit: 120,
      tanggal: today(),
      tindakan: { ubah: true, ajukan: true, tinjau: false },
    });
    expect(day.find((e) => e.jenis === 'asesmen')).toMatchObject({ caseIds: [a], durasiMenit: 90 });
    // The koordinator acting on a case writes no draft into anyone's report.
    expect((await post(koordinator, `/api/v1/cases/${b}/transitions`, { to: 'asesmen' })).statusCode).toBe(200);
    expect((await myDay(pendamping)).find((e) => e.jenis === 'asesmen')).toMatchObject({ caseIds: [a] });
    const koordinatorOwn = await koordinator.request({
      method: 'GET',
      url: `/api/v1/activities?tanggal=${today()}&userId=${koordinator.user.id}`,
    });
    expect(koordinatorOwn.json()).toEqual({ items: [], total: 0 });
  });

  it('refuses a future date, someone else’s cases and overlong entries, storing nothing', async () => {
    const before = (await myDay(pendamping)).length;
    const future = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const ahead = await post(pendamping, '/api/v1/activities', { tanggal: future, jenis: 'administrasi', durasiMenit: 60 });
    expect(ahead.statusCode).toBe(422);
    expect(ahead.json().error).toMatchObject({ code: 'ACTIVITY_INVALID', details: [{ field: 'tanggal', code: 'masa_depan' }] });
    const jakartaCase = await openCase(jakartaPendamping, '31.71.01.1001', '317101');
    const foreign = await post(pendamping, '/api/v1/activities', {
      tanggal: today(),
      jenis: 'kunjungan_rumah',
      durasiMenit: 60,
      caseIds: [jakartaCase],
    });
    expect(foreign.json().error).toMatchObject({
      code: 'ACTIVITY_INVALID',
      details: [{ field: 'caseIds', code: 'kasus_tidak_ditemukan' }],
    });
    const long = await post(pendamping, '/api/v1/activities', { tanggal: today(), jenis: 'pelatihan', durasiMenit: 721 });
    expect(long.statusCode).toBe(400);
    expect((await myDay(pendamping)).length).toBe(before);
  });

  it('is submitted by its owner, approved or returned by the area’s koordinator only, then counts in the SKP', async () => {
    const manual = await post(pendamping, '/api/v1/activities', {
      tanggal: today(),
      jenis: 'dukungan_psikososial',
      durasiMenit: 90,
      uraian: 'LDP kelompok di balai desa',
    });
    expect(manual.statusCode, manual.body).toBe(201);
    const day = await myDay(pendamping);
    const ids = day.map((e) => e.id as string);
    const submitted = await post(pendamping, '/api/v1/activities/submit', { ids });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().items.every((e: { status: string }) => e.status === 'diajukan')).toBe(true);
    const locked = await pendamping.request({
      method: 'PATCH',
      url: `/api/v1/activities/${manual.json().id}`,
      payload: { version: 2, durasiMenit: 30 },
    });
    expect(locked.json().error.code).toBe('ACTIVITY_NOT_EDITABLE');

    // Inbox: the area's koordinator sees them; another province does not and cannot act.
    const inbox = await koordinator.request({ method: 'GET', url: '/api/v1/activities?status=diajukan' });
    expect(inbox.json().items.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(ids));
    expect((await jakartaKoor.request({ method: 'GET', url: '/api/v1/activities?status=diajukan' })).json().total).toBe(0);
    expect((await post(jakartaKoor, `/api/v1/activities/${ids[0]}/approve`)).statusCode).toBe(404);
    expect((await post(pendamping, `/api/v1/activities/${ids[0]}/approve`)).statusCode).toBe(403);

    const noComment = await post(koordinator, `/api/v1/activities/${manual.json().id}/return`, { komentar: '' });
    expect(noComment.statusCode).toBe(400);
    const returned = await post(koordinator, `/api/v1/activities/${manual.json().id}/return`, {
      komentar: 'Lampirkan daftar hadir peserta.',
    });
    expect(returned.json()).toMatchObject({ status: 'dikembalikan', komentar: 'Lampirkan daftar hadir peserta.' });
    const fixed = await pendamping.request({
      method: 'PATCH',
      url: `/api/v1/activities/${manual.json().id}`,
      payload: { version: returned.json().version, uraian: 'LDP kelompok, 12 peserta' },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const stale = await pendamping.request({
      method: 'PATCH',
      url: `/api/v1/activities/${manual.json().id}`,
      payload: { version: returned.json().version, uraian: 'x' },
    });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await post(pendamping, `/api/v1/activities/${manual.json().id}/submit`)).json().status).toBe('diajukan');

    const approved = await post(koordinator, '/api/v1/activities/review', { ids, keputusan: 'disetujui' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().items.map((e: { status: string }) => e.status)).toEqual(ids.map(() => 'disetujui'));

    const year = Number(today().slice(0, 4));
    const month = Number(today().slice(5, 7));
    const skp = (await pendamping.request({ method: 'GET', url: `/api/v1/performance/${pendamping.user.id}?year=${year}` })).json();
    const indicator = (kode: string) => skp.indikator.find((i: { kode: string }) => i.kode === kode);
    expect(indicator('dijangkau').bulanan[month - 1]).toBe(2);
    expect(indicator('diasesmen').realisasi).toBe(1);
    expect(indicator('ldp').realisasi).toBe(1);
    const minutes = day.reduce((s, e) => s + (e.durasiMenit as number), 0);
    expect(indicator('jam_kegiatan').realisasi).toBe(Math.round((minutes / 60) * 10) / 10);
    expect(skp).toMatchObject({ perilaku: null, predikat: null, bolehDinilai: false });
  });

  it('never lets anyone approve their own report', async () => {
    const own = await post(koordinator, '/api/v1/activities', { tanggal: today(), jenis: 'koordinasi_lintas_sektor', durasiMenit: 120 });
    expect(own.statusCode, own.body).toBe(201);
    await post(koordinator, `/api/v1/activities/${own.json().id}/submit`);
    const self = await post(koordinator, `/api/v1/activities/${own.json().id}/approve`);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('OWN_REPORT');
    expect((await koordinator.request({ method: 'GET', url: `/api/v1/activities/${own.json().id}` })).json().status).toBe('diajukan');
  });
});

describe('performance (SKP)', () => {
  it('lets the area’s koordinator set targets and the behaviour rating, giving the predikat', async () => {
    const year = Number(today().slice(0, 4));
    const url = `/api/v1/performance/${pendamping.user.id}/plan?year=${year}`;
    expect((await pendamping.request({ method: 'PUT', url, payload: { perilaku: 'di_atas' } })).statusCode).toBe(403);
    expect((await jakartaKoor.request({ method: 'PUT', url, payload: { perilaku: 'di_atas' } })).statusCode).toBe(404);
    const rated = await koordinator.request({ method: 'PUT', url, payload: { perilaku: 'di_bawah', targets: { ldp: 1 } } });
    expect(rated.statusCode, rated.body).toBe(200);
    const body = rated.json();
    expect(body.indikator.find((i: { kode: string }) => i.kode === 'ldp').target).toBe(1);
    expect(body.perilaku).toBe('di_bawah');
    expect(body.predikat).toBe(body.hasilKerja === 'di_bawah' ? 'sangat_kurang' : 'kurang');
    expect(body.bolehDinilai).toBe(true);

    expect((await jakartaKoor.request({ method: 'GET', url: `/api/v1/performance/${pendamping.user.id}` })).statusCode).toBe(404);
    expect((await jakartaPendamping.request({ method: 'GET', url: `/api/v1/performance/${pendamping.user.id}` })).statusCode).toBe(404);
    const team = await koordinator.request({ method: 'GET', url: `/api/v1/performance?year=${year}&wilayah=35.10` });
    expect(team.json().items.map((p: { userId: string }) => p.userId)).toContain(pendamping.user.id);
    const csv = await koordinator.request({ method: 'GET', url: `/api/v1/performance?year=${year}&wilayah=35.10&format=csv` });
    expect(csv.body).toContain('Sesi dukungan psikososial (LDP) disetujui');
    expect(
      (await jakartaKoor.request({ method: 'GET', url: `/api/v1/performance?year=${year}` }))
        .json()
        .items.map((p: { userId: string }) => p.userId),
    ).not.toContain(pendamping.user.id);
  });

  it('prints the evaluation sheet as a PDF for the area only', async () => {
    const year = Number(today().slice(0, 4));
    const pdf = await koordinator.request({ method: 'GET', url: `/api/v1/performance/${pendamping.user.id}/sheet.pdf?year=${year}` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain(`Evaluasi Kinerja ${pendamping.user.username} ${year}`);
    expect((await jakartaKoor.request({ method: 'GET', url: `/api/v1/performance/${pendamping.user.id}/sheet.pdf` })).statusCode).toBe(404);
  });

  it('keeps a checked NIP in the profile', async () => {
    const url = `/api/v1/pendamping/${pendamping.user.id}/profile`;
    const bad = await koordinator.request({ method: 'PUT', url, payload: { nip: '198503122010013003' } });
    expect(bad.json().error).toMatchObject({ code: 'PROFILE_INVALID', details: [{ field: 'nip', code: 'jenis_kelamin' }] });
    const good = await koordinator.request({
      method: 'PUT',
      url,
      payload: {
        nip: '198503122010012003',
        jenisAsn: 'pppk',
        kontrakMulai: '2024-01-01',
        kontrakSelesai: '2026-12-31',
        kompetensi: ['LDP', 'Asesmen anak'],
      },
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({
      nipInfo: { tanggalLahir: '1985-03-12', jenisKelamin: 'P' },
      riwayatPenugasan: [{ wilayah: '35.10' }],
    });
    expect((await pendamping.request({ method: 'PUT', url, payload: { radiusKm: 500 } })).statusCode).toBe(403);
    expect((await pendamping.request({ method: 'GET', url })).json().nip).toBe('198503122010012003');
    expect((await jakartaKoor.request({ method: 'GET', url })).statusCode).toBe(404);
  });

  it('NI PPPK is not a PNS NIP: a real NI PPPK is accepted by its own layout, at least 20 at appointment', async () => {
    const url = `/api/v1/pendamping/${pendamping.user.id}/profile`;
    const pppk = await koordinator.request({ method: 'PUT', url, payload: { nip: '199004152023212012', jenisAsn: 'pppk' } });
    expect(pppk.statusCode, pppk.body).toBe(200);
    expect(pppk.json().nipInfo).toEqual({ jenis: 'pppk', tanggalLahir: '1990-04-15', tmt: '2023', jenisKelamin: 'P', urut: '012' });
    // Calling the same number a PNS NIP reads "21" as a month: refused.
    const asPns = await koordinator.request({ method: 'PUT', url, payload: { jenisAsn: 'pns' } });
    expect(asPns.json().error).toMatchObject({ code: 'PROFILE_INVALID', details: [{ field: 'nip', code: 'tmt' }] });
    const young = await koordinator.request({ method: 'PUT', url, payload: { nip: '200401012023211001' } });
    expect(young.json().error).toMatchObject({ code: 'PROFILE_INVALID', details: [{ field: 'nip', code: 'usia_pengangkatan' }] });
  });
});
