import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { overdue } from './case-deadline-sql.js';
import type { CaseQuery } from './case-service.js';

/** The filters the case list, its count and the dashboard summary share, so their figures agree. */
export type CaseFilterQuery = Omit<CaseQuery, 'page' | 'pageSize' | 'q'>;

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
    return eb.and(conditions);
  };
}
