import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let owner: Session; // pendamping Kab. Banyuwangi
let colleague: Session; // another pendamping in Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let jakartaPendamping: Session;
let jakartaKoor: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, colleague, koordinator, jakartaPendamping, jakartaKoor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'koordinator', '31'),
  ]);
});
afterAll(() => ctx.close());

let serial = 0;
async function caseOf(session: Session, kodeDesa: string, nikPrefix: string): Promise<string> {
  serial += 1;
  const person = await session.request({
    method: 'POST',
    url: '/api/v1/beneficiaries',
    payload: {
      nik: `${nikPrefix}030485${String(serial).padStart(4, '0')}`,
      nama: `Sri Rahayu ${serial}`,
      jenisKelamin: 'L',
      tanggalLahir: '1985-04-03',
      kodeDesa,
    },
  });
  expect(person.statusCode, person.body).toBe(201);
  const kase = await session.request({ method: 'POST', url: '/api/v1/cases', payload: { beneficiaryId: person.json().id, ppks: '24' } });
  expect(kase.statusCode).toBe(201);
  return kase.json().id;
}
const banyuwangiCase = () => caseOf(owner, '35.10.01.2001', '351001');
const jakartaCase = () => caseOf(jakartaPendamping, '31.71.01.1001', '317101');

const assign = (session: Session, caseIds: string[], pendampingId: string) =>
  session.request({ method: 'POST', url: '/api/v1/cases/assign', payload: { caseIds, pendampingId } });
const ownerOf = async (id: string) => (await koordinator.request({ method: 'GET', url: `/api/v1/cases/${id}` })).json().pendampingId;
const load = async (session: Session) => (await session.request({ method: 'GET', url: '/api/v1/caseload' })).json();

describe('assignment and caseload', () => {
  it('moves many cases to one pendamping at once, with history, and the caseload shows it', async () => {
    const a = await banyuwangiCase();
    const b = await banyuwangiCase();
    const before = await load(koordinator);
    expect(before).toMatchObject({ rekomendasi: 25, maksimum: 40 });
    const count = (l: { items: Array<{ pendampingId: string; aktif: number }> }, id: string) =>
      l.items.find((i) => i.pendampingId === id)?.aktif;
    const response = await assign(koordinator, [a, b], colleague.user.id);
    expect(response.json()).toEqual({ updated: 2 });
    expect(await ownerOf(a)).toBe(colleague.user.id);
    const after = await load(koordinator);
    expect(count(after, colleague.user.id)).toBe(count(before, colleague.user.id)! + 2);
    expect(count(after, owner.user.id)).toBe(count(before, owner.user.id)! - 2);
    const timeline = (await koordinator.request({ method: 'GET', url: `/api/v1/cases/${a}/timeline` })).json();
    expect(timeline.at(-1)).toMatchObject({
      jenis: 'diubah',
      data: { perubahan: { pendamping_id: { dari: owner.user.id, ke: colleague.user.id } } },
    });
    // Koordinator's caseload lists only their province's pendamping.
    expect(after.items.map((i: { pendampingId: string }) => i.pendampingId)).not.toContain(jakartaPendamping.user.id);
  });

  it('moves nothing when one case is outside the caller’s scope (404) or the pendamping’s area (422)', async () => {
    const mine = await banyuwangiCase();
    const foreign = await jakartaCase();
    const outside = await assign(koordinator, [mine, foreign], colleague.user.id);
    expect(outside.statusCode).toBe(404);
    const wrongArea = await assign(jakartaKoor, [foreign], colleague.user.id);
    expect(wrongArea.statusCode).toBe(422);
    expect(wrongArea.json().error.details).toEqual([{ field: 'pendampingId', code: 'DI_LUAR_WILAYAH_PENDAMPING' }]);
    expect(await ownerOf(mine)).toBe(owner.user.id);
    expect((await jakartaKoor.request({ method: 'GET', url: `/api/v1/cases/${foreign}` })).json().pendampingId).toBe(
      jakartaPendamping.user.id,
    );
  });

  it('keeps colleagues’ caseloads from a pendamping (hand-over names come from transfer-candidates)', async () => {
    expect((await owner.request({ method: 'GET', url: '/api/v1/caseload' })).statusCode).toBe(403);
    expect((await owner.request({ method: 'GET', url: '/api/v1/caseload?wilayah=35.10' })).statusCode).toBe(403);
  });

  it('is a supervisor’s tool: pendamping get 403, bad input 400', async () => {
    const mine = await banyuwangiCase();
    expect((await assign(owner, [mine], colleague.user.id)).statusCode).toBe(403);
    expect((await assign(koordinator, [], colleague.user.id)).statusCode).toBe(400);
    expect((await assign(koordinator, ['bukan-uuid'], colleague.user.id)).statusCode).toBe(400);
    expect((await jakartaKoor.request({ method: 'GET', url: '/api/v1/caseload?wilayah=35' })).statusCode).toBe(404);
    expect(await ownerOf(mine)).toBe(owner.user.id);
  });
});
