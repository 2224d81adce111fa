// One import measured in its own process, so its peak memory (maxRSS) is its own.
// Usage: node bench/import-worker.mjs <tuntas|copy> <csv> [DATABASE_URL]
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { openDatabase } from '../packages/server/dist/db/database.js';
import { migrateToLatest } from '../packages/server/dist/db/migrate.js';
import { importBeneficiaries } from '../packages/server/dist/import/import-beneficiaries.js';
import { openSpreadsheet } from '../packages/server/dist/import/spreadsheet-reader.js';
import { CLI_ORIGIN, SYSTEM_ACTOR } from '../packages/server/dist/authz/actor.js';

const [mode, file, databaseUrl] = process.argv.slice(2);
// PGlite keeps its data in a temporary folder, as in production, not in memory.
const dataDir = databaseUrl ? undefined : mkdtempSync(path.join(os.tmpdir(), 'tuntas-bench-pglite-'));
const database = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
await migrateToLatest(database.db);
let rows = 0;
const started = performance.now();
if (mode === 'tuntas') {
  const source = await openSpreadsheet(file);
  const report = await importBeneficiaries(database.db, source.rows, {
    actor: SYSTEM_ACTOR,
    origin: CLI_ORIGIN,
    dryRun: false,
    batchSize: 2000,
    parallelWrites: database.kind === 'postgresql' ? 2 : 1,
  });
  if (report.rejected > 0) throw new Error(`${report.rejected} rows rejected`);
  rows = report.inserted;
} else {
  // The floor: PostgreSQL's own COPY of the same file into a bare table, no checks at all.
  await sql`create temporary table copy_target (nik text, no_kk text, nama text, jenis_kelamin text, tempat_lahir text, tanggal_lahir text, alamat text, kode_desa text, kategori_ppks text, telepon text)`.execute(
    database.db,
  );
  if (database.pglite) {
    await database.pglite.query(`copy copy_target from '/dev/blob' with (format csv, header true)`, [], {
      blob: new Blob([await readFile(file)]),
    });
  } else {
    const { from } = await import('pg-copy-streams');
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(
      'create temporary table copy_target (nik text, no_kk text, nama text, jenis_kelamin text, tempat_lahir text, tanggal_lahir text, alamat text, kode_desa text, kategori_ppks text, telepon text)',
    );
    await pipeline(createReadStream(file), client.query(from('copy copy_target from stdin with (format csv, header true)')));
    rows = (await client.query('select count(*)::int as n from copy_target')).rows[0].n;
    await client.end();
  }
  if (database.pglite) rows = (await sql`select count(*)::int as n from copy_target`.execute(database.db)).rows[0].n;
}
const ms = performance.now() - started;
await database.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
