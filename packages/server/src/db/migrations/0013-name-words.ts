import { sql, type Kysely } from 'kysely';

/**
 * Name search by words instead of by trigrams of the whole name. Over a million people the
 * trigram index hands back ten thousand candidates for "umi gnawan" (every Gunawan shares its
 * trigrams), and checking them costs hundreds of milliseconds. Names are made of a small
 * vocabulary of words: a typed word is matched fuzzily against that vocabulary (`nama_kata`,
 * thousands of rows), and people are found by the exact words through one GIN index that also
 * holds the province, so a province's search never looks at another province's people.
 *
 * Also: the reference-table links of beneficiaries are checked per statement (see below), which
 * makes an import batch far cheaper.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists btree_gin`.execute(db);
  await sql`alter table beneficiaries add column nama_kata text[] generated always as (string_to_array(nama_kunci, ' ')) stored`.execute(db);
  await sql`create index beneficiaries_nama_kata_idx on beneficiaries using gin (provinsi, nama_kata)`.execute(db);
  await sql`drop index beneficiaries_nama_kunci_trgm_idx`.execute(db);

  // Words are only ever added: a word nobody carries any more matches nobody, which is harmless.
  await sql`create table nama_kata (kata text primary key)`.execute(db);
  await sql`insert into nama_kata (kata) select distinct unnest(nama_kata) from beneficiaries`.execute(db);
  await sql`create index nama_kata_trgm_idx on nama_kata using gin (kata gin_trgm_ops)`.execute(db);

  // The links to the reference tables are checked once per statement, by one anti-join over the
  // statement's rows, instead of a foreign key's lookup and row lock on the parent for every row:
  // an import batch of 2,000 people made 4,000 of those. Reference rows in use cannot go away.
  await sql`alter table beneficiaries drop constraint beneficiaries_kode_desa_fkey, drop constraint beneficiaries_kategori_ppks_fkey`.execute(db);
  await sql`
    create function beneficiaries_setelah_tulis() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from baru b where not exists (select 1 from wilayah w where w.kode = b.kode_desa)) then
        raise foreign_key_violation using message = 'beneficiaries.kode_desa is not in wilayah';
      end if;
      if exists (select 1 from baru b where b.kategori_ppks is not null and not exists (select 1 from ppks p where p.kode = b.kategori_ppks)) then
        raise foreign_key_violation using message = 'beneficiaries.kategori_ppks is not in ppks';
      end if;
      insert into nama_kata (kata) select distinct unnest(nama_kata) from baru on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger beneficiaries_setelah_insert after insert on beneficiaries
    referencing new table as baru for each statement execute function beneficiaries_setelah_tulis()`.execute(db);
  await sql`
    create trigger beneficiaries_setelah_update after update on beneficiaries
    referencing new table as baru for each statement execute function beneficiaries_setelah_tulis()`.execute(db);
  await sql`
    create function rujukan_beneficiaries_dijaga() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'wilayah' and exists (select 1 from beneficiaries where kode_desa = old.kode) then
        raise foreign_key_violation using message = 'wilayah ' || old.kode || ' is used by beneficiaries';
      end if;
      if tg_table_name = 'ppks' and exists (select 1 from beneficiaries where kategori_ppks = old.kode) then
        raise foreign_key_violation using message = 'ppks ' || old.kode || ' is used by beneficiaries';
      end if;
      return old;
    end $$`.execute(db);
  for (const table of ['wilayah', 'ppks']) {
    await sql`
      create trigger ${sql.raw(`${table}_dipakai_beneficiaries`)} before delete or update of kode on ${sql.table(table)}
      for each row execute function rujukan_beneficiaries_dijaga()`.execute(db);
  }
}
