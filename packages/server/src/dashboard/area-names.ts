import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** Reference areas do not change while the server runs: names are read once and kept. */
const children = new Map<string, Promise<Array<{ kode: string; nama: string }>>>();
const names = new Map<string, Promise<string>>();

export function childAreas(db: Kysely<DB>, parent: string | null): Promise<Array<{ kode: string; nama: string }>> {
  const key = parent ?? '';
  let found = children.get(key);
  if (!found) {
    found = db
      .selectFrom('wilayah')
      .select(['kode', 'nama'])
      .where('tingkat', '=', parent === null ? 1 : parent.length === 2 ? 2 : 3)
      .$if(parent !== null, (q) => q.where('induk', '=', parent!))
      .orderBy('kode')
      .execute();
    children.set(key, found);
    found.catch(() => children.delete(key));
  }
  return found;
}

export function areaName(db: Kysely<DB>, code: string): Promise<string> {
  let found = names.get(code);
  if (!found) {
    found = db
      .selectFrom('wilayah')
      .select('nama')
      .where('kode', '=', code)
      .executeTakeFirst()
      .then((r) => r?.nama ?? code);
    names.set(code, found);
    found.catch(() => names.delete(code));
  }
  return found;
}
