import { sql, type Kysely } from 'kysely';

/**
 * Family tracing and reunification, and aid delivered, in a disaster event (issue 18).
 * The check lists equal the domain's lists of `disaster-tracing.ts` and `disaster-aid.ts` as they
 * were when this landed (migrations import nothing from domain code).
 *
 * A tracing record's status moves only forward (terbuka → cocok → dipersatukan, or terbuka →
 * ditutup) and each move stamps its time, so the sitrep of a past day reads the status then from
 * the stamps. One BAST number of an event names one recipient: `disaster_aid_bast` holds it once
 * (its key folded as the domain's `kunciBast`: trimmed, spaces collapsed, upper case).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table disaster_tracing (
      id uuid primary key default gen_random_uuid(),
      disaster_id uuid not null references disasters (id) on delete cascade,
      jenis text not null check (jenis in ('anak_terpisah', 'anak_tanpa_pendamping', 'orang_hilang')),
      arah text not null check (arah in ('dicari', 'ditemukan')),
      nama text check (length(nama) between 1 and 200),
      nama_kunci text,
      jenis_kelamin text not null check (jenis_kelamin in ('L', 'P')),
      tanggal_lahir date,
      perkiraan_umur integer check (perkiraan_umur between 0 and 120),
      kode_desa text references wilayah (kode),
      tempat text check (length(tempat) <= 500),
      ciri_ciri text check (length(ciri_ciri) <= 2000),
      tanggal date not null,
      affected_id uuid references disaster_affected (id),
      pelapor_nama text check (length(pelapor_nama) between 1 and 200),
      pelapor_kontak text check (length(pelapor_kontak) <= 100),
      pelapor_hubungan text check (pelapor_hubungan in ('orang_tua', 'saudara_kandung', 'kakek_nenek', 'kerabat_lain', 'wali', 'tetangga', 'lainnya')),
      status text not null default 'terbuka' check (status in ('terbuka', 'cocok', 'dipersatukan', 'ditutup')),
      pasangan_id uuid references disaster_tracing (id),
      cocok_oleh uuid references users (id),
      cocok_pada timestamptz,
      alasan_tutup text check (alasan_tutup in ('ditemukan_meninggal', 'keluarga_tidak_ditemukan', 'dirujuk_lembaga_lain', 'ditarik_pelapor', 'catatan_ganda', 'lainnya')),
      catatan_tutup text check (length(catatan_tutup) <= 2000),
      ditutup_oleh uuid references users (id),
      ditutup_pada timestamptz,
      dipersatukan_pada timestamptz,
      dicatat_oleh uuid references users (id),
      dicatat_pada timestamptz not null default now(),
      version integer not null default 1,
      check (tanggal_lahir is null or perkiraan_umur is null),
      check ((nama is null) = (nama_kunci is null)),
      check ((arah = 'dicari') = (pelapor_nama is not null and pelapor_hubungan is not null)),
      check (arah = 'ditemukan' or affected_id is null),
      check ((status in ('cocok', 'dipersatukan')) = (pasangan_id is not null and cocok_pada is not null)),
      check ((status = 'dipersatukan') = (dipersatukan_pada is not null)),
      check ((status = 'ditutup') = (alasan_tutup is not null and ditutup_pada is not null))
    )`.execute(db);
  await sql`create index disaster_tracing_disaster_idx on disaster_tracing (disaster_id, arah, status)`.execute(db);
  await sql`create index disaster_tracing_affected_idx on disaster_tracing (affected_id) where affected_id is not null`.execute(db);
  await sql`create index disaster_tracing_pasangan_idx on disaster_tracing (pasangan_id) where pasangan_id is not null`.execute(db);

  // The reunification of one matched pair (the sought and the found record), recorded once.
  await sql`
    create table disaster_reunifications (
      id uuid primary key default gen_random_uuid(),
      disaster_id uuid not null references disasters (id) on delete cascade,
      dicari_id uuid not null unique references disaster_tracing (id),
      ditemukan_id uuid not null unique references disaster_tracing (id),
      tanggal date not null,
      tempat text not null check (length(tempat) between 1 and 500),
      diserahkan_kepada text not null check (length(diserahkan_kepada) between 1 and 200),
      catatan text check (length(catatan) <= 2000),
      dicatat_oleh uuid references users (id),
      dicatat_pada timestamptz not null default now()
    )`.execute(db);
  await sql`create index disaster_reunifications_disaster_idx on disaster_reunifications (disaster_id)`.execute(db);

  await sql`
    create table disaster_aid_bast (
      disaster_id uuid not null references disasters (id) on delete cascade,
      kunci text not null check (length(kunci) between 1 and 100),
      affected_id uuid references disaster_affected (id),
      keluarga_id uuid,
      primary key (disaster_id, kunci),
      check ((affected_id is null) <> (keluarga_id is null))
    )`.execute(db);

  await sql`
    create table disaster_aid (
      id uuid primary key default gen_random_uuid(),
      disaster_id uuid not null references disasters (id) on delete cascade,
      jenis text not null check (jenis in ('permakanan', 'sandang', 'hunian', 'santunan_kematian', 'santunan_luka', 'uang_tunai', 'paket_sekolah', 'lainnya')),
      uraian text not null check (length(uraian) between 1 and 500),
      nilai_rupiah bigint not null check (nilai_rupiah >= 0),
      jumlah integer not null default 1 check (jumlah >= 1),
      satuan text check (length(satuan) <= 30),
      affected_id uuid references disaster_affected (id),
      keluarga_id uuid,
      nomor_bast text not null check (length(nomor_bast) between 1 and 100),
      bast_kunci text not null,
      tanggal date not null,
      diserahkan_oleh text not null check (length(diserahkan_oleh) between 1 and 200),
      dicatat_oleh uuid references users (id),
      dicatat_pada timestamptz not null default now(),
      check ((affected_id is null) <> (keluarga_id is null)),
      foreign key (disaster_id, bast_kunci) references disaster_aid_bast (disaster_id, kunci)
    )`.execute(db);
  await sql`create index disaster_aid_disaster_idx on disaster_aid (disaster_id, tanggal)`.execute(db);
  await sql`create index disaster_aid_bast_idx on disaster_aid (disaster_id, bast_kunci)`.execute(db);
}
