import { spawn, spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateFolder } from './support/test-database.js';

/** The real binary: `npm run demo` is `tuntas serve --demo`. */
const BIN = fileURLToPath(new URL('../bin/tuntas.js', import.meta.url));

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await templateFolder();
  const { HOST: _host, ...rest } = process.env;
  env = { ...rest, DATABASE_URL: '', TUNTAS_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', TUNTAS_AUTO_REPORTS: '0' };
  // A few cases already there, so `serve --demo` only checks the accounts instead of seeding 25,000.
  const seeded = spawnSync(process.execPath, [BIN, 'seed', 'demo', '--scale', '20', '--worklog-months', '0'], {
    env,
    encoding: 'utf8',
    timeout: 150_000,
  });
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
}, 180_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Starts `tuntas serve --demo`, answers the URL it announces, then stops it. */
async function demoUrl(extraEnv: Record<string, string>, probe: (url: URL) => Promise<void>): Promise<string> {
  const server = spawn(process.execPath, [BIN, 'serve', '--demo'], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no start in 90 s: ${out}`)), 90_000);
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Tuntas berjalan di (\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    await probe(new URL(line));
    return line;
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
}

const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

/** An address of this machine other than loopback, if it has one. */
const outsideAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('npm run demo (tuntas serve --demo)', () => {
  it('listens on 127.0.0.1 only unless HOST says otherwise', async () => {
    const loopback = await demoUrl({}, async (url) => {
      expect(await reachable('127.0.0.1', Number(url.port))).toBe(true);
      if (outsideAddress) expect(await reachable(outsideAddress, Number(url.port))).toBe(false);
    });
    expect(loopback).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // HOST is honoured: here a second loopback address, which every Linux answers.
    const chosen = await demoUrl({ HOST: '127.0.0.2' }, async (url) => {
      expect(await reachable('127.0.0.2', Number(url.port))).toBe(true);
      expect(await reachable('127.0.0.1', Number(url.port))).toBe(false);
    });
    expect(chosen).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
  }, 240_000);
});
