import { sql, type SqlBool } from 'kysely';

/**
 * The target days of a case's current stage: its category's row in `tahapan_target` if there is
 * one, else the stage default. Written against the `cases` table name, for queries on it.
 */
export const targetDays = () => sql<number | null>`coalesce(
  (select t.hari from tahapan_target t where t.tahapan = cases.tahapan and t.ppks = cases.ppks),
  (select t.hari from tahapan_target t where t.tahapan = cases.tahapan and t.ppks is null))`;

/** The SQL twin of the domain's `isOverdue`, for filtering and counting. */
export const overdue = () =>
  sql<SqlBool>`(cases.status in ('terdata', 'tertangani') and cases.tahapan_sejak + make_interval(days => ${targetDays()}) < now())`;
