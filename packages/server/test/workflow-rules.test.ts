import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetAllOutcomes } from './support/case-outcomes.js';
import { advanceCase, answersFor, buildCase, buildPerson, PLAN } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/** Issue 16, "rules the workflow must enforce": rules of the server, not hints of the screens. */

let ctx: TestContext;
let owner: Session; // pendamping, Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let otherKoordinator: Session; // Jawa Timur too

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, koordinator, otherKoordinator] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '35'),
  ]);
});
afterAll(() => ctx.close());

const call = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: Record<string, unknown>) =>
  s.request({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const openCases = async (beneficiaryId: string) =>
  (
    await ctx.database.db
      .selectFrom('cases')
      .select('ppks')
      .where('beneficiary_id', '=', beneficiaryId)
      .where('status', 'in', ['terdata', 'tertangani'])
      .execute()
  )
    .map((c) => c.ppks)
    .sort();

describe('one open case per person and category', () => {
  it('holds when a case is recategorised, when one is reopened, and in the database itself', async () => {
    const person = await buildPerson(owner);
    const poor = await buildCase(owner, { person, ppks: '24' });
    const family = await buildCase(owner, { person, ppks: '25' });
    const patched = await call(owner, 'PATCH', `/cases/${family.id}`, { version: family.version, ppks: '24' });
    expect(patched.statusCode).toBe(409);
    expect(patched.json().error.details).toMatchObject({ reason: 'KASUS_TERBUKA_SUDAH_ADA', id: poor.id });
    expect(await openCases(person.id)).toEqual(['24', '25']);

    const closed = await call(owner, 'POST', `/cases/${poor.id}/close`, { alasan: 'pindah', catatan: 'Pindah ke Jember' });
    expect(closed.statusCode).toBe(200);
    const again = await buildCase(owner, { person, ppks: '24' });
    const reopen = await call(koordinator, 'POST', `/cases/${poor.id}/reopen`, { alasan: 'Kembali ke desa' });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().error.details).toMatchObject({ reason: 'KASUS_TERBUKA_SUDAH_ADA', id: again.id });
    expect(await openCases(person.id)).toEqual(['24', '25']);

    const race = sql`insert into cases (beneficiary_id, ppks, wilayah, provinsi, tahapan, status)
      values (${person.id}, '25', '35.10.01.2001', '35', 'pendekatan_awal', 'terdata')`.execute(ctx.database.db);
    await expect(race).rejects.toThrow(/cases_one_open_idx/);
  });
});

describe('four eyes', () => {
  it('keeps a koordinator from approving a plan they wrote', async () => {
    const kase = await advanceCase(owner, koordinator, await buildCase(owner, { ppks: '24' }), 'rencana');
    const draft = await call(koordinator, 'PUT', `/cases/${kase.id}/plan`, PLAN);
    expect(draft.statusCode, draft.body).toBe(200);
    expect((await call(owner, 'POST', `/cases/${kase.id}/plan/submit`, { version: draft.json().version })).statusCode).toBe(200);
    const own = await call(koordinator, 'POST', `/cases/${kase.id}/plan/review`, { keputusan: 'setujui' });
    expect([own.statusCode, own.json().error.code]).toEqual([403, 'FOUR_EYES_REQUIRED']);
    expect((await call(koordinator, 'GET', `/cases/${kase.id}/plan`)).json().status).toBe('diajukan');
    expect((await call(otherKoordinator, 'POST', `/cases/${kase.id}/plan/review`, { keputusan: 'setujui' })).json().status).toBe(
      'disetujui',
    );
  });

  it('keeps a koordinator from verifying outcomes they recorded themselves', async () => {
    const kase = await advanceCase(owner, koordinator, await buildCase(owner, { ppks: '24' }), 'terminasi');
    await meetAllOutcomes(koordinator, kase.id, '24');
    const own = await call(koordinator, 'POST', `/cases/${kase.id}/verify`, {});
    expect([own.statusCode, own.json().error.code]).toEqual([403, 'FOUR_EYES_REQUIRED']);
    expect((await call(owner, 'GET', `/cases/${kase.id}`)).json().status).toBe('tertangani');
    expect((await call(otherKoordinator, 'POST', `/cases/${kase.id}/verify`, {})).json().status).toBe('terselesaikan');
  });

  it('lets nobody set their own duty location or radius', async () => {
    const self = await call(koordinator, 'PUT', `/pendamping/${koordinator.user.id}/profile`, {
      lokasiTugas: { lat: -8.2, lng: 114.37 },
      radiusKm: 500,
    });
    expect([self.statusCode, self.json().error.code]).toEqual([403, 'FOUR_EYES_REQUIRED']);
    const row = await ctx.database.db
      .selectFrom('pendamping_profiles')
      .select('radius_km')
      .where('user_id', '=', koordinator.user.id)
      .executeTakeFirst();
    expect(row?.radius_km ?? null).not.toBe(500);
    const forWorker = await call(koordinator, 'PUT', `/pendamping/${owner.user.id}/profile`, {
      lokasiTugas: { lat: -8.2, lng: 114.37 },
      radiusKm: 15,
    });
    expect(forWorker.statusCode, forWorker.body).toBe(200);
  });
});

describe('risky assessments', () => {
  it('put a case on the koordinator’s tasks at once until a case conference follows', async () => {
    const child = await buildPerson(owner, { child: true, nama: 'Putri Lestari' });
    const kase = await buildCase(owner, { person: child, ppks: '02' });
    expect((await call(owner, 'POST', `/cases/${kase.id}/transitions`, { to: 'asesmen' })).statusCode).toBe(200);
    const calm = await buildCase(owner, { ppks: '24' });
    await call(owner, 'POST', `/cases/${calm.id}/transitions`, { to: 'asesmen' });
    expect(
      (await call(owner, 'POST', `/cases/${calm.id}/assessments`, { data: { ...answersFor('24'), tingkatRisiko: 'rendah' } })).statusCode,
    ).toBe(201);
    const risky = await call(owner, 'POST', `/cases/${kase.id}/assessments`, {
      data: { ...answersFor('02'), tingkatRisiko: 'sedang', tandaKekerasan: true },
    });
    expect(risky.statusCode, risky.body).toBe(201);
    const tasks = (await call(koordinator, 'GET', '/tasks')).json();
    expect(tasks.asesmenBerisiko.map((a: { caseId: string }) => a.caseId)).toContain(kase.id);
    expect(tasks.asesmenBerisiko.map((a: { caseId: string }) => a.caseId)).not.toContain(calm.id);
    expect(tasks.asesmenBerisiko.find((a: { caseId: string }) => a.caseId === kase.id)).toMatchObject({
      tandaKekerasan: true,
      risiko: 'sedang',
    });
    const conference = await call(owner, 'POST', `/cases/${kase.id}/conferences`, {
      tanggal: '2026-11-30',
      peserta: ['Pekerja sosial', 'UPTD PPA'],
      ringkasan: 'Rencana pengamanan anak',
      keputusan: 'Rujuk ke UPTD PPA',
    });
    expect(conference.statusCode, conference.body).toBe(201);
    expect((await call(koordinator, 'GET', '/tasks')).json().asesmenBerisiko.map((a: { caseId: string }) => a.caseId)).not.toContain(
      kase.id,
    );
  });
});
