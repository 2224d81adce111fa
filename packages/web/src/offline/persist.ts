import { dehydrate, hydrate, type DehydratedState, type QueryClient } from '@tanstack/react-query';
import { offlineDb } from './db.js';

/**
 * The query cache kept in IndexedDB (issue 17): what the user has read — and what the warm-up
 * from /sync/changes brought — opens again without a signal, after a reload or a restart. Only
 * answered queries are kept, at most a week; sign-out removes them (wipeDevice).
 */
const ROW = 'queries';
export const PERSIST_MAX_AGE = 7 * 24 * 60 * 60 * 1000;

/** Screens whose data is not the user's own working data (accounts, the trail) or is too large to keep. */
const SKIP = new Set(['reports', 'audit', 'import', 'users']);

export async function restoreQueries(client: QueryClient): Promise<void> {
  try {
    const row = await (await offlineDb()).get('cache', ROW);
    if (row && Date.now() - row.savedAt < PERSIST_MAX_AGE) hydrate(client, row.state as DehydratedState);
  } catch {
    // A private window without IndexedDB: the app works online as before.
  }
}

/** Writes the cache a second after it last changed (a burst of answers is one write). */
export function persistQueries(client: QueryClient, owner: () => string | null): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = async () => {
    const who = owner();
    if (!who) return;
    const state = dehydrate(client, {
      shouldDehydrateQuery: (q) => q.state.status === 'success' && !SKIP.has(String(q.queryKey[0])),
      shouldDehydrateMutation: () => false,
    });
    await (await offlineDb()).put('cache', { owner: who, savedAt: Date.now(), state }, ROW).catch(() => undefined);
  };
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' && event.type !== 'removed') return;
    clearTimeout(timer);
    timer = setTimeout(() => void save(), 1000);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
