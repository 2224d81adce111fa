import { dehydrate, hydrate, type DehydratedState, type QueryClient } from '@tanstack/react-query';
import { clearStores, offlineDb, type SyncMark } from './db.js';
import { markSealed, resetLock } from './device-lock.js';
import { forgetKeys, open, seal, unlock } from './vault.js';

export type { SyncMark } from './db.js';

/**
 * The query cache kept in IndexedDB (issue 17): what the user has read — and what the sync from
 * /sync/changes brought — opens again without a signal, after a reload or a restart. Only
 * answered queries are kept (with their last answer if a refetch failed since), at most a week; sign-out removes them (wipeDevice).
 *
 * The sync cursor is kept in the same row as the data it stands for: the row is written whole, so
 * a crash can never leave a cursor newer than the data on the device (the next delta would skip
 * what the device never stored).
 */
const ROW = 'queries';
export const PERSIST_MAX_AGE = 7 * 24 * 60 * 60 * 1000;

/** Screens whose data is not the user's own working data (accounts, the trail, imports, retention and holds) or is too large to keep. */
// A NIK check answers a question of the moment; kept, it would leave NIKs beside names on the phone.
const SKIP = new Set(['reports', 'audit', 'import', 'imports', 'users', 'nik-check', 'legal-holds', 'retention']);

let owner: string | null = null;
let mark: SyncMark | null = null;
let saveSoon: (() => void) | null = null;
/** The kept working set of this user could not be opened yet: do not write over it. */
let sealedFor: string | null = null;

export async function restoreQueries(client: QueryClient): Promise<void> {
  try {
    const row = await (await offlineDb()).get('cache', ROW);
    if (!row || Date.now() - row.savedAt >= PERSIST_MAX_AGE) return;
    owner = row.owner;
    mark = row.sync?.owner === row.owner ? row.sync : null;
    let state = row.state as DehydratedState | undefined;
    if (row.sealed) {
      const key = await unlock(row.owner);
      // No key on the device (the server refused it): sealed until the same user signs in again,
      // and not overwritten meanwhile.
      if (!key) {
        sealedFor = row.owner;
        // The lock screen offers the PIN, if one may open it.
        await markSealed(row.owner);
        return;
      }
      state = await open<DehydratedState>(key, row.sealed);
    }
    if (state) hydrate(client, state);
    sealedFor = null;
  } catch {
    // A private window without IndexedDB, or data sealed under a key no longer here: the app
    // works online as before.
  }
}

/** After signing in: the working set this user's device kept, now that the key is back. */
export async function restoreAfterSignIn(client: QueryClient, user: string): Promise<void> {
  if (sealedFor !== user) return;
  await restoreQueries(client);
}

/** Whose data the restored cache holds (null: nothing restored). */
export function restoredOwner(): string | null {
  return owner;
}

/** The cursor of the user's last sync, if the device holds the data it stands for. */
export function syncMark(user: string): SyncMark | null {
  return mark?.owner === user ? mark : null;
}

/** After a round's records are in the cache: written with them, in the next save. */
export function setSyncMark(next: SyncMark | null): void {
  mark = next;
  saveSoon?.();
}

/**
 * Another user signs in on this device (the last one's session expired without a sign-out): not
 * one record of theirs may show. The outbox keeps its entries by user and never sends them as
 * someone else; the cache and the cursor go.
 */
export function forgetOtherUser(client: QueryClient, user: string): void {
  if (owner === null || owner === user) return;
  client.clear();
  owner = user;
  mark = null;
  sealedFor = null;
  void offlineDb()
    .then((db) => db.delete('cache', ROW))
    .catch(() => undefined);
}

/** Sign-out: no personal data stays on the device, in IndexedDB or in memory. */
export async function wipeDevice(): Promise<void> {
  owner = null;
  mark = null;
  sealedFor = null;
  forgetKeys();
  resetLock();
  await clearStores();
}

/**
 * A refetch that failed (no signal, a server error) leaves the query in error with its last
 * answer: that answer is still what the device knows and is kept as it was, not the error (on a
 * weak signal the browser says online and every request fails).
 */
function keptState(state: DehydratedState): DehydratedState {
  return {
    ...state,
    queries: state.queries.map((q) =>
      q.state.status === 'error'
        ? {
            ...q,
            state: { ...q.state, status: 'success', error: null, fetchFailureCount: 0, fetchFailureReason: null, fetchStatus: 'idle' },
          }
        : q,
    ),
  };
}

/** Writes the cache a second after it last changed (a burst of answers is one write). */
export function persistQueries(client: QueryClient, currentUser: () => string | null): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = async () => {
    const who = currentUser();
    if (!who || sealedFor === who) return;
    // Never written in the clear: without the user's key nothing is kept.
    const key = await unlock(who).catch(() => null);
    if (!key) return;
    owner = who;
    const state = keptState(
      dehydrate(client, {
        shouldDehydrateQuery: (q) => q.state.data !== undefined && !SKIP.has(String(q.queryKey[0])),
        shouldDehydrateMutation: () => false,
      }),
    );
    const sync = mark?.owner === who ? mark : null;
    await (
      await offlineDb()
    )
      .put('cache', { owner: who, savedAt: Date.now(), sealed: await seal(key, state), sync }, ROW)
      .catch(() => undefined);
  };
  saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), 1000);
  };
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' || event.type === 'removed') saveSoon?.();
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
    saveSoon = null;
  };
}
