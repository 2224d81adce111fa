import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { beneficiaryPolicy } from '../authz/policies.js';
import { canSeeWilayah } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { importBeneficiaries, type ImportReport } from './import-beneficiaries.js';
import { ImportReportWriter } from './import-report-xlsx.js';
import { openSpreadsheet } from './spreadsheet-reader.js';

export interface UploadResult extends ImportReport {
  id: string;
}

/**
 * An upload from the web app: the body is spooled to a temporary file (never held in memory),
 * imported with the caller's scope, and its rejected rows written to an XLSX kept with the result.
 */
export async function importUploadedBeneficiaries(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  upload: { body: Readable; fileName: string; dryRun: boolean },
): Promise<UploadResult> {
  if (!beneficiaryPolicy.write(actor)) throw new AppError('FORBIDDEN');
  const dir = path.join(os.tmpdir(), 'tuntas-upload', randomUUID());
  await mkdir(dir, { recursive: true });
  try {
    const file = path.join(dir, 'upload');
    await pipeline(upload.body, createWriteStream(file));
    const source = await openSpreadsheet(file);
    const reportFile = path.join(dir, 'report.xlsx');
    const writer = new ImportReportWriter(reportFile, () => source.header);
    const report = await importBeneficiaries(db, source.rows, {
      actor,
      origin,
      dryRun: upload.dryRun,
      onRow: (row, verdict) => writer.add(row, verdict),
    });
    await writer.finish();
    const { id } = await db
      .insertInto('import_reports')
      .values({
        kind: 'beneficiaries',
        created_by: actor.id,
        wilayah: actor.wilayah,
        file_name: upload.fileName.slice(0, 200),
        dry_run: upload.dryRun,
        summary: JSON.stringify({ total: report.total, accepted: report.accepted, rejected: report.rejected, inserted: report.inserted, updated: report.updated }),
        report_xlsx: report.rejected > 0 ? await readFile(reportFile) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, ...report };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The stored XLSX of rejected rows, for whoever ran the import or supervises its area. */
export async function importReportFile(db: Kysely<DB>, actor: Actor, id: string): Promise<{ fileName: string; bytes: Buffer | null }> {
  const row = await db.selectFrom('import_reports').select(['created_by', 'wilayah', 'file_name', 'report_xlsx']).where('id', '=', id).executeTakeFirst();
  const supervises = (actor.role === 'koordinator' || actor.role === 'admin') && row !== undefined && canSeeWilayah(actor, row.wilayah);
  if (!row || (row.created_by !== actor.id && !supervises)) throw notFound();
  return { fileName: row.file_name, bytes: row.report_xlsx };
}
