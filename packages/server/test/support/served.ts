import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/tuntas.js', import.meta.url));

export interface Served {
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the server's log has printed a line matching `pattern`. */
  output(pattern: RegExp): Promise<void>;
}

/** The real server (`tuntas serve`) in its own process. */
export async function serve(env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env: { ...process.env, TUNTAS_AUTO_REPORTS: '0', LOG_LEVEL: 'info', TUNTAS_JOB_POLL_SECONDS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let log = '';
  const listeners = new Set<() => void>();
  const read = (chunk: Buffer) => {
    log += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  const output = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not in the server's log within 90 s: ${pattern}\n${log}`)), 90_000);
      const check = () => {
        if (!log.split('\n').some((line) => pattern.test(line))) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
      void exited.then(() => {
        check();
        reject(new Error(`server exited:\n${log}`));
      });
      check();
    });
  return { process: child, exited, output };
}

/**
 * A job killed mid-way on a PGlite folder and finished by the next owner: a server on `dataDir`
 * (with `env`, e.g. a pause inside the job) is killed with SIGKILL once its log shows `midJob`,
 * then a second server on the folder must log `done` and stop cleanly on SIGTERM.
 */
export async function killMidJobThenFinish(
  dataDir: string,
  env: Record<string, string>,
  patterns: { midJob: RegExp; done: RegExp },
): Promise<void> {
  const first = await serve({ DATABASE_URL: '', TUNTAS_DATA_DIR: dataDir, ...env });
  try {
    await first.output(patterns.midJob);
    first.process.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
  } finally {
    first.process.kill('SIGKILL');
  }
  const again = await serve({ DATABASE_URL: '', TUNTAS_DATA_DIR: dataDir });
  try {
    await again.output(patterns.done);
    again.process.kill('SIGTERM');
    expect(await again.exited).toEqual({ code: 0, signal: null });
  } finally {
    again.process.kill('SIGKILL');
  }
}
