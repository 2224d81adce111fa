import { sql, type Kysely } from 'kysely';

/**
 * Protection follows the person, not one case: someone with any case in a category of specific
 * data (UU 27/2022 Pasal 4(2)) stays protected on every path, registry included. The flag is kept
 * by a trigger on `cases`, in the transaction that opens, recategorises or moves a case.
 * Break-glass opens a person (all their cases), and the audit trail names the person each event
 * concerns, so an auditor can ask who looked at them. One open case per person and category is
 * now a rule of the database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table beneficiaries add column data_spesifik boolean not null default false`.execute(db);

  await sql`
    create function beneficiary_protection_refresh(person uuid) returns void language sql as $$
      update beneficiaries b
         set data_spesifik = x.spesifik
        from (select exists (select 1 from cases c join ppks p on p.kode = c.ppks
                              where c.beneficiary_id = person and p.data_spesifik) as spesifik) x
       where b.id = person and b.data_spesifik is distinct from x.spesifik
    $$`.execute(db);

  await sql`
    create function cases_protection() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        perform beneficiary_protection_refresh(old.beneficiary_id);
      end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.beneficiary_id is distinct from old.beneficiary_id) then
        perform beneficiary_protection_refresh(new.beneficiary_id);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger cases_protection after insert or delete or update of ppks, beneficiary_id on cases
      for each row execute function cases_protection()`.execute(db);

  // For bulk loads, which disable the trigger and recompute everyone once.
  await sql`
    create function beneficiary_protection_rebuild() returns void language sql as $$
      update beneficiaries b set data_spesifik = s.spesifik
        from (select b2.id, exists (select 1 from cases c join ppks p on p.kode = c.ppks
                                     where c.beneficiary_id = b2.id and p.data_spesifik) as spesifik
                from beneficiaries b2) s
       where s.id = b.id and b.data_spesifik is distinct from s.spesifik
    $$`.execute(db);
  await sql`select beneficiary_protection_rebuild()`.execute(db);

  await sql`
    create table identity_access (
      id bigserial primary key,
      beneficiary_id uuid not null references beneficiaries (id),
      case_id uuid references cases (id),
      user_id uuid not null references users (id),
      alasan text not null,
      created_at timestamptz not null default now(),
      berlaku_sampai timestamptz not null
    )`.execute(db);
  await sql`create index identity_access_idx on identity_access (user_id, beneficiary_id, berlaku_sampai)`.execute(db);
  await sql`
    insert into identity_access (beneficiary_id, case_id, user_id, alasan, created_at, berlaku_sampai)
    select c.beneficiary_id, a.case_id, a.user_id, a.alasan, a.created_at, a.berlaku_sampai
      from case_identity_access a join cases c on c.id = a.case_id`.execute(db);
  await sql`drop table case_identity_access`.execute(db);

  await sql`alter table audit_events add column subject_id uuid`.execute(db);
  await sql`create index audit_events_subject_idx on audit_events (subject_id, id) where subject_id is not null`.execute(db);

  await sql`
    create unique index cases_one_open_idx on cases (beneficiary_id, ppks)
      where status in ('terdata', 'tertangani')`.execute(db);
}
