import { sql, type Kysely } from 'kysely';

/** Reference tables, accounts, sessions, login throttling and the append-only audit trail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table wilayah (
      kode text primary key,
      nama text not null,
      tingkat smallint not null check (tingkat between 1 and 4),
      induk text references wilayah (kode),
      provinsi text not null,
      zona_waktu text not null check (zona_waktu in ('WIB', 'WITA', 'WIT'))
    )`.execute(db);
  await sql`create index wilayah_induk_idx on wilayah (induk)`.execute(db);
  await sql`create index wilayah_nama_trgm_idx on wilayah using gin (nama gin_trgm_ops)`.execute(db);

  await sql`
    create table ppks (
      kode text primary key check (kode ~ '^[0-9]{2}$'),
      nama text not null,
      singkatan text not null,
      klaster_atensi text not null,
      data_spesifik boolean not null,
      catatan text not null default ''
    )`.execute(db);
  await sql`
    create table tahapan (
      kode text primary key,
      urutan smallint not null unique,
      nama text not null,
      status_utama text not null
    )`.execute(db);
  await sql`
    create table atensi_layanan (
      kode text primary key,
      nama text not null
    )`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null,
      password_hash text not null,
      role text not null check (role in ('pendamping', 'koordinator', 'direktorat', 'admin', 'auditor')),
      wilayah text references wilayah (kode),
      nama_lengkap text,
      disabled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_username_idx on users (lower(username))`.execute(db);
  await sql`create index users_wilayah_idx on users (wilayah text_pattern_ops)`.execute(db);

  await sql`
    create table sessions (
      id text primary key,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table login_attempts (
      id bigint generated always as identity primary key,
      username text not null,
      ip text not null,
      succeeded boolean not null,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index login_attempts_username_idx on login_attempts (lower(username), at)`.execute(db);
  await sql`create index login_attempts_ip_idx on login_attempts (ip, at)`.execute(db);

  await sql`
    create table audit_events (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_username text,
      action text not null,
      entity_type text not null,
      entity_id text,
      wilayah text,
      ip text,
      request_id text,
      details jsonb
    )`.execute(db);
  await sql`create index audit_events_entity_idx on audit_events (entity_type, entity_id)`.execute(db);
  await sql`create index audit_events_wilayah_idx on audit_events (wilayah text_pattern_ops, id)`.execute(db);
  await sql`create index audit_events_actor_idx on audit_events (actor_id, id)`.execute(db);
  // Append-only by construction: even the application's own role cannot rewrite history.
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_no_change before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);
}
