import { sql, type Kysely } from 'kysely';

/**
 * Capacity building (issue 22): training events with their curriculum units, participants,
 * attendance per unit, pre/post-test scores, certificates (public number, revocable), and the
 * competency framework with the koordinator's assessments and professional certifications.
 * The framework rows equal the domain's `KOMPETENSI` (kept equal by a test; migrations import
 * nothing from domain code).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table kompetensi (
      kode text primary key,
      nama text not null,
      uraian text not null default '',
      urutan integer not null
    )`.execute(db);
  await sql`
    insert into kompetensi (kode, nama, uraian, urutan) values
      ('manajemen_kasus', 'Manajemen kasus', 'Mengelola kasus dari pendekatan awal sampai terminasi dan bimbingan lanjut, termasuk rujukan dan konferensi kasus.', 1),
      ('asesmen', 'Asesmen', 'Menggali kondisi, kebutuhan, risiko dan sumber daya PPKS dengan instrumen asesmen.', 2),
      ('dukungan_psikososial', 'Dukungan psikososial (LDP)', 'Layanan dukungan psikososial, pertolongan pertama psikologis, konseling dasar.', 3),
      ('perlindungan_anak', 'Perlindungan anak', 'Pendampingan anak korban, anak berhadapan dengan hukum, kepentingan terbaik anak.', 4),
      ('korban_perdagangan_orang', 'Penanganan korban perdagangan orang', 'Identifikasi, pemulangan dan reintegrasi korban TPPO.', 5),
      ('napza', 'Rehabilitasi korban NAPZA', 'Pendampingan rehabilitasi sosial korban penyalahgunaan NAPZA.', 6),
      ('hiv', 'Pendampingan ODHA', 'Pendampingan orang dengan HIV, kepatuhan pengobatan, stigma.', 7),
      ('respons_bencana', 'Respons bencana', 'Layanan sosial dalam tanggap darurat dan pemulihan bencana.', 8),
      ('teknologi_komunikasi', 'Teknologi komunikasi', 'Pemanfaatan aplikasi, data dan komunikasi digital dalam pelayanan.', 9)
  `.execute(db);

  await sql`
    create table trainings (
      id uuid primary key default gen_random_uuid(),
      nomor integer generated always as identity unique,
      nama text not null check (length(nama) between 3 and 200),
      mulai date not null,
      selesai date not null,
      tempat text not null check (length(tempat) between 2 and 200),
      wilayah text not null references wilayah (kode),
      penyelenggara text not null,
      kuota integer check (kuota > 0),
      min_kehadiran integer not null default 100 check (min_kehadiran between 1 and 100),
      nilai_lulus integer check (nilai_lulus between 0 and 100),
      completed_at timestamptz,
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      check (selesai >= mulai)
    )`.execute(db);
  await sql`create index trainings_wilayah_idx on trainings (wilayah text_pattern_ops)`.execute(db);
  await sql`create index trainings_mulai_idx on trainings (mulai desc)`.execute(db);

  await sql`
    create table training_units (
      training_id uuid not null references trainings (id) on delete cascade,
      kode text not null,
      urutan integer not null,
      nama text not null,
      jp integer not null check (jp between 1 and 200),
      tanggal date,
      kompetensi text[] not null default '{}',
      primary key (training_id, kode)
    )`.execute(db);

  await sql`
    create table training_participants (
      training_id uuid not null references trainings (id) on delete cascade,
      user_id uuid not null references users (id),
      nilai_pre integer check (nilai_pre between 0 and 100),
      nilai_post integer check (nilai_post between 0 and 100),
      registered_at timestamptz not null default now(),
      primary key (training_id, user_id)
    )`.execute(db);
  await sql`create index training_participants_user_idx on training_participants (user_id)`.execute(db);

  await sql`
    create table training_attendance (
      training_id uuid not null,
      user_id uuid not null,
      unit text not null,
      recorded_at timestamptz not null default now(),
      recorded_by uuid references users (id),
      primary key (training_id, user_id, unit),
      foreign key (training_id, user_id) references training_participants (training_id, user_id) on delete cascade,
      foreign key (training_id, unit) references training_units (training_id, kode) on delete cascade
    )`.execute(db);

  await sql`
    create table training_certificates (
      nomor text primary key,
      training_id uuid not null references trainings (id),
      user_id uuid not null references users (id),
      nama text not null,
      jp integer not null,
      issued_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_reason text,
      revoked_by uuid references users (id),
      unique (training_id, user_id),
      check ((revoked_at is null) = (revoked_reason is null))
    )`.execute(db);
  await sql`create index training_certificates_user_idx on training_certificates (user_id)`.execute(db);

  await sql`
    create table competency_assessments (
      user_id uuid not null references users (id),
      kompetensi text not null references kompetensi (kode),
      level smallint not null check (level between 0 and 3),
      catatan text,
      assessed_by uuid references users (id),
      assessed_at timestamptz not null default now(),
      primary key (user_id, kompetensi)
    )`.execute(db);

  await sql`
    create table professional_certifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id),
      jenis text not null,
      nomor text not null,
      kompetensi text[] not null,
      berlaku_sampai date,
      created_by uuid references users (id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index professional_certifications_user_idx on professional_certifications (user_id)`.execute(db);
}
