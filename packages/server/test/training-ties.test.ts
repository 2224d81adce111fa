import { KOMPETENSI_PPKS, type DeployableRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDisaster, buildTraining, dayFromToday } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let direktorat: Session;
let trained: Session;
let untrained: Session;

const post = (s: Session, url: string, payload: Record<string, unknown>) => s.request({ method: 'POST', url: `/api/v1${url}`, payload });

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, trained, untrained] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'pendamping', '33.74'),
    signIn(ctx, 'pendamping', '33.74'),
  ]);
  const event = await buildTraining(direktorat, {
    wilayah: '33',
    mulai: dayFromToday(-1),
    units: [{ kode: 'ldp', nama: 'Dukungan psikososial dasar', jp: 8, tanggal: dayFromToday(-1), kompetensi: ['dukungan_psikososial'] }],
    participants: [trained, untrained],
  });
  expect((await post(direktorat, `/trainings/${event.id}/attendance`, { userId: trained.user.id, unit: 'ldp' })).statusCode).toBe(201);
  expect((await post(direktorat, `/trainings/${event.id}/complete`, {})).statusCode).toBe(200);
});
afterAll(() => ctx.close());

describe('competencies where the work is handed out', () => {
  it('deploying to a disaster shows each candidate’s LDP level, from their certified training', async () => {
    const flood = await buildDisaster(direktorat, { wilayah: ['33.74'] });
    const find = async (s: Session) =>
      (
        await direktorat.request({
          method: 'GET',
          url: `/api/v1/disasters/${flood.id}/deployable?q=${encodeURIComponent(s.user.username)}`,
        })
      ).json() as DeployableRecord[];
    expect(await find(trained)).toEqual([expect.objectContaining({ userId: trained.user.id, ldp: 1 })]);
    expect(await find(untrained)).toEqual([expect.objectContaining({ userId: untrained.user.id, ldp: 0 })]);
  });

  it('the categories that ask a competency at assignment name known competencies', async () => {
    const known = new Set((await ctx.database.db.selectFrom('kompetensi').select('kode').execute()).map((k) => k.kode));
    expect(Object.values(KOMPETENSI_PPKS).every((k) => known.has(k))).toBe(true);
    expect(KOMPETENSI_PPKS['03']).toBe('perlindungan_anak'); // ABH
    expect(KOMPETENSI_PPKS['17']).toBe('napza');
    expect(KOMPETENSI_PPKS['18']).toBe('korban_perdagangan_orang'); // KPO
  });
});
