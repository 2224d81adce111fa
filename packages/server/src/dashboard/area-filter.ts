import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../http/app-error.js';

/**
 * Summary tables hold province rows (tingkat 1) and regency rows (tingkat 2, induk = province),
 * so they answer for the nation, a province or a regency. Scopes below a regency are not served
 * from them (they would include a whole regency); such callers read the base tables.
 */
export function summaryServes(area: string | null): boolean {
  return area === null || area.length === 2 || area.length === 5;
}

/** The rows of one level: the provinces (nation), a province's regencies, or one regency. */
export function levelRows(area: string | null): RawBuilder<boolean> {
  if (area === null) return sql<boolean>`tingkat = 1`;
  if (area.length === 2) return sql<boolean>`tingkat = 2 and induk = ${area}`;
  if (area.length === 5) return sql<boolean>`tingkat = 2 and induk = ${area.slice(0, 2)} and kode = ${area}`;
  throw new AppError('FORBIDDEN');
}

/** Code length of the child level shown under an area. */
export function childLength(area: string | null): 2 | 5 | null {
  if (area === null) return 2;
  if (area.length === 2) return 5;
  return null;
}
