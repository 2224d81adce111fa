import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { clearLoginFailures, reserveLoginAttempt, type ThrottlePolicy } from './login-throttle.js';
import { checkSecondFactor, newRecoveryCodes, recoveryHash } from './two-factor.js';

interface Proof {
  origin: RequestOrigin & { ip: string };
  policy: ThrottlePolicy;
  otp: string;
  key: Buffer | undefined;
}

/**
 * Changing one's own second factor needs the second factor itself (a code from the app or an
 * unused recovery code), not only the open session: a phone left unlocked must not be enough to
 * switch it off. Wrong codes count against the sign-in throttle, as at sign-in.
 */
async function proveSecondFactor(db: Kysely<DB>, actor: Actor, proof: Proof, action: string): Promise<void> {
  const audit = (details: Record<string, unknown>) =>
    recordAudit(db, actor, proof.origin, { action, entityType: 'user', entityId: actor.id, wilayah: actor.wilayah, details });
  const verdict = await reserveLoginAttempt(db, actor.username, proof.origin.ip, proof.policy);
  if (!verdict.allowed) {
    await audit({ refused: 'LOGIN_THROTTLED' });
    throw new AppError(
      'LOGIN_THROTTLED',
      { retryAfterSeconds: verdict.retryAfterSeconds },
      { 'retry-after': String(verdict.retryAfterSeconds) },
    );
  }
  const factor = await checkSecondFactor(db, actor.id, proof.otp, proof.key);
  if (factor.kind === 'none') {
    await audit({ refused: 'TWO_FACTOR_NOT_ENABLED' });
    throw new AppError('TWO_FACTOR_NOT_ENABLED');
  }
  if (factor.kind !== 'ok') {
    await audit({ refused: 'OTP_INVALID' });
    throw new AppError('OTP_INVALID', { reason: factor.kind === 'invalid' ? factor.reason : 'WRONG' });
  }
  await clearLoginFailures(db, actor.username, proof.origin.ip);
}

/** Turns two-factor sign-in off — not for a role that requires it (the admin's setting). */
export async function disableTwoFactor(db: Kysely<DB>, actor: Actor, required: boolean, proof: Proof): Promise<void> {
  if (required) {
    await recordAudit(db, actor, proof.origin, {
      action: 'auth.2fa.disable',
      entityType: 'user',
      entityId: actor.id,
      wilayah: actor.wilayah,
      details: { refused: 'TWO_FACTOR_REQUIRED_BY_ROLE' },
    });
    throw new AppError('TWO_FACTOR_REQUIRED_BY_ROLE');
  }
  await proveSecondFactor(db, actor, proof, 'auth.2fa.disable');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_recovery_codes').where('user_id', '=', actor.id).execute();
    await trx.deleteFrom('user_totp').where('user_id', '=', actor.id).execute();
    await recordAudit(trx, actor, proof.origin, {
      action: 'auth.2fa.disable',
      entityType: 'user',
      entityId: actor.id,
      wilayah: actor.wilayah,
    });
  });
}

/** Ten new recovery codes, shown this once; every earlier code stops working. */
export async function regenerateRecoveryCodes(db: Kysely<DB>, actor: Actor, proof: Proof): Promise<{ recoveryCodes: string[] }> {
  await proveSecondFactor(db, actor, proof, 'auth.2fa.recovery_codes');
  const recoveryCodes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_recovery_codes').where('user_id', '=', actor.id).execute();
    await trx
      .insertInto('user_recovery_codes')
      .values(recoveryCodes.map((code) => ({ user_id: actor.id, code_hash: recoveryHash(code) })))
      .execute();
    await recordAudit(trx, actor, proof.origin, {
      action: 'auth.2fa.recovery_codes',
      entityType: 'user',
      entityId: actor.id,
      wilayah: actor.wilayah,
    });
  });
  return { recoveryCodes };
}
