// The demo as a measurement sees it: seeded into a fresh PGlite folder, served on a free port.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });

/** Seeds the demo at `scale` cases and serves it; `stop()` ends the server and removes the folder. */
export async function startDemo({ scale = 6000 } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tuntas-measure-'));
  const env = { ...process.env, TUNTAS_DATA_DIR: dataDir, DATABASE_URL: '', TUNTAS_DEMO_PASSWORD: 'tuntas-demo' };
  const cli = join(root, 'packages/server/bin/tuntas.js');
  spawnSync(process.execPath, [cli, 'seed', 'demo', '--scale', String(scale)], { env, stdio: 'ignore' });
  const server = spawn(process.execPath, [cli, 'serve', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => server.stdout.on('data', (c) => String(c).includes('Tuntas berjalan') && resolve()));
  return {
    base: `http://127.0.0.1:${port}`,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
