/**
 * `POST /sync/outbox` (issue 17): a device replays up to 50 queued writes in one request instead
 * of one round trip each. The server runs every entry through the ordinary route (session,
 * authorization, validation, Idempotency-Key), so an entry answers exactly what that route
 * would have answered. Shared by the server (which refuses any other path) and the web outbox
 * (which sends anything else one by one).
 */

/** At most this many writes in one batch. */
export const OUTBOX_BATCH_MAX = 50;

export type OutboxMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One id in a path: what our ids look like (UUIDs), never a dot, a slash or an escape. */
const ID = '[0-9A-Za-z_-]{1,64}';

/** The field writes the outbox queues (web/src/api/*-writes.ts, *-queries.ts, field pages), nothing else. */
const ROUTES: ReadonlyArray<readonly [OutboxMethod, RegExp]> = (
  [
    ['POST', '/beneficiaries'],
    ['POST', '/cases'],
    ['POST', `/cases/${ID}/transitions`],
    ['POST', `/cases/${ID}/assessments`],
    ['POST', `/cases/${ID}/services`],
    ['POST', `/cases/${ID}/referrals`],
    ['POST', `/referrals/${ID}/status`],
    ['POST', `/cases/${ID}/conferences`],
    ['PUT', `/cases/${ID}/plan`],
    ['POST', `/cases/${ID}/plan/submit`],
    ['PUT', `/cases/${ID}/outcomes`],
    ['POST', `/cases/${ID}/followups`],
    ['POST', `/followups/${ID}/record`],
    ['POST', '/attendance/check-in'],
    ['POST', '/attendance/check-out'],
    ['POST', '/attendance/absence'],
    ['POST', '/activities'],
    ['PATCH', `/activities/${ID}`],
    ['POST', `/disasters/${ID}/affected`],
    ['PATCH', `/disasters/${ID}/affected/${ID}`],
    ['POST', `/disasters/${ID}/ldp-sessions`],
    ['POST', `/disasters/${ID}/tracing`],
    ['POST', `/disasters/${ID}/aid`],
  ] as const
).map(([method, path]) => [method, new RegExp(`^${path}$`)] as const);

/** The write may go in a batch: one of the outbox's routes (a path under /api/v1, no query string). */
export function outboxRouteAllowed(method: string, path: string): boolean {
  return ROUTES.some(([m, pattern]) => m === method && pattern.test(path));
}

/** One queued write as the device sends it. */
export interface OutboxBatchEntry {
  /** The write's Idempotency-Key: replaying it (alone or in a batch) changes nothing twice. */
  id: string;
  method: OutboxMethod;
  /** Under /api/v1, e.g. `/cases/{id}/services`. */
  path: string;
  body: Record<string, unknown>;
  /** The record's version the write was based on (informative: the body carries what the route checks). */
  baseVersion?: number | null;
  /** When the user acted (device clock). */
  actedAt: string;
  /**
   * What the write must come after on the device (its case, person, visit, activity, event, day).
   * Entries sharing one, or an id in their paths or bodies, run in order; one after such an entry
   * that did not succeed is not run.
   */
  records?: string[];
}

/** What became of one entry: the route's own status and body, or 424 OUTBOX_ENTRY_WAITING when it was not run. */
export interface OutboxBatchResult {
  id: string;
  status: number;
  body: unknown;
}

export interface OutboxBatchResponse {
  results: OutboxBatchResult[];
}
