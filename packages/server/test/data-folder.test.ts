import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFolderBusyError, LOCK_DIR, lockDataFolder, OWNER_FILE, type DataFolderOwner } from '../src/db/data-folder-lock.js';
import { openDatabase } from '../src/db/database.js';
import { templateFolder } from './support/test-database.js';

/**
 * One owner per PGlite folder, proven with the real binary as an operator runs it: a server owns
 * the folder, the CLI commands that write refuse and name it, the folder is whole afterwards; a
 * lock left by kill -9 is taken over; the import wrapper never outlives its parent.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/tuntas.js', import.meta.url));
const MESSY = fileURLToPath(new URL('./fixtures/beneficiaries-messy.csv', import.meta.url));

let dir: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
/** The messy sample's accepted rows, written by the first test (the folder is shared). */
let accepted = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tuntas-folder-'));
  dataDir = await templateFolder(path.join(dir, 'data'));
  env = { ...process.env, DATABASE_URL: '', TUNTAS_DATA_DIR: dataDir, TUNTAS_AUTO_REPORTS: '0', LOG_LEVEL: 'warn' };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

/** One CLI command to its end (async: a running server's pipes must keep draining meanwhile). */
function tuntas(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, timeout: 120_000 }, (error, out, err) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, out, err, ms: Date.now() - started });
    });
  });
}

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Tuntas berjalan di (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => reject(new Error(`server exited:\n${output}`)));
  });
  return { child, url, exited };
}

function readOwner(): DataFolderOwner {
  return JSON.parse(readFileSync(path.join(dataDir, LOCK_DIR, OWNER_FILE), 'utf8')) as DataFolderOwner;
}

/** Running, as the kernel sees it: a zombie (dead, not yet reaped by its new parent) is not. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!);
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

async function countRows(): Promise<{ beneficiaries: number; users: number }> {
  const database = await openDatabase({ dataDir });
  try {
    const count = async (table: 'beneficiaries' | 'users') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { beneficiaries: await count('beneficiaries'), users: await count('users') };
  } finally {
    await database.close();
  }
}

describe('one owner per PGlite data folder', () => {
  it('refuses import, migrate and user add while the server owns the folder; the data survives', async () => {
    const password = { TUNTAS_PASSWORD: 'kata-sandi-kuat-1' };
    expect((await tuntas(['user', 'add', '--username', 'admin.satu', '--role', 'admin'], password)).code).toBe(0);
    const first = await tuntas(['import', 'beneficiaries', MESSY, '--json']);
    expect(first.code).toBe(0);
    accepted = (JSON.parse(first.out) as { accepted: number }).accepted;
    expect(accepted).toBeGreaterThan(0);
    expect(existsSync(path.join(dataDir, LOCK_DIR)), 'released when the CLI ends').toBe(false);

    const server = await startServer();
    const pid = server.child.pid!;
    expect(readOwner()).toMatchObject({ pid, command: 'tuntas serve --port 0' });

    const attempts = [['import', 'beneficiaries', MESSY], ['migrate'], ['user', 'add', '--username', 'admin.dua', '--role', 'admin']];
    for (const args of attempts) {
      const run = await tuntas(args, password);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.err).toContain(`Folder data ${dataDir} sedang dipakai oleh proses ${pid} (tuntas serve --port 0) sejak`);
      expect(run.err).toContain('hentikan proses itu dulu.');
      expect(run.out).toBe('');
      // Refused before any work: the time is the CLI's own start (~2 s on two busy cores).
      expect(run.ms, args.join(' ')).toBeLessThan(15_000);
      console.log(`${args.join(' ')} refused in ${run.ms} ms`);
    }
    // The same holds inside one process (a script opening the folder through the library).
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataFolderBusyError);

    const health = await fetch(new URL('/api/v1/health', server.url.replace('0.0.0.0', '127.0.0.1')));
    expect(health.ok).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(dataDir, LOCK_DIR)), 'released on a graceful stop').toBe(false);

    expect(await countRows()).toEqual({ beneficiaries: accepted, users: 1 });
  }, 300_000);

  it('takes over the lock of a server killed with SIGKILL at the next start', async () => {
    const killed = await startServer();
    const pid = killed.child.pid!;
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');
    expect(readOwner().pid, 'kill -9 leaves the lock behind').toBe(pid);

    const restart = Date.now();
    const next = await startServer();
    console.log(`restart after kill -9 ready in ${Date.now() - restart} ms`);
    expect(readOwner().pid).toBe(next.child.pid);
    const refused = await tuntas(['migrate']);
    expect(refused.err).toContain(`oleh proses ${next.child.pid} (tuntas serve --port 0)`);
    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);

    // A CLI command is a start too: a lock left by a killed one is taken over the same way.
    const list = await tuntas(['user', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toContain('1 akun');
    expect(await countRows()).toEqual({ beneficiaries: accepted, users: 1 });
  }, 300_000);
});

describe('taking a lock', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'tuntas-lock-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  /** A lock as a (possibly long dead) owner left it. */
  async function leave(owner: Partial<DataFolderOwner>) {
    await mkdir(path.join(folder, LOCK_DIR), { recursive: true });
    const full = { pid: 1, command: 'tuntas serve', startedAt: new Date().toISOString(), hostname: os.hostname(), ...owner };
    await writeFile(path.join(folder, LOCK_DIR, OWNER_FILE), JSON.stringify(full));
  }

  it('respects a live owner, but not a pid reused by a process that started after the lock', async () => {
    const sleeper = spawn('sleep', ['60']);
    try {
      await new Promise((r) => setTimeout(r, 100));
      await leave({ pid: sleeper.pid!, startedAt: new Date(Date.now() + 1000).toISOString() });
      await expect(lockDataFolder(folder)).rejects.toThrow(`oleh proses ${sleeper.pid} (tuntas serve)`);
      // Same pid, but the lock was taken an hour before this process existed: a reboot's leftover.
      await leave({ pid: sleeper.pid!, startedAt: new Date(Date.now() - 3_600_000).toISOString() });
      const lock = await lockDataFolder(folder);
      expect(readFileSync(path.join(folder, LOCK_DIR, OWNER_FILE), 'utf8')).toContain(`"pid": ${process.pid}`);
      await lock.release();
      expect(existsSync(path.join(folder, LOCK_DIR))).toBe(false);
    } finally {
      sleeper.kill();
    }
  });

  it('takes over its own pid (a container restarted as pid 1) and refuses a second open in-process', async () => {
    await leave({ pid: process.pid, startedAt: new Date(Date.now() - 60_000).toISOString() });
    const lock = await lockDataFolder(folder);
    await expect(lockDataFolder(folder)).rejects.toBeInstanceOf(DataFolderBusyError);
    await lock.release();
  });

  it('lets exactly one of three CLI processes started together have a fresh folder', async () => {
    const fresh = path.join(folder, 'fresh');
    const runs = await Promise.all([0, 1, 2].map(() => tuntas(['migrate'], { TUNTAS_DATA_DIR: fresh })));
    const winners = runs.filter((r) => r.code === 0);
    expect(winners).toHaveLength(1);
    for (const loser of runs.filter((r) => r.code !== 0)) expect(loser.err).toMatch(/sedang dipakai oleh proses \d+ \(tuntas migrate\)/);
  }, 180_000);
});

describe('the import wrapper (bin/tuntas.js) is exec-like', () => {
  let big: string;

  beforeAll(() => {
    big = path.join(dir, 'big.csv');
    const made = spawnSync(process.execPath, ['bench/generate-beneficiaries.mjs', '200000', big], { cwd: ROOT, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
  });

  /** Starts an import of the big file; resolves once its capped child owns the folder. */
  async function startImport() {
    const wrapper = spawn(process.execPath, [BIN, 'import', 'beneficiaries', big], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    wrapper.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    wrapper.stdout.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      wrapper.once('exit', (code, signal) => resolve({ code, signal })),
    );
    await waitFor(() => {
      try {
        return readOwner().command.startsWith('tuntas import') && readOwner().pid !== wrapper.pid;
      } catch {
        return false;
      }
    }, 120_000);
    const child = readOwner().pid;
    const cmdline = await readFile(`/proc/${child}/cmdline`, 'utf8');
    expect(cmdline.split('\0')).toContain('--max-old-space-size=256');
    // Let it get into the file: migrations are done and batches are being written.
    await new Promise((r) => setTimeout(r, 1500));
    return { wrapper, child, exited, err: () => err };
  }

  it('kill -9 of the wrapper ends the import child within a few seconds, and the folder opens', async () => {
    const { wrapper, child, exited } = await startImport();
    expect(running(child)).toBe(true);
    wrapper.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    const gone = await waitFor(() => !running(child), 5_000);
    console.log(`import child gone ${gone} ms after kill -9 of the wrapper`);
    await waitFor(() => !existsSync(path.join(dataDir, LOCK_DIR)), 5_000);
    const rows = await countRows();
    expect(rows.users).toBe(1);
    expect(rows.beneficiaries).toBeGreaterThanOrEqual(accepted);
  }, 300_000);

  it('forwards SIGTERM to the child and dies of it', async () => {
    const { wrapper, child, exited } = await startImport();
    wrapper.kill('SIGTERM');
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(running(child)).toBe(false);
  }, 300_000);

  it('passes the child exit code on', async () => {
    const missing = await tuntas(['import', 'beneficiaries', path.join(dir, 'tidak-ada.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('ENOENT');
  }, 120_000);
});
