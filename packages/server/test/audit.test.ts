import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, signIn, type TestContext } from './support/test-app.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('audit trail', () => {
  it('shows an auditor the events of their scope only, newest first', async () => {
    const jatim = await createTestUser(ctx.database, 'pendamping', '35.10');
    const jakarta = await createTestUser(ctx.database, 'pendamping', '31.71');
    const national = await signIn(ctx, 'auditor', null);
    const scoped = await signIn(ctx, 'auditor', '35');

    const all = (await national.request({ method: 'GET', url: '/api/v1/audit-events?action=user.create&pageSize=200' })).json() as {
      items: Array<{ id: number; entityId: string; wilayah: string | null }>;
      total: number;
    };
    const ids = all.items.map((e) => e.entityId);
    expect(ids).toContain(jatim.id);
    expect(ids).toContain(jakarta.id);
    expect(all.items.map((e) => e.id)).toEqual([...all.items.map((e) => e.id)].sort((a, b) => b - a));

    const mine = (await scoped.request({ method: 'GET', url: '/api/v1/audit-events?action=user.create&pageSize=200' })).json() as {
      items: Array<{ entityId: string; wilayah: string | null }>;
      total: number;
    };
    expect(mine.items.map((e) => e.entityId)).toContain(jatim.id);
    expect(mine.items.map((e) => e.entityId)).not.toContain(jakarta.id);
    expect(mine.items.every((e) => e.wilayah?.startsWith('35'))).toBe(true);
    expect(mine.total).toBe(mine.items.length);
  });

  it('records sign-ins with the IP', async () => {
    const admin = await signIn(ctx, 'admin', null);
    const events = (await admin.request({ method: 'GET', url: `/api/v1/audit-events?action=auth.login&actorId=${admin.user.id}` })).json();
    expect(events.total).toBe(1);
    expect(events.items[0]).toMatchObject({ actorUsername: admin.user.username, ip: '127.0.0.1', entityType: 'session' });
  });

  it('is closed to pendamping, koordinator and direktorat', async () => {
    for (const role of ['pendamping', 'koordinator', 'direktorat'] as const) {
      const session = await signIn(ctx, role, '35.10');
      expect((await session.request({ method: 'GET', url: '/api/v1/audit-events' })).statusCode, role).toBe(403);
    }
  });

  it('cannot be rewritten or erased, even by direct SQL', async () => {
    await createTestUser(ctx.database, 'auditor', null);
    await expect(sql`update audit_events set action = 'dipalsukan'`.execute(ctx.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(ctx.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(ctx.database.db)).rejects.toThrow(/append-only/);
    const forged = await ctx.database.db.selectFrom('audit_events').select('id').where('action', '=', 'dipalsukan').execute();
    expect(forged).toEqual([]);
  });
});
