import type { AreaLookup } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

const cache = new WeakMap<Kysely<DB>, Promise<AreaLookup>>();

/**
 * Village and regency codes in memory (about 84,000 strings, a few MB), loaded once per database
 * handle: an import checks every row against them without a query per row. Areas change only
 * by migration, so the cache never goes stale while the process runs.
 */
export function areaLookup(db: Kysely<DB>): Promise<AreaLookup> {
  let lookup = cache.get(db);
  if (!lookup) {
    lookup = (async () => {
      const rows = await db.selectFrom('wilayah').select(['kode', 'tingkat']).where('tingkat', 'in', [2, 4]).execute();
      const villages = new Set(rows.filter((r) => r.tingkat === 4).map((r) => r.kode));
      const regencies = new Set(rows.filter((r) => r.tingkat === 2).map((r) => r.kode));
      return { isVillage: (code: string) => villages.has(code), isRegency: (code: string) => regencies.has(code) };
    })();
    cache.set(db, lookup);
  }
  return lookup;
}
