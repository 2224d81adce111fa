import { sql, type Kysely } from 'kysely';

/**
 * The per-statement checks of 0013, made cheaper for an import batch: an upsert fires the update
 * trigger too, with no row in it, which now returns at once; a category is compared with the 26
 * codes in one array instead of an index lookup per row (half the time for 2,000 rows).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function beneficiaries_setelah_tulis() returns trigger language plpgsql as $$
    begin
      if not exists (select 1 from baru) then
        return null;
      end if;
      if exists (select 1 from baru b where not exists (select 1 from wilayah w where w.kode = b.kode_desa)) then
        raise foreign_key_violation using message = 'beneficiaries.kode_desa is not in wilayah';
      end if;
      if exists (select 1 from baru b where b.kategori_ppks <> all (array(select kode from ppks))) then
        raise foreign_key_violation using message = 'beneficiaries.kategori_ppks is not in ppks';
      end if;
      insert into nama_kata (kata) select distinct unnest(nama_kata) from baru on conflict do nothing;
      return null;
    end $$`.execute(db);
}
