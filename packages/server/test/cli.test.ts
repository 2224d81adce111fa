import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliTarget } from './support/test-database.js';

/** The real `tuntas` binary, run as a user would, against this run's database engine. */
const BIN = fileURLToPath(new URL('../bin/tuntas.js', import.meta.url));
const FIXTURES = new URL('./fixtures/', import.meta.url);

let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const target = await createCliTarget();
  env = target.env;
  cleanup = target.close;
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
    for (const command of ['serve', 'migrate', 'seed', 'user', 'retention']) expect(help.out).toContain(command);
  });

  it('runs the retention schedule, counting first with --dry-run', () => {
    const dry = tuntas(['retention', 'run', '--dry-run']);
    expect(dry.err).toBe('');
    expect(dry.out).toContain('Retensi (uji coba, tidak ada yang diubah)');
    expect(dry.out).toMatch(/kasus\s+1825 hari\s+\(untuk dikonfirmasi\)/);
    const run = tuntas(['retention', 'run', '--json'], { TUNTAS_RETENTION: 'sesi=7' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ dryRun: false, jumlah: { penerimaManfaat: 0 } });
    expect(JSON.parse(run.out).jadwal).toContainEqual(expect.objectContaining({ jenis: 'sesi', hari: 7 }));
    expect(tuntas(['retention', 'run'], { TUNTAS_RETENTION: 'kasus=0' }).code).toBe(1);
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

  it('imports the messy sample as the contract says: verdict per line in --json, each person once', async () => {
    const file = fileURLToPath(new URL('beneficiaries-messy.csv', FIXTURES));
    const truth = JSON.parse(await readFile(new URL('beneficiaries-messy.truth.json', FIXTURES), 'utf8')) as Array<{
      line: number;
      expect: string | null;
    }>;
    const accepted = truth.filter((t) => t.expect === null).length;
    expect(tuntas(['migrate']).code).toBe(0);

    const dry = tuntas(['import', 'beneficiaries', file, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.out) as {
      total: number;
      accepted: number;
      rejected: number;
      rows: Array<{ line: number; errors: string[]; warnings: string[] }>;
    };
    expect(Object.keys(report)).toEqual(['total', 'accepted', 'rejected', 'rows']);
    expect(report).toMatchObject({ total: truth.length, accepted, rejected: truth.length - accepted });
    const byLine = new Map(report.rows.map((r) => [r.line, r.errors]));
    for (const t of truth) expect(byLine.get(t.line) ?? [], `line ${t.line}`).toEqual(t.expect ? [t.expect] : []);

    const first = tuntas(['import', 'beneficiaries', file]);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Impor selesai.');
    expect(first.out).toMatch(new RegExp(`Diterima\\s+: ${accepted} \\(baru ${accepted}, diperbarui 0\\)`));
    const again = JSON.parse(tuntas(['import', 'beneficiaries', file, '--json']).out) as typeof report;
    expect(again.accepted).toBe(accepted);
    expect(again.rows.filter((r) => r.warnings.includes('NIK_EXISTS'))).toHaveLength(accepted);
  }, 120_000);

  it('refuses a file that is not a spreadsheet with the reason and a failing exit code', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tuntas-cli-file-'));
    const photo = path.join(dir, 'foto.csv');
    await writeFile(photo, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]));
    const result = tuntas(['import', 'beneficiaries', photo, '--json']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('IMPORT_FILE_UNREADABLE');
    expect(result.out).toBe('');
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an unknown role before touching the database', () => {
    const bad = tuntas(['user', 'add', '--username', 'x', '--role', 'raja']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('pendamping | koordinator');
  });
});
