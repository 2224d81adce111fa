import { sql, type Kysely } from 'kysely';

/**
 * Results of uploads through the API, with the XLSX of rejected rows an operator fixes and uploads
 * again. Kept in PostgreSQL, not on a node's disk, so any API node can serve the download.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_reports (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      created_by uuid not null references users (id),
      wilayah text,
      created_at timestamptz not null default now(),
      file_name text not null,
      dry_run boolean not null,
      summary jsonb not null,
      report_xlsx bytea
    )`.execute(db);
  await sql`create index import_reports_created_by_idx on import_reports (created_by, created_at desc)`.execute(db);
}
