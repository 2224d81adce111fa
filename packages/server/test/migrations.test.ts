import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { MIGRATION_NAMES, migrateToLatest } from '../src/db/migrate.js';
import { createTestDatabase } from './support/test-database.js';
import { testDatabaseUrl } from './support/test-database-url.js';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/**
 * Tables, columns, indexes, constraints and triggers of the public schema, as comparable text.
 * pg-boss's own schema (`pgboss`, jobs/job-queue.ts) is left out on purpose: pg-boss creates and
 * migrates it itself (at the first start, and in the test templates), not our migrations.
 */
async function describeSchema(db: Kysely<any>): Promise<string[]> {
  const columns = await sql<{ line: string }>`
    select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as line
    from information_schema.columns where table_schema = 'public'`.execute(db);
  const indexes = await sql<{ line: string }>`select indexdef as line from pg_indexes where schemaname = 'public'`.execute(db);
  const constraints = await sql<{ line: string }>`
    select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line
    from pg_constraint where connamespace = 'public'::regnamespace`.execute(db);
  const triggers = await sql<{ line: string }>`
    select event_object_table || ' ' || trigger_name || ' ' || event_manipulation || ' ' || action_timing as line
    from information_schema.triggers where trigger_schema = 'public'`.execute(db);
  return [...columns.rows, ...indexes.rows, ...constraints.rows, ...triggers.rows].map((r) => r.line).sort();
}

describe('migrations', () => {
  it('load all of Indonesia and the catalogues', async () => {
    const levels = await sql<{
      tingkat: number;
      n: number;
    }>`select tingkat, count(*)::int as n from wilayah group by tingkat order by tingkat`.execute(database.db);
    expect(levels.rows).toEqual([
      { tingkat: 1, n: 38 },
      { tingkat: 2, n: 514 },
      { tingkat: 3, n: 7285 },
      { tingkat: 4, n: 83762 },
    ]);
    const orphans = await sql<{ n: number }>`
      select count(*)::int as n from wilayah c left join wilayah p on p.kode = c.induk
      where c.tingkat > 1 and (p.kode is null or p.tingkat <> c.tingkat - 1)`.execute(database.db);
    expect(orphans.rows[0]?.n).toBe(0);
  });

  it('are forward-only and idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual({ applied: [] });
  });

  it('run once when two servers start at the same moment', async () => {
    const url = testDatabaseUrl();
    if (!url) {
      // PGlite is one process with one connection; concurrent starts serialise on it.
      const [a, b] = await Promise.all([migrateToLatest(database.db), migrateToLatest(database.db)]);
      expect([...a.applied, ...b.applied]).toEqual([]);
      return;
    }
    const fresh = `tuntas_race_${Date.now()}`;
    const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await sql.raw(`create database ${fresh}`).execute(admin.db);
    const target = new URL(url);
    target.pathname = `/${fresh}`;
    const one = await openDatabase({ databaseUrl: target.toString(), poolSize: 2 });
    const two = await openDatabase({ databaseUrl: target.toString(), poolSize: 2 });
    try {
      const [a, b] = await Promise.all([migrateToLatest(one.db), migrateToLatest(two.db)]);
      expect([...a.applied, ...b.applied].sort()).toEqual([...MIGRATION_NAMES]);
      const villages = await sql<{ n: number }>`select count(*)::int as n from wilayah where tingkat = 4`.execute(one.db);
      expect(villages.rows[0]?.n).toBe(83762);
    } finally {
      await one.close();
      await two.close();
      await sql.raw(`drop database ${fresh} with (force)`).execute(admin.db);
      await admin.close();
    }
  });

  it.skipIf(!testDatabaseUrl())('yield the same schema on PGlite and on PostgreSQL', async () => {
    const pglite = await openDatabase({});
    try {
      await migrateToLatest(pglite.db);
      const postgres = await describeSchema(database.db);
      const embedded = await describeSchema(pglite.db);
      expect(embedded).toEqual(postgres);
      expect(postgres.length).toBeGreaterThan(50);
    } finally {
      await pglite.close();
    }
  });
});
