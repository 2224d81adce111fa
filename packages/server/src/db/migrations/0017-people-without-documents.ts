import { sql, type Kysely } from 'kysely';

/**
 * People without documents: a person may be registered without NIK when the reason is recorded,
 * under a temporary registry number the database issues (`TMP-<province>-<serial>`, unique,
 * kept after the NIK is linked so old papers still find them), with a birth date that may be an
 * estimate (flagged). A NIK, when there is one, stays exactly as checked before. A frozen
 * snapshot: the reason codes are copied here, not imported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table beneficiaries alter column nik drop not null`.execute(db);
  await sql`
    alter table beneficiaries
      add column alasan_tanpa_nik text check (alasan_tanpa_nik in (
        'tidak_punya_dokumen', 'dokumen_ditahan', 'dokumen_hilang_bencana', 'dokumen_hilang',
        'bayi_belum_tercatat', 'komunitas_adat', 'identitas_belum_diketahui')),
      add column tanggal_lahir_perkiraan boolean not null default false,
      add column nomor_sementara text`.execute(db);
  // Without NIK only with a reason and a temporary number; an estimated birth date only without
  // NIK (a NIK's digits carry the real one).
  await sql`
    alter table beneficiaries
      add constraint beneficiaries_tanpa_nik_check check (nik is not null or (alasan_tanpa_nik is not null and nomor_sementara is not null)),
      add constraint beneficiaries_perkiraan_check check (nik is null or not tanggal_lahir_perkiraan),
      add constraint beneficiaries_nomor_sementara_check check (nomor_sementara ~ '^TMP-[0-9]{2}-[0-9]{6,}$')`.execute(db);
  await sql`create unique index beneficiaries_nomor_sementara_idx on beneficiaries (nomor_sementara) where nomor_sementara is not null`.execute(db);

  await sql`create sequence beneficiaries_nomor_sementara_seq`.execute(db);
  await sql`
    create function beneficiaries_nomor_sementara() returns trigger language plpgsql as $$
    declare
      serial text := nextval('beneficiaries_nomor_sementara_seq')::text;
    begin
      new.nomor_sementara := 'TMP-' || new.provinsi || '-' || lpad(serial, greatest(6, length(serial)), '0');
      return new;
    end $$`.execute(db);
  await sql`
    create trigger beneficiaries_nomor_sementara before insert on beneficiaries
      for each row when (new.nik is null and new.nomor_sementara is null)
      execute function beneficiaries_nomor_sementara()`.execute(db);

  // The duplicate screen pairs each person without NIK (or with an estimated age) with people of
  // the same regency and sex born within two years: the few such people drive the join.
  await sql`
    create index beneficiaries_perkiraan_idx on beneficiaries (left(kode_desa, 5), jenis_kelamin, tanggal_lahir)
      where nik is null or tanggal_lahir_perkiraan`.execute(db);
  await sql`create index beneficiaries_regency_sex_lahir_idx on beneficiaries (left(kode_desa, 5), jenis_kelamin, tanggal_lahir)`.execute(db);
  // A re-import finds the person without NIK it registered before (same village, name key, sex).
  await sql`create index beneficiaries_tanpa_nik_desa_idx on beneficiaries (kode_desa, nama_kunci) where nik is null`.execute(db);
}
