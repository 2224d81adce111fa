import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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

/** Where a test runs the real `tuntas` binary: its environment, and how to clean up after. */
export interface CliTarget {
  env: NodeJS.ProcessEnv;
  /** The PGlite data folder, or null on PostgreSQL. */
  dataDir: string | null;
  close: () => Promise<void>;
}

/**
 * A fresh PostgreSQL database from the template, or a PGlite data folder copied from the migrated
 * template: a folder migrated from nothing loads all 83,762 villages (~10 s per folder on two busy
 * cores), which only the migration suites need to prove.
 */
export async function createCliTarget(): Promise<CliTarget> {
  const database = await createTestDatabase();
  if (database.url) return { env: { ...process.env, DATABASE_URL: database.url }, dataDir: null, close: () => database.close() };
  await database.close();
  const dataDir = await templateFolder();
  return {
    env: { ...process.env, DATABASE_URL: '', TUNTAS_DATA_DIR: dataDir },
    dataDir,
    close: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** A new PGlite data folder holding the migrated template (in a new temp folder unless given). */
export async function templateFolder(dataDir?: string): Promise<string> {
  const target = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tuntas-folder-')));
  const dump = await readFile(inject('pgliteTemplate'));
  const database = await openDatabase({ dataDir: target, loadDataDir: new Blob([dump]) });
  await database.close();
  return target;
}
