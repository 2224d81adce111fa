import { sql, type Kysely } from 'kysely';

/**
 * Large registry uploads become jobs (issue 23): the upload's row says how far its import has got
 * (`status`, rows stored so far in `progres`, the file's rows in `baris`), so the uploader sees it
 * and any node can take over a crashed attempt. The file waits in `import_files` and each problem
 * row's verdict (with the row as written, for the XLSX to fix and upload again) in
 * `import_row_verdicts`, written in the transaction that stores its batch, so a retry resumes after
 * the last stored batch and the final report holds every attempt's rows. Both are deleted when the
 * job ends: the people's data stays only in the registry. Rows written before this migration were
 * finished in their request: `selesai`. A frozen snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table import_reports
      add column status text not null default 'selesai' check (status in ('antre', 'proses', 'selesai', 'gagal')),
      add column progres integer not null default 0 check (progres >= 0),
      add column baris integer check (baris >= 0),
      add column galat text,
      add column selesai_pada timestamptz
  `.execute(db);
  await sql`
    create table import_files (
      import_id uuid primary key references import_reports (id) on delete cascade,
      berkas bytea not null
    )
  `.execute(db);
  await sql`
    create table import_row_verdicts (
      import_id uuid not null references import_reports (id) on delete cascade,
      line integer not null,
      errors text[] not null,
      warnings text[] not null,
      original jsonb not null,
      primary key (import_id, line)
    )
  `.execute(db);
}
