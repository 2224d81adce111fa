import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
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
    expect(me.json()).toEqual({
      id: user.id,
      username: user.username,
      role: 'koordinator',
      wilayah: '35',
      namaLengkap: null,
      mustChangePassword: false,
      twoFactorEnabled: false,
      twoFactorRequired: false,
    });
  });

  it('/me names the person, once an admin has set the full name (the greeting uses it, issue 21)', async () => {
    const user = await createTestUser(ctx.database, 'pendamping', '35.10');
    const admin = await login(ctx.app, await createTestUser(ctx.database, 'admin', null));
    const named = await admin.request({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { namaLengkap: 'Siti Rahayu' } });
    expect(named.statusCode, named.body).toBe(200);
    const session = await login(ctx.app, user);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).json()).toMatchObject({
      username: user.username,
      namaLengkap: 'Siti Rahayu',
    });
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

  it('after the free failures of a (username, IP) each attempt waits 2^n seconds, then the right password signs in', async () => {
    const user = await createTestUser(ctx.database, 'pendamping', '35.10');
    const key = user.username.toLowerCase();
    /** Moves the (username, IP)'s last attempt into the past, as if the client had waited. */
    const wait = (seconds: number) =>
      sql`update login_throttle set last_attempt_at = last_attempt_at - make_interval(secs => ${seconds}) where username = ${key}`.execute(
        ctx.database.db,
      );
    for (let i = 0; i < 3; i++) expect((await loginWith(user.username, 'salah-kata-sandi-1')).statusCode).toBe(401);

    const first = await loginWith(user.username, TEST_PASSWORD);
    expect(first.statusCode).toBe(429);
    expect(first.json().error).toMatchObject({ code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 2 } });
    expect(first.headers['retry-after']).toBe('2');
    await wait(3);
    expect((await loginWith(user.username, 'salah-kata-sandi-1')).statusCode).toBe(401);
    const second = await loginWith(user.username, TEST_PASSWORD);
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('4');
    // Refused attempts do not lengthen the wait; the delay is capped.
    expect((await loginWith(user.username, TEST_PASSWORD)).headers['retry-after']).toBe('4');
    await sql`update login_throttle set failures = 60 where username = ${key}`.execute(ctx.database.db);
    expect(Number((await loginWith(user.username, TEST_PASSWORD)).headers['retry-after'])).toBe(ctx.config.loginMaxDelaySeconds);
    await sql`update login_throttle set failures = 4 where username = ${key}`.execute(ctx.database.db);

    await wait(5);
    expect((await loginWith(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    // A success starts the count again.
    expect((await loginWith(user.username, 'salah-kata-sandi-1')).statusCode).toBe(401);
    const events = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('details', '@>', sql<unknown>`${JSON.stringify({ username: user.username })}::jsonb`)
      .where('action', 'like', 'auth.%')
      .execute();
    const counts = Object.fromEntries(
      ['auth.login_failed', 'auth.login_throttled'].map((a) => [a, events.filter((e) => e.action === a).length]),
    );
    expect(counts).toEqual({ 'auth.login_failed': 5, 'auth.login_throttled': 4 });
  });

  it('counts parallel attempts atomically: 40 at once verify exactly the free failures, the rest wait', async () => {
    const user = await createTestUser(ctx.database, 'koordinator', '35');
    const answers = await Promise.all(Array.from({ length: 40 }, () => loginWith(user.username, 'salah-kata-sandi-1')));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ctx.config.loginMaxFailures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - ctx.config.loginMaxFailures);
    const row = await ctx.database.db
      .selectFrom('login_throttle')
      .select('failures')
      .where('username', '=', user.username.toLowerCase())
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(ctx.config.loginMaxFailures);
    // Every one of the 40 is on the audit trail, as a failure or as a refusal.
    const audited = await ctx.database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('details', '@>', sql<unknown>`${JSON.stringify({ username: user.username })}::jsonb`)
      .where('action', 'in', ['auth.login_failed', 'auth.login_throttled'])
      .executeTakeFirstOrThrow();
    expect(audited.n).toBe(40);
  });

  it('throttles per (username, IP): failures from one shared address do not stop other accounts there, nor the user elsewhere', async () => {
    const victim = await createTestUser(ctx.database, 'pendamping', '35.10');
    const colleague = await createTestUser(ctx.database, 'pendamping', '35.10');
    const office = { remoteAddress: '10.20.30.40' };
    const fromOffice = (username: string, password: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, ...office });
    // 20 failures from the office: the victim's plus guesses at names that do not exist.
    for (let i = 0; i < 5; i++) await fromOffice(victim.username, 'salah-kata-sandi-1');
    for (let i = 0; i < 15; i++) expect((await fromOffice(`tidak.ada.${i}`, 'salah-kata-sandi-1')).statusCode).toBe(401);
    expect((await fromOffice(victim.username, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await fromOffice(colleague.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await loginWith(victim.username, TEST_PASSWORD)).statusCode).toBe(200);
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

  it('tells a session ended on purpose (account disabled, device signed out) from one ended by time, so the device erases its PIN only then', async () => {
    const code = async (s: Awaited<ReturnType<typeof login>>) => {
      const r = await s.request({ method: 'GET', url: '/api/v1/auth/device-key' });
      return [r.statusCode, (r.json() as { error: { code: string } }).error.code];
    };
    const admin = await login(ctx.app, await createTestUser(ctx.database, 'admin', null));
    const disabled = await login(ctx.app, await createTestUser(ctx.database, 'pendamping', '35.10'));
    const patched = await admin.request({ method: 'PATCH', url: `/api/v1/users/${disabled.user.id}`, payload: { disabled: true } });
    expect(patched.statusCode).toBe(200);
    expect(await code(disabled)).toEqual([401, 'SESSION_REVOKED']);

    const signedOut = await login(ctx.app, await createTestUser(ctx.database, 'pendamping', '35.10'));
    const other = await login(ctx.app, signedOut.user);
    const sessions = (await other.request({ method: 'GET', url: '/api/v1/auth/sessions' })).json() as Array<{
      id: string;
      current: boolean;
    }>;
    const theFirst = sessions.find((x) => !x.current)!;
    expect((await other.request({ method: 'DELETE', url: `/api/v1/auth/sessions/${theFirst.id}` })).statusCode).toBe(204);
    expect(await code(signedOut)).toEqual([401, 'SESSION_REVOKED']);
    expect((await other.request({ method: 'GET', url: '/api/v1/auth/device-key' })).statusCode).toBe(200);

    const idle = await login(ctx.app, await createTestUser(ctx.database, 'pendamping', '35.10'));
    const old = new Date(Date.now() - (ctx.config.sessionIdleMinutes + 1) * 60_000);
    await ctx.database.db.updateTable('sessions').set({ last_seen_at: old }).where('user_id', '=', idle.user.id).execute();
    expect(await code(idle)).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses a forged cookie', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: "tuntas_sid=' or 1=1 --" } });
    expect(response.statusCode).toBe(401);
  });
});

describe('CSRF defence', () => {
  it('refuses a cookie-authenticated write from another origin and changes nothing', async () => {
    const admin = await login(ctx.app, await createTestUser(ctx.database, 'admin', null));
    const before = await ctx.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const payload = { username: 'dari.situs.lain', password: 'kata-sandi-kuat-1', role: 'admin' };
    const crossOrigin = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload,
      headers: { origin: 'https://jahat.example' },
    });
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
    const after = await ctx.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const sameOrigin = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload,
      headers: { origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(sameOrigin.statusCode).toBe(201);
  });
});

describe('client addresses behind a proxy (TUNTAS_TRUST_PROXY)', () => {
  const lastLoginIp = async (c: TestContext, username: string) =>
    (
      await c.database.db
        .selectFrom('audit_events')
        .select('ip')
        .where('action', '=', 'auth.login_failed')
        .where('details', '@>', sql<unknown>`${JSON.stringify({ username })}::jsonb`)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).ip;

  it('reads the setting as a hop count or proxy addresses/CIDRs, never "trust everyone"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TUNTAS_TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(loadConfig({ TUNTAS_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TUNTAS_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'loopback',
    ]);
    for (const wrong of ['true', '*', '10.0.0.300', '10.0.0.0/33', 'proxy.example']) {
      expect(() => loadConfig({ TUNTAS_TRUST_PROXY: wrong }), wrong).toThrow(/TUNTAS_TRUST_PROXY/);
    }
  });

  it("ignores any client's X-Forwarded-For by default: the throttle and the audit see the real peer", async () => {
    const user = await createTestUser(ctx.database, 'auditor', null);
    for (let i = 0; i < 3; i++) {
      const forged = await loginWith(user.username, 'salah-kata-sandi-1', { 'x-forwarded-for': `198.51.100.${i}` });
      expect(forged.statusCode).toBe(401);
    }
    expect((await loginWith(user.username, 'salah-kata-sandi-1', { 'x-forwarded-for': '198.51.100.99' })).statusCode).toBe(429);
    expect(await lastLoginIp(ctx, user.username)).toBe('127.0.0.1');
  });

  it('believes X-Forwarded-For only from the named proxies, or from the trusted hops', async () => {
    const named = await createTestApp({ trustProxy: ['10.9.0.0/16'] });
    const hops = await createTestApp({ trustProxy: 1 });
    try {
      for (const c of [named, hops]) {
        const user = await createTestUser(c.database, 'direktorat', null);
        const via = (remoteAddress: string, forwardedFor: string) =>
          c.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: user.username, password: 'salah-kata-sandi-1' },
            headers: { 'x-forwarded-for': forwardedFor },
            remoteAddress,
          });
        await via('10.9.1.1', '203.0.113.7, 198.51.100.1');
        expect(await lastLoginIp(c, user.username)).toBe('198.51.100.1');
      }
      // A peer that is not a named proxy speaks only for itself.
      const user = await createTestUser(named.database, 'direktorat', null);
      await named.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: user.username, password: 'salah-kata-sandi-1' },
        headers: { 'x-forwarded-for': '203.0.113.7' },
        remoteAddress: '192.0.2.50',
      });
      expect(await lastLoginIp(named, user.username)).toBe('192.0.2.50');
    } finally {
      await named.close();
      await hops.close();
    }
  });
});

describe('the session cookie', () => {
  it('is Secure in production (or with TUNTAS_COOKIE_SECURE=1), and only then on plain HTTP', async () => {
    expect(loadConfig({}).cookieSecure).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).cookieSecure).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', TUNTAS_COOKIE_SECURE: '0' }).cookieSecure).toBe(false);
    expect(loadConfig({ TUNTAS_COOKIE_SECURE: '1' }).cookieSecure).toBe(true);

    const user = await createTestUser(ctx.database, 'auditor', null);
    const plain = await loginWith(user.username, TEST_PASSWORD);
    expect(plain.cookies.find((c) => c.name === 'tuntas_sid')?.secure).toBeUndefined();
    const production = await createTestApp({ cookieSecure: loadConfig({ NODE_ENV: 'production' }).cookieSecure });
    try {
      const prodUser = await createTestUser(production.database, 'auditor', null);
      const response = await production.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: prodUser.username, password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(200);
      expect(response.cookies.find((c) => c.name === 'tuntas_sid')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    } finally {
      await production.close();
    }
  });
});
