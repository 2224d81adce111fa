import { createReadStream, createWriteStream, mkdtempSync, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { IMPORT_ROW_MESSAGES, type ImportRowWarning } from '@tuntas/domain';
import { CLI_ORIGIN, SYSTEM_ACTOR } from '../authz/actor.js';
import type { Database } from '../db/database.js';
import { importBeneficiaries, type ImportReport, type ImportRowReport } from '../import/import-beneficiaries.js';
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

/**
 * The rows with an error or a warning, taken as they are judged instead of kept in the report: a
 * re-import of a million rows warns on every one, and the terminal import keeps constant memory.
 * For `--json` they are spooled to a temporary file, so the object can start with the counts as
 * the contract writes it, once they are known.
 */
class RowSink {
  readonly rejected: ImportRowReport[] = [];
  rejectedCount = 0;
  readonly warnings = new Map<ImportRowWarning, number>();
  private pending: string[] = [];
  private spooled = 0;
  private readonly spool: { dir: string; file: string; out: WriteStream } | undefined;

  constructor(json: boolean) {
    if (!json) return;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tuntas-import-'));
    const file = path.join(dir, 'rows.json');
    this.spool = { dir, file, out: createWriteStream(file) };
  }

  add(row: ImportRowReport): void {
    if (row.errors.length === 0 && row.warnings.length === 0) return;
    if (this.spool) {
      this.pending.push(JSON.stringify(row));
      if (this.pending.length >= 1000) this.flush();
      return;
    }
    if (row.errors.length > 0 && this.rejectedCount++ < SHOWN_REJECTED) this.rejected.push(row);
    for (const w of row.warnings) this.warnings.set(w, (this.warnings.get(w) ?? 0) + 1);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.spool!.out.write(`${this.spooled === 0 ? '' : ','}${this.pending.join(',')}`);
    this.spooled += this.pending.length;
    this.pending = [];
  }

  async printJson(report: ImportReport): Promise<void> {
    this.flush();
    const { file, out } = this.spool!;
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    process.stdout.write(`{"total":${report.total},"accepted":${report.accepted},"rejected":${report.rejected},"rows":[`);
    await pipeline(createReadStream(file), process.stdout, { end: false });
    process.stdout.write(']}\n');
  }

  async close(): Promise<void> {
    if (!this.spool) return;
    this.spool.out.destroy();
    await rm(this.spool.dir, { recursive: true, force: true });
  }
}

const SHOWN_REJECTED = 50;

function printHuman(report: ImportReport, sink: RowSink, seconds: number): void {
  console.log(report.dryRun ? 'Uji coba (--dry-run): tidak ada yang disimpan.' : 'Impor selesai.');
  console.log(`  Jumlah baris : ${number.format(report.total)}`);
  console.log(
    `  Diterima     : ${number.format(report.accepted)}${report.dryRun ? '' : ` (baru ${number.format(report.inserted)}, diperbarui ${number.format(report.updated)})`}`,
  );
  console.log(`  Ditolak      : ${number.format(report.rejected)}`);
  console.log(`  Waktu        : ${seconds.toFixed(1)} detik`);
  if (sink.rejected.length > 0) console.log('\nBaris ditolak:');
  for (const row of sink.rejected) {
    console.log(`  baris ${row.line}: ${row.errors.map((c) => `${c} — ${IMPORT_ROW_MESSAGES[c].id}`).join('; ')}`);
  }
  if (sink.rejectedCount > sink.rejected.length)
    console.log(`  … dan ${number.format(sink.rejectedCount - sink.rejected.length)} baris lagi (pakai --json untuk semuanya)`);
  if (sink.warnings.size > 0) console.log('\nPeringatan:');
  for (const [code, count] of sink.warnings) console.log(`  ${number.format(count)} baris: ${code} — ${IMPORT_ROW_MESSAGES[code].id}`);
}

export async function runImportBeneficiaries(database: Database, file: string, opts: { dryRun: boolean; json: boolean }): Promise<void> {
  const { size } = await stat(file);
  const source = await openSpreadsheet(file);
  const started = Date.now();
  const onProgress = opts.json ? undefined : progressBar(size, source.bytesRead, started);
  const sink = new RowSink(opts.json);
  try {
    const report = await importBeneficiaries(database.db, source.rows, {
      actor: SYSTEM_ACTOR,
      origin: CLI_ORIGIN,
      dryRun: opts.dryRun,
      // The terminal import is the bulk path: on PostgreSQL two batches are written at once.
      parallelWrites: database.kind === 'postgresql' ? 2 : 1,
      keepRows: false,
      onRow: (_, verdict) => sink.add(verdict),
      ...(onProgress ? { onProgress } : {}),
    });
    if (onProgress) process.stderr.write('\n');
    if (opts.json) await sink.printJson(report);
    else printHuman(report, sink, (Date.now() - started) / 1000);
  } finally {
    await sink.close();
  }
}
