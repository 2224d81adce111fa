import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CERTIFICATE_NUMBER,
  KOMPETENSI,
  levelKompetensi,
  qualification,
  TARGET_JP_TAHUNAN,
  type TestResults,
  type TrainingRecord,
} from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFY_PER_MINUTE } from '../src/routes/training-routes.js';
import { Random } from '../src/seed/random.js';
import { seedTrainings } from '../src/seed/seed-trainings.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let direktorat: Session;
let admin: Session; // national
let koorJatim: Session;
let koorJakarta: Session;
let banyuwangi: Session; // pendamping 35.10
let surabaya: Session; // pendamping 35.78
let jakarta: Session; // pendamping 31.71
let jakarta2: Session; // pendamping 31.71, not invited
let auditor: Session;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const plusDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const thisYear = () => Number(today().slice(0, 4));
const lastYear = () => thisYear() - 1;

/** The Surabaya event's shape, last year: three themes, 10 JP each, post-test pass mark 70. */
const SURABAYA = {
  nama: 'Pelatihan Peningkatan Kapasitas Pendamping Rehabilitasi Sosial',
  mulai: `${lastYear()}-11-20`,
  selesai: `${lastYear()}-11-22`,
  tempat: 'Hotel Santika, Surabaya',
  wilayah: '35.78',
  nilaiLulus: 70,
  units: [
    {
      kode: 'rehsos',
      nama: 'Manajemen rehabilitasi sosial',
      jp: 10,
      tanggal: `${lastYear()}-11-20`,
      kompetensi: ['manajemen_kasus', 'asesmen'],
    },
    {
      kode: 'alur',
      nama: 'Manajemen alur kerja berbasis ilmu pekerjaan sosial',
      jp: 10,
      tanggal: `${lastYear()}-11-21`,
      kompetensi: ['manajemen_kasus'],
    },
    { kode: 'tik', nama: 'Manajemen teknologi komunikasi', jp: 10, tanggal: `${lastYear()}-11-22`, kompetensi: ['teknologi_komunikasi'] },
  ],
};

const post = (s: Session, url: string, payload: unknown) =>
  s.request({ method: 'POST', url: `/api/v1${url}`, payload: payload as Record<string, unknown> });
const get = (s: Session, url: string) => s.request({ method: 'GET', url: `/api/v1${url}` });
const auditCount = async (action: string) =>
  Number(
    (
      await ctx.database.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function createTraining(body: Record<string, unknown> = SURABAYA): Promise<TrainingRecord> {
  const r = await post(direktorat, '/trainings', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, admin, koorJatim, koorJakarta, banyuwangi, surabaya, jakarta, jakarta2, auditor] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'admin', null),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.78'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'auditor', null),
  ]);
});
afterAll(() => ctx.close());

describe('the rules (domain)', () => {
  it('qualification: every unit attended and the post-test passed where the event has one; level = highest source', () => {
    expect(qualification({ units: ['a', 'b'], attended: ['a', 'b'], minKehadiran: 100, nilaiLulus: 70, nilaiPost: 70 })).toEqual({
      lulus: true,
      unitKurang: [],
      postTestKurang: false,
    });
    expect(qualification({ units: ['a', 'b'], attended: ['a'], minKehadiran: 100, nilaiLulus: null, nilaiPost: null })).toEqual({
      lulus: false,
      unitKurang: ['b'],
      postTestKurang: false,
    });
    expect(qualification({ units: ['a', 'b'], attended: ['a'], minKehadiran: 50, nilaiLulus: null, nilaiPost: null }).lulus).toBe(true);
    expect(qualification({ units: ['a'], attended: ['a'], minKehadiran: 100, nilaiLulus: 70, nilaiPost: null }).postTestKurang).toBe(true);
    expect(levelKompetensi({ jpPelatihan: 7, penilaian: null, sertifikasiBerlaku: false })).toBe(0);
    expect(levelKompetensi({ jpPelatihan: 20, penilaian: null, sertifikasiBerlaku: false })).toBe(1);
    expect(levelKompetensi({ jpPelatihan: 0, penilaian: 2, sertifikasiBerlaku: false })).toBe(2);
    expect(levelKompetensi({ jpPelatihan: 0, penilaian: 1, sertifikasiBerlaku: true })).toBe(3);
  });

  it('the framework of migration 0020 equals the domain catalogue', async () => {
    const rows = await ctx.database.db.selectFrom('kompetensi').select(['kode', 'nama', 'uraian']).orderBy('urutan').execute();
    expect(rows).toEqual(KOMPETENSI.map((k) => ({ ...k })));
  });
});

describe('events', () => {
  it('the direktorat creates one in the contract shape; GET lists it; others may not create; bad input is a 422 naming the field', async () => {
    const t = await createTraining();
    expect(t).toMatchObject({
      nama: SURABAYA.nama,
      mulai: SURABAYA.mulai,
      selesai: SURABAYA.selesai,
      tempat: SURABAYA.tempat,
      jp: 30,
      status: 'menunggu_penetapan',
      jumlahPeserta: 0,
    });
    expect(t.units.map((u) => [u.kode, u.nama, u.jp])).toEqual(SURABAYA.units.map((u) => [u.kode, u.nama, u.jp]));
    const list = (await get(direktorat, '/trainings')).json() as TrainingRecord[];
    expect(list.map((x) => x.id)).toContain(t.id);
    expect(await auditCount('training.create')).toBeGreaterThan(0);

    expect((await post(admin, '/trainings', { ...SURABAYA, nama: 'Bimbingan teknis nasional' })).statusCode).toBe(201);
    for (const s of [koorJatim, banyuwangi, auditor]) expect((await post(s, '/trainings', SURABAYA)).json().error.code).toBe('FORBIDDEN');
    const backwards = await post(direktorat, '/trainings', { ...SURABAYA, selesai: `${lastYear()}-11-19` });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().error).toMatchObject({ code: 'TRAINING_INVALID', details: [{ field: 'selesai', code: 'sebelum_mulai' }] });
    const unknown = await post(direktorat, '/trainings', { ...SURABAYA, units: [{ nama: 'Materi', jp: 4, kompetensi: ['sulap'] }] });
    expect(unknown.json().error).toMatchObject({ code: 'TRAINING_INVALID', details: [{ field: 'units/0/kompetensi' }] });
    const outside = await post(direktorat, '/trainings', {
      ...SURABAYA,
      units: [{ nama: 'Materi', jp: 4, tanggal: `${lastYear()}-12-01` }],
    });
    expect(outside.json().error.details).toEqual([{ field: 'units/0/tanggal', code: 'di_luar_tanggal_pelatihan' }]);
    const english = await direktorat.request({
      method: 'POST',
      url: '/api/v1/trainings',
      payload: { ...SURABAYA, units: [] },
      headers: { 'accept-language': 'en' },
    });
    expect(english.statusCode).toBe(400);
  });
});

describe('participants, attendance, results and completion', () => {
  let t: TrainingRecord;
  beforeAll(async () => {
    t = await createTraining({ ...SURABAYA, kuota: 4 });
  });

  it('registers pendamping of several provinces; a repeat, a non-worker and a full quota are refused with nothing changed', async () => {
    for (const s of [banyuwangi, surabaya, jakarta])
      expect((await post(direktorat, `/trainings/${t.id}/participants`, { userId: s.user.id })).statusCode).toBe(201);
    expect((await post(direktorat, `/trainings/${t.id}/participants`, { userId: jakarta.user.id })).json().error.code).toBe(
      'TRAINING_ALREADY_PARTICIPANT',
    );
    expect((await post(direktorat, `/trainings/${t.id}/participants`, { userId: auditor.user.id })).json().error).toMatchObject({
      code: 'TRAINING_PARTICIPANT_INVALID',
      details: [{ field: 'userId' }],
    });
    expect((await post(koorJatim, `/trainings/${t.id}/participants`, { userId: koorJatim.user.id })).json().error.code).toBe('FORBIDDEN');
    expect((await post(direktorat, `/trainings/${t.id}/participants`, { userId: koorJatim.user.id })).statusCode).toBe(201);
    expect((await post(direktorat, `/trainings/${t.id}/participants`, { userId: jakarta2.user.id })).json().error.code).toBe(
      'TRAINING_QUOTA_FULL',
    );
    // Four participants, four audit events.
    expect(await auditCount('training.participant.add')).toBe(4);
  });

  it('each sees only what their scope holds: a koordinator their area’s participants, a pendamping themselves, another province nothing', async () => {
    const names = async (s: Session) =>
      ((await get(s, `/trainings/${t.id}/participants`)).json() as Array<{ userId: string }>).map((p) => p.userId).sort();
    expect((await names(direktorat)).length).toBe(4);
    expect(await names(koorJatim)).toEqual([banyuwangi.user.id, surabaya.user.id, koorJatim.user.id].sort());
    expect(await names(koorJakarta)).toEqual([jakarta.user.id]);
    expect(await names(jakarta)).toEqual([jakarta.user.id]);
    expect((await get(koorJakarta, `/trainings/${t.id}`)).json().jumlahPeserta).toBe(1);

    // A Jawa Timur event with only Jawa Timur people answers another province as a nonexistent one.
    const jatimOnly = await createTraining({ ...SURABAYA, nama: 'Bimbingan teknis Jawa Timur' });
    await post(direktorat, `/trainings/${jatimOnly.id}/participants`, { userId: banyuwangi.user.id });
    for (const s of [koorJakarta, jakarta, jakarta2]) {
      for (const sub of ['', '/participants', '/certificates']) {
        const real = await get(s, `/trainings/${jatimOnly.id}${sub}`);
        const none = await get(s, `/trainings/00000000-0000-4000-8000-000000000000${sub}`);
        expect([real.statusCode, none.statusCode]).toEqual([404, 404]);
      }
      const ids = ((await get(s, '/trainings')).json() as TrainingRecord[]).map((x) => x.id);
      expect(ids).not.toContain(jatimOnly.id);
    }
    expect(((await get(jakarta2, '/trainings')).json() as TrainingRecord[]).map((x) => x.id)).not.toContain(t.id);
    expect(((await get(koorJatim, '/trainings')).json() as TrainingRecord[]).map((x) => x.id)).toContain(jatimOnly.id);
  });

  it('attendance: the organiser marks; a participant marking themself (without the QR token) is a 403 and nothing is stored; unknown units, non-participants and other people’s marks are refused', async () => {
    const mark = (s: Session, userId: string, unit: string) => post(s, `/trainings/${t.id}/attendance`, { userId, unit });
    const stored = async (userId: string) =>
      (
        await ctx.database.db
          .selectFrom('training_attendance')
          .select('unit')
          .where('training_id', '=', t.id)
          .where('user_id', '=', userId)
          .execute()
      ).length;
    const before = await auditCount('training.attendance');
    const self = await mark(surabaya, surabaya.user.id, 'rehsos');
    expect(self.statusCode).toBe(403);
    expect(self.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('tidak berwenang') });
    expect(await stored(surabaya.user.id)).toBe(0);
    expect(await auditCount('training.attendance')).toBe(before);
    for (const unit of ['rehsos', 'alur', 'tik']) {
      expect((await mark(direktorat, banyuwangi.user.id, unit)).statusCode).toBe(201);
      expect((await mark(direktorat, surabaya.user.id, unit)).statusCode).toBe(201);
    }
    for (const unit of ['rehsos', 'alur']) expect((await mark(direktorat, jakarta.user.id, unit)).statusCode).toBe(201);
    for (const unit of ['rehsos', 'alur', 'tik']) expect((await mark(direktorat, koorJatim.user.id, unit)).statusCode).toBe(201);
    const again = await mark(direktorat, banyuwangi.user.id, 'rehsos');
    expect(again.statusCode).toBe(200);
    expect(again.json().hadir).toEqual(['alur', 'rehsos', 'tik']);
    const audits = await auditCount('training.attendance');

    expect((await mark(direktorat, banyuwangi.user.id, 'sulap')).json().error).toMatchObject({
      code: 'TRAINING_UNIT_UNKNOWN',
      details: [{ field: 'unit' }],
    });
    expect((await mark(direktorat, jakarta2.user.id, 'tik')).json().error.code).toBe('TRAINING_NOT_PARTICIPANT');
    expect((await mark(surabaya, banyuwangi.user.id, 'tik')).json().error.code).toBe('FORBIDDEN');
    expect((await mark(jakarta2, jakarta2.user.id, 'tik')).statusCode).toBe(404);
    expect(await auditCount('training.attendance')).toBe(audits);
  });

  it('a session not yet started takes no attendance, and an event not ended cannot be completed', async () => {
    const upcoming = await createTraining({
      ...SURABAYA,
      nama: 'Layanan Dukungan Psikososial',
      mulai: today(),
      selesai: plusDays(3),
      units: [
        { kode: 'ldp1', nama: 'Pertolongan pertama psikologis', jp: 8, kompetensi: ['dukungan_psikososial'] },
        { kode: 'ldp2', nama: 'Konseling dasar', jp: 8, tanggal: plusDays(2), kompetensi: ['dukungan_psikososial'] },
      ],
    });
    expect(upcoming.status).toBe('berlangsung');
    await post(direktorat, `/trainings/${upcoming.id}/participants`, { userId: banyuwangi.user.id });
    expect((await post(direktorat, `/trainings/${upcoming.id}/attendance`, { userId: banyuwangi.user.id, unit: 'ldp1' })).statusCode).toBe(
      201,
    );
    const early = await post(direktorat, `/trainings/${upcoming.id}/attendance`, { userId: banyuwangi.user.id, unit: 'ldp2' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'TRAINING_SESSION_NOT_STARTED', details: { unit: 'ldp2', tanggal: plusDays(2) } });
    expect((await post(direktorat, `/trainings/${upcoming.id}/complete`, {})).json().error.code).toBe('TRAINING_NOT_ENDED');
  });

  it('scores, then completion: certificates for those who qualify, the others with what they lack; once only', async () => {
    const score = (userId: string, nilaiPost: number) =>
      direktorat.request({ method: 'PUT', url: `/api/v1/trainings/${t.id}/results`, payload: { userId, nilaiPre: 50, nilaiPost } });
    expect((await score(banyuwangi.user.id, 85)).json()).toMatchObject({ nilaiPre: 50, nilaiPost: 85 });
    await score(surabaya.user.id, 60);
    await score(jakarta.user.id, 90);
    await score(koorJatim.user.id, 75);
    expect(
      (
        await banyuwangi.request({
          method: 'PUT',
          url: `/api/v1/trainings/${t.id}/results`,
          payload: { userId: banyuwangi.user.id, nilaiPost: 100 },
        })
      ).json().error.code,
    ).toBe('FORBIDDEN');
    expect((await score(banyuwangi.user.id, 101)).statusCode).toBe(400);

    expect((await post(koorJatim, `/trainings/${t.id}/complete`, {})).json().error.code).toBe('FORBIDDEN');
    const done = await post(direktorat, `/trainings/${t.id}/complete`, {});
    expect(done.statusCode, done.body).toBe(200);
    const { certificates, notQualified } = done.json() as {
      certificates: Array<{ nomor: string; userId: string }>;
      notQualified: Array<{ userId: string; unitKurang: string[]; postTestKurang: boolean }>;
    };
    expect(certificates.map((c) => c.userId).sort()).toEqual([banyuwangi.user.id, koorJatim.user.id].sort());
    for (const c of certificates) expect(c.nomor).toMatch(CERTIFICATE_NUMBER);
    expect(notQualified).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: surabaya.user.id, unitKurang: [], postTestKurang: true }),
        expect.objectContaining({ userId: jakarta.user.id, unitKurang: ['tik'], postTestKurang: false }),
      ]),
    );
    expect(await auditCount('certificate.issue')).toBe(2);
    expect(await auditCount('training.complete')).toBe(1);

    // Closed: completing again, attendance, scores and participants are refused, nothing changes.
    expect((await post(direktorat, `/trainings/${t.id}/complete`, {})).json().error.code).toBe('TRAINING_COMPLETED');
    expect((await post(direktorat, `/trainings/${t.id}/attendance`, { userId: jakarta.user.id, unit: 'tik' })).json().error.code).toBe(
      'TRAINING_COMPLETED',
    );
    expect((await score(surabaya.user.id, 80)).json().error.code).toBe('TRAINING_COMPLETED');
    expect((await post(direktorat, `/trainings/${t.id}/participants`, { userId: jakarta2.user.id })).json().error.code).toBe(
      'TRAINING_COMPLETED',
    );
    expect((await get(direktorat, `/trainings/${t.id}`)).json().status).toBe('selesai');

    // Listing: the organiser all, a koordinator their area's, a pendamping their own.
    const listed = async (s: Session) =>
      ((await get(s, `/trainings/${t.id}/certificates`)).json() as Array<{ userId: string }>).map((c) => c.userId).sort();
    expect((await listed(direktorat)).length).toBe(2);
    expect(await listed(koorJakarta)).toEqual([]);
    expect(await listed(banyuwangi)).toEqual([banyuwangi.user.id]);
    expect(await listed(surabaya)).toEqual([]);
    const mine = (await get(banyuwangi, '/certificates')).json();
    expect(mine).toEqual([
      expect.objectContaining({
        nomor: certificates.find((c) => c.userId === banyuwangi.user.id)!.nomor,
        pelatihan: SURABAYA.nama,
        jp: 30,
        valid: true,
      }),
    ]);
    expect((await get(koorJatim, `/certificates?userId=${banyuwangi.user.id}`)).json()).toHaveLength(1);
    expect((await get(koorJakarta, `/certificates?userId=${banyuwangi.user.id}`)).statusCode).toBe(404);
    expect((await get(jakarta, `/certificates?userId=${banyuwangi.user.id}`)).statusCode).toBe(404);
  });

  it('public verification: no session, only the listed fields; 404 for an unknown number; revoked → valid: false, audited with its reason', async () => {
    const [cert] = (await get(banyuwangi, '/certificates')).json() as Array<{ nomor: string }>;
    const nomor = cert!.nomor;
    const verify = (n: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/v1/certificates/${encodeURIComponent(n)}/verify`, remoteAddress: '10.9.9.1' });
    const ok = await verify(nomor);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      valid: true,
      nama: banyuwangi.user.namaLengkap ?? banyuwangi.user.username,
      pelatihan: SURABAYA.nama,
      mulai: SURABAYA.mulai,
      selesai: SURABAYA.selesai,
      jp: 30,
    });
    expect(ok.body).not.toContain(banyuwangi.user.id);
    expect((await verify(nomor.toLowerCase())).statusCode).toBe(200);
    for (const unknown of ['SRT-2025-0001-AAAAAAAA', 'bukan-nomor', "x' or 1=1 --"]) {
      const r = await verify(unknown);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
    }

    expect(
      (await post(koorJatim, `/certificates/${nomor}/revoke`, { alasan: 'Daftar hadir hari kedua dipalsukan' })).json().error.code,
    ).toBe('FORBIDDEN');
    expect((await post(direktorat, `/certificates/${nomor}/revoke`, { alasan: 'pendek' })).statusCode).toBe(400);
    const revoked = await post(direktorat, `/certificates/${nomor}/revoke`, { alasan: 'Daftar hadir hari kedua dipalsukan' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ valid: false, dicabutAlasan: 'Daftar hadir hari kedua dipalsukan' });
    expect(
      (await post(direktorat, `/certificates/${nomor}/revoke`, { alasan: 'Daftar hadir hari kedua dipalsukan' })).json().error.code,
    ).toBe('CERTIFICATE_REVOKED');
    const event = await ctx.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'entity_id', 'details'])
      .where('action', '=', 'certificate.revoke')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      actor_id: direktorat.user.id,
      entity_id: nomor,
      details: expect.objectContaining({ alasan: 'Daftar hadir hari kedua dipalsukan' }),
    });
    expect((await verify(nomor)).json()).toMatchObject({ valid: false, jp: 30 });
    // A revoked certificate is no longer handed out as a document.
    expect((await banyuwangi.request({ method: 'GET', url: `/api/v1/certificates/${nomor}/pdf` })).json().error.code).toBe(
      'CERTIFICATE_REVOKED',
    );
  });

  it('public verification is rate-limited per client address', async () => {
    let last = 0;
    for (let i = 0; i <= VERIFY_PER_MINUTE; i++)
      last = (await ctx.app.inject({ method: 'GET', url: '/api/v1/certificates/SRT-2025-0001-AAAAAAAA/verify', remoteAddress: '10.9.9.2' }))
        .statusCode;
    expect(last).toBe(429);
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/v1/certificates/SRT-2025-0001-AAAAAAAA/verify', remoteAddress: '10.9.9.3' }))
        .statusCode,
    ).toBe(404);
  });

  it('the certificate PDF: the holder and the organiser download it, anyone else is told it does not exist; it renders with the QR code', async () => {
    const [cert] = (await get(koorJatim, '/certificates')).json() as Array<{ nomor: string }>;
    const url = `/api/v1/certificates/${cert!.nomor}/pdf`;
    const own = await koorJatim.request({ method: 'GET', url });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect((await direktorat.request({ method: 'GET', url })).statusCode).toBe(200);
    for (const s of [banyuwangi, koorJakarta, auditor]) expect((await s.request({ method: 'GET', url })).statusCode).toBe(404);

    const dir = mkdtempSync(path.join(tmpdir(), 'sertifikat-'));
    writeFileSync(path.join(dir, 'c.pdf'), own.rawPayload);
    // Compared without white space: the title is letter-spaced and long lines wrap.
    const text = execFileSync('pdftotext', [path.join(dir, 'c.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of [
      'KEMENTERIAN SOSIAL REPUBLIK INDONESIA',
      'SERTIFIKAT',
      `Nomor: ${cert!.nomor}`,
      SURABAYA.nama,
      '20–22 November',
      '30 jam pelajaran',
      'Manajemen teknologi komunikasi',
      `/verifikasi/${cert!.nomor}`,
    ]) {
      expect(text).toContain(s.replace(/\s+/g, ''));
    }
    execFileSync('pdftoppm', ['-png', '-r', '60', path.join(dir, 'c.pdf'), path.join(dir, 'page')]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.png'))).toHaveLength(1);
    console.info(`certificate rendered in ${dir}`);
  });
});

describe('competency matrix and development hours', () => {
  it('levels come from completed training, the koordinator’s assessment and a valid certification; gaps per competency; scope holds', async () => {
    const matrix = (s: Session, q = '') => get(s, `/competencies${q}`);
    const cell = (
      body: { pendamping: Array<{ userId: string; kompetensi: Array<{ kode: string; level: number; jp: number }> }> },
      userId: string,
      kode: string,
    ) => body.pendamping.find((p) => p.userId === userId)!.kompetensi.find((k) => k.kode === kode)!;

    let m = (await matrix(koorJatim, '?wilayah=35')).json();
    expect(m.kompetensi).toHaveLength(9);
    expect(m.pendamping.map((p: { userId: string }) => p.userId).sort()).toEqual([banyuwangi.user.id, surabaya.user.id].sort());
    // Banyuwangi's certificate was revoked above: nothing from training; Surabaya never qualified.
    expect(cell(m, banyuwangi.user.id, 'manajemen_kasus')).toMatchObject({ level: 0, jp: 0 });

    const assess = (s: Session, userId: string, payload: Record<string, unknown>) =>
      s.request({ method: 'PUT', url: `/api/v1/competencies/${userId}`, payload });
    const r = await assess(koorJatim, surabaya.user.id, {
      kompetensi: 'perlindungan_anak',
      level: 2,
      catatan: 'Menangani 12 kasus ABH dengan baik',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().kompetensi.find((k: { kode: string }) => k.kode === 'perlindungan_anak')).toMatchObject({ level: 2, penilaian: 2 });
    expect((await assess(koorJatim, surabaya.user.id, { kompetensi: 'sulap', level: 2 })).json().error.code).toBe('COMPETENCY_INVALID');
    expect((await assess(koorJakarta, surabaya.user.id, { kompetensi: 'asesmen', level: 2 })).statusCode).toBe(404);
    expect((await assess(banyuwangi, surabaya.user.id, { kompetensi: 'asesmen', level: 2 })).statusCode).toBe(404);

    const certify = (payload: Record<string, unknown>) => post(koorJatim, `/competencies/${surabaya.user.id}/certifications`, payload);
    expect(
      (
        await certify({
          jenis: 'Sertifikasi Pekerja Sosial',
          nomor: 'LSPS-2021-0091',
          kompetensi: ['asesmen'],
          berlakuSampai: `${lastYear()}-01-31`,
        })
      ).statusCode,
    ).toBe(201);
    const valid = await certify({
      jenis: 'Sertifikasi Pekerja Sosial',
      nomor: 'LSPS-2024-0412',
      kompetensi: ['manajemen_kasus'],
      berlakuSampai: `${thisYear() + 2}-12-31`,
    });
    expect(valid.statusCode, valid.body).toBe(201);
    m = (await matrix(koorJatim)).json();
    expect(cell(m, surabaya.user.id, 'asesmen').level).toBe(0); // expired
    expect(cell(m, surabaya.user.id, 'manajemen_kasus')).toMatchObject({ level: 3, sertifikasiSampai: `${thisYear() + 2}-12-31` });
    expect(m.kesenjangan.find((g: { kode: string }) => g.kode === 'manajemen_kasus')).toEqual({
      kode: 'manajemen_kasus',
      belum: 1,
      jumlah: 2,
    });
    expect(await auditCount('competency.assess')).toBe(1);
    expect(await auditCount('competency.certification')).toBe(2);

    // Training counts once a certificate is issued: a fresh completed event for Jakarta.
    const t = await createTraining({
      ...SURABAYA,
      nama: 'Respons Bencana',
      nilaiLulus: null,
      units: [{ kode: 'rb', nama: 'Layanan sosial tanggap darurat', jp: 24, kompetensi: ['respons_bencana'] }],
    });
    await post(direktorat, `/trainings/${t.id}/participants`, { userId: jakarta.user.id });
    await post(direktorat, `/trainings/${t.id}/attendance`, { userId: jakarta.user.id, unit: 'rb' });
    expect((await post(direktorat, `/trainings/${t.id}/complete`, {})).json().certificates).toHaveLength(1);
    const jm = (await matrix(koorJakarta)).json();
    expect(cell(jm, jakarta.user.id, 'respons_bencana')).toMatchObject({ level: 2, jp: 24 });

    expect((await matrix(koorJakarta, '?wilayah=35')).statusCode).toBe(404);
    const own = (await matrix(jakarta)).json();
    expect(own.pendamping.map((p: { userId: string }) => p.userId)).toEqual([jakarta.user.id]);
    expect((await matrix(direktorat)).json().pendamping.length).toBeGreaterThanOrEqual(4);
  });

  it('JP per pendamping per year against the 20 JP target; another province sees none of them', async () => {
    const hours = (await get(direktorat, `/development-hours?year=${lastYear()}`)).json();
    expect(hours).toMatchObject({ tahun: lastYear(), target: TARGET_JP_TAHUNAN, dasar: expect.stringContaining('20 JP') });
    const jp = (id: string) => hours.items.find((i: { userId: string }) => i.userId === id);
    expect(jp(jakarta.user.id)).toMatchObject({ jp: 24, tercapai: true });
    expect(jp(banyuwangi.user.id)).toMatchObject({ jp: 0, tercapai: false }); // revoked
    expect(jp(surabaya.user.id)).toMatchObject({ jp: 0 });
    const jakartaView = (await get(koorJakarta, `/development-hours?year=${lastYear()}`)).json();
    expect(jakartaView.items.map((i: { userId: string }) => i.userId).sort()).toEqual([jakarta.user.id, jakarta2.user.id].sort());
    expect((await get(jakarta, `/development-hours?year=${lastYear()}`)).json().items.map((i: { userId: string }) => i.userId)).toEqual([
      jakarta.user.id,
    ]);
    expect((await get(koorJakarta, '/development-hours?wilayah=35')).statusCode).toBe(404);
  });
});

describe('demo data', () => {
  it('the Surabaya event of 20–22 November 2025 with its three themes, results and certificates, and two upcoming events, in well under a second', async () => {
    const started = Date.now();
    const seeded = await seedTrainings(ctx.database.db, new Date(), new Random(7));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(seeded.trainings).toBe(3);
    const all = (await get(direktorat, '/trainings')).json() as TrainingRecord[];
    const sby = all.find((t) => t.nama === 'Peningkatan Kapasitas Pendamping Rehabilitasi Sosial')!;
    expect(sby).toMatchObject({ selesai: '2025-11-22', status: 'selesai', jp: 30 });
    expect(sby.units.map((u) => u.nama)).toEqual([
      'Manajemen rehabilitasi sosial',
      'Manajemen alur kerja berbasis ilmu pekerjaan sosial',
      'Manajemen teknologi komunikasi',
    ]);
    const provinces = new Set(
      ((await get(direktorat, `/trainings/${sby.id}/participants`)).json() as Array<{ wilayah: string }>).map((p) => p.wilayah.slice(0, 2)),
    );
    expect(provinces.size).toBeGreaterThanOrEqual(2);
    const certs = (await get(direktorat, `/trainings/${sby.id}/certificates`)).json() as Array<{ nomor: string }>;
    expect(certs.length).toBe(seeded.certificates);
    const verified = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${certs[0]!.nomor}/verify`,
      remoteAddress: '10.9.9.4',
    });
    expect(verified.json()).toMatchObject({ valid: true, jp: 30, mulai: '2025-11-20' });
    const upcoming = all.filter((t) => t.status === 'akan_datang' && t.mulai > today());
    expect(upcoming.length).toBeGreaterThanOrEqual(2);
    // Question banks: Surabaya's were taken (its gain per theme shows), the upcoming ones wait.
    for (const t of [sby, ...upcoming.slice(0, 2)]) expect(t.tes.map((x) => x.jenis).sort()).toEqual(['post', 'pre']);
    const gain = (await get(direktorat, `/trainings/${sby.id}/test-results`)).json() as TestResults;
    expect(gain.units.map((u) => u.unit)).toEqual(['rehsos', 'alur', 'tik']);
    expect(gain.units.every((u) => u.peserta === gain.peserta.length)).toBe(true);
    expect(gain.peserta.reduce((sum, p) => sum + (p.gain ?? 0), 0)).toBeGreaterThan(0);
    const passed = new Set(gain.peserta.filter((p) => (p.post ?? 0) >= 70).map((p) => p.userId));
    expect(certs.length).toBeLessThanOrEqual(passed.size);
  });
});
