import type { CaseRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceCase, buildCase, buildPerson } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let owner: Session; // pendamping, Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let jakartaKoor: Session; // DKI Jakarta
let opened: CaseRecord[]; // in the order they were opened: owner's, owner's (moved to asesmen), unassigned
let jakartaUnassigned: CaseRecord;

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, koordinator, jakartaKoor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
  ]);
  const first = await buildCase(owner);
  const second = await buildCase(owner);
  // A koordinator opening a case names no pendamping: it waits to be assigned.
  const unassigned = await buildCase(koordinator, { person: await buildPerson(koordinator) });
  jakartaUnassigned = await buildCase(jakartaKoor, { person: await buildPerson(jakartaKoor, { kodeDesa: '31.71.01.1001' }) });
  await advanceCase(owner, koordinator, second, 'asesmen');
  opened = [first, second, unassigned];
});
afterAll(() => ctx.close());

/** The ids the caller's list answers, in its order, of the cases this file opened. */
async function order(session: Session, query: string): Promise<string[]> {
  const response = await session.request({ method: 'GET', url: `/api/v1/cases?pageSize=200&${query}` });
  expect(response.statusCode, response.body).toBe(200);
  const ours = new Set([...opened, jakartaUnassigned].map((c) => c.id));
  return (response.json().items as CaseRecord[]).map((c) => c.id).filter((id) => ours.has(id));
}
const ids = (...i: number[]) => i.map((n) => opened[n]!.id);

describe('the case list’s order and filters (issue 21)', () => {
  it('filters the unassigned cases, in the caller’s scope only, and counts them', async () => {
    expect(opened[2]!.pendampingId).toBeNull();
    expect(await order(koordinator, 'tanpaPendamping=true')).toEqual(ids(2));
    expect(await order(jakartaKoor, 'tanpaPendamping=true')).toEqual([jakartaUnassigned.id]);
    const counted = (await koordinator.request({ method: 'GET', url: '/api/v1/cases?tanpaPendamping=true&pageSize=1' })).json();
    expect(counted.total).toBe(1);
    expect(await order(koordinator, `tanpaPendamping=true&pendampingId=${owner.user.id}`)).toEqual([]);
  });

  it('sorts by opened, stage and stage deadline, either way', async () => {
    expect(await order(koordinator, 'urut=dibuka&arah=asc')).toEqual(ids(0, 1, 2));
    expect(await order(koordinator, 'urut=dibuka')).toEqual(ids(2, 1, 0));
    // The second case moved on to asesmen: after the other two in the workflow's order.
    expect((await order(koordinator, 'urut=tahapan')).at(-1)).toBe(opened[1]!.id);
    expect((await order(koordinator, 'urut=tahapan&arah=desc'))[0]).toBe(opened[1]!.id);
    // Same stage, same category: the case opened first is due first.
    const byDeadline = (await order(koordinator, 'urut=tenggat')).filter((id) => id !== opened[1]!.id);
    expect(byDeadline).toEqual(ids(0, 2));
    expect((await order(koordinator, 'urut=tenggat&arah=desc')).filter((id) => id !== opened[1]!.id)).toEqual(ids(2, 0));
    // Last activity, the default: the case moved last comes first.
    expect((await order(koordinator, ''))[0]).toBe(opened[1]!.id);
  });

  it('combines with the area and stage filters and refuses an unknown order', async () => {
    expect(await order(koordinator, 'wilayah=35.10&tahapan=asesmen&urut=dibuka')).toEqual(ids(1));
    expect(await order(owner, 'tanpaPendamping=true')).toEqual(ids(2));
    expect(await order(jakartaKoor, 'urut=dibuka&wilayah=31')).toEqual([jakartaUnassigned.id]);
    const bad = await koordinator.request({ method: 'GET', url: '/api/v1/cases?urut=nama' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBeTruthy();
    expect((await koordinator.request({ method: 'GET', url: '/api/v1/cases?arah=naik' })).statusCode).toBe(400);
  });
});
