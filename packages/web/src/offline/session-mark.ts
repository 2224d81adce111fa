import { offlineDb } from './db.js';

/**
 * When the user's session ends, as this device last heard from the server (issue 17). Without a
 * signal the device cannot ask, so it keeps the moment itself: once it has passed offline, the
 * device key no longer opens what the device keeps (vault.ts) and only the PIN does (pin.ts).
 */
export interface SessionMark {
  /** When the session ends unless used again, on this device's clock. */
  expiresAt: number;
  /** When the server last confirmed the user (this device's clock): the PIN's 7 days count from here. */
  checkedAt: number;
}

const markId = (user: string) => `session:${user}`;
/** A device clock this far behind the last confirmation was moved back: its times are not trusted. */
const CLOCK_BACK_MS = 5 * 60_000;
/** Below this the Date header's second precision and the request's own time are noise, not a wrong clock. */
const SKEW_NOISE_MS = 60_000;

/** After the server handed out the device key: its expiry moved to this device's clock (which may be off). */
export async function recordSession(user: string, expiresAt: string, serverDate: string | null): Promise<void> {
  const now = Date.now();
  const serverNow = serverDate ? Date.parse(serverDate) : Number.NaN;
  const skew = Number.isFinite(serverNow) && Math.abs(serverNow - now) > SKEW_NOISE_MS ? serverNow - now : 0;
  const ends = Date.parse(expiresAt);
  if (!Number.isFinite(ends)) return;
  const mark: SessionMark = { expiresAt: ends - skew, checkedAt: now };
  await (await offlineDb()).put('keys', mark, markId(user));
}

export async function sessionMark(user: string): Promise<SessionMark | null> {
  const value = await (await offlineDb()).get('keys', markId(user));
  return value && typeof value === 'object' && 'checkedAt' in value ? value : null;
}

/** The device clock is behind the last confirmation: it was moved back, so nothing it says holds. */
export function clockMovedBack(mark: SessionMark, now = Date.now()): boolean {
  return now < mark.checkedAt - CLOCK_BACK_MS;
}

/** The session has ended by this device's clock (or the clock went back). */
export function lapsed(mark: SessionMark | null, now = Date.now()): boolean {
  return mark !== null && (now >= mark.expiresAt || clockMovedBack(mark, now));
}
