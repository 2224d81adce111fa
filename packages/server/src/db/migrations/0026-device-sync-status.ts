import { sql, type Kysely } from 'kysely';

/**
 * What each pendamping's devices still hold (issue 17: "a supervisor sees which of their team have
 * unsent or conflicting work"). The outbox lives on the phone, so only the phone can say what it
 * holds: it reports its counts, one row per user and device (a pendamping with two phones must not
 * have one phone's empty report hide the other's waiting work). The device id is made on the
 * device. The last pull of `/sync/changes` is stamped by the server, per user.
 * The bounds equal the route's schema when this landed (migrations import nothing from domain code).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table device_sync_status (
      user_id uuid not null references users (id) on delete cascade,
      device_id uuid not null,
      menunggu integer not null check (menunggu between 0 and 10000),
      konflik integer not null check (konflik between 0 and 10000),
      ditolak integer not null check (ditolak between 0 and 10000),
      menunggu_sejak timestamptz,
      dilaporkan_pada timestamptz not null default now(),
      primary key (user_id, device_id),
      check ((menunggu = 0) = (menunggu_sejak is null))
    )`.execute(db);

  await sql`
    create table sync_pulls (
      user_id uuid primary key references users (id) on delete cascade,
      ditarik_pada timestamptz not null
    )`.execute(db);
}
