import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserView } from '../src/users/user-service.js';
import { createTestApp, createTestUser, login, signIn, TEST_PASSWORD, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp({ totpKey: randomBytes(32), loginMaxFailures: 4 });
});
afterAll(() => ctx.close());

const now = () => Math.floor(Date.now() / 1000);
const codeAt = (secret: string, epoch: number) => generate({ secret, epoch });

function signInWith(user: UserView, otp?: string) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: user.username, password: TEST_PASSWORD, ...(otp === undefined ? {} : { otp }) },
  });
}

/** Turns two-factor sign-in on for the session's user; answers the secret and the recovery codes. */
async function enrol(session: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await session.request({ method: 'POST', url: '/api/v1/auth/2fa/setup' });
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json() as { secret: string };
  const enabled = await session.request({ method: 'POST', url: '/api/v1/auth/2fa/enable', payload: { otp: await codeAt(secret, now()) } });
  expect(enabled.statusCode, enabled.body).toBe(200);
  return { secret, recoveryCodes: (enabled.json() as { recoveryCodes: string[] }).recoveryCodes };
}

async function auditActions(userId: string): Promise<Array<{ action: string; details: Record<string, unknown> | null }>> {
  const rows = await ctx.database.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('entity_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ action: r.action, details: r.details as Record<string, unknown> | null }));
}

describe('two-factor sign-in', () => {
  it('sets up with a QR secret kept encrypted, enables with a code, and gives ten recovery codes once', async () => {
    const session = await signIn(ctx, 'admin', null);
    const me = (await session.request({ method: 'GET', url: '/api/v1/auth/me' })).json();
    expect(me).toMatchObject({ twoFactorEnabled: false, twoFactorRequired: false });

    const setup = await session.request({ method: 'POST', url: '/api/v1/auth/2fa/setup' });
    const { secret, otpauthUrl } = setup.json() as { secret: string; otpauthUrl: string };
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(otpauthUrl).toMatch(new RegExp(`^otpauth://totp/Tuntas:${session.user.username.replace(/\./g, '\\.')}\\?.*secret=${secret}`));
    const stored = await ctx.database.db
      .selectFrom('user_totp')
      .selectAll()
      .where('user_id', '=', session.user.id)
      .executeTakeFirstOrThrow();
    expect(stored.pending_secret).toMatch(/^v1:/);
    expect(stored.pending_secret).not.toContain(secret);

    const wrong = await session.request({
      method: 'POST',
      url: '/api/v1/auth/2fa/enable',
      payload: { otp: '000000' === (await codeAt(secret, now())) ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'OTP_INVALID', details: { reason: 'WRONG' } });

    const enabled = await session.request({
      method: 'POST',
      url: '/api/v1/auth/2fa/enable',
      payload: { otp: await codeAt(secret, now()) },
    });
    expect(enabled.statusCode).toBe(200);
    const { recoveryCodes } = enabled.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const hashes = await ctx.database.db
      .selectFrom('user_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', session.user.id)
      .execute();
    expect(hashes).toHaveLength(10);
    expect(hashes.map((h) => Buffer.from(h.code_hash).toString('utf8')).join()).not.toContain(recoveryCodes[0]!.replace(/-/g, ''));

    // Never returned again, and not set up twice.
    const state = (await session.request({ method: 'GET', url: '/api/v1/auth/2fa' })).json();
    expect(state).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });
    const again = await session.request({ method: 'POST', url: '/api/v1/auth/2fa/setup' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TWO_FACTOR_ALREADY_ENABLED');
    expect((await auditActions(session.user.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['auth.2fa.setup', 'auth.2fa.enable_failed', 'auth.2fa.enable', 'auth.2fa.setup_refused']),
    );
  });

  it('asks for the code at sign-in, refuses a wrong, reused or expired one, and sets no session meanwhile', async () => {
    const user = await createTestUser(ctx.database, 'direktorat', null);
    const { secret } = await enrol(await login(ctx.app, user));

    const missing = await signInWith(user);
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('OTP_REQUIRED');
    expect(missing.cookies.find((c) => c.name === 'tuntas_sid')).toBeUndefined();

    const wrong = await signInWith(user, '123456' === (await codeAt(secret, now())) ? '654321' : '123456');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'OTP_INVALID', details: { reason: 'WRONG' } });
    expect(wrong.cookies.find((c) => c.name === 'tuntas_sid')).toBeUndefined();

    // The code of enrolment was spent then; the next step's code (a phone clock a little ahead) works once.
    const next = await codeAt(secret, now() + 30);
    const ok = await signInWith(user, next);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user).toMatchObject({ twoFactorEnabled: true });
    expect(ok.cookies.find((c) => c.name === 'tuntas_sid')).toBeDefined();

    const reused = await signInWith(user, next);
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error).toMatchObject({ code: 'OTP_INVALID', details: { reason: 'REUSED' } });

    const expired = await signInWith(user, await codeAt(secret, now() - 300));
    expect(expired.json().error).toMatchObject({ code: 'OTP_INVALID', details: { reason: expect.stringMatching(/EXPIRED|REUSED/) } });

    const events = await auditActions(user.id);
    expect(events.filter((e) => e.action === 'auth.login_otp_required')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'auth.login_otp_failed').map((e) => e.details?.reason)).toEqual([
      'WRONG',
      'REUSED',
      expect.stringMatching(/EXPIRED|REUSED/),
    ]);
    expect(events.filter((e) => e.action === 'auth.login').at(-1)?.details).toEqual({ secondFactor: 'totp' });
  });

  it('lets a code through once when two sign-ins race with it', async () => {
    const user = await createTestUser(ctx.database, 'auditor', null);
    const { secret } = await enrol(await login(ctx.app, user));
    const code = await codeAt(secret, now() + 30);
    const answers = await Promise.all([signInWith(user, code), signInWith(user, code), signInWith(user, code)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401, 401]);
  });

  it('takes each recovery code once', async () => {
    const user = await createTestUser(ctx.database, 'admin', null);
    const { recoveryCodes } = await enrol(await login(ctx.app, user));
    const code = recoveryCodes[3]!;
    const first = await signInWith(user, code.toUpperCase());
    expect(first.statusCode, first.body).toBe(200);
    const second = await signInWith(user, code);
    expect(second.json().error).toMatchObject({ code: 'OTP_INVALID', details: { reason: 'REUSED' } });
    const session = await login(ctx.app, user, TEST_PASSWORD).catch(() => null);
    expect(session).toBeNull();
    const withOther = await signInWith(user, recoveryCodes[4]!);
    const cookie = withOther.cookies.find((c) => c.name === 'tuntas_sid')!;
    const state = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/2fa', headers: { cookie: `tuntas_sid=${cookie.value}` } });
    expect(state.json()).toMatchObject({ enabled: true, recoveryCodesLeft: 8 });
  });

  it('counts wrong codes against the sign-in throttle', async () => {
    const user = await createTestUser(ctx.database, 'admin', null);
    const { secret } = await enrol(await login(ctx.app, user));
    const bad = '000000' === (await codeAt(secret, now())) ? '111111' : '000000';
    for (let i = 0; i < 4; i += 1) expect((await signInWith(user, bad)).json().error.code).toBe('OTP_INVALID');
    const throttled = await signInWith(user, await codeAt(secret, now() + 30));
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.code).toBe('LOGIN_THROTTLED');
  });
});

describe('managing one’s own second factor and devices', () => {
  it('regenerates the recovery codes and turns it off only with a current code; each change audited', async () => {
    const session = await signIn(ctx, 'koordinator', '35');
    const { secret, recoveryCodes } = await enrol(session);
    const post = (url: string, otp: string) => session.request({ method: 'POST', url: `/api/v1/auth/2fa/${url}`, payload: { otp } });

    const wrong = await post('recovery-codes', '000000' === (await codeAt(secret, now())) ? '111111' : '000000');
    expect(wrong.json().error).toMatchObject({ code: 'OTP_INVALID' });
    // A recovery code proves it too (and is spent); the new set replaces every old code.
    const fresh = await post('recovery-codes', recoveryCodes[0]!);
    expect(fresh.statusCode, fresh.body).toBe(200);
    const { recoveryCodes: next } = fresh.json() as { recoveryCodes: string[] };
    expect(next).toHaveLength(10);
    expect(next).not.toContain(recoveryCodes[1]);
    expect((await post('disable', recoveryCodes[1]!)).json().error.code).toBe('OTP_INVALID');
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/2fa' })).json()).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    });

    const off = await post('disable', await codeAt(secret, now() + 30));
    expect(off.statusCode, off.body).toBe(204);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/2fa' })).json()).toEqual({
      enabled: false,
      required: false,
      recoveryCodesLeft: 0,
    });
    expect((await post('disable', next[0]!)).json().error.code).toBe('TWO_FACTOR_NOT_ENABLED');
    expect((await signInWith(session.user)).statusCode).toBe(200);
    const actions = (await auditActions(session.user.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.2fa.recovery_codes', 'auth.2fa.disable']));
  });

  it('lists one’s own sessions, marks this one, and signs another device out — never someone else’s', async () => {
    const user = await createTestUser(ctx.database, 'pendamping', '35.10');
    const laptop = await login(ctx.app, user);
    const phone = await login(ctx.app, user);
    const mine = (await laptop.request({ method: 'GET', url: '/api/v1/auth/sessions' })).json() as Array<{ id: string; current: boolean }>;
    expect(mine).toHaveLength(2);
    expect(mine.filter((s) => s.current)).toHaveLength(1);
    const other = mine.find((s) => !s.current)!;

    const stranger = await signIn(ctx, 'pendamping', '35.10');
    expect((await stranger.request({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}` })).statusCode).toBe(404);
    expect((await phone.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);

    expect((await laptop.request({ method: 'DELETE', url: `/api/v1/auth/sessions/${other.id}` })).statusCode).toBe(204);
    expect((await phone.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await laptop.request({ method: 'GET', url: '/api/v1/auth/sessions' })).json()).toHaveLength(1);
    expect((await auditActions(user.id)).map((a) => a.action)).toContain('auth.session_end');
  });
});

describe('two-factor sign-in required by role', () => {
  let strict: TestContext;
  beforeAll(async () => {
    strict = await createTestApp({ twoFactorRoles: ['direktorat'] });
  });
  afterAll(() => strict.close());

  it('keeps such a user to their account until it is on, then signs in with the code', async () => {
    const user = await createTestUser(strict.database, 'direktorat', null);
    const session = await login(strict.app, user);
    const me = (await session.request({ method: 'GET', url: '/api/v1/auth/me' })).json();
    expect(me).toMatchObject({ twoFactorEnabled: false, twoFactorRequired: true });
    const blocked = await session.request({ method: 'GET', url: '/api/v1/dashboard/summary' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('TWO_FACTOR_SETUP_REQUIRED');

    const setup = (await session.request({ method: 'POST', url: '/api/v1/auth/2fa/setup' })).json() as { secret: string };
    const enabled = await session.request({
      method: 'POST',
      url: '/api/v1/auth/2fa/enable',
      payload: { otp: await codeAt(setup.secret, now()) },
    });
    expect(enabled.statusCode).toBe(200);
    expect((await session.request({ method: 'GET', url: '/api/v1/dashboard/summary' })).statusCode).toBe(200);

    const again = await strict.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(again.json().error.code).toBe('OTP_REQUIRED');
    // Required by the role: it cannot be switched off.
    const off = await session.request({
      method: 'POST',
      url: '/api/v1/auth/2fa/disable',
      payload: { otp: await codeAt(setup.secret, now() + 30) },
    });
    expect(off.json().error.code).toBe('TWO_FACTOR_REQUIRED_BY_ROLE');
    // Other roles are not asked.
    const pendamping = await signIn(strict, 'pendamping', '35.10');
    expect((await pendamping.request({ method: 'GET', url: '/api/v1/auth/me' })).json()).toMatchObject({ twoFactorRequired: false });
  });
});

describe('a lost authenticator', () => {
  it('is reset by an admin of the area with a written reason: the factor and sessions end, the user signs in with the password again; never one’s own, never a koordinator', async () => {
    const user = await createTestUser(ctx.database, 'pendamping', '35.10');
    const phone = await login(ctx.app, user);
    await enrol(phone);
    const admin = await signIn(ctx, 'admin', '35');
    const otherAdmin = await signIn(ctx, 'admin', '31');
    const koordinator = await signIn(ctx, 'koordinator', '35');
    const url = `/api/v1/users/${user.id}/two-factor/reset`;
    const alasan = 'Ponsel hilang saat banjir, dilaporkan lewat koordinator';
    expect((await admin.request({ method: 'GET', url: `/api/v1/users/${user.id}` })).json().duaLangkahAktif).toBe(true);

    expect((await koordinator.request({ method: 'POST', url, payload: { alasan } })).statusCode).toBe(403);
    expect((await otherAdmin.request({ method: 'POST', url, payload: { alasan } })).statusCode).toBe(404);
    expect((await admin.request({ method: 'POST', url, payload: { alasan: 'hilang' } })).statusCode).toBe(400);
    const own = await admin.request({ method: 'POST', url: `/api/v1/users/${admin.user.id}/two-factor/reset`, payload: { alasan } });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('TWO_FACTOR_RESET_OWN');
    // Still on: the password alone is not enough.
    expect((await signInWith(user)).json().error.code).toBe('OTP_REQUIRED');

    const reset = await admin.request({ method: 'POST', url, payload: { alasan } });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().ended).toBeGreaterThanOrEqual(1);
    expect((await phone.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await signInWith(user)).statusCode).toBe(200);
    expect((await admin.request({ method: 'GET', url: `/api/v1/users/${user.id}` })).json().duaLangkahAktif).toBe(false);
    const again = await admin.request({ method: 'POST', url, payload: { alasan } });
    expect(again.json().error.code).toBe('TWO_FACTOR_NOT_ENABLED');
    const audit = await auditActions(user.id);
    expect(audit.filter((a) => a.action === 'user.2fa_reset').map((a) => a.details)).toEqual(
      expect.arrayContaining([expect.objectContaining({ alasan })]),
    );
  });
});

describe('two factors required per role from the web', () => {
  it('a national admin turns it on for the direktorat: their open session is sent to set it up, their next sign-in asks for the code; nobody else may change it', async () => {
    const admin = await signIn(ctx, 'admin', null);
    const provinceAdmin = await signIn(ctx, 'admin', '35');
    const direktorat = await signIn(ctx, 'direktorat', null);
    const url = '/api/v1/two-factor-policy';
    const policy = async () =>
      (await admin.request({ method: 'GET', url })).json() as Array<{ role: string; wajib: boolean; sumber: string }>;
    expect((await policy()).find((p) => p.role === 'direktorat')).toMatchObject({ wajib: false, sumber: 'pengaturan' });
    expect((await direktorat.request({ method: 'GET', url: '/api/v1/dashboard/summary' })).statusCode).toBe(200);

    expect((await provinceAdmin.request({ method: 'PUT', url: `${url}/direktorat`, payload: { wajib: true } })).statusCode).toBe(403);
    expect((await direktorat.request({ method: 'GET', url })).statusCode).toBe(403);
    expect((await admin.request({ method: 'PUT', url: `${url}/kepala`, payload: { wajib: true } })).statusCode).toBe(400);
    const on = await admin.request({ method: 'PUT', url: `${url}/direktorat`, payload: { wajib: true } });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().find((p: { role: string }) => p.role === 'direktorat')).toMatchObject({ wajib: true, sumber: 'pengguna' });

    // The same node holds it at once (its cache is dropped on change).
    const blocked = await direktorat.request({ method: 'GET', url: '/api/v1/dashboard/summary' });
    expect(blocked.json().error.code).toBe('TWO_FACTOR_SETUP_REQUIRED');
    expect((await direktorat.request({ method: 'GET', url: '/api/v1/auth/me' })).json()).toMatchObject({ twoFactorRequired: true });
    await enrol(direktorat);
    expect((await signInWith(direktorat.user)).json().error.code).toBe('OTP_REQUIRED');
    const audit = await auditActions('direktorat');
    expect(audit.filter((a) => a.action === 'auth.2fa.policy').map((a) => a.details)).toEqual([{ wajib: true, sebelumnya: false }]);

    // Off again for the role: the enrolled user keeps their own second factor, others are no longer sent to set it up.
    await admin.request({ method: 'PUT', url: `${url}/direktorat`, payload: { wajib: false } });
    const other = await signIn(ctx, 'direktorat', null);
    expect((await other.request({ method: 'GET', url: '/api/v1/dashboard/summary' })).statusCode).toBe(200);
  });
});
