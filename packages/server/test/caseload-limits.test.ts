import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let admin: Session; // national
let provinceAdmin: Session;
let koordinator: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [admin, provinceAdmin, koordinator] = await Promise.all([
    signIn(ctx, 'admin', null),
    signIn(ctx, 'admin', '35'),
    signIn(ctx, 'koordinator', '35'),
  ]);
});
afterAll(() => ctx.close());

const limits = async (s: Session) => (await s.request({ method: 'GET', url: '/api/v1/caseload-limits' })).json();
const put = (s: Session, payload: object) => s.request({ method: 'PUT', url: '/api/v1/caseload-limits', payload });

describe('caseload limits on Data referensi (issue 20)', () => {
  it('the server’s settings hold until a national admin sets the limits, which then take effect without a restart', async () => {
    expect(await limits(koordinator)).toMatchObject({
      rekomendasi: ctx.app.ctx.config.caseloadRecommended,
      maksimum: ctx.app.ctx.config.caseloadMaximum,
      sumber: 'pengaturan',
      diubahPada: null,
    });
    const set = await put(admin, { rekomendasi: 20, maksimum: 30 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ rekomendasi: 20, maksimum: 30, sumber: 'referensi' });
    // The koordinator's caseload screen reads the new limits on its next request.
    const caseload = (await koordinator.request({ method: 'GET', url: '/api/v1/caseload' })).json();
    expect(caseload).toMatchObject({ rekomendasi: 20, maksimum: 30 });
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'details'])
      .where('action', '=', 'caseload-limits.set')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ actor_id: admin.user.id, details: expect.objectContaining({ rekomendasi: 20, maksimum: 30 }) }),
    ]);
  });

  it('refuses a recommendation above the maximum, and anyone but a national admin, changing nothing', async () => {
    const before = await limits(admin);
    const bad = await put(admin, { rekomendasi: 50, maksimum: 45 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'CASELOAD_LIMITS_INVALID' });
    expect(bad.json().error.message).toContain('tidak boleh melebihi');
    expect((await put(provinceAdmin, { rekomendasi: 10, maksimum: 15 })).statusCode).toBe(403);
    expect((await put(koordinator, { rekomendasi: 10, maksimum: 15 })).statusCode).toBe(403);
    expect((await put(admin, { rekomendasi: 0, maksimum: 15 })).statusCode).toBe(400);
    expect(await limits(admin)).toEqual(before);
  });
});
