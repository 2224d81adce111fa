import fs, { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * One owner per PGlite data folder. PGlite takes no lock of its own, and two processes writing one
 * folder (a server and a CLI import) corrupt it beyond repair. The first process to open a folder
 * holds `tuntas.lock/` inside it (proper-lockfile: an atomic mkdir whose mtime the owner refreshes,
 * removed on close and on exit); `tuntas.lock/owner.json` names the owner so a second process can
 * say who to stop.
 */
export const LOCK_DIR = 'tuntas.lock';
export const OWNER_FILE = 'owner.json';

export interface DataFolderOwner {
  pid: number;
  command: string;
  startedAt: string;
  hostname: string;
}

export interface DataFolderLock {
  owner: DataFolderOwner;
  release(): Promise<void>;
}

/** A second process on an owned folder: the message names the owner (shown as "Gagal: …"). */
export class DataFolderBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataFolderOwner | undefined,
  ) {
    super(busyMessage(dataDir, owner));
    this.name = 'DataFolderBusyError';
  }
}

function busyMessage(dataDir: string, owner: DataFolderOwner | undefined): string {
  if (!owner) return `Folder data ${dataDir} sedang dipakai oleh proses lain; hentikan proses itu dulu.`;
  const since = new Date(owner.startedAt).toLocaleString('id-ID', { dateStyle: 'medium', timeStyle: 'medium' });
  const where = owner.hostname === os.hostname() ? '' : ` di ${owner.hostname}`;
  return `Folder data ${dataDir} sedang dipakai oleh proses ${owner.pid}${where} (${owner.command}) sejak ${since}; hentikan proses itu dulu.`;
}

/** What this process is, in the words an operator typed: `tuntas import beneficiaries x.csv`. */
function describeCommand(): string {
  const script = path.basename(process.argv[1] ?? 'node');
  const name = script === 'tuntas.js' || script === 'tuntas' || script === 'main.js' ? 'tuntas' : `node ${script}`;
  const command = [name, ...process.argv.slice(2)].join(' ');
  return command.length > 200 ? `${command.slice(0, 197)}...` : command;
}

async function readOwner(lockPath: string): Promise<DataFolderOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path.join(lockPath, OWNER_FILE), 'utf8')) as DataFolderOwner;
    return Number.isInteger(owner.pid) && typeof owner.startedAt === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Linux only: when the process now carrying `pid` started (ms), or 'zombie'; undefined elsewhere. */
function linuxStart(pid: number): number | 'zombie' | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' don't.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return 'zombie';
    const bootTime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    const ticks = Number(fields[19]); // starttime, field 22, in clock ticks since boot (USER_HZ = 100)
    return Number.isFinite(bootTime) && Number.isFinite(ticks) ? bootTime * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the recorded owner still runs. A pid alone can lie: after a reboot or in a container the
 * same number may belong to another process (even to us), so on Linux the process must also have
 * started before the owner took the lock.
 */
function ownerAlive(owner: DataFolderOwner): boolean {
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const started = linuxStart(owner.pid);
  if (started === 'zombie') return false;
  return started === undefined || started <= Date.parse(owner.startedAt) + 2_000;
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * proper-lockfile's file operations, with mkdir made "create the directory with owner.json already
 * in it": written in a temporary directory and renamed into place, so the lock never exists without
 * its owner and nothing is written into it afterwards (that would move the mtime the library
 * checks). The lock is then a non-empty directory, so removing it is recursive.
 */
function lockFs(owner: DataFolderOwner) {
  return {
    ...fs,
    mkdir(lockPath: string, callback: (error?: Error | null) => void) {
      void (async () => {
        const tmp = await mkdtemp(path.join(path.dirname(lockPath), `.${LOCK_DIR}-`));
        try {
          await writeFile(path.join(tmp, OWNER_FILE), `${JSON.stringify(owner, null, 2)}\n`);
          await rename(tmp, lockPath);
        } catch (error) {
          await rm(tmp, { recursive: true, force: true });
          // A directory renamed onto a non-empty one fails with ENOTEMPTY (or EEXIST): held.
          if (code(error) === 'ENOTEMPTY') throw Object.assign(new Error('held'), { code: 'EEXIST' });
          throw error;
        }
      })().then(() => callback(null), callback);
    },
    rmdir(lockPath: string, callback: (error?: Error | null) => void) {
      rm(lockPath, { recursive: true }).then(() => callback(null), callback);
    },
    rmdirSync(lockPath: string) {
      fs.rmSync(lockPath, { recursive: true });
    },
  };
}

/** Folders this process holds: a second open in the same process is refused too. */
const held = new Map<string, DataFolderOwner>();

/**
 * Takes the folder for this process, or throws DataFolderBusyError at once when a live process
 * holds it. A lock left by a dead process (kill -9, power cut) is taken over: on this host when its
 * pid no longer runs (after at most ~3 s, the time for its mtime to go stale), from another host
 * (a shared disk) only once its owner stopped refreshing it for 30 s.
 */
export async function lockDataFolder(dataDir: string): Promise<DataFolderLock> {
  const dir = path.resolve(dataDir);
  const lockPath = path.join(dir, LOCK_DIR);
  await mkdir(dir, { recursive: true });
  const owner: DataFolderOwner = {
    pid: process.pid,
    command: describeCommand(),
    startedAt: new Date().toISOString(),
    hostname: os.hostname(),
  };
  const ours = held.get(dir);
  if (ours) throw new DataFolderBusyError(dataDir, ours);

  const previous = await readOwner(lockPath);
  // The library takes over a lock whose mtime is older than `stale`. Its owner refreshes it every
  // stale/2 from a timer, which a long synchronous PGlite statement can hold up, so a live owner
  // on this host is never judged by its mtime: its pid decides, and only a dead one's lock is
  // left to go stale. Without an owner file (someone is taking it right now) the mtime decides.
  let stale = 10_000;
  let retries = 0;
  if (previous && previous.hostname === owner.hostname) {
    if (ownerAlive(previous)) throw new DataFolderBusyError(dataDir, previous);
    stale = 2_000;
    retries = 12;
  } else if (previous) {
    stale = 30_000;
  }
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: lockPath,
      realpath: false,
      stale,
      retries: { retries, factor: 1, minTimeout: 300, maxTimeout: 300 },
      fs: lockFs(owner),
      onCompromised: () => {
        // Someone removed our lock or took it over: stop before two processes write the folder.
        console.error(`Kunci folder data ${dataDir} hilang atau diambil alih proses lain; Tuntas berhenti agar data tidak rusak.`);
        process.exitCode = 1;
        process.kill(process.pid, 'SIGTERM');
      },
    });
  } catch (error) {
    if (code(error) === 'ELOCKED') throw new DataFolderBusyError(dataDir, await readOwner(lockPath));
    throw error;
  }
  held.set(dir, owner);
  return {
    owner,
    async release() {
      if (!held.delete(dir)) return;
      await release().catch((error: unknown) => {
        if (code(error) !== 'ERELEASED') throw error;
      });
    },
  };
}
