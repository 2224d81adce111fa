import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed/seed-demo.js';
import { createTestApp, createTestUser, login, signIn, TEST_PASSWORD, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await signIn(ctx, 'admin', null);
});
afterAll(() => ctx.close());

const signInAs = (username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

/** Requests with the session the sign-in answer set. */
const sessionOf = (response: LightMyRequestResponse) => {
  const cookie = `tuntas_sid=${response.cookies.find((c) => c.name === 'tuntas_sid')!.value}`;
  return (options: InjectOptions) => ctx.app.inject({ ...options, headers: { ...options.headers, cookie } });
};

describe('changing one’s own password (POST /auth/password)', () => {
  it('needs the current password, refuses a weak new one with the policy’s reason, and ends the other sessions', async () => {
    const user = await createTestUser(ctx.database, 'pendamping', '35.10');
    const here = await login(ctx.app, user);
    const elsewhere = await login(ctx.app, user);
    const change = (body: Record<string, unknown>) => here.request({ method: 'POST', url: '/api/v1/auth/password', payload: body });

    const wrong = await change({ current: 'bukan-sandi-saya-1', new: 'sandi-kedua-yang-kuat' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('CURRENT_PASSWORD_WRONG');
    for (const [weak, reason] of [
      ['password123', 'TOO_COMMON'],
      ['Passw0rd!!', 'TOO_COMMON'],
      ['pendek', 'TOO_SHORT'],
      [`${user.username}-baru`, 'CONTAINS_USERNAME'],
      [TEST_PASSWORD, 'SAME_AS_CURRENT'],
    ] as const) {
      const refused = await change({ current: TEST_PASSWORD, new: weak });
      expect(refused.statusCode, weak).toBe(422);
      expect(refused.json().error, weak).toMatchObject({ code: 'WEAK_PASSWORD', details: { reason } });
    }
    expect((await change({ current: TEST_PASSWORD, new: 'sandi-kedua-yang-kuat', extra: 1 })).statusCode).toBe(400);
    // Nothing changed so far: every session still works.
    expect((await elsewhere.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);

    expect((await change({ current: TEST_PASSWORD, new: 'sandi-kedua-yang-kuat' })).statusCode).toBe(204);
    expect((await here.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await elsewhere.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await signInAs(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signInAs(user.username, 'sandi-kedua-yang-kuat')).statusCode).toBe(200);
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('entity_id', '=', user.id)
      .where('action', 'like', 'user.password%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['user.password_change']);
    expect(JSON.stringify(audit)).not.toContain('sandi-kedua');
  });

  it('counts wrong current passwords against the sign-in throttle', async () => {
    const user = await createTestUser(ctx.database, 'koordinator', '35');
    const session = await login(ctx.app, user);
    const statuses: number[] = [];
    for (let i = 0; i < ctx.config.loginMaxFailures + 1; i++) {
      const r = await session.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { current: `tebakan-ke-${i}-salah`, new: 'sandi-kedua-yang-kuat' },
      });
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([...Array<number>(ctx.config.loginMaxFailures).fill(403), 429]);
  });

  it('is for signed-in users only', async () => {
    const anonymous = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { current: 'a', new: 'b' } });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('a password set by an admin', () => {
  /** Every documented route except those a user needs to replace the password, with sample path values. */
  async function guardedRoutes(): Promise<Array<{ method: InjectOptions['method'] & string; url: string }>> {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const open = new Set([
      'POST /api/v1/auth/login',
      'GET /api/v1/auth/session',
      'POST /api/v1/auth/logout',
      'GET /api/v1/auth/me',
      'POST /api/v1/auth/password',
    ]);
    return (
      Object.entries(doc.paths)
        .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase() as 'GET', path })))
        // Probes, metrics and the public certificate check need no session at all.
        .filter(
          ({ method, path }) =>
            !open.has(`${method} ${path}`) &&
            !path.startsWith('/api/v1/health') &&
            path !== '/metrics' &&
            !/^\/api\/v1\/certificates\/\{[^}]+\}\/verify$/.test(path),
        )
        .map(({ method, path }) => ({ method, url: path.replace(/\{[^}]+\}/g, '7f1d2c34-0000-4000-8000-000000000000') }))
    );
  }

  it('must be changed at first sign-in: until then every other route answers 403 PASSWORD_CHANGE_REQUIRED', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'baru.dari.admin', password: 'Sandi-Awal-Admin-7', role: 'koordinator', wilayah: '35' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().mustChangePassword).toBe(true);

    const signedIn = await signInAs('baru.dari.admin', 'Sandi-Awal-Admin-7');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ mustChangePassword: true, user: { username: 'baru.dari.admin', mustChangePassword: true } });
    const request = sessionOf(signedIn);

    const routes = await guardedRoutes();
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      const response = await request({ method: route.method, url: route.url, ...(route.method === 'GET' ? {} : { payload: {} }) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().error.code, `${route.method} ${route.url}`).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    expect((await request({ method: 'GET', url: '/api/v1/auth/me' })).json()).toMatchObject({
      username: 'baru.dari.admin',
      mustChangePassword: true,
    });
    expect((await request({ method: 'GET', url: '/api/v1/auth/session' })).json().user.mustChangePassword).toBe(true);

    const changed = await request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { current: 'Sandi-Awal-Admin-7', new: 'sandi-pilihan-sendiri-9' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await request({ method: 'GET', url: '/api/v1/cases' })).statusCode).toBe(200);
    expect((await request({ method: 'GET', url: '/api/v1/auth/me' })).json().mustChangePassword).toBe(false);
    const again = await signInAs('baru.dari.admin', 'sandi-pilihan-sendiri-9');
    expect(again.json().mustChangePassword).toBe(false);
  });

  it('after an admin’s reset through the API, the user must change it again; sign-out stays possible', async () => {
    const user = await createTestUser(ctx.database, 'direktorat', null);
    const reset = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${user.id}/password`,
      payload: { password: 'Sandi-Reset-Admin-3' },
    });
    expect(reset.statusCode).toBe(204);
    const signedIn = await signInAs(user.username, 'Sandi-Reset-Admin-3');
    expect(signedIn.json().mustChangePassword).toBe(true);
    const request = sessionOf(signedIn);
    expect((await request({ method: 'GET', url: '/api/v1/dashboard/summary' })).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('is not asked of accounts made by the CLI (`user add`, reset-password) or of the demo accounts', async () => {
    // createTestUser is the CLI's own call: createUser as the system actor.
    const cliUser = await createTestUser(ctx.database, 'auditor', null);
    expect((await signInAs(cliUser.username, TEST_PASSWORD)).json().mustChangePassword).toBe(false);
    await seedDemo(ctx.database, { password: 'tuntas-demo', scale: 0 });
    const demo = await signInAs('pendamping.35.10', 'tuntas-demo');
    expect(demo.statusCode).toBe(200);
    expect(demo.json().mustChangePassword).toBe(false);
  });
});
