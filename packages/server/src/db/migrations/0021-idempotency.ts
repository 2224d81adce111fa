import { sql, type Kysely } from 'kysely';

/**
 * Replays of queued offline writes (issue 17). Each write may carry an `Idempotency-Key`; the key
 * is reserved by one insert (primary key: user, key) before the handler runs, so two requests
 * with the same key at once cannot both execute, and the answer is stored when it is sent: the
 * same key, method, path and body again gets that answer and changes nothing. `request_hash` is
 * the SHA-256 of method, path and the raw body; `status` is null while the first request runs.
 * Rows are kept at least 7 days (pruned by `created_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table idempotency_keys (
      user_id uuid not null references users (id) on delete cascade,
      key text not null check (length(key) between 1 and 255),
      method text not null,
      path text not null,
      request_hash text not null,
      status integer check (status between 200 and 499),
      content_type text,
      body bytea,
      created_at timestamptz not null default now(),
      completed_at timestamptz,
      primary key (user_id, key)
    )`.execute(db);
  await sql`create index idempotency_keys_created_idx on idempotency_keys (created_at)`.execute(db);
}
