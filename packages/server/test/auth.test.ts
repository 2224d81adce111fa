import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, login, TEST_PASSWORD, type TestContext } from './support/test-app.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp({ loginMaxFailures: 3 });
});
afterAll(() => ctx.close());

const loginWith = (username: string, password: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie and /me tells role and scope', async () => {
    const user = await createTestUser(ctx.database, 'koordinator', '35');
    const response = await loginWith(user.username, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'tuntas_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `tuntas_sid=${cookie!.value}` } });
    expect(me.json()).toEqual({ id: user.id, username: user.username, role: 'koordinator', wilayah: '35' });
  });

  it('gives the same 401 for a wrong password, an unknown user and a disabled account', async () => {
    const user = await createTestUser(ctx.database, 'pendamping', '35.10');
    const disabled = await createTestUser(ctx.database, 'pendamping', '35.10');
    await ctx.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();
    const answers = await Promise.all([
      loginWith(user.username, 'salah-kata-sandi-1'),
      loginWith('tidak.ada.orangnya', 'salah-kata-sandi-1'),
      loginWith(disabled.username, TEST_PASSWORD),
    ]);
    for (const a of answers) {
      expect(a.statusCode).toBe(401);
      expect(a.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Nama pengguna atau kata sandi salah.' } });
      expect(a.cookies).toHaveLength(0);
    }
  });

  it('throttles a username after repeated failures, even with the right password, and audits it', async () => {
    const user = await createTestUser(ctx.database, 'pendamping', '35.10');
    for (let i = 0; i < 3; i++) expect((await loginWith(user.username, 'salah-kata-sandi-1')).statusCode).toBe(401);
    const blocked = await loginWith(user.username, TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const events = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('details', '@>', sql<unknown>`${JSON.stringify({ username: user.username })}::jsonb`)
      .where('action', 'like', 'auth.%')
      .execute();
    expect(events.map((e) => e.action).sort()).toEqual([
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_throttled',
    ]);
  });

  it('refuses a malformed body with 400 and a stable code', async () => {
    const missing = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body/password' }] });
    const broken = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"username": "a",',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('INVALID_JSON');
  });
});

describe('sessions', () => {
  it('logout revokes the session on the server, not just the cookie', async () => {
    const session = await login(ctx.app, await createTestUser(ctx.database, 'auditor', null));
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await session.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('expires after the idle timeout and after the absolute lifetime', async () => {
    const idle = await login(ctx.app, await createTestUser(ctx.database, 'direktorat', null));
    const old = new Date(Date.now() - (ctx.config.sessionIdleMinutes + 1) * 60_000);
    await ctx.database.db.updateTable('sessions').set({ last_seen_at: old }).where('user_id', '=', idle.user.id).execute();
    expect((await idle.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);

    const absolute = await login(ctx.app, await createTestUser(ctx.database, 'direktorat', null));
    await ctx.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', absolute.user.id)
      .execute();
    expect((await absolute.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('refuses a forged cookie', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: "tuntas_sid=' or 1=1 --" } });
    expect(response.statusCode).toBe(401);
  });
});

describe('CSRF defence', () => {
  it('refuses a cookie-authenticated write from another origin and changes nothing', async () => {
    const admin = await login(ctx.app, await createTestUser(ctx.database, 'admin', null));
    const before = await ctx.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const payload = { username: 'dari.situs.lain', password: 'kata-sandi-kuat-1', role: 'admin' };
    const crossOrigin = await admin.request({ method: 'POST', url: '/api/v1/users', payload, headers: { origin: 'https://jahat.example' } });
    expect(crossOrigin.statusCode).toBe(403);
    expect(crossOrigin.json().error.code).toBe('CSRF_REJECTED');
    const crossSite = await admin.request({ method: 'POST', url: '/api/v1/users', payload, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    const textPlain = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'text/plain' },
    });
    expect(textPlain.statusCode).toBe(415);
    const after = await ctx.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const sameOrigin = await admin.request({ method: 'POST', url: '/api/v1/users', payload, headers: { origin: 'http://localhost:80', host: 'localhost:80' } });
    expect(sameOrigin.statusCode).toBe(201);
  });
});
