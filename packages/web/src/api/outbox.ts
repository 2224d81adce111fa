import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import i18next from 'i18next';
import { offlineDb, type OutboxEntry, type OutboxKind, type StoredOutbox } from '../offline/db.js';
import { deviceKeyEvents, ensureUnlocked } from '../offline/vault.js';
import type { ApiError } from './client.js';
import { openEntry, sealEntry, sendEntry } from './outbox-files.js';
import {
  invalidateAfter,
  keptMine,
  nextBatch,
  refused,
  type Run,
  retryable,
  sameRecord,
  sendBatch,
  waitsForEarlier,
} from './outbox-replay.js';

export type { OutboxEntry, OutboxKind, OutboxStatus } from '../offline/db.js';

/**
 * The durable outbox (issue 17). Every write of the field screens goes through `queueWrite`: it is
 * stored in IndexedDB first, then sent; when there is no signal (or the request fails by the
 * network, a 5xx, an expired session) it stays there, shown on screen as "menunggu dikirim", and
 * is replayed in order — with the same Idempotency-Key — when the connection returns. A 409
 * VERSION_CONFLICT on replay becomes "konflik" (with the server's current record), any other 4xx
 * "ditolak" with the server's reason: both stay on the device until the user decides.
 */

let entries: OutboxEntry[] = [];
/** The user's rows the device could not open yet (no data key: signed out by the server, not signed in again). */
let sealedCount = 0;
/** Whether the outbox of the current user has been read at least once since it started. */
let loaded = false;
let userId: string | null = null;
let queryClient: QueryClient | null = null;
let flushing: Promise<void> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = 0;

/**
 * The browser's online event is not enough: a weak signal ("lie-fi") and some devices never flip
 * navigator.onLine, and the online event may come before the link carries anything. After a failed
 * attempt the outbox tries again by itself, 1 s, 2 s, 4 s, … at most a minute.
 */
function retryLater(): void {
  if (!userId) return;
  retryDelay = Math.min(retryDelay === 0 ? 1_000 : retryDelay * 2, 60_000);
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void flushOutbox(), retryDelay);
}
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('tuntas-outbox');
channel?.addEventListener('message', () => void reload());

function emit(): void {
  for (const listener of listeners) listener();
}

async function reload(): Promise<void> {
  const user = userId;
  const db = await offlineDb();
  const rows = user ? (await db.getAll('outbox')).filter((e) => e.userId === user) : [];
  // Without the user's key (the server refused it since) their entries stay sealed until they sign in again.
  const key = user ? await ensureUnlocked(user).catch(() => null) : null;
  const opened: OutboxEntry[] = [];
  let unopened = 0;
  for (const row of rows) {
    if ('sealed' in row) {
      if (key) opened.push(await openEntry(key, row));
      else unopened += 1;
    } else {
      opened.push(row);
      if (key) await put(row); // kept before encryption at rest: sealed now
    }
  }
  if (user === userId) {
    entries = opened;
    sealedCount = unopened;
    loaded = true;
  }
  emit();
}

/** The row as stored: the write sealed with the user's data key, never in the clear. */
async function sealed(entry: OutboxEntry): Promise<StoredOutbox> {
  const key = await ensureUnlocked(entry.userId);
  if (!key) throw new Error(i18next.t('luring.deviceLocked'));
  return sealEntry(key, entry);
}

async function changed(): Promise<void> {
  await reload();
  channel?.postMessage('changed');
}

async function put(entry: OutboxEntry): Promise<void> {
  await (await offlineDb()).put('outbox', await sealed(entry));
}

async function remove(seq: number): Promise<void> {
  await (await offlineDb()).delete('outbox', seq);
}

const uuid = () => crypto.randomUUID();

/**
 * A write waits while an earlier write on the same record is a conflict or a rejection: it was
 * made on top of that one (a stage move after the move the koordinator overtook, a case for a
 * person whose registration was refused), so it is sent only once the user has decided.
 */
export function blockedBy(entry: OutboxEntry, all: readonly OutboxEntry[] = entries): OutboxEntry | undefined {
  return all.find((e) => e.seq! < entry.seq! && (e.status === 'konflik' || e.status === 'ditolak') && sameRecord(e, entry));
}

export type WriteOutcome<T> = { queued: false; result: T } | { queued: true; entry: OutboxEntry };

export interface WriteInput {
  kind: OutboxKind;
  method?: OutboxEntry['method'];
  path: string;
  body: Record<string, unknown>;
  /** A photo or document: sent as the raw body (outbox-files.ts); `body` only describes it. */
  file?: OutboxEntry['file'];
  /** The client id (a POST that takes one passes the same id in its body). */
  id?: string;
  baseVersion?: number | null;
  ref?: OutboxEntry['ref'];
}

/**
 * A write that is never lost: answered at once when the server takes it, kept on the device when
 * it cannot be sent now. A refusal of a write the user is still looking at (online, nothing queued
 * before it) is thrown, as before, for the form to show; it is not kept.
 */
export async function queueWrite<T = unknown>(input: WriteInput): Promise<WriteOutcome<T>> {
  if (!userId) throw new Error('outbox: no user');
  const entry: OutboxEntry = {
    id: input.id ?? uuid(),
    userId,
    kind: input.kind,
    method: input.method ?? 'POST',
    path: input.path,
    body: input.body,
    ...(input.file ? { file: input.file } : {}),
    idempotencyKey: uuid(),
    baseVersion: input.baseVersion ?? null,
    actedAt: new Date().toISOString(),
    status: 'mengirim',
    error: null,
    ref: input.ref ?? {},
  };
  const db = await offlineDb();
  entry.seq = await db.add('outbox', await sealed(entry));
  const earlier =
    entries.some((e) => e.seq! < entry.seq! && (e.status === 'menunggu' || e.status === 'mengirim')) || blockedBy(entry) !== undefined;
  if (!navigator.onLine || earlier) {
    entry.status = 'menunggu';
    await put(entry);
    await changed();
    if (!earlier) retryLater();
    return { queued: true, entry };
  }
  await changed();
  try {
    const result = await sendEntry<T>(entry);
    await remove(entry.seq);
    await changed();
    invalidateAfter(queryClient, [entry]);
    sendWaiting();
    return { queued: false, result };
  } catch (error) {
    if (retryable(error)) {
      entry.status = 'menunggu';
      await put(entry);
      await changed();
      retryLater();
      return { queued: true, entry };
    }
    await remove(entry.seq);
    await changed();
    sendWaiting();
    throw error;
  }
}

/**
 * A write made while a direct one was on the wire waited behind it (`earlier`) with no run to send
 * it: once that one is answered, the run starts (a plan submitted right after its save stayed
 * "menunggu dikirim" until the next reconnection). Not after a retryable failure: that waits its delay.
 */
function sendWaiting(): void {
  if (entries.some((e) => e.status === 'menunggu')) void flushOutbox();
}

/** Replays the waiting writes in order; stops at the first that cannot be sent now. One run at a time. */
export function flushOutbox(): Promise<void> {
  clearTimeout(retryTimer);
  flushing ??= (async () => {
    // Past one await before anything else: a run with nothing to send would otherwise reach
    // `finally` (flushing = null) before `??=` stored it, and that finished run blocked every later one.
    await Promise.resolve();
    const run: Run = { tried: new Set(), stop: false, written: [], answered: false };
    try {
      // Read afresh each round: writes queued during the replay are sent in the same run.
      while (!run.stop && batchRoute && (await sendNextBatch(run)));
      if (!run.stop) await sendSingly(run);
      // The screens read again once, after the run, not after each write.
      invalidateAfter(queryClient, run.written);
      // What the server did with them (and anything changed meanwhile) comes down after them,
      // also when they went out on a retry rather than on the online event.
      if (run.answered) for (const listener of sentListeners) listener();
    } finally {
      flushing = null;
      emit();
    }
  })();
  return flushing;
}

/** False once the server answered 404 for the batch route (an older server): one by one from then on. */
let batchRoute = true;

const ready = (run: Run) => (e: OutboxEntry) => !run.tried.has(e.seq!) && !blockedBy(e);

/** One batch of the waiting writes (up to 50, in order); false when there was none to send. */
async function sendNextBatch(run: Run): Promise<boolean> {
  const batch = nextBatch(entries, ready(run));
  // A single write needs no batch: its own request is as short.
  if (batch.length < 2) return false;
  if (!navigator.onLine) {
    retryLater();
    run.stop = true;
    return false;
  }
  for (const e of batch) run.tried.add(e.seq!);
  await settleAll(batch.map((e) => [e.seq!, { ...e, status: 'mengirim' }]));
  // Lost on the way (network, 5xx, session): every write of it waits, as a single write would.
  const outcomes = await sendBatch(batch).catch(() => 'retry' as const);
  if (typeof outcomes === 'string') {
    await settleAll(batch.map((e) => [e.seq!, { ...e, status: 'menunggu' }]));
    if (outcomes === 'retry') {
      retryLater();
      run.stop = true;
    } else for (const e of batch) run.tried.delete(e.seq!); // these go one by one in this run
    if (outcomes === 'unavailable') batchRoute = false;
    return false;
  }
  run.answered = true;
  const changes: Array<[number, OutboxEntry | null]> = [];
  for (const e of batch) {
    const outcome = outcomes.get(e.seq!)!;
    if (outcome.sent) {
      changes.push([e.seq!, null]);
      run.written.push(e);
      continue;
    }
    changes.push([e.seq!, outcome.next]);
    if (outcome.retry) run.stop = true;
    // Not run behind another write: it may go later in this run, once that one is settled.
    else if (outcome.next.status === 'menunggu') run.tried.delete(e.seq!);
  }
  await settleAll(changes);
  if (run.written.length > 0) retryDelay = 0;
  if (run.stop) retryLater();
  return !run.stop;
}

/**
 * The waiting writes one request each (a server without the batch route, a write no batch takes):
 * writes on different records side by side (a slow link costs a round trip each); on one record,
 * and those that name no record, strictly in the order the user made them.
 */
async function sendSingly(run: Run): Promise<void> {
  /** At most this many writes on the wire at once (a browser opens six connections to one host). */
  const IN_FLIGHT = 4;
  const running = new Map<number, Promise<void>>();
  for (;;) {
    while (!run.stop && running.size < IN_FLIGHT) {
      const entry = entries.find((e) => e.status === 'menunggu' && ready(run)(e) && !waitsForEarlier(e, entries));
      if (!entry) break;
      if (!navigator.onLine) {
        retryLater();
        run.stop = true;
        break;
      }
      run.tried.add(entry.seq!);
      const seq = entry.seq!;
      running.set(
        seq,
        sendOne(entry)
          .then((written) => {
            if (written) run.written.push(entry);
            if (written === null) run.stop = true;
            else run.answered = true;
          })
          .finally(() => running.delete(seq)),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
}

const sentListeners = new Set<() => void>();

/** Called after a replay run that sent at least one write (sync.ts pulls the changes then). */
export function onOutboxSent(listener: () => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

/** The screens and other tabs learn of new states without reading the outbox again: one transaction, one render, one message. */
async function settleAll(changes: ReadonlyArray<readonly [number, OutboxEntry | null]>): Promise<void> {
  // Sealed first (a transaction ends at an await not its own), in turn: two at once could each make a data key.
  const rows: Array<StoredOutbox | null> = [];
  for (const [, next] of changes) rows.push(next ? await sealed(next) : null);
  const tx = (await offlineDb()).transaction('outbox', 'readwrite');
  await Promise.all([...changes.map(([seq], i) => (rows[i] ? tx.store.put(rows[i]) : tx.store.delete(seq))), tx.done]);
  const next = new Map(changes);
  entries = entries.flatMap((e) => {
    if (!next.has(e.seq!)) return [e];
    const changed = next.get(e.seq!);
    return changed ? [changed] : [];
  });
  emit();
  channel?.postMessage('changed');
}

/** One write sent: true when it reached the server, false when it was refused, null when it must wait for a better connection. */
async function sendOne(entry: OutboxEntry): Promise<boolean | null> {
  await settleAll([[entry.seq!, { ...entry, status: 'mengirim' }]]);
  try {
    await sendEntry(entry);
    await settleAll([[entry.seq!, null]]);
    retryDelay = 0;
    return true;
  } catch (error) {
    if (retryable(error)) {
      await settleAll([[entry.seq!, { ...entry, status: 'menunggu' }]]);
      retryLater();
      return null;
    }
    await settleAll([[entry.seq!, refused(entry, error as ApiError)]]);
    return false;
  }
}

/** Conflict: send mine again on top of the server's current version (outbox-replay.ts `keptMine`). */
export async function keepMine(entry: OutboxEntry): Promise<void> {
  await requeue(keptMine(entry, entries, uuid));
}

/** Rejection fixed by the user: the corrected body is sent again (with a new key). */
export async function resend(entry: OutboxEntry, body: Record<string, unknown>): Promise<void> {
  await requeue([{ ...entry, body, idempotencyKey: uuid(), status: 'menunggu', error: null }]);
}

async function requeue(next: readonly OutboxEntry[]): Promise<void> {
  for (const e of next) await put(e);
  await changed();
  void flushOutbox();
}

/** Conflict resolved for the server's version, or a write the user chose to drop. */
export async function discard(entry: OutboxEntry): Promise<void> {
  await remove(entry.seq!);
  await changed();
  invalidateAfter(queryClient, [entry]);
}

/**
 * Starts the outbox for the signed-in user: writes left "mengirim" by a closed tab go back to
 * waiting (replaying them is safe: same key), and the outbox is sent now, whenever the browser
 * comes back online, and every half minute while something waits.
 */
export function startOutbox(user: string, client: QueryClient): () => void {
  userId = user;
  queryClient = client;
  loaded = false;
  // Rows sealed under a key the device did not hold a moment ago open once the server hands it back.
  const keyBack = () => void reload().then(() => flushOutbox());
  deviceKeyEvents.addEventListener('stored', keyBack);
  void (async () => {
    await reload();
    for (const e of entries) if (e.status === 'mengirim') await put({ ...e, status: 'menunggu' });
    await changed();
    void flushOutbox();
  })();
  const online = () => {
    retryDelay = 0;
    void flushOutbox();
  };
  window.addEventListener('online', online);
  return () => {
    window.removeEventListener('online', online);
    deviceKeyEvents.removeEventListener('stored', keyBack);
    clearTimeout(retryTimer);
    userId = null;
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in user's queued writes, oldest first; re-renders when they change (in any tab). */
export function useOutbox(): OutboxEntry[] {
  return useSyncExternalStore(subscribe, () => entries);
}

export function outboxSnapshot(): OutboxEntry[] {
  return entries;
}

/** What the outbox page may say: nothing before the first read, and how many rows wait sealed for a sign-in. */
export function useOutboxReadiness(): { loaded: boolean; sealed: number } {
  const isLoaded = useSyncExternalStore(subscribe, () => loaded);
  const sealed = useSyncExternalStore(subscribe, () => sealedCount);
  return { loaded: isLoaded, sealed };
}

export function useFlushing(): boolean {
  return useSyncExternalStore(subscribe, () => flushing !== null);
}
