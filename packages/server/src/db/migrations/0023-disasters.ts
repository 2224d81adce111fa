import { sql, type Kysely } from 'kysely';

/**
 * Disaster and emergency response (issue 18): events with their areas and status history,
 * deployments of pendamping, shelters, affected people (each a person of the registry) with the
 * history of their condition and shelter, and psychosocial support (LDP) sessions.
 * The check lists equal the domain's lists of `disaster.ts` as they were when this landed
 * (migrations import nothing from domain code); 90 is MAX_HARI_PENUGASAN.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table disasters (
      id uuid primary key default gen_random_uuid(),
      nama text not null check (length(nama) between 3 and 200),
      jenis text not null check (jenis in ('gempa_bumi', 'tsunami', 'banjir', 'banjir_bandang', 'tanah_longsor', 'erupsi_gunung_api',
        'cuaca_ekstrem', 'kekeringan', 'kebakaran_hutan_lahan', 'abrasi', 'kebakaran_permukiman', 'wabah', 'konflik_sosial', 'teror')),
      status text not null check (status in ('siaga_darurat', 'tanggap_darurat', 'transisi_darurat', 'pemulihan', 'selesai')),
      mulai date not null,
      selesai date,
      keterangan text check (length(keterangan) <= 4000),
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      check ((status = 'selesai') = (selesai is not null)),
      check (selesai is null or selesai >= mulai)
    )`.execute(db);
  await sql`create index disasters_mulai_idx on disasters (mulai desc)`.execute(db);

  // The affected areas, one row each, so "touches the caller's area" is an indexed prefix match.
  await sql`
    create table disaster_wilayah (
      disaster_id uuid not null references disasters (id) on delete cascade,
      kode text not null references wilayah (kode),
      primary key (disaster_id, kode)
    )`.execute(db);
  await sql`create index disaster_wilayah_kode_idx on disaster_wilayah (kode text_pattern_ops)`.execute(db);

  await sql`
    create table disaster_status_history (
      id bigint generated always as identity primary key,
      disaster_id uuid not null references disasters (id) on delete cascade,
      status text not null check (status in ('siaga_darurat', 'tanggap_darurat', 'transisi_darurat', 'pemulihan', 'selesai')),
      catatan text check (length(catatan) <= 2000),
      oleh uuid references users (id),
      pada timestamptz not null default now()
    )`.execute(db);
  await sql`create index disaster_status_history_idx on disaster_status_history (disaster_id, pada)`.execute(db);

  await sql`
    create table disaster_deployments (
      id uuid primary key default gen_random_uuid(),
      disaster_id uuid not null references disasters (id) on delete cascade,
      user_id uuid not null references users (id),
      mulai date not null,
      selesai date not null,
      peran text not null check (peran in ('pendataan', 'ldp', 'pengelolaan_pengungsian', 'pendampingan_kasus')),
      surat_tugas text check (length(surat_tugas) <= 100),
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      check (selesai >= mulai),
      check (selesai - mulai < 90)
    )`.execute(db);
  // The access rule asks "a deployment of this user covering this day" on every request.
  await sql`create index disaster_deployments_user_idx on disaster_deployments (user_id, selesai, mulai)`.execute(db);
  await sql`create index disaster_deployments_disaster_idx on disaster_deployments (disaster_id, mulai)`.execute(db);

  await sql`
    create table disaster_shelters (
      id uuid primary key default gen_random_uuid(),
      disaster_id uuid not null references disasters (id) on delete cascade,
      nama text not null check (length(nama) between 2 and 200),
      jenis text not null check (jenis in ('pengungsian', 'posko', 'huntara')),
      kode_desa text not null references wilayah (kode),
      lat double precision check (lat between -90 and 90),
      lng double precision check (lng between -180 and 180),
      kapasitas integer not null check (kapasitas >= 0),
      fasilitas text[] not null default '{}'
        check (fasilitas <@ array['air_bersih', 'mck', 'dapur_umum', 'ruang_ramah_anak', 'layanan_kesehatan', 'penerangan']),
      kebutuhan text check (length(kebutuhan) <= 2000),
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      check ((lat is null) = (lng is null))
    )`.execute(db);
  await sql`create index disaster_shelters_disaster_idx on disaster_shelters (disaster_id)`.execute(db);

  await sql`
    create table disaster_affected (
      id uuid primary key default gen_random_uuid(),
      disaster_id uuid not null references disasters (id) on delete cascade,
      beneficiary_id uuid not null references beneficiaries (id),
      provinsi text not null,
      shelter_id uuid references disaster_shelters (id),
      kondisi text not null check (kondisi in ('mengungsi', 'luka', 'meninggal', 'hilang', 'di_rumah')),
      kelompok_rentan text[] not null default '{}'
        check (kelompok_rentan <@ array['ibu_hamil', 'ibu_menyusui', 'balita', 'anak_tanpa_pendamping', 'lansia', 'disabilitas', 'sakit_kronis']),
      kebutuhan text check (length(kebutuhan) <= 2000),
      keluarga_id uuid,
      kemungkinan_ganda boolean not null default false,
      terhubung_registri boolean not null default false,
      case_id uuid references cases (id),
      dicatat_oleh uuid references users (id),
      dicatat_pada timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index disaster_affected_disaster_idx on disaster_affected (disaster_id, dicatat_pada)`.execute(db);
  await sql`create index disaster_affected_beneficiary_idx on disaster_affected (beneficiary_id)`.execute(db);
  await sql`create index disaster_affected_shelter_idx on disaster_affected (shelter_id) where shelter_id is not null`.execute(db);
  await sql`create index disaster_affected_keluarga_idx on disaster_affected (keluarga_id) where keluarga_id is not null`.execute(db);

  // Kondisi, shelter and vulnerable groups from `berlaku` on: the sitrep of a past day reads the
  // row in force at that day's end (the index serves the DISTINCT ON of that read).
  await sql`
    create table disaster_affected_history (
      id bigint generated always as identity primary key,
      disaster_id uuid not null references disasters (id) on delete cascade,
      affected_id uuid not null references disaster_affected (id) on delete cascade,
      berlaku timestamptz not null default now(),
      kondisi text not null check (kondisi in ('mengungsi', 'luka', 'meninggal', 'hilang', 'di_rumah')),
      shelter_id uuid references disaster_shelters (id),
      kelompok_rentan text[] not null default '{}',
      oleh uuid references users (id)
    )`.execute(db);
  await sql`create index disaster_affected_history_idx on disaster_affected_history (disaster_id, affected_id, berlaku desc, id desc)`.execute(db);

  await sql`
    create table disaster_ldp_sessions (
      id uuid primary key default gen_random_uuid(),
      disaster_id uuid not null references disasters (id) on delete cascade,
      tanggal date not null,
      jenis text not null check (jenis in ('psikoedukasi', 'konseling_kelompok', 'ruang_ramah_anak', 'ldp_keliling')),
      shelter_id uuid references disaster_shelters (id),
      tempat text check (length(tempat) <= 200),
      fasilitator uuid[] not null default '{}',
      catatan text check (length(catatan) <= 4000),
      created_by uuid references users (id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index disaster_ldp_sessions_idx on disaster_ldp_sessions (disaster_id, tanggal)`.execute(db);

  await sql`
    create table disaster_ldp_peserta (
      session_id uuid not null references disaster_ldp_sessions (id) on delete cascade,
      affected_id uuid not null references disaster_affected (id) on delete cascade,
      primary key (session_id, affected_id)
    )`.execute(db);
  await sql`create index disaster_ldp_peserta_affected_idx on disaster_ldp_peserta (affected_id)`.execute(db);

  await sql`
    create table disaster_ldp_counts (
      session_id uuid not null references disaster_ldp_sessions (id) on delete cascade,
      kelompok_umur text not null check (kelompok_umur in ('anak', 'remaja', 'dewasa', 'lansia')),
      jenis_kelamin text not null check (jenis_kelamin in ('L', 'P')),
      jumlah integer not null check (jumlah between 1 and 100000),
      primary key (session_id, kelompok_umur, jenis_kelamin)
    )`.execute(db);
}
