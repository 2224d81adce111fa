import { sql, type Kysely } from 'kysely';

/**
 * Generated documents (monthly reports per province and the national recap, XLSX and PDF):
 * generated on demand with progress, and by the server at month end into the same list. The
 * file is kept in PostgreSQL so every API node can serve it and backups include it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reports (
      id uuid primary key default gen_random_uuid(),
      jenis text not null check (jenis in ('bulanan')),
      wilayah text,
      bulan char(7) not null,
      format text not null check (format in ('xlsx', 'pdf')),
      status text not null default 'antre' check (status in ('antre', 'proses', 'selesai', 'gagal')),
      progres integer not null default 0 check (progres between 0 and 100),
      berkas bytea,
      ukuran integer,
      galat text,
      otomatis boolean not null default false,
      dibuat_oleh uuid references users (id),
      dibuat_pada timestamptz not null default now(),
      selesai_pada timestamptz
    )`.execute(db);
  await sql`create index reports_scope_idx on reports (wilayah text_pattern_ops, bulan desc)`.execute(db);
  // One automatic report per area, month and format: the month-end job can run on many nodes.
  await sql`create unique index reports_auto_idx on reports (coalesce(wilayah, ''), bulan, format) where otomatis`.execute(db);
}
