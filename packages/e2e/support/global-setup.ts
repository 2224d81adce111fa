import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'packages/server/bin/tuntas.js');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the real server the way a user would (`tuntas seed demo`, `tuntas serve`) on a fresh
 * PGlite folder, with a demo data set small enough to seed in seconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(root, 'packages/web/dist/index.html'))) throw new Error('Build the web app first: npm run build');
  const dataDir = mkdtempSync(join(tmpdir(), 'tuntas-e2e-'));
  const env = {
    ...process.env,
    TUNTAS_DATA_DIR: dataDir,
    DATABASE_URL: '',
    TUNTAS_DEMO_PASSWORD: 'tuntas-demo',
    LOG_LEVEL: 'warn',
    TUNTAS_AUTO_REPORTS: '0',
  };
  const seeded = spawnSync(process.execPath, [cli, 'seed', 'demo', '--scale', '6000', '--worklog-months', '1'], { env, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', String(port)], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 60 s')), 60_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Tuntas berjalan')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
