import { sql, type Kysely } from 'kysely';

/**
 * The caseload a pendamping should carry and the most they may (issue 20), kept by a national admin
 * on Data referensi so a change takes effect without a restart. One national row; until it is set,
 * the server's settings (TUNTAS_CASELOAD_RECOMMENDED / _MAXIMUM) hold.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table caseload_limits (
      id boolean primary key default true check (id),
      rekomendasi integer not null check (rekomendasi between 1 and 500),
      maksimum integer not null check (maksimum between 1 and 500),
      updated_by uuid references users (id),
      updated_at timestamptz not null default now(),
      check (rekomendasi <= maksimum)
    )`.execute(db);
}
