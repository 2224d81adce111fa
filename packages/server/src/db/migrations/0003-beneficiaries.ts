import { sql, type Kysely } from 'kysely';

/** The registry of people (penerima manfaat), one row per NIK. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table beneficiaries (
      id uuid primary key default gen_random_uuid(),
      nik text not null check (nik ~ '^[0-9]{16}$'),
      no_kk text check (no_kk ~ '^[0-9]{16}$'),
      nama text not null check (length(nama) between 1 and 500),
      -- spelling-tolerant search key (domain nameSearchKey), never shown
      nama_kunci text not null,
      jenis_kelamin text not null check (jenis_kelamin in ('L', 'P')),
      tempat_lahir text,
      tanggal_lahir date not null,
      alamat text,
      kode_desa text not null references wilayah (kode),
      provinsi text not null check (provinsi = left(kode_desa, 2)),
      kategori_ppks text references ppks (kode),
      telepon text,
      disabilitas text,
      catatan text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      created_by uuid,
      updated_by uuid,
      version integer not null default 1
    )`.execute(db);
  // text_pattern_ops: the one index serves both exact NIK and NIK-prefix search.
  await sql`create unique index beneficiaries_nik_idx on beneficiaries (nik text_pattern_ops)`.execute(db);
  await sql`create index beneficiaries_kode_desa_idx on beneficiaries (kode_desa text_pattern_ops)`.execute(db);
  await sql`create index beneficiaries_no_kk_idx on beneficiaries (no_kk) where no_kk is not null`.execute(db);
  await sql`create index beneficiaries_nama_kunci_trgm_idx on beneficiaries using gin (nama_kunci gin_trgm_ops)`.execute(db);
  await sql`create index beneficiaries_lahir_idx on beneficiaries (tanggal_lahir, left(kode_desa, 5))`.execute(db);

  // Consent to processing personal data (UU 27/2022): for a child, given by a parent or guardian.
  await sql`
    create table beneficiary_consents (
      id uuid primary key default gen_random_uuid(),
      beneficiary_id uuid not null references beneficiaries (id) on delete cascade,
      provinsi text not null,
      tujuan text not null,
      pemberi_nama text not null,
      hubungan text not null check (hubungan in ('diri_sendiri', 'orang_tua', 'wali', 'pendamping_hukum')),
      diberikan_pada timestamptz not null,
      dicatat_oleh uuid,
      dicatat_pada timestamptz not null default now(),
      dicabut_pada timestamptz,
      dicabut_oleh uuid
    )`.execute(db);
  await sql`create index beneficiary_consents_beneficiary_idx on beneficiary_consents (beneficiary_id)`.execute(db);

  // Pairs a koordinator judged to be two different people, so they are not proposed again.
  await sql`
    create table beneficiary_distinct_pairs (
      a_id uuid not null references beneficiaries (id) on delete cascade,
      b_id uuid not null references beneficiaries (id) on delete cascade,
      decided_by uuid,
      decided_at timestamptz not null default now(),
      primary key (a_id, b_id),
      check (a_id < b_id)
    )`.execute(db);
}
