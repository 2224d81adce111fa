import { defaultSortDirection, TAHAPAN_CODES } from '@tuntas/domain';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { overdue, targetDays } from './case-deadline-sql.js';
import type { CaseQuery } from './case-service.js';

/** The filters the case list, its count and the dashboard summary share, so their figures agree. */
export type CaseFilterQuery = Omit<CaseQuery, 'page' | 'pageSize' | 'q' | 'urut' | 'arah'>;

/** The list's filters as one condition on `cases`, shared by the page query and its count. */
export function caseFilters(actor: Pick<Actor, 'wilayah'>, query: CaseFilterQuery) {
  return (eb: ExpressionBuilder<DB, 'cases'>) => {
    const conditions: Expression<SqlBool>[] = [inScope(eb, eb.ref('cases.wilayah'), actor)];
    if (query.wilayah) conditions.push(inScope(eb, eb.ref('cases.wilayah'), { wilayah: query.wilayah }));
    if (query.status) conditions.push(eb('cases.status', '=', query.status));
    if (query.ppks) conditions.push(eb('cases.ppks', '=', query.ppks));
    if (query.tahapan) conditions.push(eb('cases.tahapan', '=', query.tahapan));
    if (query.pendampingId) conditions.push(eb('cases.pendamping_id', '=', query.pendampingId));
    if (query.beneficiaryId) conditions.push(eb('cases.beneficiary_id', '=', query.beneficiaryId));
    if (query.terlambat) conditions.push(overdue());
    if (query.tanpaPendamping) conditions.push(eb('cases.pendamping_id', 'is', null));
    return eb.and(conditions);
  };
}

/** A stage's place in the seven (the workflow's order, not the codes' alphabet). */
const stageRank = sql.raw(`array_position(array[${TAHAPAN_CODES.map((c) => `'${c}'`).join(',')}]::text[], cases.tahapan::text)`);

/**
 * The list's order as one SQL expression with its direction. The deadline of a closed case (it has
 * none) sorts after every open one either way.
 */
export function caseOrder(query: Pick<CaseQuery, 'urut' | 'arah'>) {
  const urut = query.urut ?? 'aktivitas';
  const arah = query.arah ?? defaultSortDirection(urut);
  const dir = sql.raw(arah === 'asc' ? 'asc' : 'desc');
  switch (urut) {
    case 'dibuka':
      return sql`cases.created_at ${dir}`;
    case 'tahapan':
      return sql`${stageRank} ${dir}`;
    case 'tenggat':
      return sql`case when cases.status in ('terdata', 'tertangani') then cases.tahapan_sejak + make_interval(days => ${targetDays()}) end ${dir} nulls last`;
    default:
      return sql`cases.updated_at ${dir}`;
  }
}
