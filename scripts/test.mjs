#!/usr/bin/env node
// `npm test`: typecheck (which also builds), lint, every suite on PGlite beside the database
// suites again on PostgreSQL (when TUNTAS_TEST_DATABASE_URL is set) followed by the browser suite. Each step says how long it took; ends with one "N passed, N failed" line.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`  ${title}: ${result.status === 0 ? 'ok' : 'failed'} in ${Math.round((Date.now() - started) / 1000)} s`);
  return result.status === 0;
}

let runs = 0;

/** One vitest run; its console output to a log file when `log` is given (runs side by side). */
async function vitest(title, args, env, log) {
  mkdirSync('.test-tmp', { recursive: true });
  const report = `${process.cwd()}/.test-tmp/vitest-${runs++}-${Date.now()}.json`;
  const started = Date.now();
  if (!log) console.log(`\n▶ ${title}`);
  const child = spawn('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
    stdio: log ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, ...env },
  });
  if (log) {
    const out = createWriteStream(log);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  }
  const status = await new Promise((resolve) => child.on('close', resolve));
  if (log) {
    console.log(`\n▶ ${title}`);
    console.log(readFileSync(log, 'utf8'));
  }
  let line = `  ${title}: `;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
    line += `${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped`;
  } catch {
    totals.failed += 1;
    line += 'no report';
  }
  console.log(`${line} in ${Math.round((Date.now() - started) / 1000)} s`);
  return status === 0;
}

let ok = step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
ok = step('build (server and web app)', 'npm', ['run', '--silent', 'build']) && ok;
ok = step('lint and format (ESLint, Prettier)', 'npm', ['run', '--silent', 'lint']) && ok;
// The topology suite starts its own PostgreSQL clusters (when the binaries exist); it runs once,
// with the PostgreSQL suites when there are any.
const topologyOnce = process.env.TUNTAS_TEST_DATABASE_URL ? ['--exclude', 'packages/server/test/topology.test.ts'] : [];
// Suites about the embedded engine's own data folder (its lock, `serve --demo` on a folder) do
// the same thing whatever TUNTAS_TEST_DATABASE_URL says: once is enough.
const PGLITE_FOLDER_ONLY = ['packages/server/test/data-folder.test.ts', 'packages/server/test/demo-host.test.ts'];
const onPglite = () => vitest('tests on PGlite', topologyOnce, { TUNTAS_TEST_DATABASE_URL: '' }, '.test-tmp/pglite.log');
// The browser suite needs Debian's Chromium (.ci/run installs it); without it locally, say so.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browserSuite = () =>
  vitest('end-to-end in Chromium', ['--config', 'packages/e2e/vitest.config.ts'], { TUNTAS_TEST_DATABASE_URL: '' }, '.test-tmp/e2e.log');
// Side by side on two cores: the PGlite suite keeps one core busy in its own process; the other
// runs the PostgreSQL suite (its worker and the server) and then the browser suite, which starts
// as soon as the PostgreSQL suite ends instead of waiting for the longer PGlite one.
const others = (async () => {
  let fine = true;
  if (process.env.TUNTAS_TEST_DATABASE_URL) {
    fine = await vitest(
      'database tests on PostgreSQL',
      ['packages/server', ...PGLITE_FOLDER_ONLY.flatMap((f) => ['--exclude', f])],
      {},
      '.test-tmp/postgres.log',
    );
  } else {
    console.log('\n(TUNTAS_TEST_DATABASE_URL not set: PostgreSQL run skipped; .ci/run sets it)');
  }
  if (existsSync(chromium)) return (await browserSuite()) && fine;
  if (process.env.CI) {
    console.log(`\n${chromium} missing: the end-to-end suite cannot run`);
    return false;
  }
  console.log(`\n(${chromium} not installed: end-to-end suite skipped; apt-get install -y chromium)`);
  return fine;
})();
const results = await Promise.all([onPglite(), others]);
ok = results.every(Boolean) && ok;
if (!ok && totals.failed === 0) totals.failed = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok ? 0 : 1);
