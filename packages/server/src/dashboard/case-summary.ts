import { CASE_STATUSES, isWithinScope, PPKS, type CaseStatus } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { caseFilters } from '../cases/case-filters.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../http/app-error.js';
import { levelRows } from './area-filter.js';

export interface CaseSummary {
  wilayah: string | null;
  byStatus: Record<CaseStatus, number>;
  byPpks: Record<string, number>;
  byWilayah: Record<string, number>;
}

/** The code length of the level below a prefix: national → province, province → regency, … */
function childLength(prefix: string | null): number {
  if (prefix === null) return 2;
  if (prefix.length === 2) return 5;
  if (prefix.length === 5) return 8;
  return 13;
}

/**
 * Case counts in the caller's scope with the list's own filters, so a figure always equals the
 * length of the list it summarises (the tests compare both after every kind of change).
 */
export async function caseSummary(
  db: Kysely<DB>,
  actor: Actor,
  filters: { wilayah?: string | undefined; ppks?: string | undefined; pendampingId?: string | undefined },
): Promise<CaseSummary> {
  const area = filters.wilayah ?? actor.wilayah;
  if (filters.wilayah && !isWithinScope(actor.wilayah, filters.wilayah)) throw notFound();
  const len = childLength(area);
  // Nation and provinces are counted from the trigger-kept `case_stats` (per regency); a
  // pendamping's own or a regency's (split by district) from the case table.
  const rows =
    !filters.pendampingId && (area === null || area.length === 2)
      ? (
          await sql<{ status: CaseStatus; ppks: string; child: string; n: number }>`
            select status, ppks, kode as child, sum(n)::int as n from case_stats
            where ${levelRows(area)}${filters.ppks ? sql` and ppks = ${filters.ppks}` : sql``} and n <> 0
            group by 1, 2, 3`.execute(db)
        ).rows
      : await db
          .selectFrom('cases')
          .where(caseFilters(actor, filters))
          .select((eb) => ['status', 'ppks', sql<string>`left(wilayah, ${sql.lit(len)})`.as('child'), eb.fn.countAll<string>().as('n')])
          .groupBy(['status', 'ppks', sql`left(wilayah, ${sql.lit(len)})`])
          .execute();
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const byPpks: Record<string, number> = Object.fromEntries(PPKS.map((p) => [p.kode, 0]));
  const byWilayah: Record<string, number> = {};
  for (const r of rows) {
    const n = Number(r.n);
    byStatus[r.status] += n;
    byPpks[r.ppks] = (byPpks[r.ppks] ?? 0) + n;
    byWilayah[r.child] = (byWilayah[r.child] ?? 0) + n;
  }
  return { wilayah: area, byStatus, byPpks, byWilayah };
}
