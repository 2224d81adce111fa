import { sql, type Kysely } from 'kysely';

/**
 * The workforce: pendamping profiles (NIP, contract, duty location) with the history of their
 * assigned area, daily attendance, daily activity entries under the koordinator's review, and the
 * yearly SKP plan (targets and the behaviour rating; realisation is computed, never stored).
 * Every row carries the worker's area at the time, so scope is the same prefix rule as cases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pendamping_profiles (
      user_id uuid primary key references users (id) on delete cascade,
      nip char(18) unique,
      jenis_asn text check (jenis_asn in ('pns', 'pppk')),
      kontrak_mulai date,
      kontrak_selesai date,
      atasan_id uuid references users (id),
      kompetensi text[] not null default '{}',
      lokasi_lat double precision check (lokasi_lat between -90 and 90),
      lokasi_lng double precision check (lokasi_lng between -180 and 180),
      radius_km integer not null default 30 check (radius_km between 1 and 1000),
      updated_at timestamptz not null default now(),
      check (kontrak_selesai is null or kontrak_mulai is null or kontrak_selesai >= kontrak_mulai)
    )`.execute(db);

  // Assignment history is written by the database so no code path can move a person silently.
  await sql`
    create table penugasan (
      id bigint generated always as identity primary key,
      user_id uuid not null references users (id) on delete cascade,
      wilayah text,
      sejak timestamptz not null default now()
    )`.execute(db);
  await sql`create index penugasan_user_idx on penugasan (user_id, sejak)`.execute(db);
  await sql`
    create function users_track_penugasan() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' or new.wilayah is distinct from old.wilayah then
        insert into penugasan (user_id, wilayah) values (new.id, new.wilayah);
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger users_penugasan after insert or update of wilayah on users
    for each row execute function users_track_penugasan()`.execute(db);
  await sql`insert into penugasan (user_id, wilayah, sejak) select id, wilayah, created_at from users`.execute(db);

  await sql`
    create table attendance (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id),
      wilayah text not null,
      tanggal date not null,
      status text not null check (status in ('hadir', 'dinas_luar', 'izin', 'sakit', 'cuti')),
      masuk_at timestamptz,
      masuk_lat double precision,
      masuk_lng double precision,
      masuk_akurasi real,
      masuk_jarak_km real,
      pulang_at timestamptz,
      pulang_lat double precision,
      pulang_lng double precision,
      pulang_akurasi real,
      pulang_jarak_km real,
      terlambat boolean not null default false,
      pulang_cepat boolean not null default false,
      jauh boolean not null default false,
      catatan text,
      persetujuan text check (persetujuan in ('menunggu', 'disetujui', 'ditolak')),
      ditinjau_oleh uuid references users (id),
      ditinjau_pada timestamptz,
      created_at timestamptz not null default now(),
      unique (user_id, tanggal),
      check (pulang_at is null or masuk_at is not null and pulang_at >= masuk_at),
      check ((status in ('izin', 'sakit', 'cuti')) = (persetujuan is not null))
    )`.execute(db);
  await sql`create index attendance_wilayah_idx on attendance (wilayah text_pattern_ops, tanggal)`.execute(db);
  await sql`create index attendance_tanggal_idx on attendance (tanggal)`.execute(db);

  await sql`
    create table activities (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id),
      wilayah text not null,
      tanggal date not null,
      jenis text not null check (jenis in ('kunjungan_rumah', 'asesmen', 'temu_bahas_kasus', 'pendampingan_rujukan',
        'dukungan_psikososial', 'koordinasi_lintas_sektor', 'pelatihan', 'administrasi')),
      durasi_menit integer not null check (durasi_menit between 1 and 720),
      uraian text,
      lat double precision check (lat between -90 and 90),
      lng double precision check (lng between -180 and 180),
      case_ids uuid[] not null default '{}',
      status text not null default 'draf' check (status in ('draf', 'diajukan', 'disetujui', 'dikembalikan')),
      sumber text not null default 'manual' check (sumber in ('manual', 'otomatis')),
      komentar text,
      diajukan_pada timestamptz,
      ditinjau_oleh uuid references users (id),
      ditinjau_pada timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index activities_user_idx on activities (user_id, tanggal)`.execute(db);
  await sql`create index activities_review_idx on activities (wilayah text_pattern_ops, status, tanggal)`.execute(db);
  // One automatic draft per person, day and type collects that day's case work.
  await sql`
    create unique index activities_auto_draft_idx on activities (user_id, tanggal, jenis)
    where sumber = 'otomatis' and status = 'draf'`.execute(db);

  await sql`
    create table skp_plans (
      user_id uuid not null references users (id),
      tahun integer not null check (tahun between 2000 and 2100),
      targets jsonb not null default '{}',
      perilaku text check (perilaku in ('di_atas', 'sesuai', 'di_bawah')),
      perilaku_catatan text,
      updated_by uuid references users (id),
      updated_at timestamptz not null default now(),
      primary key (user_id, tahun)
    )`.execute(db);

  // Realisation counts a person's own case work by month.
  await sql`create index case_events_actor_idx on case_events (actor_id, at)`.execute(db);
}
