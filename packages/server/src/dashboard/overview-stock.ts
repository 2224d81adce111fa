import type { CaseStatus, DashboardOverview, StatusCounts } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { levelRows } from './area-filter.js';

export const zero = (): StatusCounts => ({ terdata: 0, tertangani: 0, terselesaikan: 0, ditutup: 0, total: 0 });
export const rate = (c: StatusCounts) => (c.total === 0 ? 0 : Math.round((c.terselesaikan / c.total) * 1000) / 10);

/** The case stock of one level: the funnel, per area below, per category, open cases per stage. */
export interface Stock {
  funnel: StatusCounts;
  tahapanAktif: Record<string, number>;
  byChild: Map<string, StatusCounts>;
  byPpks: Map<string, StatusCounts>;
}

/**
 * Read from `case_stats` (kept by triggers, so always exact) with three grouping sets: a few
 * hundred rows instead of every area × category × status × stage combination.
 */
export async function readStock(db: Kysely<DB>, area: string | null, ppks: string | undefined): Promise<Stock> {
  const { rows } = await sql<{ child: string | null; ppks: string | null; status: CaseStatus; tahapan: string | null; n: number }>`
    select kode as child, ppks, status, tahapan, sum(n)::int as n
    from case_stats where ${levelRows(area)}${ppks ? sql` and ppks = ${ppks}` : sql``} and n <> 0
    group by grouping sets ((kode, status), (ppks, status), (status, tahapan))`.execute(db);
  const stock: Stock = { funnel: zero(), tahapanAktif: {}, byChild: new Map(), byPpks: new Map() };
  const add = (counts: StatusCounts, r: { status: CaseStatus; n: number }) => {
    counts[r.status] += r.n;
    counts.total += r.n;
  };
  for (const r of rows) {
    if (r.child !== null) add(stock.byChild.get(r.child) ?? stock.byChild.set(r.child, zero()).get(r.child)!, r);
    else if (r.ppks !== null) add(stock.byPpks.get(r.ppks) ?? stock.byPpks.set(r.ppks, zero()).get(r.ppks)!, r);
    else {
      add(stock.funnel, r);
      if (r.status === 'terdata' || r.status === 'tertangani') stock.tahapanAktif[r.tahapan!] = (stock.tahapanAktif[r.tahapan!] ?? 0) + r.n;
    }
  }
  return stock;
}

/** Puts a fresh stock into an overview whose other figures were computed earlier (a snapshot). */
export function withStock(overview: DashboardOverview, stock: Stock): DashboardOverview {
  const ppksCounts = new Map(overview.ppks.map((p) => [p.kode, p.medianHari]));
  for (const kode of stock.byPpks.keys()) if (!ppksCounts.has(kode)) ppksCounts.set(kode, null);
  return {
    ...overview,
    funnel: stock.funnel,
    tingkatPenyelesaian: rate(stock.funnel),
    tahapanAktif: stock.tahapanAktif,
    anak: overview.anak.map((a) => {
      const counts = stock.byChild.get(a.kode) ?? zero();
      return { ...a, ...counts, tingkatPenyelesaian: rate(counts) };
    }),
    ppks: [...stock.byPpks.entries()]
      .map(([kode, counts]) => ({ kode, ...counts, medianHari: ppksCounts.get(kode) ?? null }))
      .sort((a, b) => b.total - a.total),
  };
}
