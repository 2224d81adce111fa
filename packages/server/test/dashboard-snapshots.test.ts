import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/authz/actor.js';
import { refreshBacklog } from '../src/dashboard/backlog-refresh.js';
import { dashboardOverview } from '../src/dashboard/overview.js';
import { refreshOverviewSnapshots } from '../src/dashboard/overview-snapshots.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session;
let koordinator: Session;
let jakartaKoor: Session;
const limits = () => ({ rekomendasi: ctx.config.caseloadRecommended, maksimum: ctx.config.caseloadMaximum });

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, koordinator, jakartaKoor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
  ]);
});
afterAll(() => ctx.close());

let serial = 0;
async function openCase(): Promise<string> {
  serial += 1;
  const person = await pendamping.request({
    method: 'POST',
    url: '/api/v1/beneficiaries',
    payload: {
      nik: `351001070381${String(serial).padStart(4, '0')}`,
      nama: `Agus Salim ${serial}`,
      jenisKelamin: 'L',
      tanggalLahir: '1981-03-07',
      kodeDesa: '35.10.01.2001',
    },
  });
  expect(person.statusCode, person.body).toBe(201);
  const kase = await pendamping.request({ method: 'POST', url: '/api/v1/cases', payload: { beneficiaryId: person.json().id, ppks: '24' } });
  expect(kase.statusCode, kase.body).toBe(201);
  return kase.json().id;
}

const overview = async (session: Session, wilayah: string) =>
  session.request({ method: 'GET', url: `/api/v1/dashboard/overview?wilayah=${wilayah}` });

describe('dashboard snapshots', () => {
  it('serve the unfiltered province view exactly as computed live, with case counts always live', async () => {
    const first = await openCase();
    await refreshBacklog(ctx.database.db);
    expect(await refreshOverviewSnapshots(ctx.database.db, limits())).toBe(39);
    const served = (await overview(koordinator, '35')).json();
    const live = await dashboardOverview(ctx.database.db, SYSTEM_ACTOR, { wilayah: '35' }, limits(), new Date());
    expect(served).toEqual(JSON.parse(JSON.stringify(live)));

    // A new case counts at once; a referral (not a case count) waits for the next refresh.
    await openCase();
    const lembaga = (
      await koordinator.request({
        method: 'POST',
        url: '/api/v1/lembaga',
        payload: { nama: 'Dinas Sosial Kab. Banyuwangi', jenis: 'dinas_sosial', wilayah: '35.10' },
      })
    ).json();
    const sent = await pendamping.request({
      method: 'POST',
      url: `/api/v1/cases/${first}/referrals`,
      payload: { lembagaId: lembaga.id, layanan: 'PKH', alasan: 'Keluarga miskin' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const after = (await overview(koordinator, '35')).json();
    const list = (await koordinator.request({ method: 'GET', url: '/api/v1/cases?wilayah=35&pageSize=1' })).json();
    expect(after.funnel.total).toBe(list.total);
    expect(after.funnel.total).toBe(served.funnel.total + 1);
    expect(after.anak.find((a: { kode: string }) => a.kode === '35.10').total).toBe(
      served.anak.find((a: { kode: string }) => a.kode === '35.10').total + 1,
    );
    expect(after.rujukan.menunggu).toBe(served.rujukan.menunggu);
    // A filtered view is always live.
    expect(
      (await koordinator.request({ method: 'GET', url: '/api/v1/dashboard/overview?wilayah=35&ppks=24' })).json().rujukan.menunggu,
    ).toBe(served.rujukan.menunggu + 1);
    await refreshOverviewSnapshots(ctx.database.db, limits());
    expect((await overview(koordinator, '35')).json().rujukan.menunggu).toBe(served.rujukan.menunggu + 1);
  });

  it('keep the live path’s scope rules: another province 404, a pendamping 403', async () => {
    await refreshOverviewSnapshots(ctx.database.db, limits());
    expect((await overview(jakartaKoor, '35')).statusCode).toBe(404);
    expect((await overview(pendamping, '35')).statusCode).toBe(403);
    expect((await jakartaKoor.request({ method: 'GET', url: '/api/v1/dashboard/overview' })).json().wilayah).toBe('31');
  });
});
