import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

interface Deferred {
  indexes: Array<{ name: string; definition: string }>;
  foreignKeys: Array<{ table: string; name: string; definition: string }>;
}

/**
 * Runs a bulk load into empty tables with their secondary indexes and foreign keys set aside, then
 * puts them back: one index build over a million sorted rows is far cheaper than a million index
 * insertions, and a foreign key validated once by a join is far cheaper than a row lock on the
 * parent for every child row. Unique and primary keys stay (they guard the data); everything
 * dropped is restored even when the load fails.
 */
export async function withDeferredIndexes<T>(db: Kysely<DB>, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  const deferred: Deferred = { indexes: [], foreignKeys: [] };
  const fks = await sql<{ table: string; name: string; definition: string }>`
    select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c where c.contype = 'f' and c.conrelid::regclass::text = any(${sql.val([...tables])}::text[])`.execute(db);
  const indexes = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = any(${sql.val([...tables])}::text[])
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
      and i.indexdef not like 'CREATE UNIQUE%'`.execute(db);
  for (const fk of fks.rows) {
    await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.ref(fk.name)}`.execute(db);
    deferred.foreignKeys.push(fk);
  }
  for (const index of indexes.rows) {
    await sql`drop index ${sql.ref(index.name)}`.execute(db);
    deferred.indexes.push(index);
  }
  try {
    return await load();
  } finally {
    for (const index of deferred.indexes) await sql.raw(index.definition).execute(db);
    for (const fk of deferred.foreignKeys) {
      await sql`alter table ${sql.table(fk.table)} add constraint ${sql.ref(fk.name)} ${sql.raw(fk.definition)} not valid`.execute(db);
      await sql`alter table ${sql.table(fk.table)} validate constraint ${sql.ref(fk.name)}`.execute(db);
    }
  }
}
