import type { QueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { OUTBOX_BATCH_MAX, outboxRouteAllowed, type OutboxBatchEntry, type OutboxBatchResponse } from '@tuntas/domain';
import type { OutboxEntry } from '../offline/db.js';
import { api, ApiError } from './client.js';

/**
 * How the outbox replays (issue 17): which writes go together, what an answer makes of a write,
 * and the batch itself. On a slow link every request costs a round trip (400 ms on slow 3G), so a
 * run of waiting writes goes to `POST /sync/outbox` in one request (at most 50 writes), where
 * the server hands each to its own route; a server without that route gets them one by one.
 */

/** A failure the write survives: tried again later with the same key. */
export function retryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 401 || error.code === 'IDEMPOTENCY_IN_PROGRESS';
}

/** The write as the server refused it: a 409 VERSION_CONFLICT becomes "konflik" (with the server's record), any other "ditolak". */
export function refused(entry: OutboxEntry, error: ApiError): OutboxEntry {
  const conflict = error.code === 'VERSION_CONFLICT';
  const current = conflict ? (error.details as { current?: Record<string, unknown> } | undefined)?.current : undefined;
  return { ...entry, status: conflict ? 'konflik' : 'ditolak', error: { code: error.code, message: error.message, current } };
}

/**
 * Whose version a write was counted from: a case's stage moves count the case's, a plan's save
 * and submission the plan's, a referral's progress the referral's. A conflict resolved on one
 * moves the later writes of the same family only.
 */
export function versionFamily(e: OutboxEntry): string {
  if (e.kind === 'plan' || e.kind === 'planSubmit') return `plan:${e.ref.caseId}`;
  if (e.kind === 'referralStatus') return `referral:${e.ref.referralId}`;
  return 'record';
}

/** Two writes touch the same record (a case, a person, a follow-up visit, an activity). */
export function sameRecord(a: OutboxEntry, b: OutboxEntry): boolean {
  const ids = (e: OutboxEntry) => [e.ref.caseId, e.ref.beneficiaryId, e.ref.followUpId, e.ref.activityId].filter(Boolean);
  const mine = ids(a);
  return ids(b).some((id) => mine.includes(id));
}

/** What a write must come after: its records; one that names none comes after every such one. */
export function orderKeys(e: OutboxEntry): string[] {
  const r = e.ref;
  const keys = [r.caseId, r.beneficiaryId, r.followUpId, r.activityId, r.disasterId, r.tanggal && `hari:${r.tanggal}`];
  const named = keys.filter((k): k is string => Boolean(k));
  return named.length > 0 ? named : ['*'];
}

/**
 * Conflict, resolved for mine: the write again on top of the server's current version (a new body,
 * so a new key), waiting. The user's later writes on the same record were counted from the old
 * version (one more per own write before them): they move by the same step, so they do not
 * conflict with this one. Returns every write to store again.
 */
export function keptMine(entry: OutboxEntry, all: readonly OutboxEntry[], newKey: () => string): OutboxEntry[] {
  const version = entry.error?.current?.['version'];
  const rebase = (e: OutboxEntry, to: number): OutboxEntry => ({
    ...e,
    body: { ...e.body, version: to },
    baseVersion: to,
    idempotencyKey: newKey(),
  });
  const later =
    typeof version === 'number' && entry.baseVersion !== null
      ? all
          .filter(
            (e) =>
              e.seq! > entry.seq! &&
              e.status === 'menunggu' &&
              e.baseVersion !== null &&
              sameRecord(e, entry) &&
              versionFamily(e) === versionFamily(entry),
          )
          .map((e) => rebase(e, e.baseVersion! + (version - entry.baseVersion!)))
      : [];
  const mine = typeof version === 'number' ? rebase(entry, version) : entry;
  return [...later, { ...mine, status: 'menunggu', error: null }];
}

const pending = (e: OutboxEntry) => e.status === 'menunggu' || e.status === 'mengirim';

/** An earlier write on one of its records is still to be sent (or being sent) and is not in `along`. */
export function waitsForEarlier(entry: OutboxEntry, all: readonly OutboxEntry[], along: ReadonlySet<number> = new Set()): boolean {
  const mine = orderKeys(entry);
  return all.some((e) => e.seq! < entry.seq! && pending(e) && !along.has(e.seq!) && orderKeys(e).some((k) => mine.includes(k)));
}

/** One replay run of the outbox (outbox.ts flushOutbox). */
export interface Run {
  /** Writes this run sent or settled (a write the server did not run is taken out again: it may go later in the run). */
  tried: Set<number>;
  /** A write must wait for a better connection: nothing more is sent in this run. */
  stop: boolean;
  /** Writes the server took (their screens are read again once, at the end). */
  written: OutboxEntry[];
  /** The server answered at least one write, taken or refused (the delta sync follows). */
  answered: boolean;
}

/** A batch stays well under the server's 1 MB body limit. */
const BATCH_MAX_CHARS = 256 * 1024;

/**
 * The next batch: waiting writes, oldest first, each of which may go now — nothing it must come
 * after is still waiting outside the batch (the server keeps the order within it). `ready` says
 * whether a write may go at all (not tried in this run, not held behind a conflict).
 */
export function nextBatch(all: readonly OutboxEntry[], ready: (e: OutboxEntry) => boolean): OutboxEntry[] {
  const picked: OutboxEntry[] = [];
  const along = new Set<number>();
  let chars = 0;
  for (const e of all) {
    if (picked.length >= OUTBOX_BATCH_MAX) break;
    // A file (a photo) is not JSON: it goes alone to its own route (sendSingly), after the writes before it.
    if (e.status !== 'menunggu' || e.file || !outboxRouteAllowed(e.method, e.path) || !ready(e) || waitsForEarlier(e, all, along)) continue;
    const size = JSON.stringify(e.body).length + e.path.length + 200;
    if (picked.length > 0 && chars + size > BATCH_MAX_CHARS) break;
    chars += size;
    picked.push(e);
    along.add(e.seq!);
  }
  return picked;
}

/** What became of one write of a batch. */
export type Outcome = { sent: true } | { sent: false; next: OutboxEntry; retry: boolean };

/**
 * Sends the batch. `unavailable`: the server has no batch route (404), send one by one from now
 * on; `singles`: it refused the batch itself (too large, say), send these one by one. A network
 * failure, a 5xx or an expired session is thrown (every write of it waits, as a single write would).
 */
export async function sendBatch(batch: readonly OutboxEntry[]): Promise<Map<number, Outcome> | 'unavailable' | 'singles'> {
  const bySeq = new Map(batch.map((e) => [e.idempotencyKey, e]));
  const entries: OutboxBatchEntry[] = batch.map((e) => ({
    id: e.idempotencyKey,
    method: e.method,
    path: e.path,
    body: e.body,
    baseVersion: e.baseVersion,
    actedAt: e.actedAt,
    records: orderKeys(e),
  }));
  let response: OutboxBatchResponse;
  try {
    response = await api<OutboxBatchResponse>('/sync/outbox', { method: 'POST', json: { entries } });
  } catch (error) {
    if (retryable(error)) throw error;
    return (error as ApiError).status === 404 ? 'unavailable' : 'singles';
  }
  const outcomes = new Map<number, Outcome>();
  for (const result of response.results) {
    const entry = bySeq.get(result.id);
    if (!entry) continue;
    if (result.status >= 200 && result.status < 300) {
      outcomes.set(entry.seq!, { sent: true });
      continue;
    }
    const body = result.body as { error?: { code?: string; message?: string; details?: unknown } } | null;
    const error = new ApiError(
      result.status,
      body?.error?.code ?? 'UNKNOWN',
      body?.error?.message ?? i18next.t('errors.generic'),
      body?.error?.details,
    );
    // Not run behind an earlier write that did not go through: it waits, as it would have on the device.
    if (error.code === 'OUTBOX_ENTRY_WAITING')
      outcomes.set(entry.seq!, { sent: false, next: { ...entry, status: 'menunggu' }, retry: false });
    else if (retryable(error)) outcomes.set(entry.seq!, { sent: false, next: { ...entry, status: 'menunggu' }, retry: true });
    else outcomes.set(entry.seq!, { sent: false, next: refused(entry, error), retry: false });
  }
  // A write the answer does not name was not done: it waits for the next run.
  for (const e of batch) if (!outcomes.has(e.seq!)) outcomes.set(e.seq!, { sent: false, next: { ...e, status: 'menunggu' }, retry: true });
  return outcomes;
}

/** After writes reached the server, the screens read what they changed again: each query once, at the end of a run. */
export function invalidateAfter(queryClient: QueryClient | null, written: readonly OutboxEntry[]): void {
  if (!queryClient || written.length === 0) return;
  const keys = new Map<string, unknown[]>();
  const add = (...queryKeys: unknown[][]) => {
    for (const key of queryKeys) keys.set(JSON.stringify(key), key);
  };
  for (const entry of written) {
    add(['tasks']);
    if (entry.ref.caseId) add(['case', entry.ref.caseId], ['cases']);
    if (entry.kind === 'activity' || entry.kind === 'activityEdit') add(['activities']);
    if (entry.kind === 'activityPhoto') add(['activities'], ['activity-photos', entry.ref.activityId]);
    if (entry.kind === 'check-in' || entry.kind === 'check-out') add(['attendance'], ['activities']);
    if (entry.kind === 'absence') add(['attendance']);
    if (entry.kind === 'beneficiary') add(['beneficiaries'], ['beneficiary']);
    if (entry.kind === 'case') add(['cases'], ['case-summary']);
    // Issue 18: a registration or an LDP session changes the event's lists and its sitrep.
    if (entry.ref.disasterId) add(['disasters', entry.ref.disasterId]);
  }
  for (const queryKey of keys.values()) void queryClient.invalidateQueries({ queryKey });
}
