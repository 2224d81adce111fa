import { sql, type Kysely } from 'kysely';

/**
 * The PPKS catalogue under its official names: "Telantar" (not "Terlantar") and "Korban
 * Perdagangan Orang" (UU 21/2007; not "Korban Trafficking"), as in the reference list. Monthly
 * reports and the reference screen read these names from the table, which 0002 filled with the
 * old spelling. Frozen: the names are written here, not read from the domain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update ppks set nama = v.nama
    from (values
      ('01', 'Anak Balita Telantar'),
      ('02', 'Anak Telantar'),
      ('08', 'Lanjut Usia Telantar'),
      ('18', 'Korban Perdagangan Orang')
    ) as v(kode, nama)
    where ppks.kode = v.kode`.execute(db);
}
