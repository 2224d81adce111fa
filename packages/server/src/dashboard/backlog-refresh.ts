import { sql, type Kysely } from 'kysely';
import { overdueJoined, stageTargets } from '../cases/case-deadline-sql.js';
import type { DB } from '../db/schema.js';
import { pruneIdempotencyKeys } from '../http/idempotency.js';

/** The job runs once a minute across nodes (refresh-job.ts); the lock keeps a seed's or a test's refresh from overlapping it. */
const LOCK_ID = 74_210_001;
/** How often the refresh job runs (its cron is every minute). */
export const BACKLOG_REFRESH_MS = 60_000;

/**
 * Recounts what changes with the clock alone — open cases by age, overdue work, each pendamping's
 * caseload — into `case_backlog` and `pendamping_load`. One pass over the open cases (an index on
 * status), in one transaction, so readers see either the old or the new figures.
 */
export async function refreshBacklog(db: Kysely<DB>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${LOCK_ID}) as locked`.execute(trx);
    if (!rows[0]?.locked) return false;
    await sql`delete from case_backlog`.execute(trx);
    await sql`
      insert into case_backlog (tingkat, induk, kode, ppks, umur, aktif, terlambat)
      select 2, left(cases.wilayah, 2), left(cases.wilayah, 5), cases.ppks,
        case when now() - cases.created_at <= interval '30 days' then '0-30'
             when now() - cases.created_at <= interval '90 days' then '31-90'
             when now() - cases.created_at <= interval '180 days' then '91-180'
             else '>180' end,
        count(*), count(*) filter (where ${overdueJoined()})
      from cases ${stageTargets} where cases.status in ('terdata', 'tertangani')
      group by 2, 3, 4, 5`.execute(trx);
    await sql`
      insert into case_backlog (tingkat, induk, kode, ppks, umur, aktif, terlambat)
      select 1, '', induk, ppks, umur, sum(aktif), sum(terlambat) from case_backlog where tingkat = 2 group by 3, 4, 5`.execute(trx);
    // Same unit as the weekly histogram (the middle of the median week), so both paths agree.
    await sql`delete from case_medians`.execute(trx);
    await sql`
      insert into case_medians (tingkat, induk, kode, ppks, median_hari)
      select case when grouping(prov) = 1 then 0 when grouping(kab) = 1 then 1 else 2 end,
        case when grouping(kab) = 0 then coalesce(prov, '') else '' end,
        coalesce(kab, prov, ''), coalesce(ppks, ''),
        (percentile_disc(0.5) within group (order by minggu)) * 7 + 3
      from (
        select left(c.wilayah, 2) as prov, left(c.wilayah, 5) as kab, c.ppks::text as ppks,
          least(156, greatest(0, floor(extract(epoch from e.at - c.created_at) / 604800)))::int as minggu
        from case_events e join cases c on c.id = e.case_id
        where e.jenis = 'diverifikasi' and e.at >= date_trunc('month', now()) - interval '11 months'
      ) resolved
      group by grouping sets ((), (ppks), (prov), (prov, ppks), (prov, kab), (prov, kab, ppks))
      having count(*) > 0`.execute(trx);
    await sql`delete from pendamping_load`.execute(trx);
    await sql`
      insert into pendamping_load (user_id, wilayah, aktif, terlambat)
      select u.id, u.wilayah, count(cases.id), count(cases.id) filter (where ${overdueJoined()})
      from users u left join cases on cases.pendamping_id = u.id and cases.status in ('terdata', 'tertangani') ${stageTargets}
      where u.role = 'pendamping' and u.disabled_at is null and u.wilayah is not null
      group by u.id, u.wilayah`.execute(trx);
    await sql`insert into case_backlog_meta (refreshed_at) values (now()) on conflict (id) do update set refreshed_at = excluded.refreshed_at`.execute(
      trx,
    );
    // The same minute's housekeeping, by the node that holds the lock: Idempotency-Keys past their 7 days.
    await pruneIdempotencyKeys(trx);
    return true;
  });
}
