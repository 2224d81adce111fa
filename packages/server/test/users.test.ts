import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, login, signIn, TEST_PASSWORD, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestApp({ bodyLimitBytes: 16 * 1024 });
  admin = await signIn(ctx, 'admin', null);
});
afterAll(() => ctx.close());

const countUsers = async () =>
  (await ctx.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

describe('creating accounts', () => {
  it('creates a user who can then sign in, and audits who did it', async () => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'siti.pendamping', password: 'Banyuwangi-2025!', role: 'pendamping', wilayah: '35.10' },
    });
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toMatchObject({ username: 'siti.pendamping', role: 'pendamping', wilayah: '35.10', disabled: false });
    expect(user).not.toHaveProperty('password_hash');
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'SITI.pendamping', password: 'Banyuwangi-2025!' } })).statusCode).toBe(200);
    const audit = await ctx.database.db.selectFrom('audit_events').selectAll().where('entity_id', '=', user.id).where('action', '=', 'user.create').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: admin.user.id, wilayah: '35.10', ip: '127.0.0.1' });
    expect(JSON.stringify(audit.details)).not.toContain('Banyuwangi-2025!');
  });

  it.each([
    ['weak password', { username: 'lemah.sekali', password: 'pendek', role: 'pendamping', wilayah: '35.10' }, 422, 'WEAK_PASSWORD'],
    ['unknown area', { username: 'wilayah.asing', password: 'kata-sandi-kuat-1', role: 'pendamping', wilayah: '35.99' }, 422, 'WILAYAH_UNKNOWN'],
    ['pendamping without area', { username: 'tanpa.wilayah', password: 'kata-sandi-kuat-1', role: 'pendamping' }, 422, 'SCOPE_REQUIRED'],
    ['unknown field', { username: 'field.asing', password: 'kata-sandi-kuat-1', role: 'admin', isSuperuser: true }, 400, 'VALIDATION_FAILED'],
    ['wrong type', { username: 'tipe.salah', password: 12345678901, role: 'admin' }, 400, 'VALIDATION_FAILED'],
    ['unknown role', { username: 'peran.asing', password: 'kata-sandi-kuat-1', role: 'superadmin' }, 400, 'VALIDATION_FAILED'],
    ['SQL in username', { username: "x'; drop table users; --", password: 'kata-sandi-kuat-1', role: 'admin' }, 400, 'VALIDATION_FAILED'],
    ['malformed area code', { username: 'kode.rusak', password: 'kata-sandi-kuat-1', role: 'admin', wilayah: '35;--' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s with a stable code and stores nothing', async (_label, payload, status, code) => {
    const before = await countUsers();
    const response = await admin.request({ method: 'POST', url: '/api/v1/users', payload });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).toMatch(/\S/);
    expect(await countUsers()).toBe(before);
  });

  it('refuses a duplicate username, whatever its case', async () => {
    await createTestUser(ctx.database, 'direktorat', null).then(async (u) => {
      const response = await admin.request({
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: u.username.toUpperCase(), password: 'kata-sandi-kuat-1', role: 'auditor' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('USERNAME_TAKEN');
    });
  });

  it('answers 413 to an oversized body and 400 to malformed JSON, in English when asked', async () => {
    const huge = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'besar', password: 'x'.repeat(20_000), role: 'admin' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('BODY_TOO_LARGE');
    const malformed = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: '{"username":',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toEqual({ code: 'INVALID_JSON', message: 'The request body is not valid JSON.' });
  });

  it('is for admins only', async () => {
    for (const role of ['pendamping', 'koordinator', 'direktorat', 'auditor'] as const) {
      const session = await signIn(ctx, role, role === 'pendamping' ? '35.10' : '35');
      const before = await countUsers();
      const response = await session.request({
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: `coba.${role}`, password: 'kata-sandi-kuat-1', role: 'admin' },
      });
      expect(response.statusCode, role).toBe(403);
      expect((await session.request({ method: 'GET', url: '/api/v1/users' })).statusCode, role).toBe(403);
      expect(await countUsers()).toBe(before);
    }
  });
});

describe('an admin scoped to one province', () => {
  it('sees and manages only accounts inside the province', async () => {
    const jatimAdmin = await signIn(ctx, 'admin', '35');
    const inside = await createTestUser(ctx.database, 'pendamping', '35.10');
    const outside = await createTestUser(ctx.database, 'pendamping', '31.71');
    const list = (await jatimAdmin.request({ method: 'GET', url: '/api/v1/users?pageSize=200' })).json() as {
      items: Array<{ wilayah: string | null }>;
      total: number;
    };
    expect(list.items.length).toBe(list.total);
    expect(list.items.every((u) => u.wilayah !== null && (u.wilayah === '35' || u.wilayah.startsWith('35.')))).toBe(true);
    expect((await jatimAdmin.request({ method: 'GET', url: `/api/v1/users/${inside.id}` })).statusCode).toBe(200);
    expect((await jatimAdmin.request({ method: 'GET', url: `/api/v1/users/${outside.id}` })).statusCode).toBe(404);
    const patch = await jatimAdmin.request({ method: 'PATCH', url: `/api/v1/users/${outside.id}`, payload: { disabled: true } });
    expect(patch.statusCode).toBe(404);
    const create = await jatimAdmin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'di.luar.jatim', password: 'kata-sandi-kuat-1', role: 'pendamping', wilayah: '31.71' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('SCOPE_OUTSIDE_OWN');
    const widen = await jatimAdmin.request({ method: 'PATCH', url: `/api/v1/users/${inside.id}`, payload: { wilayah: null } });
    expect(widen.statusCode).toBe(403);
    const reloaded = await ctx.database.db.selectFrom('users').select(['wilayah', 'disabled_at']).where('id', 'in', [inside.id, outside.id]).execute();
    expect(reloaded.every((u) => u.disabled_at === null && u.wilayah !== null)).toBe(true);
  });
});

describe('changing accounts', () => {
  it('disabling ends the user’s open sessions at once', async () => {
    const target = await createTestUser(ctx.database, 'pendamping', '35.10');
    const session = await login(ctx.app, target);
    const response = await admin.request({ method: 'PATCH', url: `/api/v1/users/${target.id}`, payload: { disabled: true } });
    expect(response.statusCode).toBe(200);
    expect(response.json().disabled).toBe(true);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('re-scoping takes effect on the next sign-in', async () => {
    const target = await createTestUser(ctx.database, 'koordinator', '35');
    const response = await admin.request({ method: 'PATCH', url: `/api/v1/users/${target.id}`, payload: { wilayah: '31' } });
    expect(response.json().wilayah).toBe('31');
    const session = await login(ctx.app, target);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).json().wilayah).toBe('31');
  });

  it('resetting a password replaces the old one and ends sessions', async () => {
    const target = await createTestUser(ctx.database, 'direktorat', null);
    const session = await login(ctx.app, target);
    const weak = await admin.request({ method: 'POST', url: `/api/v1/users/${target.id}/password`, payload: { password: 'abc' } });
    expect(weak.statusCode).toBe(422);
    const ok = await admin.request({ method: 'POST', url: `/api/v1/users/${target.id}/password`, payload: { password: 'sandi-baru-yang-kuat' } });
    expect(ok.statusCode).toBe(204);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    await expect(login(ctx.app, target, TEST_PASSWORD)).rejects.toThrow(/401/);
    expect((await login(ctx.app, target, 'sandi-baru-yang-kuat')).cookie).toMatch(/^tuntas_sid=/);
  });

  it('treats a path-traversal or non-UUID id as bad input, and an unknown one as 404', async () => {
    const traversal = await admin.request({ method: 'GET', url: '/api/v1/users/..%2F..%2Fetc%2Fpasswd' });
    expect(traversal.statusCode).toBe(400);
    const unknown = await admin.request({ method: 'GET', url: '/api/v1/users/7f1d2c34-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
  });

  it('searches usernames with SQL metacharacters taken literally', async () => {
    const response = await admin.request({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent("%' or '1'='1")}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [], total: 0 });
    const paged = await admin.request({ method: 'GET', url: '/api/v1/users?pageSize=201' });
    expect(paged.statusCode).toBe(400);
  });
});
