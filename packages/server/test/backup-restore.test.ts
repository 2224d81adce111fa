import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_DIR } from '../src/db/data-folder-lock.js';
import { openDatabase, type OpenOptions } from '../src/db/database.js';
import { templateFolder } from './support/test-database.js';
import { testDatabaseUrl, withDatabaseName } from './support/test-database-url.js';

/**
 * `tuntas backup` and `tuntas restore` with the real binary: a restored copy has the same tables,
 * and in each the same row count and the same md5 of every row's text.
 */
const BIN = fileURLToPath(new URL('../bin/tuntas.js', import.meta.url));
const MESSY = fileURLToPath(new URL('./fixtures/beneficiaries-messy.csv', import.meta.url));

const url = testDatabaseUrl();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tuntas-backup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function tuntas(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const full = { ...process.env, TUNTAS_AUTO_REPORTS: '0', LOG_LEVEL: 'warn', TUNTAS_PASSWORD: 'kata-sandi-kuat-1', ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: full, timeout: 180_000 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out, err });
    });
  });
}

/** Every table of the schema: its row count and the md5 of its rows' text in a fixed order. */
async function fingerprint(options: OpenOptions): Promise<Record<string, string>> {
  const database = await openDatabase(options);
  try {
    const { rows: tables } = await sql<{ name: string }>`
      select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(database.db);
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await sql<{ n: number; md5: string | null }>`
        select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5
        from ${sql.table(name)} t`.execute(database.db);
      result[name] = `${rows[0]!.n} ${rows[0]!.md5}`;
    }
    return result;
  } finally {
    await database.close();
  }
}

/** Fills a target with the sample: an account and the messy import. */
async function fill(env: Record<string, string>): Promise<void> {
  expect((await tuntas(['user', 'add', '--username', 'admin.satu', '--role', 'admin'], env)).code).toBe(0);
  const imported = await tuntas(['import', 'beneficiaries', MESSY], env);
  expect(imported.code, imported.err).toBe(0);
}

// On the PostgreSQL run only the PostgreSQL half: the folder half is the same either way.
describe.skipIf(url)('backup and restore of a PGlite folder', () => {
  it('restores an identical copy into an empty folder, refuses a used one without --force', async () => {
    const source = { DATABASE_URL: '', TUNTAS_DATA_DIR: path.join(dir, 'asal') };
    const target = { DATABASE_URL: '', TUNTAS_DATA_DIR: path.join(dir, 'tujuan') };
    const file = path.join(dir, 'cadangan.tar.gz');
    await templateFolder(source.TUNTAS_DATA_DIR);
    await fill(source);

    const backup = await tuntas(['backup', file], source);
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toContain(`ditulis ke ${file}`);
    // The lock of the process that took it is not part of the backup.
    expect(gunzipSync(await readFile(file)).includes(LOCK_DIR)).toBe(false);

    const restored = await tuntas(['restore', file], target);
    expect(restored.code, restored.err).toBe(0);
    expect(existsSync(path.join(target.TUNTAS_DATA_DIR, LOCK_DIR))).toBe(false);
    const expected = await fingerprint({ dataDir: source.TUNTAS_DATA_DIR });
    expect(Number(expected.beneficiaries!.split(' ')[0])).toBeGreaterThan(0);
    expect(await fingerprint({ dataDir: target.TUNTAS_DATA_DIR })).toEqual(expected);

    const again = await tuntas(['restore', file], target);
    expect(again.code).toBe(1);
    expect(again.err).toContain('sudah berisi data; restore menimpa isinya hanya dengan --force.');
    expect((await tuntas(['user', 'add', '--username', 'admin.dua', '--role', 'admin'], target)).code).toBe(0);
    const forced = await tuntas(['restore', file, '--force'], target);
    expect(forced.code, forced.err).toBe(0);
    expect(await fingerprint({ dataDir: target.TUNTAS_DATA_DIR })).toEqual(expected);
  }, 600_000);

  it('refuses to back up a folder a server owns, naming it', async () => {
    const env = { DATABASE_URL: '', TUNTAS_DATA_DIR: path.join(dir, 'asal') };
    const server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: { ...process.env, TUNTAS_AUTO_REPORTS: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Tuntas berjalan di')) resolve();
        });
        server.once('exit', () => reject(new Error(out)));
      });
      const refused = await tuntas(['backup', path.join(dir, 'tidak.tar.gz')], env);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(
        `Cadangan tidak dibuat. Folder data ${env.TUNTAS_DATA_DIR} sedang dipakai oleh proses ${server.pid} (tuntas serve`,
      );
      expect(existsSync(path.join(dir, 'tidak.tar.gz'))).toBe(false);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  }, 300_000);
});

describe.skipIf(!url)('backup and restore on PostgreSQL (pg_dump / pg_restore)', () => {
  const names = [`tuntas_bk_a_${process.pid}`, `tuntas_bk_b_${process.pid}`];
  const admin = () => openDatabase({ databaseUrl: url!, poolSize: 1 });

  beforeAll(async () => {
    const database = await admin();
    for (const name of names) await sql.raw(`create database ${name}`).execute(database.db);
    await database.close();
  });
  afterAll(async () => {
    const database = await admin();
    for (const name of names) await sql.raw(`drop database if exists ${name} with (force)`).execute(database.db);
    await database.close();
  });

  it('restores an identical copy into an empty database, refuses a used one without --force', async () => {
    const [source, target] = names.map((name) => ({ DATABASE_URL: withDatabaseName(url!, name) })) as [
      { DATABASE_URL: string },
      { DATABASE_URL: string },
    ];
    const file = path.join(dir, 'cadangan.pgdump');
    await fill(source);
    const backup = await tuntas(['backup', file], source);
    expect(backup.code, backup.err).toBe(0);
    expect((await readFile(file)).subarray(0, 5).toString()).toBe('PGDMP');

    expect((await tuntas(['restore', file], target)).code).toBe(0);
    const expected = await fingerprint({ databaseUrl: source.DATABASE_URL, poolSize: 1 });
    expect(await fingerprint({ databaseUrl: target.DATABASE_URL, poolSize: 1 })).toEqual(expected);

    const again = await tuntas(['restore', file], target);
    expect(again.code).toBe(1);
    expect(again.err).toContain('Basis data tujuan sudah berisi data');
    const forced = await tuntas(['restore', file, '--force'], target);
    expect(forced.code, forced.err).toBe(0);
    expect(await fingerprint({ databaseUrl: target.DATABASE_URL, poolSize: 1 })).toEqual(expected);
  }, 600_000);
});
