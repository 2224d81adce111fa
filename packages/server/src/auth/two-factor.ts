import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI, verify } from 'otplib';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { clearLoginFailures, reserveLoginAttempt, type ThrottlePolicy } from './login-throttle.js';

const ISSUER = 'Tuntas';
const PERIOD = 30;
/** One step either side: a phone's clock a little off still works. */
const TOLERANCE_SECONDS = PERIOD;
/** How far back a code is still recognised, to tell "expired" from "wrong". */
const EXPIRED_LOOKBACK_SECONDS = 10 * 60;
const RECOVERY_CODES = 10;

/** AES-256-GCM with the server's key (TUNTAS_TOTP_KEY); without one the secret is kept as it is. */
export function sealSecret(secret: string, key: Buffer | undefined): string {
  if (!key) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${sealed.toString('base64')}`;
}

export function openSecret(stored: string, key: Buffer | undefined): string {
  if (stored.startsWith('plain:')) return stored.slice(6);
  const [version, iv, tag, sealed] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || !sealed) throw new Error('unreadable TOTP secret');
  if (!key) throw new Error('TOTP secrets are encrypted: TUNTAS_TOTP_KEY is needed to read them');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
}

/** A recovery code as typed (any case, dashes, spaces) to the bytes whose hash is stored. */
function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

export function recoveryHash(code: string): Buffer {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest();
}

/** 80 random bits each, as `abcd-efgh-jkmn-pqrs` (base32 letters without look-alikes). */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODES }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

export type OtpFailure = 'WRONG' | 'EXPIRED' | 'REUSED';

type TotpCheck = { ok: true; step: number } | { ok: false; reason: OtpFailure };

/** A six-digit code against a secret, within one step of now; an older code is told apart as expired. */
async function checkTotp(secret: string, token: string, lastStep: number | null): Promise<TotpCheck> {
  const epoch = Math.floor(Date.now() / 1000);
  const stepOf = (result: Awaited<ReturnType<typeof verify>>) => (result.valid && 'timeStep' in result ? result.timeStep : null);
  const now = stepOf(await verify({ secret, token, epoch, epochTolerance: TOLERANCE_SECONDS }));
  if (now !== null) return lastStep !== null && now <= lastStep ? { ok: false, reason: 'REUSED' } : { ok: true, step: now };
  const before = stepOf(await verify({ secret, token, epoch, epochTolerance: [EXPIRED_LOOKBACK_SECONDS, 0] }));
  return { ok: false, reason: before === null ? 'WRONG' : lastStep !== null && before <= lastStep ? 'REUSED' : 'EXPIRED' };
}

export type SecondFactor =
  { kind: 'none' } | { kind: 'ok'; method: 'totp' | 'recovery' } | { kind: 'missing' } | { kind: 'invalid'; reason: OtpFailure };

/**
 * The second factor of a sign-in whose password was right: a TOTP code, good once (the step it
 * was accepted in is stored, and a parallel sign-in with the same code loses the race), or an
 * unused recovery code, spent by the same statement that finds it.
 */
export async function checkSecondFactor(
  db: Kysely<DB>,
  userId: string,
  otp: string | undefined,
  key: Buffer | undefined,
): Promise<SecondFactor> {
  const totp = await db
    .selectFrom('user_totp')
    .select(['secret', 'last_step'])
    .where('user_id', '=', userId)
    .where('enabled_at', 'is not', null)
    .executeTakeFirst();
  if (!totp?.secret) return { kind: 'none' };
  if (otp === undefined || otp.trim() === '') return { kind: 'missing' };
  const token = otp.trim();
  if (/^\d{6}$/.test(token)) {
    const check = await checkTotp(openSecret(totp.secret, key), token, totp.last_step);
    if (!check.ok) return { kind: 'invalid', reason: check.reason };
    const taken = await db
      .updateTable('user_totp')
      .set({ last_step: check.step })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', check.step)]))
      .returning('user_id')
      .executeTakeFirst();
    return taken ? { kind: 'ok', method: 'totp' } : { kind: 'invalid', reason: 'REUSED' };
  }
  const spent = await db
    .updateTable('user_recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', recoveryHash(token))
    .where('used_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  if (spent) return { kind: 'ok', method: 'recovery' };
  const used = await db
    .selectFrom('user_recovery_codes')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('code_hash', '=', recoveryHash(token))
    .executeTakeFirst();
  return { kind: 'invalid', reason: used ? 'REUSED' : 'WRONG' };
}

export interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
}

/**
 * Starts (or restarts) enrolment: a new secret, kept pending until a code from the app proves it
 * was scanned. Shown this once; never returned again.
 */
export async function startTwoFactorSetup(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  key: Buffer | undefined,
): Promise<TwoFactorSetup> {
  const existing = await db.selectFrom('user_totp').select('enabled_at').where('user_id', '=', actor.id).executeTakeFirst();
  if (existing?.enabled_at) {
    await recordAudit(db, actor, origin, {
      action: 'auth.2fa.setup_refused',
      entityType: 'user',
      entityId: actor.id,
      wilayah: actor.wilayah,
      details: { reason: 'ALREADY_ENABLED' },
    });
    throw new AppError('TWO_FACTOR_ALREADY_ENABLED');
  }
  const secret = generateSecret();
  const otpauthUrl = generateURI({ issuer: ISSUER, label: actor.username, secret, period: PERIOD });
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('user_totp')
      .values({ user_id: actor.id, pending_secret: sealSecret(secret, key), pending_at: new Date() })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ pending_secret: sealSecret(secret, key), pending_at: new Date() }))
      .execute();
    await recordAudit(trx, actor, origin, { action: 'auth.2fa.setup', entityType: 'user', entityId: actor.id, wilayah: actor.wilayah });
  });
  return { secret, otpauthUrl };
}

/**
 * Turns two-factor sign-in on with a first code of the pending secret; answers the recovery codes,
 * shown this once (only their hashes are kept). Wrong codes count against the sign-in throttle.
 */
export async function enableTwoFactor(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin & { ip: string },
  policy: ThrottlePolicy,
  otp: string,
  key: Buffer | undefined,
): Promise<{ recoveryCodes: string[] }> {
  const audit = (action: string, details?: Record<string, unknown>) =>
    recordAudit(db, actor, origin, {
      action,
      entityType: 'user',
      entityId: actor.id,
      wilayah: actor.wilayah,
      ...(details ? { details } : {}),
    });
  const row = await db.selectFrom('user_totp').select(['enabled_at', 'pending_secret']).where('user_id', '=', actor.id).executeTakeFirst();
  if (row?.enabled_at) {
    await audit('auth.2fa.enable_failed', { reason: 'ALREADY_ENABLED' });
    throw new AppError('TWO_FACTOR_ALREADY_ENABLED');
  }
  if (!row?.pending_secret) {
    await audit('auth.2fa.enable_failed', { reason: 'NOT_STARTED' });
    throw new AppError('TWO_FACTOR_NOT_STARTED');
  }
  const verdict = await reserveLoginAttempt(db, actor.username, origin.ip, policy);
  if (!verdict.allowed) {
    await audit('auth.login_throttled', { retryAfterSeconds: verdict.retryAfterSeconds });
    throw new AppError(
      'LOGIN_THROTTLED',
      { retryAfterSeconds: verdict.retryAfterSeconds },
      { 'retry-after': String(verdict.retryAfterSeconds) },
    );
  }
  const check = /^\d{6}$/.test(otp.trim())
    ? await checkTotp(openSecret(row.pending_secret, key), otp.trim(), null)
    : ({ ok: false, reason: 'WRONG' } as const);
  if (!check.ok) {
    await audit('auth.2fa.enable_failed', { reason: check.reason });
    throw new AppError('OTP_INVALID', { reason: check.reason });
  }
  await clearLoginFailures(db, actor.username, origin.ip);
  const recoveryCodes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_totp')
      .set({ secret: row.pending_secret, enabled_at: new Date(), pending_secret: null, pending_at: null, last_step: check.step })
      .where('user_id', '=', actor.id)
      .execute();
    await trx.deleteFrom('user_recovery_codes').where('user_id', '=', actor.id).execute();
    await trx
      .insertInto('user_recovery_codes')
      .values(recoveryCodes.map((code) => ({ user_id: actor.id, code_hash: recoveryHash(code) })))
      .execute();
    await recordAudit(trx, actor, origin, { action: 'auth.2fa.enable', entityType: 'user', entityId: actor.id, wilayah: actor.wilayah });
  });
  return { recoveryCodes };
}

export interface TwoFactorState {
  enabled: boolean;
  recoveryCodesLeft: number;
}

export async function twoFactorState(db: Kysely<DB>, userId: string): Promise<TwoFactorState> {
  const totp = await db.selectFrom('user_totp').select('enabled_at').where('user_id', '=', userId).executeTakeFirst();
  const left = await db
    .selectFrom('user_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { enabled: Boolean(totp?.enabled_at), recoveryCodesLeft: Number(left.n) };
}
