import { offlineDb, pinId, type Sealed } from './db.js';
import { lapsed, recordSession, sessionMark } from './session-mark.js';

/**
 * Encryption at rest of what the device keeps (issue 17): the working set and the outbox are
 * stored sealed with AES-GCM under a data key made on this device. That key is stored only
 * wrapped (AES-KW) by the user's device key, which the server hands to a valid session of an
 * enabled account (`GET /auth/device-key`). Both keys are WebCrypto keys that cannot be exported.
 *
 * - Offline, the device key kept from the last contact opens the data: a reload or a restart
 *   without a signal keeps working.
 * - When the server refuses the key (session revoked or expired, account disabled), the device
 *   forgets it: the data stays sealed until the same user signs in again. A disabled account's
 *   key is destroyed on the server, so its data can never be opened again.
 * - Once the session's end (as the server last said, session-mark.ts) has passed, the device key
 *   is forgotten too: only the server (handing it again to a session it still honours), the PIN
 *   (pin.ts) or a sign-in opens the data.
 * - Sign-out deletes the keys with the data.
 */

const dataKeys = new Map<string, CryptoKey>();
/** Users whose device key the server confirmed since this page loaded (sign-in already asks). */
const checked = new Set<string>();
const wrapId = (user: string) => `wrap:${user}`;
const dataId = (user: string) => `data:${user}`;

export type KeyCheck = 'ok' | 'refused' | 'offline';

/** `stored`: the server handed this device a user's key (what was sealed under it can open now). */
export const deviceKeyEvents = new EventTarget();

/** Asks the server for the user's device key and keeps it; a refusal makes the device forget it. */
export async function refreshDeviceKey(user: string): Promise<KeyCheck> {
  let response: Response;
  try {
    response = await fetch('/api/v1/auth/device-key', { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return 'offline';
  }
  const db = await offlineDb();
  if (response.status === 401 || response.status === 403) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
    await forgetDeviceKey(user, { revoked: body?.error?.code === 'SESSION_REVOKED' });
    return 'refused';
  }
  if (!response.ok) return 'offline';
  const { key, expiresAt } = (await response.json()) as { key: string; expiresAt?: string };
  const raw = Uint8Array.from(atob(key.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const wrap = await crypto.subtle.importKey('raw', raw, 'AES-KW', false, ['wrapKey', 'unwrapKey']);
  await db.put('keys', wrap, wrapId(user));
  if (expiresAt) await recordSession(user, expiresAt, response.headers.get('date'));
  // The data key in memory may have come from the PIN: opened again from this key, so a key the
  // server made anew (account disabled and enabled) is noticed and what it cannot open goes.
  dataKeys.delete(user);
  checked.add(user);
  deviceKeyEvents.dispatchEvent(new Event('stored'));
  return 'ok';
}

/** At the shell's start online: ask the server once per page load, not again right after sign-in. */
export function checkDeviceKeyOnce(user: string): Promise<KeyCheck> {
  return checked.has(user) ? Promise.resolve('ok') : refreshDeviceKey(user);
}

/**
 * The server said no: what the device keeps stays sealed until the user signs in again. When the
 * session was ended on purpose (account disabled, device signed out, password changed:
 * SESSION_REVOKED) rather than by time, the PIN goes too, so nothing opens it without the server.
 */
export async function forgetDeviceKey(user: string, { revoked = false }: { revoked?: boolean } = {}): Promise<void> {
  dataKeys.delete(user);
  checked.delete(user);
  const db = await offlineDb();
  await db.delete('keys', wrapId(user));
  if (revoked) await db.delete('keys', pinId(user));
}

/**
 * The user's data key, from the device key kept here; null when the device holds none (never
 * signed in here, or the server refused it since). A data key the device key no longer opens (the
 * server made a new one) is useless: it and everything sealed with it go, and a new one is made.
 */
export async function unlock(user: string): Promise<CryptoKey | null> {
  const known = dataKeys.get(user);
  if (known) return known;
  // The session has ended (as the server last said): the device key opens nothing by itself any
  // more. Online the server hands it again to a session it still honours (device-lock.ts).
  if (lapsed(await sessionMark(user))) {
    await forgetDeviceKey(user);
    return null;
  }
  const db = await offlineDb();
  const wrap = (await db.get('keys', wrapId(user))) as CryptoKey | undefined;
  if (!wrap) return null;
  const wrapped = (await db.get('keys', dataId(user))) as ArrayBuffer | undefined;
  if (wrapped) {
    try {
      const key = await crypto.subtle.unwrapKey('raw', wrapped, wrap, 'AES-KW', 'AES-GCM', false, ['encrypt', 'decrypt']);
      dataKeys.set(user, key);
      return key;
    } catch {
      await forgetSealed(user);
    }
  }
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const sealedKey = await crypto.subtle.wrapKey('raw', fresh, wrap, 'AES-KW');
  await db.put('keys', sealedKey, dataId(user));
  // Kept in memory only as a key that cannot be exported.
  const key = await crypto.subtle.unwrapKey('raw', sealedKey, wrap, 'AES-KW', 'AES-GCM', false, ['encrypt', 'decrypt']);
  dataKeys.set(user, key);
  return key;
}

/** The data key, asking the server for the device key first if the device has none. */
export async function ensureUnlocked(user: string): Promise<CryptoKey | null> {
  const key = await unlock(user);
  if (key || !navigator.onLine) return key;
  return (await refreshDeviceKey(user)) === 'ok' ? unlock(user) : null;
}

/** The data key, extractable for a moment, to be wrapped under the PIN too (pin.ts); null without the device key. */
export async function dataKeyToWrap(user: string): Promise<CryptoKey | null> {
  if (!(await unlock(user))) return null;
  const db = await offlineDb();
  const wrap = (await db.get('keys', wrapId(user))) as CryptoKey | undefined;
  const wrapped = (await db.get('keys', dataId(user))) as ArrayBuffer | undefined;
  if (!wrap || !wrapped) return null;
  return crypto.subtle.unwrapKey('raw', wrapped, wrap, 'AES-KW', 'AES-GCM', true, ['encrypt', 'decrypt']);
}

/** The data key the PIN opened (pin.ts): in memory only, as one the device key opened. */
export function adoptDataKey(user: string, key: CryptoKey): void {
  dataKeys.set(user, key);
}

/** What was sealed under a data key that can no longer be opened, and the PIN that wrapped it. */
async function forgetSealed(user: string): Promise<void> {
  const db = await offlineDb();
  await db.delete('keys', dataId(user));
  await db.delete('keys', pinId(user));
  const cache = await db.get('cache', 'queries');
  if (cache?.owner === user) await db.delete('cache', 'queries');
  const tx = db.transaction('outbox', 'readwrite');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue())
    if (cursor.value.userId === user && 'sealed' in cursor.value) await cursor.delete();
  await tx.done;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(JSON.stringify(value)));
  return { iv, data };
}

export async function open<T>(key: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return JSON.parse(decoder.decode(plain)) as T;
}

/** Sign-out: the keys in memory go with those in IndexedDB. */
export function forgetKeys(): void {
  dataKeys.clear();
  checked.clear();
}
