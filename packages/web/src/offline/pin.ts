import { DEVICE_PIN_MAX_FAILURES, DEVICE_PIN_OFFLINE_DAYS, devicePinProblem } from '@tuntas/domain';
import { offlineDb, pinId } from './db.js';
import { clockMovedBack, sessionMark } from './session-mark.js';
import { adoptDataKey, dataKeyToWrap, refreshDeviceKey } from './vault.js';

/**
 * The device PIN (issue 17): the user's data key wrapped a second time, under a key derived from
 * six digits (PBKDF2-SHA256, 600,000 iterations, a random salt), kept beside the device-key wrap.
 * It opens what the device keeps after the session expired without a signal; it never sends
 * anything (the outbox waits for a sign-in, api/client.ts). Five wrong PINs erase it, and it
 * opens nothing later than 7 days after the server last confirmed the user. Sign-out erases it
 * with the rest; a data key the server's new device key no longer opens takes it along (vault.ts).
 */
export interface PinWrap {
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  /** The data key wrapped (AES-KW) under the PIN's key. */
  wrapped: ArrayBuffer;
  /** Wrong PINs in a row. */
  failures: number;
}

/** OWASP's figure for PBKDF2-HMAC-SHA256 (2023); about half a second on a mid-range phone. */
const ITERATIONS = 600_000;
const DAY_MS = 24 * 60 * 60 * 1000;

async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-KW', length: 256 }, false, [
    'wrapKey',
    'unwrapKey',
  ]);
}

async function stored(user: string): Promise<PinWrap | null> {
  const value = await (await offlineDb()).get('keys', pinId(user));
  return value && typeof value === 'object' && 'iterations' in value ? value : null;
}

export async function hasPin(user: string): Promise<boolean> {
  return (await stored(user)) !== null;
}

export async function removePin(user: string): Promise<void> {
  await (await offlineDb()).delete('keys', pinId(user));
}

export type SetPinError = 'FORMAT' | 'SAME_DIGITS' | 'SEQUENCE' | 'NOT_CONFIRMED';

/** Sets or replaces the PIN, only while the server confirms the session now (online, signed in). */
export async function setPin(user: string, pin: string): Promise<SetPinError | null> {
  const problem = devicePinProblem(pin);
  if (problem) return problem;
  if ((await refreshDeviceKey(user)) !== 'ok') return 'NOT_CONFIRMED';
  const dataKey = await dataKeyToWrap(user);
  if (!dataKey) return 'NOT_CONFIRMED';
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const wrapped = await crypto.subtle.wrapKey('raw', dataKey, await pinKey(pin, salt, ITERATIONS), 'AES-KW');
  const wrap: PinWrap = { salt, iterations: ITERATIONS, wrapped, failures: 0 };
  await (await offlineDb()).put('keys', wrap, pinId(user));
  return null;
}

/** Whether the PIN may still open the device: set, and the server confirmed the user within 7 days. */
export async function pinUsable(user: string): Promise<'ok' | 'none' | 'tooOld'> {
  if (!(await stored(user))) return 'none';
  const mark = await sessionMark(user);
  const now = Date.now();
  // A clock moved back is no proof of a recent confirmation either.
  const old = !mark || now - mark.checkedAt > DEVICE_PIN_OFFLINE_DAYS * DAY_MS || clockMovedBack(mark, now);
  if (!old) return 'ok';
  await removePin(user);
  return 'tooOld';
}

export type PinResult = { ok: true } | { ok: false; reason: 'WRONG'; left: number } | { ok: false; reason: 'ERASED' | 'TOO_OLD' | 'NONE' };

/** Opens the device with the PIN: the data key comes back into memory only, as before from the device key. */
export async function unlockWithPin(user: string, pin: string): Promise<PinResult> {
  const usable = await pinUsable(user);
  if (usable !== 'ok') return { ok: false, reason: usable === 'none' ? 'NONE' : 'TOO_OLD' };
  const wrap = (await stored(user))!;
  try {
    const key = await crypto.subtle.unwrapKey(
      'raw',
      wrap.wrapped,
      await pinKey(pin, wrap.salt, wrap.iterations),
      'AES-KW',
      'AES-GCM',
      false,
      ['encrypt', 'decrypt'],
    );
    if (wrap.failures > 0) await (await offlineDb()).put('keys', { ...wrap, failures: 0 }, pinId(user));
    adoptDataKey(user, key);
    return { ok: true };
  } catch {
    // AES-KW's integrity check: a wrong PIN's key does not unwrap.
    const failures = wrap.failures + 1;
    if (failures >= DEVICE_PIN_MAX_FAILURES) {
      await removePin(user);
      return { ok: false, reason: 'ERASED' };
    }
    await (await offlineDb()).put('keys', { ...wrap, failures }, pinId(user));
    return { ok: false, reason: 'WRONG', left: DEVICE_PIN_MAX_FAILURES - failures };
  }
}
