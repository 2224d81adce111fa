import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../http/app-error.js';

/**
 * Summary tables are kept per regency (`kabupaten` = PP.RR), so they answer for the nation, a
 * province or a regency. Scopes below a regency are not served from them (they would include a
 * whole regency); such callers read the base tables.
 */
export function summaryServes(area: string | null): boolean {
  return area === null || area.length === 2 || area.length === 5;
}

export function kabupatenIn(area: string | null, column: RawBuilder<unknown> = sql.ref('kabupaten')): RawBuilder<boolean> {
  if (area === null) return sql<boolean>`true`;
  if (area.length === 2) return sql<boolean>`${column} like ${`${area}.%`}`;
  if (area.length === 5) return sql<boolean>`${column} = ${area}`;
  throw new AppError('FORBIDDEN');
}

/** Code length of the child level shown under an area. */
export function childLength(area: string | null): 2 | 5 | null {
  if (area === null) return 2;
  if (area.length === 2) return 5;
  return null;
}
