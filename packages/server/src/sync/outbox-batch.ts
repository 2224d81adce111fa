import { errorMessage, localeFromAcceptLanguage, outboxRouteAllowed, type OutboxBatchEntry, type OutboxBatchResult } from '@tuntas/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { AppError } from '../http/app-error.js';
import { IDEMPOTENCY_HEADER } from '../http/idempotency.js';

/**
 * The device's outbox replayed in one request (issue 17, `POST /sync/outbox`). Each entry is
 * handed to the app itself (`inject`) as the request the device would have sent alone: the
 * caller's session cookie, its language, its address and the entry's Idempotency-Key. So every
 * rule of the ordinary route applies unchanged — session and password/2FA checks, validation,
 * scope and policy, optimistic locking, audit, idempotency — and there is no second
 * implementation of any of them here. This module only decides which paths may be sent and in
 * what order.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The records an entry touches: the device's own names for them, the ids in its path and the ids its body refers to. */
function recordsOf(entry: OutboxBatchEntry): string[] {
  const fromPath = entry.path.split('/').filter((segment) => UUID.test(segment));
  const fromBody = [entry.body['id'], entry.body['beneficiaryId'], entry.body['caseId']].filter(
    (v): v is string => typeof v === 'string' && UUID.test(v),
  );
  return [...(entry.records ?? []), ...fromPath, ...fromBody].map((k) => k.toLowerCase());
}

function answer(request: FastifyRequest, id: string, code: 'OUTBOX_PATH_NOT_ALLOWED' | 'OUTBOX_ENTRY_WAITING'): OutboxBatchResult {
  const status = new AppError(code).status;
  return {
    id,
    status,
    body: { error: { code, message: errorMessage(code, localeFromAcceptLanguage(request.headers['accept-language'])) } },
  };
}

function parsed(payload: string, contentType: unknown): unknown {
  if (payload === '') return null;
  if (typeof contentType === 'string' && contentType.includes('json')) {
    try {
      return JSON.parse(payload) as unknown;
    } catch {
      return payload;
    }
  }
  return payload;
}

/**
 * Runs the entries one after another, in the order sent (the device sends them oldest first).
 * An entry whose path is not an outbox write answers 400 OUTBOX_PATH_NOT_ALLOWED; one after an
 * entry on the same record that did not succeed (any answer but 2xx, or itself not run) is not
 * run and answers 424 OUTBOX_ENTRY_WAITING, so the device keeps it. Other entries still run.
 */
export async function runOutboxBatch(
  app: FastifyInstance,
  request: FastifyRequest,
  prefix: string,
  entries: readonly OutboxBatchEntry[],
): Promise<OutboxBatchResult[]> {
  const ids = new Set(entries.map((e) => e.id));
  if (ids.size !== entries.length) throw new AppError('OUTBOX_BATCH_INVALID');
  const token = request.cookies[SESSION_COOKIE];
  // Only what the ordinary route reads of the device's request; never its body, length or encoding.
  // No Origin: the batch itself passed the CSRF guard with the device's Origin, and this request
  // does not come from a browser (a proxy's scheme would make a forwarded Origin look foreign).
  const forwarded: Record<string, string> = { 'content-type': 'application/json' };
  if (token) forwarded['cookie'] = `${SESSION_COOKIE}=${token}`;
  for (const name of ['accept-language', 'user-agent'] as const) {
    const value = request.headers[name];
    if (typeof value === 'string') forwarded[name] = value;
  }
  const failed = new Set<string>();
  const results: OutboxBatchResult[] = [];
  for (const [index, entry] of entries.entries()) {
    const records = recordsOf(entry);
    if (!outboxRouteAllowed(entry.method, entry.path)) {
      results.push(answer(request, entry.id, 'OUTBOX_PATH_NOT_ALLOWED'));
      for (const r of records) failed.add(r);
      continue;
    }
    if (records.some((r) => failed.has(r))) {
      results.push(answer(request, entry.id, 'OUTBOX_ENTRY_WAITING'));
      for (const r of records) failed.add(r);
      continue;
    }
    const response = await app.inject({
      method: entry.method,
      url: `${prefix}${entry.path}`,
      headers: { ...forwarded, [IDEMPOTENCY_HEADER]: entry.id, 'x-request-id': `${String(request.id)}-${index}` },
      payload: JSON.stringify(entry.body),
      remoteAddress: request.ip,
    });
    if (response.statusCode < 200 || response.statusCode >= 300) for (const r of records) failed.add(r);
    results.push({ id: entry.id, status: response.statusCode, body: parsed(response.payload, response.headers['content-type']) });
  }
  return results;
}
