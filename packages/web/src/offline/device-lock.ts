import { useSyncExternalStore } from 'react';
import { holdForSignIn } from '../api/client.js';
import { pinUsable } from './pin.js';
import { lapsed, sessionMark } from './session-mark.js';
import { forgetDeviceKey, refreshDeviceKey } from './vault.js';

/**
 * Whether the app may show what the device keeps (issue 17). `sealed`: the kept data of this user
 * could not be opened (the session ended, or the server refused the key) and, without the server,
 * the screens show the lock instead; `pin` says whether the PIN may open it, `notice` why not.
 * `openedByPin`: the PIN opened it — reading and queuing work, nothing sent until a sign-in;
 * `signal`: the server answers again, so the password is asked for.
 */
export interface DeviceLock {
  sealed: string | null;
  pin: boolean;
  notice: 'ERASED' | 'TOO_OLD' | null;
  openedByPin: boolean;
  signal: boolean;
}

const OPEN: DeviceLock = { sealed: null, pin: false, notice: null, openedByPin: false, signal: false };
let state: DeviceLock = OPEN;
const listeners = new Set<() => void>();

function set(next: Partial<DeviceLock>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export function useDeviceLock(): DeviceLock {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** The kept data of `user` stays sealed for now: the lock screen offers the PIN if it may open it. */
export async function markSealed(user: string): Promise<void> {
  const usable = await pinUsable(user).catch(() => 'none' as const);
  set({ ...OPEN, sealed: user, pin: usable === 'ok', notice: usable === 'tooOld' ? 'TOO_OLD' : null });
}

/** Five wrong PINs, or 7 days without the server: the PIN is gone, the data waits for a sign-in. */
export function markPinErased(reason: 'ERASED' | 'TOO_OLD'): void {
  set({ pin: false, notice: reason });
}

/** How often, opened by the PIN, the device asks whether the server answers again. */
const PROBE_MS = 5_000;
let stopProbe: (() => void) | null = null;

/**
 * navigator.onLine is no proof either way (a weak signal, and a page opened offline may say
 * online): only the server answering is. Its liveness probe needs no session and reads nothing.
 * Once it answers, the device asks for its key with the session it still holds: a session ended
 * on purpose (account disabled, device signed out) erases the PIN there (vault.ts), so going
 * offline again does not open the work with it.
 */
function probeSignal(user: string): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const probe = async () => {
    clearTimeout(timer);
    const answered = await fetch('/api/v1/health/live', { cache: 'no-store' }).then(
      (r) => r.ok,
      () => false,
    );
    if (stopped) return;
    if (answered) {
      await refreshDeviceKey(user).catch(() => undefined);
      if (!stopped) set({ signal: true });
    } else timer = setTimeout(() => void probe(), PROBE_MS);
  };
  const online = () => void probe();
  window.addEventListener('online', online);
  timer = setTimeout(() => void probe(), PROBE_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('online', online);
  };
}

/** The PIN opened the device: the kept work shows, the outbox keeps new writes, none is sent. */
export function markOpenedByPin(user: string): void {
  holdForSignIn(true);
  stopProbe?.();
  stopProbe = probeSignal(user);
  set({ ...OPEN, openedByPin: true });
}

/** Signed in with the password (or out), or the server honours the session: the outbox sends again. */
export function resetLock(): void {
  holdForSignIn(false);
  stopProbe?.();
  stopProbe = null;
  set(OPEN);
}

/** How often the session's end is asked again while the server answers (the app's own requests move it on). */
const REFRESH_MS = 10 * 60_000;
/** setTimeout's longest delay. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * While signed in: at the session's end (as last heard) the device asks the server again; if it
 * refuses or does not answer, the device key is forgotten and `onLock` clears the screens. Kept
 * data sealed at start opens again (`onConfirmed`) once the server hands the key to this session.
 * Checked again when the signal goes and when the app comes back to the front.
 */
export function watchSession(user: string, callbacks: { onLock: () => void; onConfirmed: () => Promise<void> }): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const check = async () => {
    clearTimeout(timer);
    if (stopped || state.openedByPin) return;
    if (state.sealed === user) {
      if ((await refreshDeviceKey(user).catch(() => 'offline' as const)) !== 'ok') {
        if (!stopped) timer = setTimeout(() => void check(), 30_000);
        return;
      }
      if (stopped) return;
      await callbacks.onConfirmed();
      resetLock();
    } else {
      const mark = await sessionMark(user).catch(() => null);
      const due = lapsed(mark) || (mark !== null && Date.now() - mark.checkedAt > REFRESH_MS);
      if (due && (await refreshDeviceKey(user).catch(() => 'offline' as const)) !== 'ok' && lapsed(mark)) {
        await forgetDeviceKey(user);
        await markSealed(user);
        callbacks.onLock();
        return;
      }
    }
    if (stopped) return;
    const next = await sessionMark(user).catch(() => null);
    const until = next ? Math.min(next.expiresAt - Date.now(), REFRESH_MS) : REFRESH_MS;
    timer = setTimeout(() => void check(), Math.min(Math.max(until, 1_000), MAX_DELAY));
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') void check();
  };
  const onOffline = () => void check();
  window.addEventListener('offline', onOffline);
  document.addEventListener('visibilitychange', onVisible);
  void check();
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('offline', onOffline);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
