import { sql, type Kysely } from 'kysely';

/**
 * Retention (UU 27/2022 Pasal 16 ayat (2) huruf h: personal data is destroyed or anonymised once
 * its retention ends): legal holds that keep a person or case as it is, and the marks of what the
 * retention job anonymised. An anonymised person keeps no NIK and no temporary number, so the
 * rule "a NIK, or a reason and a temporary number" admits them; a case's timeline stays
 * append-only except for the one change anonymisation makes (its free text cleared), allowed only
 * inside a transaction that says so (`set local tuntas.anonimisasi = 'ya'`). A frozen snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table legal_holds (
      id uuid primary key default gen_random_uuid(),
      beneficiary_id uuid references beneficiaries (id),
      case_id uuid references cases (id),
      -- the held record's area: who may list and release the hold
      wilayah text not null,
      alasan text not null check (length(btrim(alasan)) between 5 and 1000),
      dibuat_oleh uuid not null references users (id),
      dibuat_pada timestamptz not null default now(),
      dicabut_oleh uuid references users (id),
      dicabut_pada timestamptz,
      alasan_cabut text check (length(btrim(alasan_cabut)) between 5 and 1000),
      check ((beneficiary_id is null) <> (case_id is null)),
      check ((dicabut_pada is null) = (dicabut_oleh is null) and (dicabut_pada is null) = (alasan_cabut is null))
    )`.execute(db);
  // One hold in force per record: a second answers 409 instead of piling up.
  await sql`create unique index legal_holds_beneficiary_idx on legal_holds (beneficiary_id) where dicabut_pada is null and beneficiary_id is not null`.execute(
    db,
  );
  await sql`create unique index legal_holds_case_idx on legal_holds (case_id) where dicabut_pada is null and case_id is not null`.execute(db);
  await sql`create index legal_holds_wilayah_idx on legal_holds (wilayah text_pattern_ops, dibuat_pada desc)`.execute(db);

  await sql`alter table beneficiaries add column dianonimkan_pada timestamptz`.execute(db);
  await sql`alter table cases add column dianonimkan_pada timestamptz`.execute(db);
  await sql`alter table disaster_tracing add column dianonimkan_pada timestamptz`.execute(db);
  await sql`alter table beneficiaries drop constraint beneficiaries_tanpa_nik_check`.execute(db);
  await sql`
    alter table beneficiaries add constraint beneficiaries_tanpa_nik_check
      check (nik is not null or dianonimkan_pada is not null or (alasan_tanpa_nik is not null and nomor_sementara is not null))`.execute(db);

  await sql`
    create or replace function case_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and coalesce(current_setting('tuntas.anonimisasi', true), '') = 'ya'
         and (new.id, new.case_id, new.at, new.actor_id, new.actor_username, new.jenis, new.dari_tahapan, new.ke_tahapan)
             is not distinct from (old.id, old.case_id, old.at, old.actor_id, old.actor_username, old.jenis, old.dari_tahapan, old.ke_tahapan)
      then
        return new;
      end if;
      raise exception 'case_events is append-only';
    end $$`.execute(db);
}
