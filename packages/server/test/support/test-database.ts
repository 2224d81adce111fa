import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { testDatabaseUrl, withDatabaseName } from './test-database-url.js';

/**
 * A fresh, fully migrated database for one test file: a PGlite copy of the template, or a new
 * PostgreSQL database cloned from the template database. Closing it drops it.
 */
export async function createTestDatabase(): Promise<Database & { url: string | null }> {
  const url = testDatabaseUrl();
  const template = inject('postgresTemplate');
  if (!url || !template) {
    const dump = await readFile(inject('pgliteTemplate'));
    return { ...(await openDatabase({ loadDataDir: new Blob([dump]) })), url: null };
  }
  const name = `tuntas_t_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
  await sql.raw(`create database ${name} template ${template}`).execute(admin.db);
  const database = await openDatabase({ databaseUrl: withDatabaseName(url, name), poolSize: 4 });
  return {
    ...database,
    url: withDatabaseName(url, name),
    close: async () => {
      await database.close();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    },
  };
}
