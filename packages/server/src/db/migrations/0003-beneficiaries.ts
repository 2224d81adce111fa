import { sql, type Kysely } from 'kysely';

/** The registry of people (penerima manfaat), one row per NIK. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table beneficiaries (
      id uuid primary key default gen_random_uuid(),
      nik text not null check (nik ~ '^[0-9]{16}$'),
      no_kk text check (no_kk ~ '^[0-9]{16}$'),
      nama text not null check (length(nama) between 1 and 500),
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
  await sql`create unique index beneficiaries_nik_idx on beneficiaries (nik)`.execute(db);
  await sql`create index beneficiaries_kode_desa_idx on beneficiaries (kode_desa text_pattern_ops)`.execute(db);
  await sql`create index beneficiaries_no_kk_idx on beneficiaries (no_kk) where no_kk is not null`.execute(db);
  await sql`create index beneficiaries_nama_trgm_idx on beneficiaries using gin (nama gin_trgm_ops)`.execute(db);
}
