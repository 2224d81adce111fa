// Shared helpers for the benchmark runner: child servers, autocannon in its own process, results.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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

/** The value at fraction `p` (0–1) of an ascending array. */
export const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : null);

const CLOCK_TICKS = 100; // USER_HZ (getconf CLK_TCK) on Linux

/** utime+stime of a process, plus cutime+cstime (its reaped children), in clock ticks; and its parent. */
function procStat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime..cstime fields 14..17.
  return { ppid: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), reaped: Number(fields[13]) + Number(fields[14]) };
}

function procMemoryKb(pid) {
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  let pss = rss;
  try {
    pss = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? rss);
  } catch {
    // smaps_rollup needs the same user or root; VmRSS stands in.
  }
  return { rss, pss };
}

/** Every live process's parent. */
function parentsOf() {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      parents.set(Number(name), procStat(name).ppid);
    } catch {
      // gone meanwhile
    }
  }
  return parents;
}

/** The pid and every live descendant of it, leaving out the subtrees of `others` (measured apart). */
function processTree(root, parents, others) {
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i] && !others.has(pid)) tree.push(pid);
  return tree;
}

/**
 * Samples CPU (percent of one core) and memory of process trees from /proc every `everyMs`.
 * `targets`: name → root pid (a target's tree leaves out the other targets' trees). Memory per sample: `rssMb` (VmRSS summed over the tree) and `pssMb`
 * (Pss summed: shared memory such as PostgreSQL's shared buffers counted once). `stop()` answers
 * per target the mean and peak CPU and memory, and the machine's load average over the samples.
 */
export function sampleProcesses(targets, everyMs = 2000) {
  const series = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  const load = [];
  let last = null;
  const roots = new Set(Object.values(targets));
  const ticks = () => {
    const parents = parentsOf();
    return Object.fromEntries(
      Object.entries(targets).map(([name, root]) => {
        let total = 0;
        const memory = { rss: 0, pss: 0 };
        for (const pid of processTree(root, parents, roots)) {
          try {
            const stat = procStat(pid);
            total += stat.own + (pid === root ? stat.reaped : 0);
            const m = procMemoryKb(pid);
            memory.rss += m.rss;
            memory.pss += m.pss;
          } catch {
            // exited between the listing and the read
          }
        }
        return [name, { total, memory }];
      }),
    );
  };
  const sample = () => {
    const now = { at: performance.now(), values: ticks() };
    if (last) {
      const seconds = (now.at - last.at) / 1000;
      for (const name of Object.keys(targets)) {
        const cpu = Math.max(0, (now.values[name].total - last.values[name].total) / CLOCK_TICKS / seconds) * 100;
        series[name].push({ cpu, rssMb: now.values[name].memory.rss / 1024, pssMb: now.values[name].memory.pss / 1024 });
      }
      load.push(os.loadavg()[0]);
    }
    last = now;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const max = (xs) => (xs.length ? Math.max(...xs) : null);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const summary = {};
      for (const [name, points] of Object.entries(series)) {
        summary[name] = {
          cpuMeanPct: mean(points.map((p) => p.cpu)),
          cpuPeakPct: max(points.map((p) => p.cpu)),
          rssMeanMb: mean(points.map((p) => p.rssMb)),
          rssPeakMb: max(points.map((p) => p.rssMb)),
          pssMeanMb: mean(points.map((p) => p.pssMb)),
          pssPeakMb: max(points.map((p) => p.pssMb)),
          samples: points.length,
        };
      }
      return { processes: summary, loadAverage1m: { mean: mean(load), max: max(load) } };
    },
  };
}
