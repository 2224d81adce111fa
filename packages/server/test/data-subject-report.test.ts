import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceCase, buildCase, buildPerson } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let owner: Session;
let koordinator: Session;
let jakartaKoor: Session;
let direktorat: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, koordinator, jakartaKoor, direktorat] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'direktorat', null),
  ]);
});
afterAll(() => ctx.close());

describe('the data-subject report (UU 27/2022 Pasal 7)', () => {
  it('gives the area’s koordinator everything held about one person, including who looked at them, and audits it', async () => {
    const person = await buildPerson(owner, { nama: 'Wahyuni Sulistyowati', noKk: '3510010101200555' });
    const kase = await advanceCase(
      owner,
      koordinator,
      await buildCase(owner, { person, ppks: '19', ringkasan: 'Korban KDRT' }),
      'intervensi',
    );
    await owner.request({
      method: 'POST',
      url: `/api/v1/beneficiaries/${person.id}/consents`,
      payload: {
        tujuan: 'pendampingan',
        pemberiNama: 'Wahyuni Sulistyowati',
        hubungan: 'diri_sendiri',
        diberikanPada: '2026-10-01T08:00:00Z',
      },
    });
    await direktorat.request({ method: 'GET', url: `/api/v1/cases/${kase.id}` });

    const response = await koordinator.request({ method: 'GET', url: `/api/v1/beneficiaries/${person.id}/data-subject-report` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="data-pribadi-/);
    const report = response.json();
    expect(report.identitas).toMatchObject({ nama: 'Wahyuni Sulistyowati', nik: person.nik, no_kk: '3510010101200555', dilindungi: true });
    expect(report.persetujuan).toHaveLength(1);
    expect(report.kasus).toHaveLength(1);
    expect(report.kasus[0]).toMatchObject({ id: kase.id, ringkasan: 'Korban KDRT', rencana: { status: 'disetujui' } });
    expect(report.kasus[0].asesmen).toHaveLength(1);
    expect(report.kasus[0].riwayat.map((e: { jenis: string }) => e.jenis)).toContain('tahapan');
    expect(
      report.jejakAudit.some(
        (e: { action: string; actor_username: string }) => e.action === 'case.read' && e.actor_username === direktorat.user.username,
      ),
    ).toBe(true);
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select('actor_id')
      .where('action', '=', 'beneficiary.data_subject_report')
      .where('entity_id', '=', person.id)
      .execute();
    expect(audit).toEqual([{ actor_id: koordinator.user.id }]);
  });

  it('is the koordinator’s alone: another province, the direktorat and the pendamping get nothing', async () => {
    const person = await buildPerson(owner);
    const url = `/api/v1/beneficiaries/${person.id}/data-subject-report`;
    expect((await jakartaKoor.request({ method: 'GET', url })).statusCode).toBe(404);
    expect((await direktorat.request({ method: 'GET', url })).statusCode).toBe(403);
    expect((await owner.request({ method: 'GET', url })).statusCode).toBe(403);
  });
});
