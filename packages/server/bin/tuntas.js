#!/usr/bin/env node
// The CLI runs the compiled server; `npm install` builds it (prepare), this builds it if missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/server'], { cwd: root, stdio: 'inherit' });
}
const { runCli } = await import(main.href);
await runCli(process.argv);
