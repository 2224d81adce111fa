import { provinceOf, zonaWaktu } from '@tuntas/domain';
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import { sql, type Kysely } from 'kysely';

const BATCH = 20_000;

/**
 * Inserts all four levels, parents first, with one `unnest` statement per batch: 83,762 villages
 * in a handful of round trips, which is what keeps a first start on PGlite within seconds.
 */
export async function loadWilayah(db: Kysely<unknown>): Promise<number> {
  const [provinces, regencies, districts, villages] = await Promise.all([getProvinces(), getRegencies(), getDistricts(), getVillages()]);
  const levels: Array<Array<{ code: string; name: string; parent: string | null }>> = [
    provinces.map((p) => ({ code: p.code, name: p.name, parent: null })),
    regencies.map((r) => ({ code: r.code, name: r.name, parent: r.province_code })),
    districts.map((d) => ({ code: d.code, name: d.name, parent: d.regency_code })),
    villages.map((v) => ({ code: v.code, name: v.name, parent: v.district_code })),
  ];
  let total = 0;
  for (const [index, rows] of levels.entries()) {
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      await sql`
        insert into wilayah (kode, nama, tingkat, induk, provinsi, zona_waktu)
        select kode, nama, ${index + 1}::smallint, induk, provinsi, zona
        from unnest(
          ${batch.map((r) => r.code)}::text[],
          ${batch.map((r) => r.name)}::text[],
          ${batch.map((r) => r.parent)}::text[],
          ${batch.map((r) => provinceOf(r.code))}::text[],
          ${batch.map((r) => zonaWaktu(r.code))}::text[]
        ) as t (kode, nama, induk, provinsi, zona)`.execute(db);
      total += batch.length;
    }
  }
  return total;
}
