import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password-hash.js';
import type { DB } from '../db/schema.js';
import { personName, PROVINCE_POPULATION } from './demo-population.js';
import { Random } from './random.js';

export const PENDAMPING_TOTAL = 635;

export interface FieldWorker {
  id: string;
  /** The regency the pendamping serves. */
  wilayah: string;
}

/** How many pendamping each province gets: by population, at least two. */
export function pendampingPerProvince(provinces: readonly string[]): Map<string, number> {
  const weight = (p: string) => PROVINCE_POPULATION[p] ?? 1;
  const floor = 2;
  const spare = PENDAMPING_TOTAL - floor * provinces.length;
  const total = provinces.reduce((s, p) => s + weight(p), 0);
  const exact = provinces.map((p) => ({ p, share: (spare * weight(p)) / total }));
  const counts = new Map(exact.map(({ p, share }) => [p, floor + Math.floor(share)]));
  // Largest remainders take the seats rounding left over, so the total is exactly 635.
  let left = PENDAMPING_TOTAL - [...counts.values()].reduce((a, b) => a + b, 0);
  for (const { p } of [...exact].sort((a, b) => (b.share % 1) - (a.share % 1))) {
    if (left-- <= 0) break;
    counts.set(p, counts.get(p)! + 1);
  }
  return counts;
}

/**
 * A koordinator for every province and 635 pendamping spread over the regencies, named
 * `pendamping.PP.RR` (a second one in the same regency gets `.2`). They share one password hash:
 * hashing 670 passwords with argon2id would take a minute, and all demo accounts share the
 * demo password anyway. Existing usernames are kept, so the contract's demo accounts are part of the 635.
 */
export async function seedWorkforce(db: Kysely<DB>, password: string, random: Random): Promise<FieldWorker[]> {
  const regencies = await db.selectFrom('wilayah').select(['kode', 'nama', 'induk']).where('tingkat', '=', 2).orderBy('kode').execute();
  const provinces = await db.selectFrom('wilayah').select(['kode', 'nama']).where('tingkat', '=', 1).orderBy('kode').execute();
  const existing = new Set((await db.selectFrom('users').select('username').execute()).map((u) => u.username));
  const hash = await hashPassword(password);
  const rows: Array<{ username: string; role: 'koordinator' | 'pendamping'; wilayah: string; nama_lengkap: string }> = [];
  const person = () => {
    return personName(random, random.chance(0.55));
  };
  for (const p of provinces) rows.push({ username: `koordinator.${p.kode}`, role: 'koordinator', wilayah: p.kode, nama_lengkap: person() });

  const counts = pendampingPerProvince(provinces.map((p) => p.kode));
  for (const p of provinces) {
    const own = regencies.filter((r) => r.induk === p.kode);
    for (let i = 0; i < counts.get(p.kode)!; i++) {
      const regency = own[i % own.length]!;
      const nth = Math.floor(i / own.length) + 1;
      rows.push({
        username: `pendamping.${regency.kode}${nth > 1 ? `.${nth}` : ''}`,
        role: 'pendamping',
        wilayah: regency.kode,
        nama_lengkap: person(),
      });
    }
  }
  const fresh = rows.filter((r) => !existing.has(r.username));
  for (let i = 0; i < fresh.length; i += 500) {
    await db
      .insertInto('users')
      .values(fresh.slice(i, i + 500).map((r) => ({ ...r, password_hash: hash })))
      .execute();
  }
  const names = rows.filter((r) => r.role === 'pendamping').map((r) => r.username);
  const workers = await db.selectFrom('users').select(['id', 'wilayah']).where('username', 'in', names).orderBy('username').execute();
  return workers.map((w) => ({ id: w.id, wilayah: w.wilayah! }));
}
