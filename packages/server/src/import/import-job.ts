import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { errorMessage } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { beneficiaryPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { attemptIsLive, QUEUES, type Job, type JobQueue } from '../jobs/job-queue.js';
import { importBeneficiaries, type ImportRowReport, type StoredBatch } from './import-beneficiaries.js';
import { ImportReportWriter } from './import-report-xlsx.js';
import { insertImportReport } from './report-files.js';
import { openSpreadsheet, REGISTRY_LAYOUT } from './spreadsheet-reader.js';
import type { UploadLimits } from './upload-limits.js';
import { withSpooledUpload } from './upload-spool.js';
import { activeActor } from '../users/user-service.js';
import { outOfScopeLastHour } from './upload-import.js';

/** Rows per transaction of a background import: each commit is a step of its progress and the point a retry resumes from. */
export const IMPORT_JOB_BATCH_ROWS = 1000;

/** What the import has counted so far, kept in its row's `summary` as the batches commit. */
interface Counts {
  total: number;
  accepted: number;
  rejected: number;
  inserted: number;
  updated: number;
  outOfScope: number;
  /** The first rows with an error or a warning (line and codes only), and how many there are in all. */
  rows: ImportRowReport[];
  rowsListed: number;
}

const EMPTY: Counts = { total: 0, accepted: 0, rejected: 0, inserted: 0, updated: 0, outOfScope: 0, rows: [], rowsListed: 0 };

/** A failure another attempt cannot mend: the uploader lost the right, or the file cannot be imported. */
class FinalImportError extends Error {}

export interface ImportJobDeps {
  db: Kysely<DB>;
  limits: UploadLimits;
  /** Pauses after each stored batch: only for tests that kill a worker mid-job. */
  batchDelayMs: number;
  log: (message: string, details: Record<string, unknown>) => void;
}

/**
 * A registry upload for the background: spooled and refused over the web's limits exactly as an
 * upload answered at once, then the file, the upload's row (antre) and its job are stored in one
 * transaction. The job's id is the upload's, so it is queued once; any node that runs jobs takes it.
 */
export async function queueUploadedImport(
  db: Kysely<DB>,
  jobs: JobQueue,
  actor: Actor,
  origin: RequestOrigin,
  upload: { body: Readable; fileName: string; dryRun: boolean },
  limits: UploadLimits,
): Promise<string> {
  if (!beneficiaryPolicy.write(actor)) throw new AppError('FORBIDDEN');
  const id = randomUUID();
  await withSpooledUpload(upload.body, limits, REGISTRY_LAYOUT, async (file) => {
    if ((await stat(file)).size > limits.maxJobFileBytes) throw new AppError('IMPORT_FILE_TOO_LARGE');
    if (!upload.dryRun && actor.wilayah !== null && (await outOfScopeLastHour(db, actor)) >= limits.outOfScopePerHour)
      throw new AppError('IMPORT_SCOPE_LOOKUPS_EXCEEDED', { windowMinutes: 60 });
    // Refused now if unreadable or without the contract's columns, not minutes later in the job.
    const source = await openSpreadsheet(file);
    for await (const _ of source.rows) break;
    const berkas = await readFile(file);
    await db.transaction().execute(async (trx) => {
      await insertImportReport(trx, actor, {
        id,
        kind: 'beneficiaries',
        fileName: upload.fileName,
        dryRun: upload.dryRun,
        summary: EMPTY,
        queued: true,
      });
      await trx.insertInto('import_files').values({ import_id: id, berkas }).execute();
      await recordAudit(trx, actor, origin, {
        action: 'beneficiary.import.queue',
        entityType: 'import',
        entityId: id,
        wilayah: actor.wilayah,
        details: { dryRun: upload.dryRun },
      });
      await jobs.send(QUEUES.import.name, { import: id }, { id, trx });
    });
  });
  jobs.wake(QUEUES.import.name);
  return id;
}

/** The uploader as they are now (the job may run long after the request, on any node). */
async function uploader(db: Kysely<DB>, row: { created_by: string; wilayah: string | null }): Promise<Actor> {
  const actor = await activeActor(db, row.created_by);
  if (!actor) throw new FinalImportError('Akun pengunggah tidak aktif lagi');
  if (!beneficiaryPolicy.write(actor) || actor.wilayah !== row.wilayah)
    throw new FinalImportError('Peran atau wilayah tugas pengunggah telah berubah sejak berkas diunggah');
  return actor;
}

/**
 * One attempt at a background import. Each batch's people, its problem rows' verdicts and the
 * row's progress commit together, fenced by the attempt (a batch of an attempt pg-boss gave up
 * on rolls back), so a retry reads past the rows already stored and goes on: no row is stored
 * twice and the report holds every attempt's verdicts. At the end the XLSX row report is made
 * from them into the row (any node serves it) and the file and verdicts are deleted.
 */
export async function runImportJob(deps: ImportJobDeps, job: Job<{ import: string }>): Promise<void> {
  const { db } = deps;
  const id = job.data.import;
  const row = await db
    .selectFrom('import_reports')
    .select(['created_by', 'wilayah', 'dry_run', 'status', 'progres', 'baris', 'summary'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.status === 'selesai' || row.status === 'gagal') return;
  const live = attemptIsLive(QUEUES.import.name, job);
  const counts: Counts = { ...EMPTY, ...(row.summary as Partial<Counts>) };
  /** Rows of this import that met someone outside the uploader's scope before this attempt. */
  const base = counts.outOfScope;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tuntas-import-job-'));
  let lookups = counts.outOfScope;
  /** A batch's counts, taken as this attempt's once the batch has committed (its settling). */
  let committing: Counts | null = null;
  try {
    const actor = await uploader(db, row);
    const file = path.join(dir, 'upload');
    const stored = await db.selectFrom('import_files').select('berkas').where('import_id', '=', id).executeTakeFirst();
    if (!stored) throw new FinalImportError('Berkas unggahan tidak ditemukan lagi');
    await writeFile(file, stored.berkas);
    // Counted once: a retry finds it in the row.
    const baris = row.baris ?? (await countRows(file));
    const started = await db
      .updateTable('import_reports')
      .set({ status: 'proses', baris, galat: null })
      .where('id', '=', id)
      .where(live)
      .executeTakeFirst();
    if (started.numUpdatedRows === 0n) return;
    deps.log('import started', { import: id, attempt: job.retryCount + 1, from: row.progres });

    const used = row.dry_run || actor.wilayah === null ? 0 : await outOfScopeLastHour(db, actor);
    const source = await openSpreadsheet(file);
    const origin: RequestOrigin = { ip: null, requestId: `import-${id}` };
    await importBeneficiaries(db, source.rows, {
      actor,
      origin,
      dryRun: row.dry_run,
      keepRows: false,
      importId: id,
      batchSize: IMPORT_JOB_BATCH_ROWS,
      parallelWrites: 1,
      skipRows: row.progres,
      outOfScopeAllowance: deps.limits.outOfScopePerHour - used,
      onOutOfScope: (count) => (lookups = base + count),
      onBatchStored: async (trx, batch) => {
        committing = await recordBatch(trx, { id, live, counts, base, batch, actor, origin, limits: deps.limits });
      },
      onProgress: async (rows) => {
        if (committing) Object.assign(counts, committing);
        committing = null;
        if (!deps.batchDelayMs) return;
        deps.log('import paused', { import: id, rows: row.progres + rows });
        await new Promise((r) => setTimeout(r, deps.batchDelayMs));
      },
    });
    const report = await reportWorkbook(db, id, source.header, dir);
    const done = await db
      .updateTable('import_reports')
      .set({ status: 'selesai', progres: counts.total, report_xlsx: report, selesai_pada: new Date() })
      .where('id', '=', id)
      .where(live)
      .executeTakeFirst();
    if (done.numUpdatedRows > 0n) await forgetFile(db, id);
    deps.log('import done', { import: id, attempt: job.retryCount + 1, rows: counts.total });
  } catch (error) {
    const refused = error instanceof AppError || error instanceof FinalImportError;
    const last = refused || job.retryCount >= job.retryLimit;
    const galat = error instanceof AppError ? errorMessage(error.code) : error instanceof Error ? error.message : String(error);
    // The counts stay as the last committed batch left them; only the lookups a refused batch made
    // are added, as they still count toward the hour's limit.
    const summary = sql<string>`jsonb_set(summary, '{outOfScope}', to_jsonb(greatest(coalesce((summary->>'outOfScope')::int, 0), ${lookups}::int)))`;
    const ended = await db
      .updateTable('import_reports')
      .set(last ? { status: 'gagal', galat, summary, selesai_pada: new Date() } : { status: 'antre', summary })
      .where('id', '=', id)
      .where('status', '<>', 'selesai')
      .where(live)
      .executeTakeFirst();
    if (last && ended.numUpdatedRows > 0n) await forgetFile(db, id);
    deps.log('import attempt failed', { import: id, attempt: job.retryCount + 1, last, error: galat });
    if (!refused) throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Data rows of the file as the importer reads them (for the progress bar). */
async function countRows(file: string): Promise<number> {
  let n = 0;
  for await (const _ of (await openSpreadsheet(file)).rows) n += 1;
  return n;
}

/** Inside the batch's transaction: its problem rows, the counts and the progress (returned), or a rollback if the attempt is no longer live. */
async function recordBatch(
  trx: Kysely<DB>,
  at: {
    id: string;
    live: ReturnType<typeof attemptIsLive>;
    counts: Counts;
    base: number;
    batch: StoredBatch;
    actor: Actor;
    origin: RequestOrigin;
    limits: UploadLimits;
  },
): Promise<Counts> {
  const { id, counts, batch } = at;
  const next: Counts = { ...counts, rows: [...counts.rows] };
  const problems = batch.rows.filter((r) => r.report.errors.length > 0 || r.report.warnings.length > 0);
  for (const r of batch.rows) {
    next.total += 1;
    if (r.report.errors.length > 0) next.rejected += 1;
    else next.accepted += 1;
  }
  for (const p of problems) if (next.rows.length < at.limits.rowsInAnswer) next.rows.push(p.report);
  next.rowsListed += problems.length;
  next.inserted += batch.inserted;
  next.updated += batch.updated;
  next.outOfScope = at.base + batch.outOfScope;
  const newLookups = next.outOfScope - counts.outOfScope;
  if (problems.length > 0)
    await trx
      .insertInto('import_row_verdicts')
      .values(
        problems.map((p) => ({
          import_id: id,
          line: p.report.line,
          errors: p.report.errors,
          warnings: p.report.warnings,
          original: JSON.stringify(p.source.original),
        })),
      )
      .execute();
  const moved = await trx
    .updateTable('import_reports')
    .set({ progres: next.total, summary: JSON.stringify(next) })
    .where('id', '=', id)
    .where('status', '=', 'proses')
    .where(at.live)
    .executeTakeFirst();
  if (moved.numUpdatedRows === 0n) throw new Error('import attempt superseded');
  if (newLookups > 0)
    await recordAudit(trx, at.actor, at.origin, {
      action: 'beneficiary.import.out_of_scope',
      entityType: 'import',
      entityId: id,
      wilayah: at.actor.wilayah,
      details: { rows: newLookups },
    });
  return next;
}

/** The XLSX row report from the verdicts every attempt stored, read in pages of file order. */
async function reportWorkbook(db: Kysely<DB>, id: string, header: string[], dir: string): Promise<Buffer | null> {
  const file = path.join(dir, 'report.xlsx');
  const writer = new ImportReportWriter(file, () => header);
  let after = 0;
  let any = false;
  for (;;) {
    const page = await db
      .selectFrom('import_row_verdicts')
      .select(['line', 'errors', 'warnings', 'original'])
      .where('import_id', '=', id)
      .where('line', '>', after)
      .orderBy('line')
      .limit(1000)
      .execute();
    for (const v of page) writer.add({ original: v.original }, v);
    if (page.length > 0) any = true;
    if (page.length < 1000) break;
    after = page.at(-1)!.line;
  }
  await writer.finish();
  return any ? readFile(file) : null;
}

/** The people's data leaves the job's tables once it has ended: it is in the registry, or it was refused. */
async function forgetFile(db: Kysely<DB>, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('import_files').where('import_id', '=', id).execute();
    await trx.deleteFrom('import_row_verdicts').where('import_id', '=', id).execute();
  });
}

/** Every attempt failed (thrown, or its worker died or overran on the last one): the row says so. */
export async function importFailed(db: Kysely<DB>, job: Job<{ import: string }>): Promise<void> {
  const output = job.output as { message?: unknown; value?: { message?: unknown } } | null;
  const raw = String(output?.message ?? output?.value?.message ?? '');
  const galat =
    raw === '' || raw.includes('timeout in active state')
      ? 'Impor terhenti (pekerja berhenti atau melewati batas waktu) pada setiap percobaan'
      : raw;
  const ended = await db
    .updateTable('import_reports')
    .set({ status: 'gagal', galat, selesai_pada: new Date() })
    .where('id', '=', job.data.import)
    .where('status', 'in', ['antre', 'proses'])
    .executeTakeFirst();
  if (ended.numUpdatedRows > 0n) await forgetFile(db, job.data.import);
}

/** What this node does with import jobs. */
export function registerImportJobs(jobs: JobQueue, deps: ImportJobDeps): void {
  jobs.handle<{ import: string }>(QUEUES.import.name, (job) => runImportJob(deps, job));
  jobs.handle<{ import: string }>(QUEUES.importFailed.name, (job) => importFailed(deps.db, job));
}
