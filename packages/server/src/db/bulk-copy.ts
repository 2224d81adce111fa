import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './database.js';

export type CopyValue = string | number | boolean | Date | null;

/** One CSV field as COPY reads it: an unquoted empty field is NULL, anything else quoted when needed. */
function field(value: CopyValue): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text === '' || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly CopyValue[][]): string {
  let out = '';
  for (const row of rows) out += `${row.map(field).join(',')}\n`;
  return out;
}

/**
 * Loads many rows with COPY, the fastest path into PostgreSQL (an order of magnitude above
 * multi-row INSERT). Used for synthetic data, where the rows are ours and already valid; user
 * files go through the import's checks instead.
 */
export async function copyRows(database: Database, table: string, columns: readonly string[], rows: readonly CopyValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const statement = `copy ${table} (${columns.join(', ')}) from stdin with (format csv)`;
  const csv = toCsv(rows);
  if (database.pglite) {
    await database.pglite.query(statement.replace('from stdin', "from '/dev/blob'"), [], { blob: new Blob([csv]) });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await pipeline(Readable.from([csv]), client.query(copyFrom(statement)));
  } finally {
    client.release();
  }
}
