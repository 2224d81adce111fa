import { notifyManager, type QueryClient } from '@tanstack/react-query';
import type { CaseRecord, SyncChanges } from '@tuntas/domain';
import { useSyncExternalStore } from 'react';
import { setSyncMark, syncMark } from '../offline/persist.js';
import { api } from './client.js';
import { flushOutbox, onOutboxSent } from './outbox.js';
import { workforceKeys } from './workforce-queries.js';

/**
 * The device's side of `GET /sync/changes` (issue 17). The first round after sign-in brings the
 * pendamping's whole working set into the query cache under the keys the screens read, so their
 * cases, the people, each working file, the tasks and today's presensi and activities open without
 * a signal even if never opened. Every later round asks only for what changed since the kept
 * cursor (a plan approved, a case reassigned, a referral answered) and drops the cases that left
 * the working set. A round runs after the outbox has sent what it holds, so the device never
 * reads back an answer older than its own writes.
 */

interface Round {
  /** How many cases (and their files) the round brought. */
  cases: number;
  removed: number;
  full: boolean;
}

let running: Promise<Round | null> | null = null;
const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

/** One round of the delta pull, paged while the server says `more`. */
export async function pullChanges(client: QueryClient, me: { id: string; role: string }): Promise<Round | null> {
  // A koordinator's area holds thousands of cases: they read them online, page by page.
  if (me.role !== 'pendamping') return null;
  const asked = Date.now();
  let since = syncMark(me.id)?.cursor ?? null;
  const round: Round = { cases: 0, removed: 0, full: since === null };
  for (;;) {
    const d = await api<SyncChanges>(since ? `/sync/changes?since=${encodeURIComponent(since)}` : '/sync/changes');
    // One notification of the screens for the whole page of changes, not one per record.
    const answered = Date.now();
    notifyManager.batch(() => apply(client, me, d, asked, answered));
    round.cases += d.cases.length;
    round.removed += d.removed.cases.length;
    since = d.cursor;
    if (!d.more) break;
  }
  setSyncMark({ owner: me.id, cursor: since, at: Date.now() });
  notify();
  return round;
}

function apply(client: QueryClient, me: { id: string; role: string }, d: SyncChanges, asked: number, answered: number): void {
  const set = (key: readonly unknown[], data: unknown) => {
    // The answer is as old as the moment it was asked for: a screen's own answer fetched since
    // (or being fetched) is fresher and stays — a check-out made meanwhile must not vanish.
    const state = client.getQueryState(key);
    if (state?.fetchStatus === 'fetching' || (state?.dataUpdatedAt ?? 0) >= asked) return;
    client.setQueryData(key, data, { updatedAt: asked });
  };
  for (const c of d.cases) set(['case', c.id], c);
  for (const b of d.beneficiaries) set(['beneficiary', b.id], b);
  for (const w of d.workingFiles) {
    set(['case', w.caseId, 'assessments'], w.assessments);
    set(['case', w.caseId, 'plan'], w.plan);
    set(['case', w.caseId, 'services'], w.services);
    set(['case', w.caseId, 'referrals'], w.referrals);
    set(['case', w.caseId, 'outcomes'], w.outcomes);
    set(['case', w.caseId, 'followups'], w.followUps);
  }
  for (const id of d.removed.cases) dropCase(client, id);
  if (d.cases.length > 0 || d.removed.cases.length > 0) {
    // The lists are the server's to order and count: they refetch when a screen shows them
    // (offline, the last answer stays on screen).
    // A list answered after these changes were already holds them: asking again would only fetch
    // and redraw the first screen twice.
    const older = (q: { state: { dataUpdatedAt: number } }) => q.state.dataUpdatedAt < answered;
    void client.invalidateQueries({ queryKey: ['cases'], refetchType: 'active', predicate: older });
    void client.invalidateQueries({ queryKey: ['case-summary'], refetchType: 'active', predicate: older });
  }
  if (d.full) {
    // The pendamping's own first screens, Beranda and "Kasus saya", from the whole set.
    const open = d.cases.filter((c) => c.status === 'tertangani');
    const first = ['cases', { page: 1, pageSize: 5, status: 'tertangani', pendampingId: me.id }];
    if (!client.getQueryData(first)) set(first, { items: open.slice(0, 5), total: open.length });
  }
  if (d.tasks) set(['tasks'], d.tasks);
  if (d.attendance) {
    set(workforceKeys.today, d.attendance);
    if (d.activities)
      set(workforceKeys.activities({ tanggal: d.attendance.tanggal, userId: me.id, pageSize: 100 }), {
        items: d.activities,
        total: d.activities.length,
      });
  }
}

/**
 * Closed, or handed to someone else: nothing of the case stays on this device — its file, its line
 * in the kept lists, and its person unless another case kept here is theirs.
 */
function dropCase(client: QueryClient, id: string): void {
  const person = client.getQueryData<CaseRecord>(['case', id])?.beneficiaryId;
  client.removeQueries({ queryKey: ['case', id] });
  for (const [key, list] of client.getQueriesData<{ items: CaseRecord[]; total: number }>({ queryKey: ['cases'] })) {
    if (!list?.items?.some((c) => c.id === id)) continue;
    client.setQueryData(key, { ...list, items: list.items.filter((c) => c.id !== id), total: Math.max(0, list.total - 1) });
  }
  if (!person) return;
  const stillHere = client
    .getQueriesData<CaseRecord>({ queryKey: ['case'] })
    .some(([key, c]) => key.length === 2 && c?.beneficiaryId === person);
  if (!stillHere) client.removeQueries({ queryKey: ['beneficiary', person] });
}

/**
 * Sync now: send the outbox, then pull what changed. At sign-in, whenever the signal returns, and
 * on demand from "Kirim"; one round at a time (a second call joins the running one).
 */
export function syncNow(client: QueryClient, me: { id: string; role: string }): Promise<Round | null> {
  if (!navigator.onLine) return Promise.resolve(null);
  running ??= (async () => {
    try {
      await flushOutbox();
      return await pullChanges(client, me);
    } finally {
      running = null;
      notify();
    }
  })();
  notify();
  return running;
}

/**
 * While signed in: a round at start, whenever the signal returns, and after the outbox sent
 * writes on a retry of its own (the online event may come before the link carries anything).
 */
export function startSync(client: QueryClient, me: { id: string; role: string }): () => void {
  const round = () => void syncNow(client, me).catch(() => undefined);
  const pull = () => {
    if (running) return;
    void pullChanges(client, me)
      .then(notify)
      .catch(() => undefined);
  };
  round();
  window.addEventListener('online', round);
  const stopSent = onOutboxSent(pull);
  return () => {
    window.removeEventListener('online', round);
    stopSent();
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** When this user's working set last came from the server (this device), and whether a round runs now. */
export function useSyncState(userId: string): { at: number | null; running: boolean } {
  const at = useSyncExternalStore(subscribe, () => syncMark(userId)?.at ?? null);
  const busy = useSyncExternalStore(subscribe, () => running !== null);
  return { at, running: busy };
}
