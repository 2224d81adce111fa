import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildPerson } from './support/factories.js';
import { createTestApp, createTestUser, signIn, type Session, type TestContext } from './support/test-app.js';

/** Jejak audit (issue 20): the filters the auditor's screen uses, the protected reads, the audited CSV export. */
let ctx: TestContext;
let auditor: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  auditor = await signIn(ctx, 'auditor', null);
});
afterAll(() => ctx.close());

interface Event {
  id: number;
  at: string;
  action: string;
  actorUsername: string | null;
  entityId: string | null;
  subjectId: string | null;
  wilayah: string | null;
  protectedRead: boolean;
  details: unknown;
}
const events = async (s: Session, query: string) => {
  const r = await s.request({ method: 'GET', url: `/api/v1/audit-events?pageSize=200&${query}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: Event[]; total: number };
};

describe('filters of the audit trail', () => {
  it('narrows by time (from inclusive, to exclusive), area prefix and the acting person', async () => {
    const before = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const jatim = await createTestUser(ctx.database, 'pendamping', '35.10');
    const jakarta = await createTestUser(ctx.database, 'pendamping', '31.71');
    await new Promise((r) => setTimeout(r, 5));
    const after = new Date();
    const window = `action=user.create&from=${before.toISOString()}&to=${after.toISOString()}`;
    expect((await events(auditor, window)).items.map((e) => e.entityId).sort()).toEqual([jatim.id, jakarta.id].sort());
    expect((await events(auditor, `action=user.create&from=${after.toISOString()}`)).items.map((e) => e.entityId)).not.toContain(jatim.id);
    expect((await events(auditor, `action=user.create&to=${before.toISOString()}`)).items.map((e) => e.entityId)).not.toContain(jatim.id);
    expect((await events(auditor, `${window}&wilayah=35`)).items.map((e) => e.entityId)).toEqual([jatim.id]);
    expect((await events(auditor, `${window}&wilayah=31.71`)).items.map((e) => e.entityId)).toEqual([jakarta.id]);
    // A scoped auditor's area filter stays inside the scope: another province shows nothing.
    const scoped = await signIn(ctx, 'auditor', '35');
    expect((await events(scoped, `${window}&wilayah=31`)).items).toEqual([]);
    expect((await events(auditor, `${window}&actorUsername=SYSTEM`)).total).toBe(2);
    expect((await events(auditor, `${window}&actorUsername=orang.lain`)).total).toBe(0);
    for (const bad of ['from=kemarin', 'to=2025-13-45T99:00:00Z', 'wilayah=35;--', 'protectedReads=mungkin']) {
      expect((await auditor.request({ method: 'GET', url: `/api/v1/audit-events?${bad}` })).statusCode, bad).toBe(400);
    }
  });

  it('shows who opened a protected child’s case: the reads among the events, by case or by person', async () => {
    const owner = await signIn(ctx, 'pendamping', '35.10');
    const koordinator = await signIn(ctx, 'koordinator', '35.10');
    const child = await buildPerson(owner, { child: true });
    const kase = await buildCase(owner, { person: child, ppks: '06' });
    expect((await koordinator.request({ method: 'GET', url: `/api/v1/cases/${kase.id}` })).statusCode).toBe(200);
    const byPerson = await events(auditor, `entityId=${child.id}&protectedReads=true`);
    const read = byPerson.items.find((e) => e.action === 'case.read' && e.actorUsername === koordinator.user.username);
    expect(read).toMatchObject({ entityId: kase.id, subjectId: child.id, protectedRead: true, wilayah: kase.wilayah });
    // The owner's own reads are not events; every listed event is a read.
    expect(byPerson.items.every((e) => e.protectedRead && e.actorUsername !== owner.user.username)).toBe(true);
    const byCase = await events(auditor, `entityId=${kase.id}`);
    expect(byCase.items.map((e) => e.id)).toContain(read!.id);
    expect(byCase.items.some((e) => !e.protectedRead)).toBe(true); // the case's writes are its history too
  });

  it('exports the filtered trail as formula-safe CSV, and the export is an audit event', async () => {
    const jatim = await createTestUser(ctx.database, 'pendamping', '35.10');
    const r = await auditor.request({ method: 'GET', url: `/api/v1/audit-events/export?entityId=${jatim.id}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.headers['content-disposition']).toMatch(/jejak-audit\.csv/);
    const lines = r.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'id,waktu,pelaku_id,pelaku,tindakan,jenis_data,id_data,id_orang,wilayah,ip,id_permintaan,bacaan_terlindungi,rincian',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('user.create');
    expect(lines[1]).toContain(jatim.id);
    const [exported] = (await events(auditor, `action=audit.export&actorUsername=${auditor.user.username}`)).items;
    expect(exported?.details).toEqual({ filters: { entityId: jatim.id }, rows: 1, truncated: false });
    for (const role of ['pendamping', 'koordinator', 'direktorat'] as const) {
      const s = await signIn(ctx, role, '35.10');
      expect((await s.request({ method: 'GET', url: '/api/v1/audit-events/export' })).statusCode, role).toBe(403);
    }
  });
});
