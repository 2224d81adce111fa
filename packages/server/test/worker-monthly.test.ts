import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { meetAllOutcomes } from './support/case-outcomes.js';
import { advanceCase } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let koordinator: Session;
let workers: Session[];

beforeAll(async () => {
  ctx = await createTestApp();
  koordinator = await signIn(ctx, 'koordinator', '73');
  workers = await Promise.all([signIn(ctx, 'pendamping', '73.71'), signIn(ctx, 'pendamping', '73.71')]);
});
afterAll(() => ctx.close());

const post = async (s: Session, url: string, payload: object = {}) => {
  const response = await s.request({ method: 'POST', url, payload });
  expect(response.statusCode, `${url} ${response.body}`).toBeLessThan(300);
  return response.json();
};

const snapshot = async () =>
  (
    await sql<Record<string, unknown>>`select * from worker_monthly
    where dijangkau <> 0 or diasesmen <> 0 or rencana <> 0 or terselesaikan <> 0 or rujukan <> 0 or ldp <> 0 or menit_disetujui <> 0 or hadir_kerja <> 0 or cuti_kerja <> 0
    order by user_id, bulan`.execute(ctx.database.db)
  ).rows;

describe('worker_monthly', () => {
  it('kept current by triggers equals a rebuild from the base tables', async () => {
    const path = ['asesmen', 'rencana', 'intervensi', 'resosialisasi', 'terminasi'] as const;
    let serial = 0;
    for (const [w, worker] of workers.entries()) {
      for (let c = 0; c < 3; c++) {
        serial += 1;
        const person = await post(worker, '/api/v1/beneficiaries', {
          nik: `737101${String(10 + serial).padStart(2, '0')}0585${String(serial).padStart(4, '0')}`,
          nama: `Andi Makkasau ${serial}`,
          jenisKelamin: 'L',
          tanggalLahir: `1985-05-${String(10 + serial).padStart(2, '0')}`,
          kodeDesa: '73.71.01.1001',
        });
        const kase = await post(worker, '/api/v1/cases', { beneficiaryId: person.id, ppks: '24' });
        // Worker 0 takes cases further than worker 1; the last case of each is verified as resolved.
        const steps = c === 2 ? path.length : w === 0 ? 3 : 1;
        await advanceCase(worker, koordinator, { id: kase.id, ppks: '24', tahapan: 'pendekatan_awal' }, path[steps - 1]!);
        if (c === 2) {
          await meetAllOutcomes(worker, kase.id, '24');
          await post(koordinator, `/api/v1/cases/${kase.id}/verify`);
        }
      }
      await post(worker, '/api/v1/attendance/check-in', { lat: -5.15, lng: 119.43, accuracy: 8 });
      const entries = (await worker.request({ method: 'GET', url: `/api/v1/activities?userId=${worker.user.id}` })).json().items;
      const extra = await post(worker, '/api/v1/activities', {
        tanggal: entries[0].tanggal,
        jenis: 'pendampingan_rujukan',
        durasiMenit: 45,
      });
      const ids = [...entries.map((e: { id: string }) => e.id), extra.id];
      await post(worker, '/api/v1/activities/submit', { ids });
      // One entry is returned, the rest approved: only approved work counts.
      await post(koordinator, `/api/v1/activities/${ids[0]}/return`, { komentar: 'Perbaiki durasi' });
      await post(koordinator, '/api/v1/activities/review', { ids: ids.slice(1), keputusan: 'disetujui' });
    }
    const incremental = await snapshot();
    expect(incremental.length).toBeGreaterThan(0);
    const mine = incremental.filter((r) => r.user_id === workers[0]!.user.id);
    expect(mine.reduce((s, r) => s + (r.dijangkau as number), 0)).toBe(3);
    expect(mine.reduce((s, r) => s + (r.terselesaikan as number), 0)).toBe(1);
    await sql`select worker_monthly_rebuild()`.execute(ctx.database.db);
    expect(await snapshot()).toEqual(incremental);
  });
});
