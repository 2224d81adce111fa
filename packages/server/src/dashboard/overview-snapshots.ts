import { isWithinScope, type DashboardOverview } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { SYSTEM_ACTOR, type Actor } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { BACKLOG_REFRESH_MS } from './backlog-refresh.js';
import { dashboardOverview, type CaseloadLimits, type OverviewQuery } from './overview.js';
import { readStock, withStock } from './overview-stock.js';

/** A snapshot older than two refresh periods means the job stopped: compute live instead. */
const FRESH_MS = 2 * BACKLOG_REFRESH_MS;

/**
 * The dashboards people open first — national and each province, no category or period filter —
 * are computed once a minute (right after the clock-driven backlog) and served from one row, with
 * the case counts (funnel, per area, per category) always read live from `case_stats`. Filtered
 * views, regencies, and the monthly reports compute everything live from the summary tables.
 */
export async function refreshOverviewSnapshots(db: Kysely<DB>, limits: CaseloadLimits, now: Date = new Date()): Promise<number> {
  const provinces = await db.selectFrom('wilayah').select('kode').where('tingkat', '=', 1).orderBy('kode').execute();
  const areas: Array<string | null> = [null, ...provinces.map((p) => p.kode)];
  for (const area of areas) {
    const body = await dashboardOverview(db, SYSTEM_ACTOR, area === null ? {} : { wilayah: area }, limits, now);
    await db
      .insertInto('dashboard_snapshots')
      .values({ wilayah: area ?? '', body: JSON.stringify(body), refreshed_at: now })
      .onConflict((oc) =>
        oc.column('wilayah').doUpdateSet({ body: (eb) => eb.ref('excluded.body'), refreshed_at: (eb) => eb.ref('excluded.refreshed_at') }),
      )
      .execute();
  }
  return areas.length;
}

/** The overview as the dashboard route serves it: the snapshot when one applies and is fresh, else live. */
export async function servedOverview(
  db: Kysely<DB>,
  actor: Actor,
  query: OverviewQuery,
  limits: CaseloadLimits,
  now: Date,
): Promise<DashboardOverview> {
  const area = query.wilayah ?? actor.wilayah;
  const unfiltered = !query.ppks && !query.dari && !query.sampai && (area === null || area.length === 2);
  if (unfiltered && actor.role !== 'pendamping') {
    const [snapshot, stock] = await Promise.all([
      db
        .selectFrom('dashboard_snapshots')
        .select('body')
        .where('wilayah', '=', area ?? '')
        .where('refreshed_at', '>', sql<Date>`${new Date(now.getTime() - FRESH_MS)}`)
        .executeTakeFirst(),
      readStock(db, area, undefined),
    ]);
    // The case counts are always live (they must equal the case lists); the rest is at most a minute old.
    if (snapshot && (area === null || isWithinScope(actor.wilayah, area))) return withStock(snapshot.body as DashboardOverview, stock);
  }
  return dashboardOverview(db, actor, query, limits, now);
}
