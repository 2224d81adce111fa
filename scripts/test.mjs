#!/usr/bin/env node
// `npm test`: typecheck (which also builds), lint, every suite on PGlite, and the database suites
// again on PostgreSQL when TUNTAS_TEST_DATABASE_URL is set. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function vitest(title, args, env) {
  mkdirSync('.test-tmp', { recursive: true });
  const report = `${process.cwd()}/.test-tmp/vitest-${totals.passed + totals.failed}-${Date.now()}.json`;
  const ok = step(title, 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], env);
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
    console.log(`  ${title}: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped`);
  } catch {
    totals.failed += 1;
  }
  return ok;
}

let ok = step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
ok = step('build (server and web app)', 'npm', ['run', '--silent', 'build']) && ok;
ok = step('lint and format (ESLint, Prettier)', 'npm', ['run', '--silent', 'lint']) && ok;
// The topology suite starts its own PostgreSQL clusters (when the binaries exist); it runs once,
// with the PostgreSQL suites when there are any.
const topologyOnce = process.env.TUNTAS_TEST_DATABASE_URL ? ['--exclude', 'packages/server/test/topology.test.ts'] : [];
ok = vitest('tests on PGlite', topologyOnce, { TUNTAS_TEST_DATABASE_URL: '' }) && ok;
// Suites about the embedded engine's own data folder (its lock, `serve --demo` on a folder) do
// the same thing whatever TUNTAS_TEST_DATABASE_URL says: once is enough.
const PGLITE_FOLDER_ONLY = ['packages/server/test/data-folder.test.ts', 'packages/server/test/demo-host.test.ts'];
if (process.env.TUNTAS_TEST_DATABASE_URL) {
  ok = vitest('database tests on PostgreSQL', ['packages/server', ...PGLITE_FOLDER_ONLY.flatMap((f) => ['--exclude', f])], {}) && ok;
} else {
  console.log('\n(TUNTAS_TEST_DATABASE_URL not set: PostgreSQL run skipped; .ci/run sets it)');
}
// The browser suite needs Debian's Chromium (.ci/run installs it); without it locally, say so.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  ok = vitest('end-to-end in Chromium', ['--config', 'packages/e2e/vitest.config.ts'], { TUNTAS_TEST_DATABASE_URL: '' }) && ok;
} else if (process.env.CI) {
  console.log(`\n${chromium} missing: the end-to-end suite cannot run`);
  ok = false;
} else {
  console.log(`\n(${chromium} not installed: end-to-end suite skipped; apt-get install -y chromium)`);
}
if (!ok && totals.failed === 0) totals.failed = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok ? 0 : 1);
