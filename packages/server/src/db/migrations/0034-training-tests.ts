import { sql, type Kysely } from 'kysely';

/**
 * Pre-test and post-test of a training event (issue 22): one bank per event and kind, with the
 * window in which participants may answer; multiple-choice questions tied to a curriculum unit so
 * the gain can be shown per unit; one submission per participant and kind, scored by the server,
 * with each answer kept. The correct choice lives only here and never leaves the server before a
 * participant has submitted. A frozen snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_tests (
      training_id uuid not null references trainings (id) on delete cascade,
      jenis text not null check (jenis in ('pre', 'post')),
      dibuka timestamptz not null,
      ditutup timestamptz not null,
      updated_by uuid references users (id),
      updated_at timestamptz not null default now(),
      primary key (training_id, jenis),
      check (ditutup > dibuka)
    )`.execute(db);
  await sql`
    create table training_questions (
      id uuid primary key default gen_random_uuid(),
      training_id uuid not null,
      jenis text not null,
      unit text not null,
      urutan integer not null,
      pertanyaan text not null check (length(btrim(pertanyaan)) between 3 and 1000),
      pilihan text[] not null check (cardinality(pilihan) between 2 and 6),
      jawaban integer not null check (jawaban >= 0 and jawaban < cardinality(pilihan)),
      foreign key (training_id, jenis) references training_tests (training_id, jenis) on delete cascade,
      foreign key (training_id, unit) references training_units (training_id, kode),
      unique (training_id, jenis, urutan)
    )`.execute(db);
  await sql`
    create table training_test_submissions (
      training_id uuid not null,
      jenis text not null,
      user_id uuid not null,
      benar integer not null check (benar >= 0),
      jumlah integer not null check (jumlah > 0 and benar <= jumlah),
      nilai integer not null check (nilai between 0 and 100),
      submitted_at timestamptz not null default now(),
      primary key (training_id, jenis, user_id),
      foreign key (training_id, jenis) references training_tests (training_id, jenis) on delete cascade,
      foreign key (training_id, user_id) references training_participants (training_id, user_id) on delete cascade
    )`.execute(db);
  await sql`create index training_test_submissions_user_idx on training_test_submissions (user_id)`.execute(db);
  await sql`
    create table training_test_answers (
      training_id uuid not null,
      jenis text not null,
      user_id uuid not null,
      question_id uuid not null references training_questions (id),
      pilihan integer not null check (pilihan between 0 and 5),
      benar boolean not null,
      primary key (training_id, jenis, user_id, question_id),
      foreign key (training_id, jenis, user_id) references training_test_submissions (training_id, jenis, user_id) on delete cascade
    )`.execute(db);
  await sql`create index training_test_answers_question_idx on training_test_answers (question_id)`.execute(db);
}
