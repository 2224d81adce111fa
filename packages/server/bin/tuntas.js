#!/usr/bin/env node
// The CLI runs the compiled server; `npm install` builds it (prepare), this builds it if missing.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/server'], { cwd: root, stdio: 'inherit' });
}
// An import keeps little alive but allocates fast, and V8 would rather grow its heap than collect:
// a capped old generation keeps a file of a million rows at 195 MB (measured: 335 MB uncapped).
const HEAP_CAP = '--max-old-space-size=256';
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

if (process.argv[2] === 'import' && !process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) {
  // The capped import runs in a child that behaves as if exec'd: signals go to it, its exit code
  // or signal becomes ours, and an IPC channel tells it when we die (even by kill -9), so no
  // orphan keeps writing a data folder that a restarted server then shares with it.
  const child = spawn(process.execPath, [HEAP_CAP, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  for (const signal of FORWARDED) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Gagal: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    // Die of the same signal, as a shell expects; 128 + n if it does not end us.
    for (const s of FORWARDED) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 1000).unref();
  });
} else {
  if (process.send) {
    // Started by the wrapper above: its death closes the channel. The channel must not keep this
    // process alive once the command is done, hence unref after the listener (which refs it).
    process.on('disconnect', () => {
      console.error('Gagal: proses induk berhenti; impor dihentikan.');
      process.exit(130);
    });
    process.channel?.unref();
  }
  const { runCli } = await import(main.href);
  await runCli(process.argv);
}
