import { sql, type Kysely } from 'kysely';

/**
 * The key that unlocks a user's data kept on their devices (issue 17). The phone encrypts its
 * working set and outbox with its own AES key, and keeps that key only wrapped by this one, which
 * the server hands out to a valid session of an enabled account (`GET /auth/device-key`). A
 * revoked session or a disabled account gets nothing, so what the device kept stays sealed; a new
 * key (rotation) makes every copy on every device unreadable at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table device_keys (
      user_id uuid primary key references users (id) on delete cascade,
      key bytea not null check (length(key) = 32),
      created_at timestamptz not null default now()
    )`.execute(db);
}

