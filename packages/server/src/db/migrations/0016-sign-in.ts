import { sql, type Kysely } from 'kysely';

/**
 * Sign-in hardening. Failed sign-ins are counted per (username, IP) in one row that a single
 * upsert increments, so parallel attempts cannot all pass one check (the per-attempt log it
 * replaces was read, then written: 40 parallel attempts verified 8 passwords instead of 5), and an
 * office behind one NAT is no longer locked out by one colleague's typos. An account an admin
 * created or reset must get a new password from its owner at first sign-in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_throttle (
      username text not null,
      ip text not null,
      failures integer not null check (failures > 0),
      last_attempt_at timestamptz not null,
      primary key (username, ip)
    )`.execute(db);
  await sql`create index login_throttle_last_attempt_idx on login_throttle (last_attempt_at)`.execute(db);
  await sql`drop table login_attempts`.execute(db);
  await sql`alter table users add column must_change_password boolean not null default false`.execute(db);
}
