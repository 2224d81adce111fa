import { sql, type SqlBool } from 'kysely';

/**
 * The target days of a case's current stage: its category's row in `tahapan_target` if there is
 * one, else the stage default. Written against the `cases` table name, for queries on it.
 */
export const targetDays = () => sql<number | null>`coalesce(
  (select t.hari from tahapan_target t where t.tahapan = cases.tahapan and t.ppks = cases.ppks),
  (select t.hari from tahapan_target t where t.tahapan = cases.tahapan and t.ppks is null))`;

/**
 * For passes over many cases: the stage targets joined once (`from cases ${stageTargets}`) instead
 * of two correlated subqueries per row — over the ~400k open cases of the national data set the
 * join is about 7× faster (0.39 s against 2.9 s).
 */
export const stageTargets = sql`left join tahapan_target t_ppks on t_ppks.tahapan = cases.tahapan and t_ppks.ppks = cases.ppks
  left join tahapan_target t_all on t_all.tahapan = cases.tahapan and t_all.ppks is null`;

/** `overdue()` for a query that joined `stageTargets`. */
export const overdueJoined = () =>
  sql<SqlBool>`(cases.status in ('terdata', 'tertangani') and cases.tahapan_sejak + make_interval(days => coalesce(t_ppks.hari, t_all.hari)) < now())`;

/** The SQL twin of the domain's `isOverdue`, for filtering and counting. */
export const overdue = () =>
  sql<SqlBool>`(cases.status in ('terdata', 'tertangani') and cases.tahapan_sejak + make_interval(days => ${targetDays()}) < now())`;
