import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
