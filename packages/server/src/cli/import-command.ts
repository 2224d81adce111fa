import { stat } from 'node:fs/promises';
import { IMPORT_ROW_MESSAGES, type ImportRowWarning } from '@tuntas/domain';
import { CLI_ORIGIN, SYSTEM_ACTOR } from '../authz/actor.js';
import type { Database } from '../db/database.js';
import { importBeneficiaries, type ImportReport } from '../import/import-beneficiaries.js';
import { openSpreadsheet } from '../import/spreadsheet-reader.js';

const number = new Intl.NumberFormat('id-ID');

/** A one-line progress bar on a terminal; silent when stderr is a file or a pipe. */
function progressBar(totalBytes: number, bytesRead: () => number, started: number) {
  if (!process.stderr.isTTY) return undefined;
  return (rows: number) => {
    const share = totalBytes > 0 ? Math.min(1, bytesRead() / totalBytes) : 0;
    const width = 30;
    const filled = Math.round(share * width);
    const perSecond = rows / Math.max(0.001, (Date.now() - started) / 1000);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}%  ${number.format(rows)} baris  ${number.format(Math.round(perSecond))} baris/detik`,
    );
  };
}

function printHuman(report: ImportReport, seconds: number): void {
  console.log(report.dryRun ? 'Uji coba (--dry-run): tidak ada yang disimpan.' : 'Impor selesai.');
  console.log(`  Jumlah baris : ${number.format(report.total)}`);
  console.log(`  Diterima     : ${number.format(report.accepted)}${report.dryRun ? '' : ` (baru ${number.format(report.inserted)}, diperbarui ${number.format(report.updated)})`}`);
  console.log(`  Ditolak      : ${number.format(report.rejected)}`);
  console.log(`  Waktu        : ${seconds.toFixed(1)} detik`);
  const rejected = report.rows.filter((r) => r.errors.length > 0);
  const shown = rejected.slice(0, 50);
  if (shown.length > 0) console.log('\nBaris ditolak:');
  for (const row of shown) {
    console.log(`  baris ${row.line}: ${row.errors.map((c) => `${c} — ${IMPORT_ROW_MESSAGES[c].id}`).join('; ')}`);
  }
  if (rejected.length > shown.length) console.log(`  … dan ${number.format(rejected.length - shown.length)} baris lagi (pakai --json untuk semuanya)`);
  const warnings = new Map<ImportRowWarning, number>();
  for (const row of report.rows) for (const w of row.warnings) warnings.set(w, (warnings.get(w) ?? 0) + 1);
  if (warnings.size > 0) console.log('\nPeringatan:');
  for (const [code, count] of warnings) console.log(`  ${number.format(count)} baris: ${code} — ${IMPORT_ROW_MESSAGES[code].id}`);
}

export async function runImportBeneficiaries(database: Database, file: string, opts: { dryRun: boolean; json: boolean }): Promise<void> {
  const { size } = await stat(file);
  const source = await openSpreadsheet(file);
  const started = Date.now();
  const onProgress = opts.json ? undefined : progressBar(size, source.bytesRead, started);
  const report = await importBeneficiaries(database.db, source.rows, {
    actor: SYSTEM_ACTOR,
    origin: CLI_ORIGIN,
    dryRun: opts.dryRun,
    // The terminal import is the bulk path: on PostgreSQL two batches are written at once.
    parallelWrites: database.kind === 'postgresql' ? 2 : 1,
    ...(onProgress ? { onProgress } : {}),
  });
  if (onProgress) process.stderr.write('\n');
  if (opts.json) {
    const { total, accepted, rejected, rows } = report;
    process.stdout.write(JSON.stringify({ total, accepted, rejected, rows }) + '\n');
  } else {
    printHuman(report, (Date.now() - started) / 1000);
  }
}
