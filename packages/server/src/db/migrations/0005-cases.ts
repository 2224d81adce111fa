import { sql, type Kysely } from 'kysely';

/**
 * Cases and their timeline. `status` is stored (derived from tahapan by the domain workflow on every
 * write) so lists and counts filter on an index instead of recomputing it; `case_events` is the
 * case's own history, append-only like the audit trail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence case_nomor_seq`.execute(db);
  await sql`
    create table cases (
      id uuid primary key default gen_random_uuid(),
      nomor text not null unique default ('K-' || lpad(nextval('case_nomor_seq')::text, 7, '0')),
      beneficiary_id uuid not null references beneficiaries (id),
      ppks char(2) not null references ppks (kode),
      wilayah text not null references wilayah (kode),
      provinsi char(2) not null,
      pendamping_id uuid references users (id),
      tahapan text not null references tahapan (kode),
      status text not null check (status in ('terdata', 'tertangani', 'terselesaikan', 'ditutup')),
      tahapan_sejak timestamptz not null default now(),
      ditutup_alasan text check (ditutup_alasan in ('meninggal', 'pindah', 'menolak', 'tidak_dapat_dihubungi', 'dirujuk_keluar', 'lainnya')),
      diverifikasi_oleh uuid references users (id),
      diverifikasi_pada timestamptz,
      ringkasan text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      created_by uuid,
      updated_by uuid,
      version integer not null default 1,
      check ((status = 'ditutup') = (ditutup_alasan is not null))
    )`.execute(db);
  await sql`create index cases_wilayah_idx on cases (wilayah text_pattern_ops)`.execute(db);
  // "Kasus saya" reads a pendamping's cases newest first, with or without a status: both walk an
  // index in order and stop at the page, instead of sorting the whole caseload.
  await sql`create index cases_pendamping_idx on cases (pendamping_id, updated_at desc, id)`.execute(db);
  await sql`create index cases_pendamping_status_idx on cases (pendamping_id, status, updated_at desc, id)`.execute(db);
  await sql`create index cases_beneficiary_idx on cases (beneficiary_id)`.execute(db);
  await sql`create index cases_status_idx on cases (provinsi, status, ppks)`.execute(db);
  await sql`create index cases_updated_idx on cases (updated_at desc, id)`.execute(db);

  await sql`
    create table case_events (
      id bigserial primary key,
      case_id uuid not null references cases (id),
      at timestamptz not null default now(),
      actor_id uuid,
      actor_username text,
      jenis text not null,
      dari_tahapan text,
      ke_tahapan text,
      catatan text,
      data jsonb
    )`.execute(db);
  await sql`create index case_events_case_idx on case_events (case_id, id)`.execute(db);
  await sql`
    create function case_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'case_events is append-only';
    end $$`.execute(db);
  await sql`
    create trigger case_events_no_change before update or delete on case_events
    for each row execute function case_events_append_only()`.execute(db);
}
