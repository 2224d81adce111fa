import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { findUserByUsername } from '../users/user-service.js';
import { isLoginThrottled, recordLoginAttempt, type ThrottlePolicy } from './login-throttle.js';
import { verifyAgainstDummy, verifyPassword } from './password-hash.js';
import { createSession, type SessionPolicy } from './sessions.js';

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * Checks credentials under throttling. Unknown user, wrong password and disabled account give the
 * same answer in the same time, so the endpoint never tells whether a username exists.
 */
export async function login(
  db: Kysely<DB>,
  policy: SessionPolicy & ThrottlePolicy,
  input: LoginInput,
): Promise<{ actor: Actor; token: string; expiresAt: Date }> {
  const origin: RequestOrigin = { ip: input.ip, requestId: input.requestId };
  if (await isLoginThrottled(db, input.username, input.ip, policy)) {
    await recordAudit(db, null, origin, {
      action: 'auth.login_throttled',
      entityType: 'session',
      details: { username: input.username.slice(0, 100) },
    });
    throw new AppError('TOO_MANY_REQUESTS', undefined, { 'retry-after': String(policy.windowMinutes * 60) });
  }
  const user = await findUserByUsername(db, input.username);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);
  const accepted = ok && user !== undefined && user.disabled_at === null;
  await recordLoginAttempt(db, input.username, input.ip, accepted);
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
  const actor: Actor = { id: user.id, username: user.username, role: user.role, wilayah: user.wilayah };
  const session = await createSession(db, user.id, policy, { ip: input.ip, userAgent: input.userAgent });
  await recordAudit(db, actor, origin, { action: 'auth.login', entityType: 'session', entityId: user.id, wilayah: user.wilayah });
  return { actor, ...session };
}
