import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import { DataFolderBusyError, LOCK_DIR, lockDataFolder } from '../db/data-folder-lock.js';
import { openDatabase } from '../db/database.js';

/**
 * `tuntas backup FILE` / `tuntas restore FILE [--force]`. PostgreSQL: pg_dump's custom format and
 * pg_restore (consistent while the servers run: pg_dump reads one snapshot). PGlite: the data
 * folder as PGlite dumps it (a gzipped tar), taken while this process owns the folder, so no
 * server may write it meanwhile; a folder a server owns is refused by name.
 */

const PG_MAGIC = 'PGDMP';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Debian installs client binaries per major version off PATH; the newest dumps any older server. */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => path.join(root, v, 'bin', name)).find((p) => existsSync(p));
  return found ?? name;
}

/** The URL without its password (argv is readable by every local user), which goes by PGPASSWORD. */
function connection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => reject(new Error(`${path.basename(command)} tidak dapat dijalankan: ${error.message}`)));
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} gagal (${signal ?? `kode ${code}`}).`)),
    );
  });
}

/**
 * PGlite's dump holds every file of the folder, our own lock among them; a restored folder must
 * not start out "owned" by the process that took the backup, so those tar entries are dropped.
 */
export function withoutLockEntries(tar: Buffer): Buffer {
  const kept: Buffer[] = [];
  let pax: Buffer | undefined;
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    const end = offset + 512 + Math.ceil(size / 512) * 512;
    const entry = tar.subarray(offset, end);
    const type = String.fromCharCode(header[156]!);
    offset = end;
    if (type === 'x') {
      pax = entry; // extended header of the next entry: kept or dropped with it
      continue;
    }
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const first = name.replace(/^\.?\//, '').split('/')[0] ?? '';
    if (first !== LOCK_DIR && !first.startsWith(`.${LOCK_DIR}-`)) {
      if (pax) kept.push(pax);
      kept.push(entry);
    }
    pax = undefined;
  }
  kept.push(Buffer.alloc(1024)); // end of archive
  return Buffer.concat(kept);
}

/** What a PGlite folder holds besides our lock: empty means nothing would be overwritten. */
async function folderEntries(dataDir: string): Promise<string[]> {
  const names = existsSync(dataDir) ? await readdir(dataDir) : [];
  return names.filter((n) => n !== LOCK_DIR && !n.startsWith(`.${LOCK_DIR}-`));
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export async function backup(config: Config, file: string): Promise<string> {
  if (config.databaseUrl) {
    const { url, env } = connection(config.databaseUrl);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await run(pgTool('pg_dump'), ['--format=custom', '--file', tmp, '--dbname', url], env);
      await rename(tmp, file);
    } finally {
      await rm(tmp, { force: true });
    }
    return `Cadangan PostgreSQL (pg_dump, format custom) ditulis ke ${file} (${mb((await stat(file)).size)}).`;
  }
  if (!existsSync(path.join(config.dataDir, 'PG_VERSION'))) {
    throw new Error(`Folder data ${config.dataDir} belum berisi basis data; tidak ada yang dicadangkan.`);
  }
  let database;
  try {
    database = await openDatabase({ dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof DataFolderBusyError)) throw error;
    throw new Error(
      `Cadangan tidak dibuat. ${error.message} Folder PGlite dicadangkan saat tidak dipakai; ` +
        'untuk cadangan saat server berjalan, pakai PostgreSQL (DATABASE_URL).',
    );
  }
  try {
    // A checkpoint writes everything to the table files, so the tar needs little WAL replay.
    await database.pglite!.exec('CHECKPOINT');
    const tar = Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer());
    await writeAtomically(file, gzipSync(withoutLockEntries(tar)));
  } finally {
    await database.close();
  }
  return `Cadangan folder data ${config.dataDir} ditulis ke ${file} (${mb((await stat(file)).size)}).`;
}

async function isPostgresDump(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    return bytesRead === 5 && buffer.toString('latin1') === PG_MAGIC;
  } finally {
    await handle.close();
  }
}

const NOT_EMPTY = 'sudah berisi data; restore menimpa isinya hanya dengan --force.';

export async function restore(config: Config, file: string, force: boolean): Promise<string> {
  const pgDump = await isPostgresDump(file);
  if (config.databaseUrl) {
    if (!pgDump) throw new Error(`${file} bukan cadangan PostgreSQL (pg_dump format custom).`);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
    try {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
        where s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg_toast%'
          and c.relkind in ('r', 'p', 'v', 'm', 'S')`.execute(database.db);
      if (rows[0]!.n > 0 && !force) throw new Error(`Basis data tujuan ${NOT_EMPTY}`);
      // pg_restore --clean cannot drop the keys of partitioned tables (inherited constraints), so
      // --force empties the database itself: every schema of ours, and a fresh `public`.
      if (rows[0]!.n > 0) {
        await database.db.transaction().execute(async (tx) => {
          const { rows: schemas } = await sql<{ name: string }>`
            select nspname as name from pg_namespace
            where nspname not like 'pg\_%' and nspname <> 'information_schema'`.execute(tx);
          for (const { name } of schemas) await sql`drop schema ${sql.id(name)} cascade`.execute(tx);
          await sql`create schema public`.execute(tx);
        });
      }
    } finally {
      await database.close();
    }
    const { url, env } = connection(config.databaseUrl);
    await run(pgTool('pg_restore'), ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', url, file], env);
    return `Cadangan ${file} dipulihkan ke PostgreSQL.`;
  }
  if (pgDump) throw new Error(`${file} adalah cadangan PostgreSQL; pulihkan dengan DATABASE_URL, bukan ke folder PGlite.`);
  const dump = gunzipSync(await readFile(file));
  // Owned from the first check to the end, so no server starts on a half-restored folder.
  const lock = await lockDataFolder(config.dataDir);
  try {
    const entries = await folderEntries(config.dataDir);
    if (entries.length > 0 && !force) throw new Error(`Folder data ${config.dataDir} ${NOT_EMPTY}`);
    for (const name of entries) await rm(path.join(config.dataDir, name), { recursive: true, force: true });
  } catch (error) {
    await lock.release();
    throw error;
  }
  const database = await openDatabase({ dataDir: config.dataDir, loadDataDir: new Blob([dump]), lock });
  try {
    await sql`select count(*) from pg_class`.execute(database.db);
  } finally {
    await database.close();
  }
  return `Cadangan ${file} dipulihkan ke folder data ${config.dataDir}.`;
}
