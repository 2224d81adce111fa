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
  (
    await ctx.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

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
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'SITI.pendamping', password: 'Banyuwangi-2025!' },
        })
      ).statusCode,
    ).toBe(200);
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', user.id)
      .where('action', '=', 'user.create')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: admin.user.id, wilayah: '35.10', ip: '127.0.0.1' });
    expect(JSON.stringify(audit.details)).not.toContain('Banyuwangi-2025!');
  });

  it.each([
    ['weak password', { username: 'lemah.sekali', password: 'pendek', role: 'pendamping', wilayah: '35.10' }, 422, 'WEAK_PASSWORD'],
    [
      'unknown area',
      { username: 'wilayah.asing', password: 'kata-sandi-kuat-1', role: 'pendamping', wilayah: '35.99' },
      422,
      'WILAYAH_UNKNOWN',
    ],
    ['pendamping without area', { username: 'tanpa.wilayah', password: 'kata-sandi-kuat-1', role: 'pendamping' }, 422, 'SCOPE_REQUIRED'],
    [
      'unknown field',
      { username: 'field.asing', password: 'kata-sandi-kuat-1', role: 'admin', isSuperuser: true },
      400,
      'VALIDATION_FAILED',
    ],
    ['wrong type', { username: 'tipe.salah', password: 12345678901, role: 'admin' }, 400, 'VALIDATION_FAILED'],
    ['unknown role', { username: 'peran.asing', password: 'kata-sandi-kuat-1', role: 'superadmin' }, 400, 'VALIDATION_FAILED'],
    ['SQL in username', { username: "x'; drop table users; --", password: 'kata-sandi-kuat-1', role: 'admin' }, 400, 'VALIDATION_FAILED'],
    [
      'malformed area code',
      { username: 'kode.rusak', password: 'kata-sandi-kuat-1', role: 'admin', wilayah: '35;--' },
      400,
      'VALIDATION_FAILED',
    ],
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

  it('is for admins (and a koordinator’s own pendamping) only', async () => {
    for (const role of ['pendamping', 'direktorat', 'auditor'] as const) {
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
    const reloaded = await ctx.database.db
      .selectFrom('users')
      .select(['wilayah', 'disabled_at'])
      .where('id', 'in', [inside.id, outside.id])
      .execute();
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
    const ok = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${target.id}/password`,
      payload: { password: 'sandi-baru-yang-kuat' },
    });
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

/** The newest audit events of an action about one account (or by one actor when no id). */
const auditOf = (action: string, filter: { entityId?: string; actorId?: string }) => {
  let q = ctx.database.db.selectFrom('audit_events').selectAll().where('action', '=', action);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  return q.orderBy('id', 'desc').execute();
};
const post = (s: Session, url: string, payload: Record<string, unknown>) => s.request({ method: 'POST', url: `/api/v1${url}`, payload });
const patch = (s: Session, url: string, payload: Record<string, unknown>) => s.request({ method: 'PATCH', url: `/api/v1${url}`, payload });

describe('a temporary password (issue 20)', () => {
  it('is generated when an admin creates an account without one, shown once, and must be replaced at first sign-in', async () => {
    const response = await post(admin, '/users', {
      username: 'baru.sementara',
      role: 'koordinator',
      wilayah: '35',
      namaLengkap: 'Rina Wulandari',
    });
    expect(response.statusCode).toBe(201);
    const created = response.json() as { id: string; temporaryPassword: string; mustChangePassword: boolean; lastSignInAt: string | null };
    expect(created.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(created).toMatchObject({ mustChangePassword: true, lastSignInAt: null });
    const session = await login(ctx.app, { ...created, username: 'baru.sementara' } as never, created.temporaryPassword);
    const blocked = await session.request({ method: 'GET', url: '/api/v1/cases' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const audit = await auditOf('user.create', { entityId: created.id });
    expect(JSON.stringify(audit)).not.toContain(created.temporaryPassword);
    // The last sign-in is now known, and the list filters by it.
    const reread = (await admin.request({ method: 'GET', url: `/api/v1/users/${created.id}` })).json() as { lastSignInAt: string | null };
    expect(reread.lastSignInAt).not.toBeNull();
  });

  it('is generated by a reset without a password, which ends the sessions and is audited without it', async () => {
    const target = await createTestUser(ctx.database, 'pendamping', '35.10');
    const session = await login(ctx.app, target);
    const reset = await post(admin, `/users/${target.id}/password`, {});
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = reset.json() as { temporaryPassword: string };
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    await expect(login(ctx.app, target)).rejects.toThrow(/401/);
    const fresh = await login(ctx.app, target, temporaryPassword);
    expect((await fresh.request({ method: 'GET', url: '/api/v1/auth/me' })).json().mustChangePassword).toBe(true);
    const [event] = await auditOf('user.password_reset', { entityId: target.id });
    expect(event).toMatchObject({ actor_id: admin.user.id, details: { generated: true, mustChangePassword: true } });
    expect(JSON.stringify(event)).not.toContain(temporaryPassword);
  });
});

describe('refusals (issue 20: clear errors, nothing changed, every attempt audited)', () => {
  it('refuses a username taken with USERNAME_TAKEN and audits the attempt', async () => {
    const existing = await createTestUser(ctx.database, 'pendamping', '35.10');
    const before = await countUsers();
    const response = await post(admin, '/users', { username: existing.username.toUpperCase(), role: 'pendamping', wilayah: '35.10' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({ code: 'USERNAME_TAKEN', message: 'Nama pengguna sudah dipakai.' });
    expect(await countUsers()).toBe(before);
    const [event] = await auditOf('user.create.refused', { actorId: admin.user.id });
    expect(event?.details).toMatchObject({ code: 'USERNAME_TAKEN', username: existing.username.toUpperCase() });
  });

  it('lets a koordinator grant only pendamping, inside their own area', async () => {
    const koordinator = await signIn(ctx, 'koordinator', '35.10');
    const before = await countUsers();
    for (const role of ['koordinator', 'admin', 'auditor', 'direktorat']) {
      const response = await post(koordinator, '/users', { username: `koor.memberi.${role}`, role, wilayah: '35.10' });
      expect(response.statusCode, role).toBe(403);
      expect(response.json().error.code, role).toBe('ROLE_NOT_GRANTABLE');
      expect(response.json().error.message).toBe('Anda tidak berwenang memberikan peran ini.');
    }
    const outside = await post(koordinator, '/users', { username: 'koor.luar.area', role: 'pendamping', wilayah: '35.09' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('SCOPE_OUTSIDE_OWN');
    expect(await countUsers()).toBe(before);
    const refused = await auditOf('user.create.refused', { actorId: koordinator.user.id });
    expect(refused.map((e) => (e.details as { code: string }).code).sort()).toEqual(
      [...Array(4).fill('ROLE_NOT_GRANTABLE'), 'SCOPE_OUTSIDE_OWN'].sort(),
    );
    expect(refused.every((e) => e.wilayah === '35.10')).toBe(true);

    const made = await post(koordinator, '/users', { username: 'koor.pendamping.baru', role: 'pendamping', wilayah: '35.10.01' });
    expect(made.statusCode).toBe(201);
    const id = made.json().id as string;
    // It sees and manages only its area's pendamping: not itself, not another koordinator.
    const list = (await koordinator.request({ method: 'GET', url: '/api/v1/users?pageSize=200' })).json() as {
      items: Array<{ id: string; role: string; wilayah: string }>;
    };
    expect(list.items.map((u) => u.id)).toContain(id);
    expect(list.items.every((u) => u.role === 'pendamping' && (u.wilayah === '35.10' || u.wilayah.startsWith('35.10.')))).toBe(true);
    expect((await koordinator.request({ method: 'GET', url: `/api/v1/users/${koordinator.user.id}` })).statusCode).toBe(404);
    const promote = await patch(koordinator, `/users/${id}`, { role: 'koordinator' });
    expect(promote.statusCode).toBe(403);
    expect(promote.json().error.code).toBe('ROLE_NOT_GRANTABLE');
    const move = await patch(koordinator, `/users/${id}`, { wilayah: '35.09' });
    expect(move.json().error.code).toBe('SCOPE_OUTSIDE_OWN');
    expect(await ctx.database.db.selectFrom('users').select(['role', 'wilayah']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
      role: 'pendamping',
      wilayah: '35.10.01',
    });
    expect((await auditOf('user.update.refused', { entityId: id })).map((e) => (e.details as { code: string }).code)).toEqual([
      'SCOPE_OUTSIDE_OWN',
      'ROLE_NOT_GRANTABLE',
    ]);
    expect((await patch(koordinator, `/users/${id}`, { disabled: true })).statusCode).toBe(200);
  });

  it('refuses an area outside a province admin’s scope and audits it', async () => {
    const jatimAdmin = await signIn(ctx, 'admin', '35');
    const before = await countUsers();
    const response = await post(jatimAdmin, '/users', { username: 'admin.luar.provinsi', role: 'koordinator', wilayah: '31' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toEqual({ code: 'SCOPE_OUTSIDE_OWN', message: 'Wilayah di luar cakupan Anda.' });
    const national = await post(jatimAdmin, '/users', { username: 'admin.nasional.baru', role: 'admin', wilayah: null });
    expect(national.json().error.code).toBe('SCOPE_OUTSIDE_OWN');
    expect(await countUsers()).toBe(before);
    expect((await auditOf('user.create.refused', { actorId: jatimAdmin.user.id })).length).toBe(2);
  });

  it('refuses disabling oneself with SELF_DISABLE', async () => {
    const self = await signIn(ctx, 'admin', null);
    const response = await patch(self, `/users/${self.user.id}`, { disabled: true });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({ code: 'SELF_DISABLE', message: 'Anda tidak dapat menonaktifkan akun Anda sendiri.' });
    expect((await self.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const [event] = await auditOf('user.update.refused', { entityId: self.user.id });
    expect(event?.details).toMatchObject({ code: 'SELF_DISABLE', change: { disabled: true } });
  });

  it('refuses leaving the country without an enabled national admin (LAST_NATIONAL_ADMIN)', async () => {
    const last = await signIn(ctx, 'admin', null);
    const others = await ctx.database.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('role', '=', 'admin')
      .where('wilayah', 'is', null)
      .where('disabled_at', 'is', null)
      .where('id', '!=', last.user.id)
      .returning('id')
      .execute();
    try {
      for (const change of [{ role: 'auditor' }, { wilayah: '35' }]) {
        const response = await patch(last, `/users/${last.user.id}`, change);
        expect(response.statusCode, JSON.stringify(change)).toBe(409);
        expect(response.json().error.code).toBe('LAST_NATIONAL_ADMIN');
        expect(response.json().error.message).toMatch(/admin nasional aktif terakhir/);
      }
      expect(
        await ctx.database.db
          .selectFrom('users')
          .select(['role', 'wilayah', 'disabled_at'])
          .where('id', '=', last.user.id)
          .executeTakeFirstOrThrow(),
      ).toEqual({ role: 'admin', wilayah: null, disabled_at: null });
      expect((await auditOf('user.update.refused', { entityId: last.user.id })).map((e) => (e.details as { code: string }).code)).toEqual([
        'LAST_NATIONAL_ADMIN',
        'LAST_NATIONAL_ADMIN',
      ]);
      // With a second national admin enabled again, the same change goes through.
      await ctx.database.db.updateTable('users').set({ disabled_at: null }).where('id', '=', others[0]!.id).execute();
      expect((await patch(last, `/users/${last.user.id}`, { namaLengkap: 'Admin Terakhir' })).statusCode).toBe(200);
    } finally {
      if (others.length)
        await ctx.database.db
          .updateTable('users')
          .set({ disabled_at: null })
          .where(
            'id',
            'in',
            others.map((o) => o.id),
          )
          .execute();
    }
  });
});

describe('sessions, history and filters', () => {
  it('shows a user’s open sessions and ends one or all of them at once', async () => {
    const target = await createTestUser(ctx.database, 'pendamping', '35.10');
    const first = await login(ctx.app, target);
    const second = await login(ctx.app, target);
    const listed = (await admin.request({ method: 'GET', url: `/api/v1/users/${target.id}/sessions` })).json() as Array<{
      id: string;
      ip: string | null;
    }>;
    expect(listed).toHaveLength(2);
    expect(listed[0]!.id).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(listed)).not.toContain(first.cookie.split('=')[1]!);
    const one = await admin.request({ method: 'DELETE', url: `/api/v1/users/${target.id}/sessions/${listed[0]!.id}` });
    expect(one.json()).toEqual({ ended: 1 });
    // The newest (second) session ended; the first still works until all are ended.
    expect((await second.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await first.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/users/${target.id}/sessions/${listed[0]!.id}` })).statusCode).toBe(404);
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/users/${target.id}/sessions` })).json()).toEqual({ ended: 1 });
    expect((await first.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await admin.request({ method: 'GET', url: `/api/v1/users/${target.id}/sessions` })).json()).toEqual([]);
    expect((await auditOf('user.sessions_end', { entityId: target.id })).map((e) => e.details)).toEqual([
      { ended: 1, all: true },
      { ended: 1, all: false },
    ]);
    const outside = await signIn(ctx, 'admin', '31');
    expect((await outside.request({ method: 'GET', url: `/api/v1/users/${target.id}/sessions` })).statusCode).toBe(404);
    expect((await outside.request({ method: 'DELETE', url: `/api/v1/users/${target.id}/sessions` })).statusCode).toBe(404);
  });

  it('disabling, then enabling: sessions end at once, sign-in is refused, then works again', async () => {
    const target = await createTestUser(ctx.database, 'koordinator', '35');
    const session = await login(ctx.app, target);
    expect((await patch(admin, `/users/${target.id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    await expect(login(ctx.app, target)).rejects.toThrow(/401/);
    expect((await patch(admin, `/users/${target.id}`, { disabled: false })).json().disabled).toBe(false);
    expect((await login(ctx.app, target)).cookie).toMatch(/^tuntas_sid=/);
  });

  it('keeps the assignment history of a moved account, newest first', async () => {
    const target = await createTestUser(ctx.database, 'pendamping', '35.10');
    await patch(admin, `/users/${target.id}`, { wilayah: '35.09' });
    await patch(admin, `/users/${target.id}`, { namaLengkap: 'Dewi Lestari' });
    const detail = (await admin.request({ method: 'GET', url: `/api/v1/users/${target.id}` })).json() as {
      namaLengkap: string;
      riwayatPenugasan: Array<{ wilayah: string }>;
    };
    expect(detail.namaLengkap).toBe('Dewi Lestari');
    expect(detail.riwayatPenugasan.map((h) => h.wilayah)).toEqual(['35.09', '35.10']);
  });

  it('filters by name, role, area, active and last sign-in', async () => {
    const signedIn = await createTestUser(ctx.database, 'pendamping', '36.01');
    await login(ctx.app, signedIn);
    const never = await createTestUser(ctx.database, 'pendamping', '36.02');
    const off = await createTestUser(ctx.database, 'koordinator', '36');
    await patch(admin, `/users/${off.id}`, { disabled: true, namaLengkap: 'Bambang Sutrisno' });
    const ids = async (query: string) =>
      (
        (
          await admin.request({
            method: 'GET',
            url: `/api/v1/users?pageSize=200&${query.startsWith('wilayah=') ? '' : 'wilayah=36&'}${query}`,
          })
        ).json() as { items: Array<{ id: string }> }
      ).items
        .map((u) => u.id)
        .sort();
    expect(await ids('')).toEqual([signedIn.id, never.id, off.id].sort());
    expect(await ids('wilayah=36.02')).toEqual([never.id]);
    expect(await ids('role=koordinator')).toEqual([off.id]);
    expect(await ids('aktif=false')).toEqual([off.id]);
    expect(await ids('aktif=true')).toEqual([signedIn.id, never.id].sort());
    expect(await ids('lastSignIn=never')).toEqual([never.id, off.id].sort());
    expect(await ids('lastSignIn=within30d')).toEqual([signedIn.id]);
    expect(await ids('lastSignIn=over30d')).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('bambang')}`)).toEqual([off.id]);
    expect((await admin.request({ method: 'GET', url: '/api/v1/users?lastSignIn=kemarin' })).statusCode).toBe(400);
    expect((await admin.request({ method: 'GET', url: '/api/v1/users?wilayah=36;--' })).statusCode).toBe(400);
  });
});
