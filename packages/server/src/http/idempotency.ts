import { createHash, type Hash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import type { DB } from '../db/schema.js';
import { AppError } from './app-error.js';
import { ErrorResponse } from './schemas.js';

/**
 * `Idempotency-Key` on every write of the API (issue 17): a phone replaying its outbox after a
 * lost answer must not change anything twice. One place for every route:
 *
 * - `preParsing` wraps the raw body (JSON, a photo, a spreadsheet stream) so its bytes are hashed
 *   (SHA-256 over method, path with query, body) as the route's parser reads them;
 * - `preHandler` (after the session and validation) reserves the key for the caller with one
 *   insert … on conflict, before the handler runs: a second request with the key while the first
 *   runs answers 409 IDEMPOTENCY_IN_PROGRESS; a finished one with the same hash gets the stored
 *   status and body (header `Idempotent-Replayed: true`), with another hash 422
 *   IDEMPOTENCY_KEY_REUSED;
 * - `onSend` stores the answer (2xx–4xx; a 5xx frees the key so the write can be tried again).
 *
 * Keys belong to a user (another user's same key is another key) and are kept 7 days.
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEEP_DAYS = 7;
/** A reservation whose request never answered (the node died) may be taken over after this. */
const STALE_RESERVATION_MINUTES = 5;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const IdempotencyHeaders = Type.Object({
  'Idempotency-Key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7e]+$',
      description:
        'Makes the write safe to repeat (offline outbox replays): the same key, method, path and body again within 7 days returns the stored status and body and changes nothing; ' +
        'the same key with another request answers 422 IDEMPOTENCY_KEY_REUSED; while the first request runs, 409 IDEMPOTENCY_IN_PROGRESS. Keys are per user. A UUID per write is a good key.',
    }),
  ),
});

interface KeyState {
  userId: string;
  key: string;
  method: string;
  path: string;
  hash: Hash;
  digest: string | null;
  /** This request reserved the key and must store (or free) it when it answers. */
  owns: boolean;
}

const states = new WeakMap<FastifyRequest, KeyState>();

/** Passes the body through unchanged, hashing it; the digest is ready when the body has ended. */
class HashingStream extends Transform {
  receivedEncodedLength = 0;
  constructor(private readonly state: KeyState) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.receivedEncodedLength += chunk.length;
    this.state.hash.update(chunk);
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    // A request with no body (a DELETE) was already hashed by the preHandler, before this ends.
    if (this.state.digest === null) this.state.digest = this.state.hash.digest('hex');
    done();
  }
}

function requestedKey(request: FastifyRequest, prefix: string): string | null {
  if (!WRITE_METHODS.has(request.method) || !request.url.startsWith(`${prefix}/`) || !request.actor) return null;
  const header = request.headers[IDEMPOTENCY_HEADER];
  return typeof header === 'string' && KEY_PATTERN.test(header) ? header : null;
}

interface StoredKey {
  method: string;
  path: string;
  request_hash: string;
  status: number | null;
  content_type: string | null;
  body: Buffer | null;
}

/** Reserves the key (or takes over an expired or abandoned one); null when someone holds it. */
async function reserve(db: Kysely<DB>, state: KeyState, hash: string): Promise<boolean> {
  const { rows } = await sql<{ user_id: string }>`
    insert into idempotency_keys (user_id, key, method, path, request_hash)
    values (${state.userId}, ${state.key}, ${state.method}, ${state.path}, ${hash})
    on conflict (user_id, key) do update
      set method = excluded.method, path = excluded.path, request_hash = excluded.request_hash,
          status = null, content_type = null, body = null, created_at = now(), completed_at = null
      where idempotency_keys.created_at < now() - make_interval(days => ${IDEMPOTENCY_KEEP_DAYS})
         or (idempotency_keys.status is null and idempotency_keys.created_at < now() - make_interval(mins => ${STALE_RESERVATION_MINUTES}))
    returning user_id`.execute(db);
  return rows.length > 0;
}

async function stored(db: Kysely<DB>, state: KeyState): Promise<StoredKey | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select(['method', 'path', 'request_hash', 'status', 'content_type', 'body'])
    .where('user_id', '=', state.userId)
    .where('key', '=', state.key)
    .executeTakeFirst();
}

async function free(db: Kysely<DB>, state: KeyState): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', state.userId)
    .where('key', '=', state.key)
    .where('status', 'is', null)
    .execute();
}

/** Reads what is left of a streamed body so its hash is complete (a replay of an upload). */
async function drain(body: Readable): Promise<void> {
  for await (const chunk of body) void chunk;
}

function replay(reply: FastifyReply, row: StoredKey): FastifyReply {
  reply.code(row.status!).header('idempotent-replayed', 'true');
  if (row.content_type) reply.header('content-type', row.content_type);
  return reply.send(row.body ?? '');
}

/** Deletes keys past their 7 days; run by the per-minute job and at start. */
export async function pruneIdempotencyKeys(db: Kysely<DB>): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', sql<Date>`now() - make_interval(days => ${IDEMPOTENCY_KEEP_DAYS})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Registers the hooks on `app` (before the routes): every write under `prefix` accepts the header
 * and documents it, with the 409 and 422 it may answer, in its schema (so in the OpenAPI document).
 */
export function registerIdempotency(app: FastifyInstance, prefix: string): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!route.url.startsWith(`${prefix}/`) || !methods.some((m) => WRITE_METHODS.has(m))) return;
    const schema = (route.schema ?? {}) as Record<string, unknown> & {
      headers?: { properties?: Record<string, unknown> };
      response?: Record<string, unknown>;
    };
    const headers = schema.headers
      ? { ...schema.headers, properties: { ...schema.headers.properties, ...IdempotencyHeaders.properties } }
      : IdempotencyHeaders;
    const response = schema.response ? { 409: ErrorResponse, 422: ErrorResponse, ...schema.response } : undefined;
    route.schema = { ...schema, headers, ...(response ? { response } : {}) };
  });

  app.addHook('preParsing', async (request, _reply, payload) => {
    const key = requestedKey(request, prefix);
    if (!key) return payload;
    const state: KeyState = {
      userId: request.actor!.id,
      key,
      method: request.method,
      path: request.url,
      hash: createHash('sha256'),
      digest: null,
      owns: false,
    };
    state.hash.update(`${state.method}\n${state.path}\n`);
    states.set(request, state);
    const hashing = new HashingStream(state);
    payload.on('error', (error) => hashing.destroy(error));
    return payload.pipe(hashing);
  });

  app.addHook('preHandler', async (request, reply) => {
    const state = states.get(request);
    if (!state) return;
    const db = app.ctx.database.db;
    const streamed = request.body instanceof Readable;
    // A body no parser read (none was sent): the hash of method and path alone.
    if (!streamed && state.digest === null) state.digest = state.hash.digest('hex');
    for (let attempt = 0; attempt < 3; attempt++) {
      // A streamed upload is hashed while the handler reads it; its reservation names no hash yet.
      if (await reserve(db, state, state.digest ?? 'pending')) {
        state.owns = true;
        return;
      }
      const row = await stored(db, state);
      if (!row) continue; // freed meanwhile (the first request failed): try to reserve again
      if (row.status === null) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      if (streamed) await drain(request.body as Readable);
      if (row.request_hash !== state.digest || row.method !== state.method || row.path !== state.path)
        throw new AppError('IDEMPOTENCY_KEY_REUSED');
      return replay(reply, row);
    }
    throw new AppError('IDEMPOTENCY_IN_PROGRESS');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const state = states.get(request);
    if (!state?.owns) return payload;
    state.owns = false;
    const db = app.ctx.database.db;
    const status = reply.statusCode;
    const body =
      typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : payload == null ? Buffer.alloc(0) : null;
    try {
      // A server failure is not an answer to keep (the write may be tried again); nor is a body we
      // cannot hold (a stream) or an upload whose hash is incomplete (the handler stopped reading).
      if (status >= 500 || status < 200 || body === null || state.digest === null) await free(db, state);
      else {
        const type = reply.getHeader('content-type');
        await db
          .updateTable('idempotency_keys')
          .set({ status, body, content_type: typeof type === 'string' ? type : null, request_hash: state.digest, completed_at: new Date() })
          .where('user_id', '=', state.userId)
          .where('key', '=', state.key)
          .execute();
      }
    } catch (error) {
      // The answer still goes out; the reservation expires and the key can be used again.
      request.log.error({ err: error }, 'idempotency key not stored');
    }
    return payload;
  });
}
