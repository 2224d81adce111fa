import { randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { beneficiaryPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { readableImport } from './import-status.js';
import { importBeneficiaries, type ImportReport, type ImportRowReport } from './import-beneficiaries.js';
import { ImportReportWriter } from './import-report-xlsx.js';
import { openSpreadsheet, REGISTRY_LAYOUT } from './spreadsheet-reader.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './upload-limits.js';
import { capped, withSpooledUpload } from './upload-spool.js';
import { insertImportReport, reportFile, sweepReports } from './report-files.js';

export interface UploadResult extends ImportReport {
  id: string;
  /** Rows with an error or a warning; `rows` lists the first `rowsInAnswer` of them. */
  rowsListed: number;
  /** An XLSX of the whole row report was kept for download. */
  hasReport: boolean;
}

/** Rows of this user's uploads in the last hour that met someone registered outside their scope. */
export async function outOfScopeLastHour(db: Kysely<DB>, actor: Actor): Promise<number> {
  const { n } = await db
    .selectFrom('import_reports')
    .select(sql<number>`coalesce(sum((summary->>'outOfScope')::int), 0)::int`.as('n'))
    .where('created_by', '=', actor.id)
    .where('created_at', '>', sql<Date>`now() - interval '1 hour'`)
    .executeTakeFirstOrThrow();
  return n;
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
  await mkdir(limits.reportsDir, { recursive: true });
  const id = randomUUID();
  const partial = `${reportFile(limits, id)}.part`;
  let outOfScope = 0;
  let report: ImportReport | undefined;
  let failure: unknown;
  try {
    return await withSpooledUpload(upload.body, limits, REGISTRY_LAYOUT, async (file) => {
      const used = upload.dryRun || actor.wilayah === null ? 0 : await outOfScopeLastHour(db, actor);
      if (used >= limits.outOfScopePerHour) throw new AppError('IMPORT_SCOPE_LOOKUPS_EXCEEDED', { windowMinutes: 60 });
      void sweepReports(limits).catch(() => undefined);

      const source = await openSpreadsheet(file);
      const writer = new ImportReportWriter(partial, () => source.header);
      const shown: ImportRowReport[] = [];
      let listed = 0;
      try {
        report = await importBeneficiaries(db, capped(source, limits.maxRows), {
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
    });
  } catch (error) {
    failure = error;
    throw error;
  } finally {
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
    await insertImportReport(trx, actor, {
      id: upload.id,
      kind: 'beneficiaries',
      fileName: upload.fileName,
      dryRun: upload.dryRun,
      summary,
    });
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
 * its area. A background import keeps its report in the database (any node serves it), as earlier versions did.
 */
export async function importReportFile(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<{ fileName: string; body: ReadStream | Buffer }> {
  const row = await readableImport(db, actor, id);
  if (row.has_xlsx) {
    const { report_xlsx } = await db.selectFrom('import_reports').select('report_xlsx').where('id', '=', id).executeTakeFirstOrThrow();
    return { fileName: row.file_name, body: report_xlsx! };
  }
  const file = reportFile(limits, id);
  if (!(await stat(file).catch(() => undefined))?.isFile()) throw notFound();
  return { fileName: row.file_name, body: createReadStream(file) };
}
