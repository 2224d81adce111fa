import { errorMessage, isRole, type Role } from '@tuntas/domain';
import { Command, InvalidArgumentError } from 'commander';
import { verifyAuditChainAs } from '../audit/audit-chain.js';
import { CLI_ORIGIN, SYSTEM_ACTOR } from '../authz/actor.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { AppError } from '../http/app-error.js';
import { retentionDeps } from '../privacy/retention-job.js';
import { runRetention } from '../privacy/retention-run.js';
import { DEMO_ACCOUNTS } from '../seed/demo-accounts.js';
import { seedDemo } from '../seed/seed-demo.js';
import { startServer } from '../server.js';
import { createUser, findUserByUsername, listUsers, resetPassword, updateUser } from '../users/user-service.js';
import { backup, restore } from './backup.js';
import { runImportBeneficiaries } from './import-command.js';
import { readPassword } from './read-password.js';
import { formatRetention } from './retention-command.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('harus bilangan bulat ≥ 0');
  return n;
}

function role(value: string): Role {
  if (!isRole(value)) throw new InvalidArgumentError('pendamping | koordinator | direktorat | admin | auditor');
  return value;
}

/** Opens the configured database, migrated, for one command, and always closes it. */
async function withDatabase<T>(config: Config, run: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await run(database);
  } finally {
    await database.close();
  }
}

async function userId(database: Database, username: string): Promise<string> {
  const user = await findUserByUsername(database.db, username);
  if (!user) throw new AppError('NOT_FOUND', { username });
  return user.id;
}

function printDemoAccounts(password: string): void {
  console.log('\nAkun demo (kata sandi: %s):', password);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(18)} ${a.role.padEnd(12)} ${a.wilayah ?? 'nasional'}`);
  console.log('');
}

export function buildCli(config: Config = loadConfig()): Command {
  const program = new Command('tuntas')
    .description('Tuntas — manajemen kasus dan tenaga pendamping rehabilitasi sosial')
    .showHelpAfterError();

  program
    .command('serve')
    .description('Menjalankan server web dan API')
    .option('--port <n>', 'port HTTP (default PORT atau 3000)', positiveInt)
    .option('--demo', 'isi data demo sebelum mulai')
    .action(async (opts: { port?: number; demo?: boolean }) => {
      // The demo's accounts share a published password: loopback only unless HOST says otherwise.
      // …and sign in without a second factor unless TUNTAS_2FA_ROLES asks for one.
      const demo = { host: config.demoHost, ...(config.twoFactorRolesExplicit ? {} : { twoFactorRoles: [] }) };
      const effective = { ...config, ...(opts.demo ? demo : {}), ...(opts.port === undefined ? {} : { port: opts.port }) };
      const { url } = await startServer(effective, {
        beforeListen: opts.demo
          ? async (database) => {
              await seedDemo(database, { password: config.demoPassword, scale: 25_000 });
            }
          : undefined,
      });
      if (opts.demo) printDemoAccounts(config.demoPassword);
      console.log(`Tuntas berjalan di ${url.replace('0.0.0.0', 'localhost')}`);
    });

  program
    .command('migrate')
    .description('Menjalankan migrasi basis data')
    .action(async () => {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const { applied } = await migrateToLatest(database.db);
        console.log(applied.length ? `Migrasi diterapkan: ${applied.join(', ')}` : 'Basis data sudah mutakhir.');
      } finally {
        await database.close();
      }
    });

  const seed = program.command('seed').description('Mengisi data');
  seed
    .command('demo')
    .description('Mengisi akun dan data demo')
    .option('--scale <n>', 'jumlah kasus', positiveInt, 25_000)
    .option('--worklog-months <n>', 'bulan riwayat presensi dan laporan kegiatan', positiveInt, 3)
    .action(async (opts: { scale: number; worklogMonths: number }) => {
      const result = await withDatabase(config, (d) =>
        seedDemo(d, { password: config.demoPassword, scale: opts.scale, worklogMonths: opts.worklogMonths }),
      );
      console.log(`Akun dibuat: ${result.created.length}, sudah ada: ${result.existing.length}`);
      if (result.cases > 0)
        console.log(
          `Data demo: ${result.pendamping} pendamping, ${result.beneficiaries} penerima manfaat, ${result.cases} kasus, ${result.events} peristiwa kasus, ${result.attendance} presensi, ${result.activities} kegiatan`,
        );
      else console.log('Kasus sudah ada; data demo tidak ditambah.');
      printDemoAccounts(config.demoPassword);
    });

  program
    .command('import')
    .description('Mengimpor data dari berkas CSV/XLSX')
    .command('beneficiaries <file>')
    .description(
      'Mengimpor penerima manfaat (kolom: nik, no_kk, nama, jenis_kelamin, tempat_lahir, tanggal_lahir, alamat, kode_desa, kategori_ppks, telepon)',
    )
    .option('--dry-run', 'periksa saja, jangan simpan')
    .option('--json', 'cetak laporan sebagai satu objek JSON')
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      await withDatabase(config, (d) => runImportBeneficiaries(d, file, { dryRun: opts.dryRun ?? false, json: opts.json ?? false }));
    });

  program
    .command('backup <file>')
    .description('Menulis cadangan (PostgreSQL: pg_dump format custom; PGlite: folder data, saat tidak dipakai proses lain)')
    .action(async (file: string) => {
      console.log(await backup(config, file));
    });

  program
    .command('restore <file>')
    .description('Memulihkan cadangan ke basis data atau folder data yang kosong')
    .option('--force', 'timpa isi yang sudah ada')
    .action(async (file: string, opts: { force?: boolean }) => {
      console.log(await restore(config, file, opts.force ?? false));
    });

  program
    .command('audit')
    .description('Jejak audit')
    .command('verify')
    .description('Menghitung ulang rantai hash jejak audit; keluar dengan kode 1 bila rantai rusak')
    .action(async () => {
      const verdict = await withDatabase(config, (d) => verifyAuditChainAs(d.db, SYSTEM_ACTOR, CLI_ORIGIN));
      console.log(JSON.stringify(verdict));
      if (!verdict.ok) process.exitCode = 1;
    });

  program
    .command('retention')
    .description('Retensi data pribadi (UU 27/2022)')
    .command('run')
    .description('Menganonimkan dan menghapus data yang melewati masa retensinya (kecuali yang ditahan); mencetak jumlah per jenis')
    .option('--dry-run', 'hitung saja, jangan ubah apa pun')
    .option('--json', 'cetak hasil sebagai satu objek JSON')
    .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
      const result = await withDatabase(config, (d) => runRetention(retentionDeps(d.db, config), { dryRun: opts.dryRun ?? false }));
      console.log(opts.json ? JSON.stringify(result) : formatRetention(result));
    });

  const user = program.command('user').description('Mengelola akun pengguna');
  user
    .command('add')
    .description('Membuat akun; kata sandi dari TUNTAS_PASSWORD atau stdin')
    .requiredOption('--username <u>', 'nama pengguna')
    .requiredOption('--role <r>', 'pendamping | koordinator | direktorat | admin | auditor', role)
    .option('--wilayah <kode>', 'kode wilayah tugas (tanpa ini: nasional)')
    .option('--nama <nama>', 'nama lengkap')
    .action(async (opts: { username: string; role: Role; wilayah?: string; nama?: string }) => {
      const password = await readPassword();
      const created = await withDatabase(config, (d) =>
        createUser(d.db, SYSTEM_ACTOR, CLI_ORIGIN, {
          username: opts.username,
          password,
          role: opts.role,
          wilayah: opts.wilayah ?? null,
          namaLengkap: opts.nama ?? null,
        }),
      );
      console.log(`Akun dibuat: ${created.username} (${created.role}, ${created.wilayah ?? 'nasional'}) id=${created.id}`);
    });

  user
    .command('list')
    .description('Daftar akun')
    .action(async () => {
      const { items, total } = await withDatabase(config, (d) => listUsers(d.db, SYSTEM_ACTOR, { page: 1, pageSize: 200 }));
      for (const u of items) {
        console.log(
          `${u.username.padEnd(24)} ${u.role.padEnd(12)} ${(u.wilayah ?? 'nasional').padEnd(14)} ${u.disabled ? 'nonaktif' : 'aktif'}`,
        );
      }
      console.log(`${total} akun`);
    });

  const change = (name: string, description: string) =>
    user.command(name).description(description).requiredOption('--username <u>', 'nama pengguna');

  change('disable', 'Menonaktifkan akun (sesi ditutup)').action(async (opts: { username: string }) => {
    await withDatabase(config, async (d) => updateUser(d.db, SYSTEM_ACTOR, CLI_ORIGIN, await userId(d, opts.username), { disabled: true }));
    console.log(`Akun ${opts.username} dinonaktifkan.`);
  });
  change('enable', 'Mengaktifkan kembali akun').action(async (opts: { username: string }) => {
    await withDatabase(config, async (d) =>
      updateUser(d.db, SYSTEM_ACTOR, CLI_ORIGIN, await userId(d, opts.username), { disabled: false }),
    );
    console.log(`Akun ${opts.username} diaktifkan.`);
  });
  change('set-scope', 'Mengubah peran dan/atau wilayah tugas')
    .option('--role <r>', 'peran baru', role)
    .option('--wilayah <kode>', 'kode wilayah baru')
    .option('--national', 'cakupan nasional')
    .action(async (opts: { username: string; role?: Role; wilayah?: string; national?: boolean }) => {
      const wilayah = opts.national ? null : opts.wilayah;
      const updated = await withDatabase(config, async (d) =>
        updateUser(d.db, SYSTEM_ACTOR, CLI_ORIGIN, await userId(d, opts.username), {
          ...(opts.role ? { role: opts.role } : {}),
          ...(wilayah === undefined ? {} : { wilayah }),
        }),
      );
      console.log(`Akun ${updated.username}: ${updated.role}, ${updated.wilayah ?? 'nasional'}`);
    });
  change('reset-password', 'Mengganti kata sandi (TUNTAS_PASSWORD atau stdin); sesi ditutup').action(async (opts: { username: string }) => {
    const password = await readPassword();
    await withDatabase(config, async (d) => resetPassword(d.db, SYSTEM_ACTOR, CLI_ORIGIN, await userId(d, opts.username), password));
    console.log(`Kata sandi ${opts.username} diganti.`);
  });

  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`Gagal: ${errorMessage(error.code)} [${error.code}]${error.details ? ' ' + JSON.stringify(error.details) : ''}`);
    } else {
      console.error(`Gagal: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exitCode = 1;
  }
}
