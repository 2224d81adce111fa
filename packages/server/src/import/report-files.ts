import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import type { UploadLimits } from './upload-limits.js';

/** Where a web upload's XLSX row report is kept (a folder every API node shares), by the upload's id. */
export const reportFile = (limits: UploadLimits, id: string) => path.join(limits.reportsDir, `${id}.xlsx`);

/** Reports older than the keeping time (and leftovers of a crash) are removed on the next upload. */
export async function sweepReports(limits: UploadLimits): Promise<void> {
  const before = Date.now() - limits.reportsKeepHours * 3600_000;
  for (const name of await readdir(limits.reportsDir).catch(() => [] as string[])) {
    const file = path.join(limits.reportsDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < before) await rm(file, { force: true });
  }
}

/**
 * An upload's row: who, when, what kind, its counts — what the report download, the status route
 * and the hourly out-of-scope limit read. A background import starts `antre`; others are done.
 */
export async function insertImportReport(
  db: Kysely<DB>,
  actor: Actor,
  upload: { id: string; kind: 'beneficiaries' | 'disaster_affected'; fileName: string; dryRun: boolean; summary: object; queued?: boolean },
): Promise<void> {
  await db
    .insertInto('import_reports')
    .values({
      id: upload.id,
      kind: upload.kind,
      created_by: actor.id,
      wilayah: actor.wilayah,
      file_name: upload.fileName.slice(0, 200),
      dry_run: upload.dryRun,
      summary: JSON.stringify(upload.summary),
      report_xlsx: null,
      ...(upload.queued ? { status: 'antre' as const } : {}),
    })
    .execute();
}
