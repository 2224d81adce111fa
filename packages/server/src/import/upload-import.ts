import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { beneficiaryPolicy } from '../authz/policies.js';
import { canSeeWilayah } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { importBeneficiaries, type ImportReport, type ImportRowReport } from './import-beneficiaries.js';
import { ImportReportWriter } from './import-report-xlsx.js';
import { openSpreadsheet, type SourceRow } from './spreadsheet-reader.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './upload-limits.js';
import { checkXlsxLimits } from './xlsx-limits.js';

export interface UploadResult extends ImportReport {
  id: string;
  /** Rows with an error or a warning; `rows` lists the first `rowsInAnswer` of them. */
  rowsListed: number;
  /** An XLSX of the whole row report was kept for download. */
  hasReport: boolean;
}

const reportFile = (limits: UploadLimits, id: string) => path.join(limits.reportsDir, `${id}.xlsx`);

async function isZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    await handle.close();
  }
}

/** Counts a CSV's data rows as the importer will read them, stopping at one past the limit. */
async function refuseTooManyRows(file: string, maxRows: number): Promise<void> {
  const source = await openSpreadsheet(file);
  let rows = 0;
  for await (const _ of source.rows) if (++rows > maxRows) throw new AppError('IMPORT_TOO_MANY_ROWS', { limit: maxRows });
}

/** The limit again while importing, should the file hold rows the first look did not count. */
async function* capped(rows: AsyncIterable<SourceRow>, maxRows: number): AsyncGenerator<SourceRow> {
  let n = 0;
  for await (const row of rows) {
    if (++n > maxRows) throw new AppError('IMPORT_TOO_MANY_ROWS', { limit: maxRows });
    yield row;
  }
}

/** Rows of this user's uploads in the last hour that met someone registered outside their scope. */
async function outOfScopeLastHour(db: Kysely<DB>, actor: Actor): Promise<number> {
  const { n } = await db
    .selectFrom('import_reports')
    .select(sql<number>`coalesce(sum((summary->>'outOfScope')::int), 0)::int`.as('n'))
    .where('created_by', '=', actor.id)
    .where('created_at', '>', sql<Date>`now() - interval '1 hour'`)
    .executeTakeFirstOrThrow();
  return n;
}

/** Reports older than the keeping time (and leftovers of a crash) are removed on the next upload. */
async function sweepReports(limits: UploadLimits): Promise<void> {
  const before = Date.now() - limits.reportsKeepHours * 3600_000;
  for (const name of await readdir(limits.reportsDir).catch(() => [] as string[])) {
    const file = path.join(limits.reportsDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < before) await rm(file, { force: true });
  }
}

/**
 * An upload from the web app: the body is spooled to a temporary file (never held in memory) and
 * refused before any work when it is over the upload's limits (rows, unpacked XLSX size); then
 * imported with the caller's scope. The answer carries the counts and the first rows with an
 * error or a warning; every such row goes to an XLSX written to disk as the import runs, which
 * the uploader downloads streamed from there. Memory stays flat whatever the file holds.
 */
export async function importUploadedBeneficiaries(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  upload: { body: Readable; fileName: string; dryRun: boolean },
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<UploadResult> {
  if (!beneficiaryPolicy.write(actor)) throw new AppError('FORBIDDEN');
  const dir = path.join(os.tmpdir(), 'tuntas-upload', randomUUID());
  await mkdir(dir, { recursive: true });
  await mkdir(limits.reportsDir, { recursive: true });
  const id = randomUUID();
  const partial = `${reportFile(limits, id)}.part`;
  let outOfScope = 0;
  let report: ImportReport | undefined;
  let failure: unknown;
  try {
    const file = path.join(dir, 'upload');
    await pipeline(upload.body, createWriteStream(file));
    if (await isZip(file)) {
      await checkXlsxLimits(file, {
        maxUnpackedBytes: limits.maxXlsxUnpackedBytes,
        maxUnpackedHeldBytes: limits.maxXlsxHeldBytes,
        maxRows: limits.maxRows,
      });
    } else {
      await refuseTooManyRows(file, limits.maxRows);
    }
    const used = upload.dryRun || actor.wilayah === null ? 0 : await outOfScopeLastHour(db, actor);
    if (used >= limits.outOfScopePerHour) throw new AppError('IMPORT_SCOPE_LOOKUPS_EXCEEDED', { windowMinutes: 60 });
    void sweepReports(limits).catch(() => undefined);

    const source = await openSpreadsheet(file);
    const writer = new ImportReportWriter(partial, () => source.header);
    const shown: ImportRowReport[] = [];
    let listed = 0;
    try {
      report = await importBeneficiaries(db, capped(source.rows, limits.maxRows), {
        actor,
        origin,
        dryRun: upload.dryRun,
        keepRows: false,
        importId: id,
        outOfScopeAllowance: limits.outOfScopePerHour - used,
        onOutOfScope: (count) => (outOfScope = count),
        onRow: (row, verdict) => {
          writer.add(row, verdict);
          if (verdict.errors.length === 0 && verdict.warnings.length === 0) return;
          if (listed++ < limits.rowsInAnswer) shown.push(verdict);
        },
      });
    } finally {
      await writer.finish();
    }
    if (listed > 0) await rename(partial, reportFile(limits, id));
    return { id, ...report, rows: shown, rowsListed: listed, hasReport: listed > 0 };
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(partial, { force: true });
    if (report || outOfScope > 0)
      await recordUpload(db, actor, origin, { id, fileName: upload.fileName, dryRun: upload.dryRun, report, outOfScope, failure });
  }
}

/**
 * The upload's row (who, when, counts; what the download route and the hourly limit read) and,
 * when it met people registered outside the uploader's scope, one audit event with the count.
 * Written also when the import stopped half-way, so the limit counts every lookup made.
 */
async function recordUpload(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  upload: { id: string; fileName: string; dryRun: boolean; report: ImportReport | undefined; outOfScope: number; failure: unknown },
): Promise<void> {
  const { report, outOfScope } = upload;
  const summary = report
    ? {
        total: report.total,
        accepted: report.accepted,
        rejected: report.rejected,
        inserted: report.inserted,
        updated: report.updated,
        outOfScope,
      }
    : { failed: upload.failure instanceof AppError ? upload.failure.code : 'INTERNAL', outOfScope };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('import_reports')
      .values({
        id: upload.id,
        kind: 'beneficiaries',
        created_by: actor.id,
        wilayah: actor.wilayah,
        file_name: upload.fileName.slice(0, 200),
        dry_run: upload.dryRun,
        summary: JSON.stringify(summary),
        report_xlsx: null,
      })
      .execute();
    if (outOfScope > 0) {
      await recordAudit(trx, actor, origin, {
        action: 'beneficiary.import.out_of_scope',
        entityType: 'import',
        entityId: upload.id,
        wilayah: actor.wilayah,
        details: { rows: outOfScope },
      });
    }
  });
}

/**
 * The XLSX row report of an upload, streamed from disk, for whoever ran the import or supervises
 * its area. Reports kept in the database by earlier versions are still served from there.
 */
export async function importReportFile(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<{ fileName: string; body: ReadStream | Buffer }> {
  const row = await db
    .selectFrom('import_reports')
    .select(['created_by', 'wilayah', 'file_name', 'report_xlsx'])
    .where('id', '=', id)
    .executeTakeFirst();
  const supervises = (actor.role === 'koordinator' || actor.role === 'admin') && row !== undefined && canSeeWilayah(actor, row.wilayah);
  if (!row || (row.created_by !== actor.id && !supervises)) throw notFound();
  if (row.report_xlsx) return { fileName: row.file_name, body: row.report_xlsx };
  const file = reportFile(limits, id);
  if (!(await stat(file).catch(() => undefined))?.isFile()) throw notFound();
  return { fileName: row.file_name, body: createReadStream(file) };
}
