import { sql, type Kysely } from 'kysely';

/**
 * Programmes, trainers and anonymous evaluations (issue 22). A training programme (nama, uraian) holds
 * a reusable curriculum: units with their code, JP, the competencies each builds and its learning
 * objectives. An event created from a programme copies its units (so a later change of the programme
 * leaves past events and their certificates as they were) and keeps `programme_id`.
 *
 * Trainers (narasumber) of an event are internal (an account) or external (a name and institution).
 *
 * Evaluations are anonymous: `training_evaluators` says only who has evaluated an event (once: the
 * primary key); `training_ratings` holds the ratings (the event when `trainer_id` is null, else one
 * trainer, 1–5, an optional comment) with neither a person nor a time, and a random id. The service
 * rewrites an event's ratings in random order with each submission, so neither row order nor the
 * inserting transaction pairs a rating with its marker. A frozen snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_programmes (
      id uuid primary key default gen_random_uuid(),
      kode text not null unique check (kode ~ '^[a-z0-9_-]{2,40}$'),
      nama text not null check (length(btrim(nama)) between 3 and 200),
      uraian text not null default '' check (length(uraian) <= 2000),
      created_by uuid references users (id),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table training_programme_units (
      programme_id uuid not null references training_programmes (id) on delete cascade,
      kode text not null check (kode ~ '^[a-z0-9_-]{1,40}$'),
      urutan integer not null,
      nama text not null check (length(btrim(nama)) between 3 and 200),
      jp integer not null check (jp between 1 and 200),
      kompetensi text[] not null default '{}',
      tujuan text[] not null default '{}',
      primary key (programme_id, kode)
    )`.execute(db);

  await sql`alter table trainings add column programme_id uuid references training_programmes (id)`.execute(db);
  await sql`create index trainings_programme_idx on trainings (programme_id) where programme_id is not null`.execute(db);

  await sql`
    create table training_trainers (
      id uuid primary key default gen_random_uuid(),
      training_id uuid not null references trainings (id) on delete cascade,
      urutan integer not null,
      nama text not null check (length(btrim(nama)) between 3 and 200),
      instansi text check (length(btrim(instansi)) between 2 and 200),
      user_id uuid references users (id),
      units text[] not null default '{}',
      unique (training_id, urutan)
    )`.execute(db);

  await sql`
    create table training_evaluators (
      training_id uuid not null,
      user_id uuid not null,
      primary key (training_id, user_id),
      foreign key (training_id, user_id) references training_participants (training_id, user_id) on delete cascade
    )`.execute(db);

  await sql`
    create table training_ratings (
      id uuid primary key default gen_random_uuid(),
      training_id uuid not null references trainings (id) on delete cascade,
      trainer_id uuid references training_trainers (id) on delete cascade,
      nilai smallint not null check (nilai between 1 and 5),
      komentar text check (length(btrim(komentar)) between 1 and 1000)
    )`.execute(db);
  await sql`create index training_ratings_training_idx on training_ratings (training_id)`.execute(db);
}
