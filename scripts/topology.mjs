#!/usr/bin/env node
// A production-shaped deployment on loopback, for the topology test and the benchmark: a
// PostgreSQL primary, a streaming replica of it (pg_basebackup -R, hot standby, a replication
// slot) and API nodes (`tuntas serve`, DATABASE_URL to the primary, DATABASE_REPLICA_URL to the
// replica), each on its own free port, everything in one temporary folder. Debian's binaries
// (/usr/lib/postgresql/*/bin, or TUNTAS_PG_BIN); run as the `postgres` user when we are root.
// A watchdog process tears it all down if the process that started it dies without stopping it.
//
//   node scripts/topology.mjs start [--nodes N]   prints the URLs, runs until Ctrl-C / SIGTERM
//   node scripts/topology.mjs stop DIR            stops the one started in DIR
//
// As a module: `const t = await startTopology({ nodes: 2 }); … await t.stop();`
import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TUNTAS = path.join(ROOT, 'packages/server/bin/tuntas.js');

/** The newest PostgreSQL bin folder with initdb, or null. */
export function postgresBin() {
  if (process.env.TUNTAS_PG_BIN) return existsSync(path.join(process.env.TUNTAS_PG_BIN, 'initdb')) ? process.env.TUNTAS_PG_BIN : null;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')) && existsSync(path.join(base, v, 'bin', 'pg_basebackup')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}

/** PostgreSQL refuses to run as root: its programs run as `postgres` then (as .ci/run does). */
function postgresUser() {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function run(file, args, { timeout = 60_000, as = null } = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout, ...(as ? { uid: as.uid, gid: as.gid } : {}), cwd: '/' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(file)} ${args.join(' ')}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

function tail(file, chars = 3000) {
  try {
    return readFileSync(file, 'utf8').slice(-chars);
  } catch {
    return '';
  }
}

// Test settings: no fsync (nothing here outlives an OS crash anyway); commits stay synchronous,
// so an acknowledged write is in the WAL before the client hears of it.
const SETTINGS = {
  listen_addresses: "'127.0.0.1'",
  fsync: 'off',
  full_page_writes: 'off',
  wal_level: 'replica',
  max_wal_senders: '4',
  max_replication_slots: '4',
  hot_standby: 'on',
  hot_standby_feedback: 'on',
  wal_receiver_status_interval: '1s',
  shared_buffers: '64MB',
  max_connections: '100',
};

function settingsText(values) {
  return `\n# tuntas topology\n${Object.entries(values)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n')}\n`;
}

/** Tears everything down if the starting process dies (kill -9, a crashed test worker). */
function startWatchdog(dir, pgBin, as) {
  const script = `
    const { execFileSync } = require('node:child_process');
    const fs = require('node:fs');
    const [parent, dir, pgBin, uid, gid] = process.argv.slice(1);
    const as = uid === '' ? {} : { uid: Number(uid), gid: Number(gid) };
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const cleanup = () => {
      try { for (const pid of JSON.parse(fs.readFileSync(dir + '/pids.json', 'utf8'))) { try { process.kill(pid, 'SIGKILL'); } catch {} } } catch {}
      for (const d of ['primary', 'replica']) {
        try { execFileSync(pgBin + '/pg_ctl', ['-D', dir + '/' + d, '-m', 'immediate', 'stop'], { ...as, stdio: 'ignore', timeout: 30000, cwd: '/' }); } catch {}
      }
      fs.rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    };
    process.on('SIGTERM', () => process.exit(0));
    setInterval(() => { if (!alive(Number(parent))) cleanup(); }, 500);
  `;
  const child = spawn(
    process.execPath,
    ['-e', script, String(process.pid), dir, pgBin, as ? String(as.uid) : '', as ? String(as.gid) : ''],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  child.unref();
  return child;
}

/**
 * Starts the topology and resolves when every part answers. Options: `nodes` (API nodes, 2),
 * `nodeEnv` (extra environment for the nodes), `settings` (extra postgresql.conf settings),
 * `log` (progress lines).
 */
export async function startTopology({ nodes: nodeCount = 2, nodeEnv = {}, settings = {}, log = () => {} } = {}) {
  const pgBin = postgresBin();
  if (!pgBin) throw new Error('PostgreSQL binaries not found (apt-get install postgresql, or set TUNTAS_PG_BIN)');
  const as = postgresUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'tuntas-topology-'));
  if (as) chownSync(dir, as.uid, as.gid);
  const watchdog = startWatchdog(dir, pgBin, as);
  const bin = (name) => path.join(pgBin, name);
  const pids = new Set();
  const savePids = () => writeFileSync(path.join(dir, 'pids.json'), JSON.stringify([...pids]));

  const server = (name, port) => ({
    name,
    port,
    dataDir: path.join(dir, name),
    logFile: path.join(dir, `${name}.log`),
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
  });
  const primary = server('primary', await freePort());
  const replica = server('replica', await freePort());

  const pgCtl = (s, ...args) => run(bin('pg_ctl'), ['-D', s.dataDir, ...args], { as, timeout: 90_000 });
  const psql = (s, query) =>
    run(
      bin('psql'),
      ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(s.port), '-U', 'postgres', '-d', 'postgres', '-c', query],
      { as, timeout: 30_000 },
    ).then((out) => out.trim());

  const topology = {
    dir,
    pgBin,
    primary,
    replica,
    nodes: [],
    /** One SQL statement through psql on `primary` or `replica`; the unaligned output, trimmed. */
    psql: (which, query) => psql(which === 'replica' ? replica : primary, query),
    /** pg_ctl on `primary` or `replica`: `start`, `stop`, `restart` (fast shutdown), waiting for it. */
    async pgCtl(which, action) {
      const s = which === 'replica' ? replica : primary;
      if (action === 'stop') await pgCtl(s, '-m', 'fast', '-w', 'stop');
      else await pgCtl(s, '-l', s.logFile, '-m', 'fast', '-w', '-t', '60', action);
    },
    /** Resolves once the replica has replayed everything the primary has written so far. */
    async replicaCaughtUp(timeoutMs = 30_000) {
      const target = await psql(primary, 'select pg_current_wal_lsn()');
      await until(
        'the replica to replay ' + target,
        async () => (await psql(replica, `select pg_last_wal_replay_lsn() >= '${target}'::pg_lsn`)) === 't',
        timeoutMs,
      );
    },
    startNode,
    /** Sends `signal` (SIGTERM by default) to node i and resolves when it has exited. */
    async stopNode(i, signal = 'SIGTERM') {
      const node = topology.nodes[i];
      if (!node?.process || node.process.exitCode !== null || node.process.signalCode !== null) return;
      const exited = new Promise((r) => node.process.once('exit', r));
      node.process.kill(signal);
      const timer = setTimeout(() => node.process.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      pids.delete(node.process.pid);
      savePids();
    },
    async stop() {
      await Promise.all(topology.nodes.map((_, i) => topology.stopNode(i).catch(() => {})));
      for (const s of [replica, primary]) {
        if (existsSync(path.join(s.dataDir, 'postmaster.pid')))
          await pgCtl(s, '-m', 'fast', '-w', 'stop').catch(() => pgCtl(s, '-m', 'immediate', 'stop').catch(() => {}));
      }
      watchdog.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };

  async function startNode(i) {
    const node = topology.nodes[i] ?? { name: `node${i + 1}`, port: await freePort() };
    node.url = `http://127.0.0.1:${node.port}`;
    node.logFile = path.join(dir, `${node.name}.log`);
    topology.nodes[i] = node;
    const out = openSync(node.logFile, 'a');
    const child = spawn(process.execPath, [TUNTAS, 'serve'], {
      cwd: ROOT,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        DATABASE_URL: primary.url,
        DATABASE_REPLICA_URL: `${replica.url}?application_name=tuntas-reader`,
        PORT: String(node.port),
        HOST: '127.0.0.1',
        TUNTAS_DATA_DIR: path.join(dir, `${node.name}-data`),
        TUNTAS_AUTO_REPORTS: '0',
        LOG_LEVEL: 'warn',
        ...nodeEnv,
      },
    });
    node.process = child;
    node.pid = child.pid;
    pids.add(child.pid);
    savePids();
    let exited = false;
    child.once('exit', () => (exited = true));
    await until(
      `${node.name} to answer on ${node.url}`,
      async () => {
        if (exited) throw new Error(`${node.name} exited:\n${tail(node.logFile)}`);
        return (await fetch(`${node.url}/api/v1/health`)).ok;
      },
      60_000,
    ).catch((error) => {
      throw exited ? error : new Error(`${error.message}\n${tail(node.logFile)}`);
    });
    return node;
  }

  try {
    log(`primary on ${primary.port}, replica on ${replica.port} (${dir})`);
    await run(bin('initdb'), ['-D', primary.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], { as, timeout: 120_000 });
    const conf = path.join(primary.dataDir, 'postgresql.conf');
    writeFileSync(
      conf,
      readFileSync(conf, 'utf8') +
        settingsText({ ...SETTINGS, ...settings, port: String(primary.port), unix_socket_directories: `'${primary.dataDir}'` }),
    );
    await topology.pgCtl('primary', 'start');

    // The replica: a base backup that writes standby.signal and primary_conninfo (-R), with its own slot.
    await run(
      bin('pg_basebackup'),
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(primary.port),
        '-U',
        'postgres',
        '-D',
        replica.dataDir,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '-C',
        '-S',
        'tuntas_replica',
        '--no-sync',
      ],
      { as, timeout: 120_000 },
    );
    const replicaConf = path.join(replica.dataDir, 'postgresql.conf');
    writeFileSync(
      replicaConf,
      readFileSync(replicaConf, 'utf8') + settingsText({ port: String(replica.port), unix_socket_directories: `'${replica.dataDir}'` }),
    );
    await topology.pgCtl('replica', 'start');
    await until(
      'the replica to stream from the primary',
      async () => (await psql(primary, "select count(*) from pg_stat_replication where state = 'streaming'")) === '1',
      30_000,
    );
    log('replica streaming');

    // Migrate once before the nodes start (each would also migrate, under the advisory lock).
    await new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [TUNTAS, 'migrate'],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: primary.url }, timeout: 180_000 },
        (error, _stdout, stderr) => (error ? reject(new Error(`tuntas migrate: ${error.message}\n${stderr}`)) : resolve()),
      );
    });
    await topology.replicaCaughtUp();
    log('migrated; replica caught up');

    await Promise.all(Array.from({ length: nodeCount }, (_, i) => startNode(i)));
    log(`API nodes: ${topology.nodes.map((n) => n.url).join(', ')}`);
    writeFileSync(path.join(dir, 'topology.json'), JSON.stringify(describe(topology), null, 2));
    return topology;
  } catch (error) {
    await topology.stop().catch(() => {});
    throw error;
  }
}

function describe(t) {
  return { controller: process.pid, dir: t.dir, primary: t.primary.url, replica: t.replica.url, nodes: t.nodes.map((n) => n.url) };
}

async function main(argv) {
  const [command, arg] = argv;
  if (command === 'start') {
    const nodesAt = argv.indexOf('--nodes');
    const nodes = nodesAt > 0 ? Number(argv[nodesAt + 1]) : 2;
    const topology = await startTopology({ nodes, log: (line) => console.error(line) });
    console.log(JSON.stringify(describe(topology), null, 2));
    const stop = async () => {
      await topology.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    setInterval(() => {}, 1 << 30);
  } else if (command === 'stop' && arg) {
    const { controller } = JSON.parse(readFileSync(path.join(arg, 'topology.json'), 'utf8'));
    process.kill(controller, 'SIGTERM');
  } else {
    console.error('usage: node scripts/topology.mjs start [--nodes N] | stop DIR');
    process.exit(2);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
