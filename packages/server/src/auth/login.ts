import { checkPassword } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { findUserByUsername } from '../users/user-service.js';
import { clearLoginFailures, reserveLoginAttempt, type ThrottlePolicy } from './login-throttle.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hash.js';
import { createSession, revokeOtherSessions, type SessionPolicy } from './sessions.js';
import { checkSecondFactor } from './two-factor.js';

export interface LoginInput {
  username: string;
  password: string;
  /** A TOTP code or a recovery code, for an account with two-factor sign-in. */
  otp?: string | undefined;
  ip: string;
  userAgent: string | null;
  requestId: string | null;
}

async function throttled(
  db: Kysely<DB>,
  origin: RequestOrigin,
  username: string,
  retryAfterSeconds: number,
  actor: Actor | null = null,
): Promise<AppError> {
  await recordAudit(db, actor, origin, {
    action: 'auth.login_throttled',
    entityType: 'session',
    details: { username: username.slice(0, 100), retryAfterSeconds },
  });
  return new AppError('LOGIN_THROTTLED', { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
}

/**
 * Checks credentials under throttling. Unknown user, wrong password and disabled account give the
 * same answer in the same time, so the endpoint never tells whether a username exists. An account
 * with two-factor sign-in then needs its code (401 OTP_REQUIRED / OTP_INVALID, no session): the
 * attempt reserved before the password stays counted until the whole sign-in succeeds, so wrong
 * codes meet the same throttle as wrong passwords.
 */
export async function login(
  db: Kysely<DB>,
  policy: SessionPolicy & ThrottlePolicy & { totpKey?: Buffer | undefined },
  input: LoginInput,
): Promise<{ actor: Actor; token: string; expiresAt: Date; mustChangePassword: boolean; twoFactorEnabled: boolean }> {
  const origin: RequestOrigin = { ip: input.ip, requestId: input.requestId };
  const verdict = await reserveLoginAttempt(db, input.username, input.ip, policy);
  if (!verdict.allowed) throw await throttled(db, origin, input.username, verdict.retryAfterSeconds);
  const user = await findUserByUsername(db, input.username);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);
  const accepted = ok && user !== undefined && user.disabled_at === null;
  if (!accepted) {
    await recordAudit(db, null, origin, {
      action: 'auth.login_failed',
      entityType: 'session',
      entityId: user?.id ?? null,
      wilayah: user?.wilayah ?? null,
      details: { username: input.username.slice(0, 100) },
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const second = await checkSecondFactor(db, user.id, input.otp, policy.totpKey);
  if (second.kind === 'missing' || second.kind === 'invalid') {
    await recordAudit(db, null, origin, {
      action: second.kind === 'missing' ? 'auth.login_otp_required' : 'auth.login_otp_failed',
      entityType: 'session',
      entityId: user.id,
      wilayah: user.wilayah,
      details: { username: input.username.slice(0, 100), ...(second.kind === 'invalid' ? { reason: second.reason } : {}) },
    });
    throw second.kind === 'missing' ? new AppError('OTP_REQUIRED') : new AppError('OTP_INVALID', { reason: second.reason });
  }
  await clearLoginFailures(db, input.username, input.ip);
  const actor: Actor = { id: user.id, username: user.username, role: user.role, wilayah: user.wilayah };
  const session = await createSession(db, user.id, policy, { ip: input.ip, userAgent: input.userAgent });
  await recordAudit(db, actor, origin, {
    action: 'auth.login',
    entityType: 'session',
    entityId: user.id,
    wilayah: user.wilayah,
    ...(second.kind === 'ok' ? { details: { secondFactor: second.method } } : {}),
  });
  return { actor, ...session, mustChangePassword: user.must_change_password, twoFactorEnabled: second.kind === 'ok' };
}

export interface PasswordChange {
  current: string;
  next: string;
  /** The session making the change stays open; every other session of the user ends. */
  sessionToken: string;
}

/**
 * A user replaces their own password: the current one must be right (guesses count against the
 * same (username, IP) throttle as sign-in), the new one must pass the policy. Clears the
 * "must change at first sign-in" mark.
 */
export async function changeOwnPassword(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin & { ip: string },
  policy: ThrottlePolicy,
  change: PasswordChange,
): Promise<void> {
  const verdict = await reserveLoginAttempt(db, actor.username, origin.ip, policy);
  if (!verdict.allowed) throw await throttled(db, origin, actor.username, verdict.retryAfterSeconds, actor);
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, change.current))) {
    await recordAudit(db, actor, origin, {
      action: 'auth.password_change_failed',
      entityType: 'user',
      entityId: actor.id,
      wilayah: actor.wilayah,
    });
    throw new AppError('CURRENT_PASSWORD_WRONG');
  }
  await clearLoginFailures(db, actor.username, origin.ip);
  if (change.next === change.current) throw new AppError('WEAK_PASSWORD', { reason: 'SAME_AS_CURRENT' });
  const problem = checkPassword(change.next, actor.username);
  if (problem) throw new AppError('WEAK_PASSWORD', { reason: problem });
  const passwordHash = await hashPassword(change.next);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: false, updated_at: new Date() })
      .where('id', '=', actor.id)
      .execute();
    await revokeOtherSessions(trx, actor.id, change.sessionToken);
    await recordAudit(trx, actor, origin, {
      action: 'user.password_change',
      entityType: 'user',
      entityId: actor.id,
      wilayah: actor.wilayah,
    });
  });
}
