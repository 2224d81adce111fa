import { randomUUID } from 'node:crypto';
import type { TeamSyncStatusRow } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let koordinator: Session; // Jawa Timur
let jakartaKoor: Session; // DKI Jakarta
let direktorat: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [koordinator, jakartaKoor, direktorat] = await Promise.all([
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'direktorat', null),
  ]);
});
afterAll(() => ctx.close());

const report = (s: Session, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  s.request({ method: 'PUT', url: '/api/v1/sync/status', payload: body, headers });

const team = async (s: Session): Promise<TeamSyncStatusRow[]> => {
  const r = await s.request({ method: 'GET', url: '/api/v1/sync/team-status' });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const lineOf = async (s: Session, userId: string) => (await team(s)).find((r) => r.userId === userId);

const auditCount = async (userId: string) =>
  Number(
    (
      await ctx.database.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', 'sync.status.report')
        .where('entity_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('device sync status (issue 17: who of the team has unsent or conflicting work)', () => {
  it('a pendamping’s devices report; their koordinator reads the sums, those with work held first', async () => {
    const [busy, idle] = await Promise.all([signIn(ctx, 'pendamping', '35.10'), signIn(ctx, 'pendamping', '35.10')]);
    const phone = randomUUID();
    const tablet = randomUUID();
    const oldest = new Date(Date.now() - 3 * 3600_000).toISOString();

    const first = await report(busy, { perangkatId: phone, menunggu: 2, konflik: 1, ditolak: 0, menungguSejak: oldest });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ perangkatId: phone, menunggu: 2, konflik: 1, ditolak: 0, menungguSejak: oldest });
    const second = await report(busy, {
      perangkatId: tablet,
      menunggu: 1,
      konflik: 0,
      ditolak: 1,
      menungguSejak: new Date().toISOString(),
    });
    expect(second.statusCode, second.body).toBe(200);

    const rows = await team(koordinator);
    const line = rows.find((r) => r.userId === busy.user.id);
    expect(line).toMatchObject({
      username: busy.user.username,
      wilayah: '35.10',
      menunggu: 3,
      konflik: 1,
      ditolak: 1,
      menungguSejak: oldest,
      jumlahPerangkat: 2,
      sinkronTerakhir: null,
    });
    expect(line!.dilaporkanPada).not.toBeNull();
    // Never reported, never synced: a line of zeros and nulls, after every line with work held.
    const quiet = rows.find((r) => r.userId === idle.user.id);
    expect(quiet).toMatchObject({ menunggu: 0, konflik: 0, ditolak: 0, menungguSejak: null, dilaporkanPada: null, jumlahPerangkat: 0 });
    expect(rows.indexOf(line!)).toBeLessThan(rows.indexOf(quiet!));
    expect(rows.every((r) => r.wilayah?.startsWith('35'))).toBe(true);

    // The phone sent everything: its empty report does not hide what the tablet still holds.
    await report(busy, { perangkatId: phone, menunggu: 0, konflik: 0, ditolak: 0, menungguSejak: null });
    expect(await lineOf(koordinator, busy.user.id)).toMatchObject({ menunggu: 1, konflik: 0, ditolak: 1, jumlahPerangkat: 2 });
    // National roles read it too.
    expect(await lineOf(direktorat, busy.user.id)).toMatchObject({ menunggu: 1, ditolak: 1 });
  });

  it('is audited when what a device holds changes, not when a sync round reports the same again', async () => {
    const p = await signIn(ctx, 'pendamping', '35.10');
    const device = randomUUID();
    const body = { perangkatId: device, menunggu: 0, konflik: 1, ditolak: 0, menungguSejak: null };
    await report(p, body);
    await report(p, body);
    expect(await auditCount(p.user.id)).toBe(1);
    await report(p, { ...body, konflik: 0 });
    expect(await auditCount(p.user.id)).toBe(2);
  });

  it('takes an Idempotency-Key like every write: a replay changes nothing, the key on another body is refused', async () => {
    const p = await signIn(ctx, 'pendamping', '35.10');
    const key = randomUUID();
    const body = { perangkatId: randomUUID(), menunggu: 0, konflik: 0, ditolak: 2, menungguSejak: null };
    const once = await report(p, body, { 'idempotency-key': key });
    const again = await report(p, body, { 'idempotency-key': key });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(once.json());
    const other = await report(p, { ...body, ditolak: 0 }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await lineOf(koordinator, p.user.id)).toMatchObject({ ditolak: 2 });
  });

  it('shows another province’s koordinator nothing of this province', async () => {
    const p = await signIn(ctx, 'pendamping', '35.10');
    await report(p, { perangkatId: randomUUID(), menunggu: 0, konflik: 4, ditolak: 0, menungguSejak: null });
    const jakarta = await signIn(ctx, 'pendamping', '31.71');
    const rows = await team(jakartaKoor);
    expect(rows.find((r) => r.userId === p.user.id)).toBeUndefined();
    expect(rows.some((r) => r.userId === jakarta.user.id)).toBe(true);
    expect(rows.every((r) => r.wilayah?.startsWith('31'))).toBe(true);
  });

  it('refuses the team’s line to a pendamping and a report to anyone but a pendamping', async () => {
    const p = await signIn(ctx, 'pendamping', '35.10');
    const read = await p.request({ method: 'GET', url: '/api/v1/sync/team-status' });
    expect(read.statusCode).toBe(403);
    expect(read.json().error.code).toBe('FORBIDDEN');
    for (const s of [koordinator, direktorat]) {
      const r = await report(s, { perangkatId: randomUUID(), menunggu: 0, konflik: 0, ditolak: 0, menungguSejak: null });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('refuses bad input with the field named, in Indonesian, and changes nothing', async () => {
    const p = await signIn(ctx, 'pendamping', '35.10');
    const device = randomUUID();
    const good = { perangkatId: device, menunggu: 1, konflik: 0, ditolak: 0, menungguSejak: new Date(Date.now() - 60_000).toISOString() };
    expect((await report(p, good)).statusCode).toBe(200);
    const before = await lineOf(koordinator, p.user.id);
    const audited = await auditCount(p.user.id);

    // Out of the schema: the API's format error (400 VALIDATION_FAILED), as on every route.
    for (const bad of [
      { ...good, menunggu: -1 },
      { ...good, konflik: 1.5 },
      { ...good, ditolak: 10_001 },
      { ...good, menungguSejak: 'kemarin' },
      { ...good, perangkatId: 'ponsel-saya' },
      { ...good, tambahan: true },
    ]) {
      const r = await report(p, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
    // Well-formed but not a state an outbox can be in: 422 with the field and why.
    for (const [bad, reason] of [
      [{ ...good, menungguSejak: null }, 'wajib'],
      [{ ...good, menunggu: 0 }, 'tanpa_antrean'],
      [{ ...good, menungguSejak: '1999-12-31T23:00:00Z' }, 'tidak_wajar'],
    ] as const) {
      const r = await report(p, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(422);
      expect(r.json().error).toMatchObject({ code: 'SYNC_STATUS_INVALID', details: [{ field: 'menungguSejak', code: reason }] });
      expect(r.json().error.message).toMatch(/tidak sah/);
    }
    expect(await lineOf(koordinator, p.user.id)).toEqual(before);
    expect(await auditCount(p.user.id)).toBe(audited);
  });

  it('a device clock running ahead gets the server’s time for the oldest waiting write', async () => {
    const p = await signIn(ctx, 'pendamping', '35.10');
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const r = await report(p, { perangkatId: randomUUID(), menunggu: 1, konflik: 0, ditolak: 0, menungguSejak: future });
    expect(r.statusCode).toBe(200);
    expect(Date.parse(r.json().menungguSejak)).toBeLessThanOrEqual(Date.now());
  });

  it('stamps the last pull when the pendamping calls /sync/changes', async () => {
    const p = await signIn(ctx, 'pendamping', '35.10');
    expect((await lineOf(koordinator, p.user.id))?.sinkronTerakhir).toBeNull();
    const asked = Date.now();
    const pull = await p.request({ method: 'GET', url: '/api/v1/sync/changes' });
    expect(pull.statusCode, pull.body).toBe(200);
    const line = await lineOf(koordinator, p.user.id);
    expect(line?.sinkronTerakhir).not.toBeNull();
    expect(Date.parse(line!.sinkronTerakhir!)).toBeGreaterThanOrEqual(asked - 1000);
    // The koordinator's own pull is no pendamping's sync.
    expect((await koordinator.request({ method: 'GET', url: '/api/v1/sync/changes' })).statusCode).toBe(200);
    expect(await ctx.database.db.selectFrom('sync_pulls').select('user_id').where('user_id', '=', koordinator.user.id).execute()).toEqual(
      [],
    );
  });
});
