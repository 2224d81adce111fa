import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await signIn(ctx, 'admin', null);
});
afterAll(() => ctx.close());

const keyOf = async (session: Session) => session.request({ method: 'GET', url: '/api/v1/auth/device-key' });

describe('the device key that unlocks what a phone keeps offline', () => {
  it('is the same for each session of one user, another for another user, never cached, and none without a session', async () => {
    const pendamping = await signIn(ctx, 'pendamping', '35.10');
    const first = await keyOf(pendamping);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const { key } = first.json();
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    // A second device of the same person (another session) unlocks the same kept data.
    const secondDevice = await login(ctx.app, pendamping.user);
    expect((await keyOf(secondDevice)).json().key).toBe(key);
    const colleague = await signIn(ctx, 'pendamping', '35.10');
    expect((await keyOf(colleague)).json().key).not.toBe(key);
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/device-key' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toContain(key);
  });

  it('a signed-out session gets nothing, and a disabled account’s key is gone: enabled again, its old device data stays sealed', async () => {
    const pendamping = await signIn(ctx, 'pendamping', '35.10');
    const { key } = (await keyOf(pendamping)).json();
    const other = await login(ctx.app, pendamping.user);
    expect((await other.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBeLessThan(300);
    expect((await keyOf(other)).statusCode).toBe(401);

    const disabled = await admin.request({ method: 'PATCH', url: `/api/v1/users/${pendamping.user.id}`, payload: { disabled: true } });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((await keyOf(pendamping)).statusCode).toBe(401);
    const enabled = await admin.request({ method: 'PATCH', url: `/api/v1/users/${pendamping.user.id}`, payload: { disabled: false } });
    expect(enabled.statusCode, enabled.body).toBe(200);
    const again = await login(ctx.app, pendamping.user);
    const fresh = (await keyOf(again)).json().key;
    expect(fresh).not.toBe(key);
  });

  it('says when the session ends: the idle limit from this use, never past the absolute limit', async () => {
    const pendamping = await signIn(ctx, 'pendamping', '35.10');
    const before = Date.now();
    const answer = await keyOf(pendamping);
    expect(answer.statusCode, answer.body).toBe(200);
    const ends = Date.parse(answer.json().expiresAt);
    const { sessionIdleMinutes, sessionAbsoluteHours } = ctx.config;
    const idle = sessionIdleMinutes * 60_000;
    // Last use is stamped at most once a minute, so the idle end may lie up to a minute before now + idle.
    expect(ends).toBeGreaterThan(before + Math.min(idle, sessionAbsoluteHours * 3_600_000) - 61_000);
    expect(ends).toBeLessThanOrEqual(Date.now() + idle);
    const [session] = await ctx.database.db.selectFrom('sessions').select('expires_at').where('user_id', '=', pendamping.user.id).execute();
    expect(ends).toBeLessThanOrEqual(session!.expires_at.getTime());
  });
});
