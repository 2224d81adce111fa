import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/test-database.js';

/** The real `tuntas` binary, run as a user would, against this run's database engine. */
const BIN = fileURLToPath(new URL('../bin/tuntas.js', import.meta.url));

let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  if (database.url) {
    env = { ...process.env, DATABASE_URL: database.url };
    cleanup = () => database.close();
  } else {
    await database.close();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tuntas-cli-'));
    env = { ...process.env, DATABASE_URL: '', TUNTAS_DATA_DIR: dir };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
}, 120_000);
afterAll(() => cleanup());

function tuntas(args: string[], extraEnv: Record<string, string> = {}, input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, input, encoding: 'utf8', timeout: 90_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('tuntas CLI', () => {
  it('lists its commands', () => {
    const help = tuntas(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'user']) expect(help.out).toContain(command);
  });

  it('migrates, then manages users with the password from the environment or stdin', () => {
    expect(tuntas(['migrate']).code).toBe(0);
    const add = tuntas(['user', 'add', '--username', 'koor.jatim', '--role', 'koordinator', '--wilayah', '35'], {
      TUNTAS_PASSWORD: 'kata-sandi-kuat-1',
    });
    expect(add.err).toBe('');
    expect(add.out).toMatch(/Akun dibuat: koor\.jatim \(koordinator, 35\)/);

    const fromStdin = tuntas(['user', 'add', '--username', 'direktur', '--role', 'direktorat'], {}, 'sandi-dari-stdin-9\n');
    expect(fromStdin.out).toMatch(/direktur \(direktorat, nasional\)/);

    const duplicate = tuntas(['user', 'add', '--username', 'KOOR.JATIM', '--role', 'admin'], { TUNTAS_PASSWORD: 'kata-sandi-kuat-1' });
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toContain('USERNAME_TAKEN');

    const weak = tuntas(['user', 'add', '--username', 'lemah', '--role', 'admin'], { TUNTAS_PASSWORD: '123' });
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('WEAK_PASSWORD');

    expect(tuntas(['user', 'disable', '--username', 'koor.jatim']).code).toBe(0);
    const rescope = tuntas(['user', 'set-scope', '--username', 'direktur', '--wilayah', '35.10']);
    expect(rescope.out).toContain('direktur: direktorat, 35.10');
    const list = tuntas(['user', 'list']);
    expect(list.out).toMatch(/koor\.jatim\s+koordinator\s+35\s+nonaktif/);
    expect(list.out).toMatch(/direktur\s+direktorat\s+35\.10\s+aktif/);
    expect(list.out).toContain('2 akun');
    // Eight real processes, each opening the embedded database: slower than one request, on purpose.
  }, 120_000);

  it('refuses an unknown role before touching the database', () => {
    const bad = tuntas(['user', 'add', '--username', 'x', '--role', 'raja']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('pendamping | koordinator');
  });
});
