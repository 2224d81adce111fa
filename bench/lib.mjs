// Shared helpers for the benchmark runner: child servers, autocannon in its own process, results.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TUNTAS = fileURLToPath(new URL('../packages/server/bin/tuntas.js', import.meta.url));

/** Starts a process and resolves when `readyPattern` appears on stdout, with the elapsed ms. */
export function startProcess(args, env, readyPattern) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      if (readyPattern.test(out)) {
        child.stdout.off('data', onData);
        resolve({ child, ms: performance.now() - started });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => reject(new Error(`process exited ${code} before ready:\n${out.slice(-2000)}`)));
  });
}

export function stopProcess(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Runs autocannon as a separate process (so it does not share the server's event loop). */
export function autocannon(url, { connections = 10, seconds = 10, headers = {}, method = 'GET', body } = {}) {
  const args = ['node_modules/autocannon/autocannon.js', '-j', '-c', String(connections), '-d', String(seconds), '-m', method];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  if (body) args.push('-b', body);
  args.push(url);
  const out = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(out);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p95: r.latency.p97_5 ?? r.latency.p95,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

export function row(name, database, value, unit, baseline, baselineValue, higherIsBetter) {
  const ratio = baselineValue ? Number((higherIsBetter ? value / baselineValue : baselineValue / value).toFixed(3)) : null;
  return {
    name,
    database,
    value: Number(value.toFixed(2)),
    unit,
    baseline,
    baselineValue: baselineValue === null ? null : Number(baselineValue.toFixed(2)),
    ratio,
    higherIsBetter,
  };
}

/**
 * Writes the run's rows into results/latest.{json,md}; rows of benchmarks this run did not
 * measure (`--only=…`, `--postgresql-only`) are kept from the previous file.
 */
export function writeResults(measured, machine) {
  const json = fileURLToPath(new URL('./results/latest.json', import.meta.url));
  const key = (r) => `${r.name}|${r.database}`;
  const fresh = new Set(measured.map(key));
  const previous = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : [];
  const rows = [...previous.filter((r) => !fresh.has(key(r))), ...measured];
  writeFileSync(json, JSON.stringify(rows, null, 2) + '\n');
  const lines = [
    `Measured ${new Date().toISOString()} on ${machine}.`,
    '',
    '| name | database | value | unit | baseline | baseline value | ratio | higher is better |',
    '| --- | --- | ---: | --- | --- | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.database} | ${r.value} | ${r.unit} | ${r.baseline} | ${r.baselineValue ?? ''} | ${r.ratio ?? ''} | ${r.higherIsBetter} |`,
    ),
  ];
  writeFileSync(fileURLToPath(new URL('./results/latest.md', import.meta.url)), lines.join('\n') + '\n');
  return lines.join('\n');
}
