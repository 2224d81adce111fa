import { sql, type Kysely } from 'kysely';

/**
 * Attendance done without a signal keeps the time the worker acted (masuk_at, pulang_at) and the
 * time the server received it, with a flag when the two are far apart.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attendance
    add column masuk_diterima_at timestamptz,
    add column pulang_diterima_at timestamptz,
    add column tertunda boolean not null default false`.execute(db);
}
