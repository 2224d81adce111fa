import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { levelRows } from './area-filter.js';

export interface Medians {
  /** For the filter as asked (all categories, or the one chosen). */
  all: number | null;
  byPpks: Map<string, number>;
}

/** Median days from a histogram of weeks (the middle of the median week). */
function fromWeeks(weeks: Map<number, number>): number | null {
  const total = [...weeks.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [week, n] of [...weeks.entries()].sort((a, b) => a[0] - b[0])) {
    seen += n;
    if (seen * 2 >= total) return week * 7 + 3;
  }
  return null;
}

/** The last 12 months, as the per-minute refresh left them in `case_medians` (a few dozen rows). */
export async function refreshedMedians(db: Kysely<DB>, area: string | null, ppks: string | undefined): Promise<Medians> {
  const level =
    area === null
      ? sql`tingkat = 0`
      : area.length === 2
        ? sql`tingkat = 1 and kode = ${area}`
        : sql`tingkat = 2 and induk = ${area.slice(0, 2)} and kode = ${area}`;
  const rows = await sql<{ ppks: string; median_hari: number }>`select ppks, median_hari from case_medians where ${level}`.execute(db);
  const byPpks = new Map(rows.rows.filter((r) => r.ppks !== '').map((r) => [r.ppks, r.median_hari]));
  const all = ppks ? (byPpks.get(ppks) ?? null) : (rows.rows.find((r) => r.ppks === '')?.median_hari ?? null);
  return { all, byPpks: ppks ? new Map(byPpks.has(ppks) ? [[ppks, byPpks.get(ppks)!]] : []) : byPpks };
}

/** Any other period: from the weekly histograms kept by trigger (slower at national scale). */
export async function periodMedians(
  db: Kysely<DB>,
  area: string | null,
  ppks: string | undefined,
  dari: string,
  sampai: string,
): Promise<Medians> {
  const rows = await sql<{ ppks: string; minggu: number; n: number }>`
    select ppks, minggu, sum(n)::int as n from case_resolution_weeks
    where ${levelRows(area)}${ppks ? sql` and ppks = ${ppks}` : sql``} and bulan >= ${`${dari}-01`}::date and bulan <= ${`${sampai}-01`}::date
    group by 1, 2`.execute(db);
  const all = new Map<number, number>();
  const per = new Map<string, Map<number, number>>();
  for (const r of rows.rows) {
    all.set(r.minggu, (all.get(r.minggu) ?? 0) + r.n);
    const m = per.get(r.ppks) ?? per.set(r.ppks, new Map()).get(r.ppks)!;
    m.set(r.minggu, (m.get(r.minggu) ?? 0) + r.n);
  }
  return { all: fromWeeks(all), byPpks: new Map([...per].map(([k, weeks]) => [k, fromWeeks(weeks)!])) };
}
