import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let owner: Session; // pendamping, Kab. Banyuwangi
let colleague: Session; // another pendamping of Kab. Banyuwangi
let provinsi: Session; // a pendamping assigned to all of Jawa Timur
let jember: Session; // pendamping of Kab. Jember: another regency of the province
let jakarta: Session;
let koordinator: Session;
let auditor: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, colleague, provinsi, jember, jakarta, koordinator, auditor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35'),
    signIn(ctx, 'pendamping', '35.09'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'auditor', null),
  ]);
});
afterAll(() => ctx.close());

const candidates = (s: Session, caseId: string) => s.request({ method: 'GET', url: `/api/v1/cases/${caseId}/transfer-candidates` });

describe('transfer candidates (issue 21)', () => {
  it('lists to a pendamping, who may not read the caseload, the colleagues whose area holds the case — names only', async () => {
    const kase = await buildCase(owner);
    expect((await owner.request({ method: 'GET', url: '/api/v1/caseload' })).statusCode).toBe(403);
    const response = await candidates(owner, kase.id);
    expect(response.statusCode, response.body).toBe(200);
    const items: Array<Record<string, unknown>> = response.json().items;
    // Not the owner, not Jember (its area does not hold the case), not Jakarta.
    expect(items.map((i) => i.id).sort()).toEqual([colleague.user.id, provinsi.user.id].sort());
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['id', 'nama']);
    expect(items.map((i) => i.nama)).toContain(colleague.user.username);
    // The koordinator asks the same question and gets the same answer.
    expect((await candidates(koordinator, kase.id)).json().items).toEqual(items);
    // Every candidate is one the proposal accepts.
    const proposed = await owner.request({
      method: 'POST',
      url: `/api/v1/cases/${kase.id}/transfers`,
      payload: { kePendampingId: provinsi.user.id, alasan: 'Pindah tugas' },
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
  });

  it('answers 404 out of scope and 403 to whoever may not work the case', async () => {
    const kase = await buildCase(owner);
    expect((await candidates(jakarta, kase.id)).statusCode).toBe(404);
    expect((await candidates(jember, kase.id)).statusCode).toBe(404);
    expect((await candidates(auditor, kase.id)).statusCode).toBe(403);
  });
});
