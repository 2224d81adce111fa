import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { isWithinScope } from '@tuntas/domain';
import type { Actor } from './actor.js';

/**
 * The one place a user's area scope turns into SQL. `column` holds a Kemendagri code; a scope
 * matches itself and every code below it (`35.10` matches `35.10` and `35.10.01.2001`, not `35.1`).
 * Codes are digits and dots only, so the LIKE pattern needs no escaping; `text_pattern_ops`
 * indexes serve it.
 */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: Expression<string | null>,
  actor: Pick<Actor, 'wilayah'>,
): Expression<SqlBool> {
  const scope = actor.wilayah;
  if (scope === null) return sql<SqlBool>`true`;
  return eb.or([eb(column, '=', scope), eb(column, 'like', `${scope}.%`)]);
}

/** For records without an area (national users, global events): only national actors see them. */
export function inScopeOrNational<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: Expression<string | null>,
  actor: Pick<Actor, 'wilayah'>,
): Expression<SqlBool> {
  return actor.wilayah === null ? sql<SqlBool>`true` : inScope(eb, column, actor);
}

/** The same rule for a record already loaded. */
export function canSeeWilayah(actor: Pick<Actor, 'wilayah'>, code: string | null): boolean {
  if (code === null) return actor.wilayah === null;
  return isWithinScope(actor.wilayah, code);
}
