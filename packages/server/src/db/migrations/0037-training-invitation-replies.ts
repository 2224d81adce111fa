import { sql, type Kysely } from 'kysely';

/**
 * Confirming or declining an invitation (issue 22): an invited participant starts `diundang` and
 * answers on the phone — `terdaftar` (coming) or `ditolak` (not, with an optional reason). Those
 * already registered before this migration, and those the organiser registers by name, are
 * `terdaftar`. A declined invitation frees its place in the quota. A frozen snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table training_participants
      add column status text not null default 'terdaftar' check (status in ('diundang', 'terdaftar', 'ditolak')),
      add column dijawab_at timestamptz,
      add column alasan_tolak text check (length(btrim(alasan_tolak)) between 3 and 500),
      add check (alasan_tolak is null or status = 'ditolak')
  `.execute(db);
}
