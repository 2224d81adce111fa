import { sql, type Kysely } from 'kysely';

/**
 * Tamper evidence and two-factor sign-in.
 *
 * Each audit event carries `hash = sha256(previous event's hash || its canonical content)`, set by
 * a BEFORE INSERT trigger, so every writer (one row, many rows, raw SQL) is chained alike. The
 * trigger locks the one-row `audit_chain_head` first and only then draws the event's id, so ids,
 * chain order and commit order are the same even with many writers (an id drawn before the lock,
 * as an identity default is, could commit after a later one). Verification recomputes each link;
 * the head is also copied now and then into `audit_chain_checkpoints` (and the log), so a chain
 * rewritten from some event onwards disagrees with an earlier head. Events written before this
 * migration are chained here, in id order.
 *
 * Two-factor sign-in: a TOTP secret per user (encrypted by the server when it has a key; the
 * pending one until a first code proves the authenticator app has it), the last time step
 * accepted (a code is good once), and one-time recovery codes kept as SHA-256 hashes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // What an event says, as bytes that do not depend on the session (time zone, output settings):
  // jsonb's text form is canonical, the time is written in UTC to the microsecond.
  await sql`
    create function audit_event_content(e audit_events) returns bytea language sql stable as $$
      select convert_to(jsonb_build_array(
        e.id, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor_id, e.actor_username,
        e.action, e.entity_type, e.entity_id, e.wilayah, e.ip, e.request_id, e.details, e.subject_id
      )::text, 'UTF8')
    $$`.execute(db);

  await sql`
    create table audit_chain_head (
      singleton boolean primary key default true check (singleton),
      last_id bigint not null,
      hash bytea not null
    )`.execute(db);
  await sql`
    create table audit_chain_checkpoints (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      event_id bigint not null,
      hash bytea not null
    )`.execute(db);
  await sql`create index audit_chain_checkpoints_event_idx on audit_chain_checkpoints (event_id)`.execute(db);

  // The id is drawn by the trigger under the head's lock: the identity default goes, its sequence stays.
  await sql`alter table audit_events alter column id drop identity`.execute(db);
  await sql`create sequence audit_events_id_seq owned by audit_events.id`.execute(db);
  await sql`select setval('audit_events_id_seq', coalesce((select max(id) from audit_events), 0) + 1, false)`.execute(db);
  await sql`alter table audit_events add column hash bytea`.execute(db);

  // Chain what is there, in id order (the append-only trigger is set aside for this one pass).
  await sql`alter table audit_events disable trigger audit_events_no_change`.execute(db);
  await sql`
    do $$
    declare
      e audit_events;
      prev bytea := decode(repeat('00', 32), 'hex');
      last bigint := 0;
    begin
      for e in select * from audit_events order by id loop
        prev := sha256(prev || audit_event_content(e));
        last := e.id;
        update audit_events set hash = prev where id = e.id;
      end loop;
      insert into audit_chain_head (last_id, hash) values (last, prev);
    end $$`.execute(db);
  await sql`alter table audit_events enable trigger audit_events_no_change`.execute(db);
  await sql`alter table audit_events alter column hash set not null`.execute(db);

  // The first event of a transaction locks the head row (held until commit: chain writers take
  // turns, and under READ COMMITTED the next one reads the head its predecessor wrote); the
  // transaction then carries the running head in a transaction-local setting, so a statement of
  // 5,000 events costs 5,000 hashes and one head update, not 5,000 versions of the head row. A
  // savepoint rolled back takes its events, its head update and its setting back together.
  await sql`
    create function audit_events_chain() returns trigger language plpgsql as $$
    declare
      held text := current_setting('tuntas.audit_chain', true);
      mine text := pg_current_xact_id()::text;
      prev bytea;
    begin
      if held is not null and split_part(held, ':', 1) = mine then
        prev := decode(split_part(held, ':', 2), 'hex');
      else
        select hash into strict prev from audit_chain_head for update;
      end if;
      new.id := nextval('audit_events_id_seq');
      new.hash := sha256(prev || audit_event_content(new));
      perform set_config('tuntas.audit_chain', mine || ':' || encode(new.hash, 'hex') || ':' || new.id, true);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger audit_events_chain before insert on audit_events
    for each row execute function audit_events_chain()`.execute(db);
  await sql`
    create function audit_chain_head_write() returns trigger language plpgsql as $$
    declare
      held text := current_setting('tuntas.audit_chain', true);
    begin
      if held is not null and split_part(held, ':', 1) = pg_current_xact_id()::text then
        update audit_chain_head set hash = decode(split_part(held, ':', 2), 'hex'), last_id = split_part(held, ':', 3)::bigint;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger audit_events_chain_head after insert on audit_events
    for each statement execute function audit_chain_head_write()`.execute(db);

  await sql`
    create table user_totp (
      user_id uuid primary key references users (id) on delete cascade,
      secret text,
      enabled_at timestamptz,
      pending_secret text,
      pending_at timestamptz,
      last_step bigint,
      check ((secret is null) = (enabled_at is null))
    )`.execute(db);
  await sql`
    create table user_recovery_codes (
      user_id uuid not null references users (id) on delete cascade,
      code_hash bytea not null,
      used_at timestamptz,
      primary key (user_id, code_hash)
    )`.execute(db);
}
