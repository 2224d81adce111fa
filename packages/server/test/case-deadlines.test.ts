import type { CaseTasks } from '@tuntas/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceCase, buildCase } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session; // Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let jakarta: Session; // koordinator DKI Jakarta
let admin: Session; // national
let provinceAdmin: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, koordinator, jakarta, admin, provinceAdmin] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'admin', null),
    signIn(ctx, 'admin', '35'),
  ]);
});
afterAll(() => ctx.close());

let serial = 0;
/** A person and a case of category `ppks`, whose current stage began `daysAgo` days ago. */
async function caseStartedAgo(ppks: string, daysAgo: number): Promise<string> {
  serial += 1;
  const person = await pendamping.request({
    method: 'POST',
    url: '/api/v1/beneficiaries',
    payload: {
      nik: `351001120778${String(serial).padStart(4, '0')}`,
      nama: `Hadi Purnomo ${serial}`,
      jenisKelamin: 'L',
      tanggalLahir: '1978-07-12',
      kodeDesa: '35.10.01.2001',
    },
  });
  expect(person.statusCode).toBe(201);
  const kase = await pendamping.request({ method: 'POST', url: '/api/v1/cases', payload: { beneficiaryId: person.json().id, ppks } });
  expect(kase.statusCode).toBe(201);
  const id = kase.json().id as string;
  await sql`update cases set tahapan_sejak = now() - make_interval(days => ${daysAgo}) where id = ${id}`.execute(ctx.database.db);
  return id;
}

const read = async (id: string) => (await pendamping.request({ method: 'GET', url: `/api/v1/cases/${id}` })).json();
const lateIds = async (session: Session) =>
  ((await session.request({ method: 'GET', url: '/api/v1/cases?terlambat=true&pageSize=200' })).json().items as Array<{ id: string }>).map(
    (c) => c.id,
  );

describe('stage deadlines', () => {
  it('marks open work past its stage target as terlambat, by the stage default and by category', async () => {
    const late = await caseStartedAgo('24', 15); // fakir miskin, pendekatan awal: default 14 days
    const onTime = await caseStartedAgo('24', 13);
    const disaster = await caseStartedAgo('21', 4); // korban bencana alam: 3 days
    expect(await read(late)).toMatchObject({ terlambat: true });
    expect(await read(onTime)).toMatchObject({ terlambat: false });
    expect(await read(disaster)).toMatchObject({ terlambat: true });
    const due = new Date((await read(onTime)).batasTahapan).getTime() - new Date((await read(onTime)).tahapanSejak).getTime();
    expect(due).toBe(14 * 86_400_000);

    const listed = await lateIds(koordinator);
    expect(listed).toContain(late);
    expect(listed).toContain(disaster);
    expect(listed).not.toContain(onTime);
    for (const c of (await koordinator.request({ method: 'GET', url: '/api/v1/cases?terlambat=true&pageSize=200' })).json().items) {
      expect(c.terlambat).toBe(true);
    }
    expect(await lateIds(jakarta)).not.toContain(late);
  });

  it('does not count a closed case as late', async () => {
    const id = await caseStartedAgo('24', 40);
    await pendamping.request({ method: 'POST', url: `/api/v1/cases/${id}/close`, payload: { alasan: 'pindah' } });
    expect(await read(id)).toMatchObject({ status: 'ditutup', terlambat: false });
    expect(await lateIds(koordinator)).not.toContain(id);
  });

  it('lets only a national admin change a target, audited, and refuses bad input without changing anything', async () => {
    const id = await caseStartedAgo('24', 20);
    expect(await read(id)).toMatchObject({ terlambat: true });
    const before = (await admin.request({ method: 'GET', url: '/api/v1/tahapan-targets' })).json();
    expect(before).toContainEqual({ tahapan: 'pendekatan_awal', ppks: null, hari: 14 });

    for (const session of [koordinator, provinceAdmin]) {
      const refused = await session.request({
        method: 'PUT',
        url: '/api/v1/tahapan-targets',
        payload: { tahapan: 'pendekatan_awal', ppks: '24', hari: 30 },
      });
      expect(refused.statusCode).toBe(403);
    }
    for (const payload of [
      { tahapan: 'pendekatan_awal', ppks: '24', hari: 0 },
      { tahapan: 'selesai', ppks: null, hari: 5 },
      { tahapan: 'asesmen', ppks: '99', hari: 5 },
    ]) {
      expect((await admin.request({ method: 'PUT', url: '/api/v1/tahapan-targets', payload })).statusCode).toBe(400);
    }
    expect((await admin.request({ method: 'GET', url: '/api/v1/tahapan-targets' })).json()).toEqual(before);

    const set = await admin.request({
      method: 'PUT',
      url: '/api/v1/tahapan-targets',
      payload: { tahapan: 'pendekatan_awal', ppks: '24', hari: 30 },
    });
    expect(set.statusCode).toBe(200);
    expect(await read(id)).toMatchObject({ terlambat: false });
    const again = await admin.request({
      method: 'PUT',
      url: '/api/v1/tahapan-targets',
      payload: { tahapan: 'pendekatan_awal', ppks: '24', hari: 10 },
    });
    expect(again.statusCode).toBe(200);
    expect(await read(id)).toMatchObject({ terlambat: true });
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'details'])
      .where('action', '=', 'stage-target.set')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.details)).toEqual([
      { hari: 30, sebelumnya: null },
      { hari: 10, sebelumnya: 30 },
    ]);
  });
});

describe('legal deadlines (batas waktu hukum)', () => {
  const tasksOf = async (s: Session) => ((await s.request({ method: 'GET', url: '/api/v1/tasks' })).json() as CaseTasks).batasHukum;

  it('ABH: the social report is due 3 × 24 hours after the case opens (PP 65/2015), met by the assessment it is written from', async () => {
    const kase = await buildCase(pendamping, { ppks: '03', ringkasan: 'Permintaan laporan sosial dari penyidik Polres' });
    const opened = new Date(kase.createdAt).getTime();
    const own = (await tasksOf(pendamping)).find((t) => t.caseId === kase.id);
    expect(own).toMatchObject({ kode: 'abh_laporan_sosial', nomor: kase.nomor, terlambat: false });
    expect(new Date(own!.batas).getTime() - opened).toBe(72 * 3_600_000);
    expect((await tasksOf(koordinator)).some((t) => t.caseId === kase.id)).toBe(true);
    expect((await tasksOf(jakarta)).some((t) => t.caseId === kase.id)).toBe(false);

    await sql`update cases set created_at = now() - interval '73 hours' where id = ${kase.id}`.execute(ctx.database.db);
    expect((await tasksOf(pendamping)).find((t) => t.caseId === kase.id)?.terlambat).toBe(true);
    await advanceCase(pendamping, koordinator, kase, 'rencana');
    expect((await tasksOf(pendamping)).some((t) => t.caseId === kase.id)).toBe(false);
  });

  it('KPO: rehabilitation within 7 days of the application (UU 21/2007 Pasal 52), met once intervensi begins', async () => {
    const kase = await buildCase(pendamping, { ppks: '18', ringkasan: 'Korban dipulangkan dari Malaysia' });
    const own = (await tasksOf(pendamping)).find((t) => t.caseId === kase.id);
    expect(own).toMatchObject({ kode: 'kpo_rehabilitasi', terlambat: false });
    expect(new Date(own!.batas).getTime() - new Date(kase.createdAt).getTime()).toBe(7 * 24 * 3_600_000);
    await advanceCase(pendamping, koordinator, kase, 'intervensi');
    expect((await tasksOf(pendamping)).some((t) => t.caseId === kase.id)).toBe(false);
    // Other categories have no legal clock.
    const other = await buildCase(pendamping, { ppks: '24' });
    expect((await tasksOf(pendamping)).some((t) => t.caseId === other.id)).toBe(false);
  });
});
