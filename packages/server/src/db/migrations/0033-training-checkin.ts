import { sql, type Kysely } from 'kysely';

/**
 * QR check-in per training session (issue 22). Each event gets its own random key: the check-in
 * token shown on the organiser's screen is an HMAC under it, so every API node verifies the same
 * token and a token of one event never opens another. Units gain a start time (local to the
 * venue) so a check-in after it is recorded as late.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Two v4 UUIDs: 244 bits from the database's strong random source, a fresh value per row.
  await sql`
    alter table trainings
      add column checkin_key text not null default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
  `.execute(db);
  await sql`
    alter table training_units
      add column jam_mulai text check (jam_mulai ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
  `.execute(db);
  await sql`alter table training_attendance add column terlambat boolean not null default false`.execute(db);
}
