import { isWithinScope, localClock } from '@tuntas/domain';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { SYSTEM_ACTOR, type Actor, type RequestOrigin } from '../authz/actor.js';
import { inScopeOrNational } from '../authz/scope.js';
import type { CaseloadLimits } from '../dashboard/overview.js';
import type { DB, ReportsTable } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { attemptIsLive, jobsSettled, QUEUES, type Job, type JobQueue } from '../jobs/job-queue.js';
import { activeActor } from '../users/user-service.js';
import { monthlyReport } from './monthly-report.js';
import { monthlyReportPdf } from './report-pdf.js';
import { monthlyReportXlsx } from './report-xlsx.js';

export type ReportFormat = 'xlsx' | 'pdf';

export interface ReportView {
  id: string;
  jenis: 'bulanan';
  wilayah: string | null;
  bulan: string;
  format: ReportFormat;
  status: 'antre' | 'proses' | 'selesai' | 'gagal';
  progres: number;
  ukuran: number | null;
  galat: string | null;
  otomatis: boolean;
  dibuatPada: string;
  selesaiPada: string | null;
}

type Row = Omit<Selectable<ReportsTable>, 'berkas'>;
const COLUMNS = [
  'id',
  'jenis',
  'wilayah',
  'bulan',
  'format',
  'status',
  'progres',
  'ukuran',
  'galat',
  'otomatis',
  'dibuat_oleh',
  'dibuat_pada',
  'selesai_pada',
] as const;

const view = (r: Row): ReportView => ({
  id: r.id,
  jenis: r.jenis,
  wilayah: r.wilayah,
  bulan: r.bulan,
  format: r.format,
  status: r.status,
  progres: r.progres,
  ukuran: r.ukuran,
  galat: r.galat,
  otomatis: r.otomatis,
  dibuatPada: r.dibuat_pada.toISOString(),
  selesaiPada: r.selesai_pada?.toISOString() ?? null,
});

/** The month-end job acts as the national directorate. */
const REPORTER: Actor = { ...SYSTEM_ACTOR, role: 'direktorat' };

/** A failure that another attempt cannot mend (the requester lost the right to the report). */
class FinalReportError extends Error {}

export interface ReportJobDeps {
  db: Kysely<DB>;
  reader: Kysely<DB>;
  /** Read at each report, so a change on Data referensi needs no restart. */
  limits: () => Promise<CaseloadLimits>;
  /** Pauses after each step: only for tests that kill a worker mid-job (TUNTAS_REPORT_STEP_DELAY_MS). */
  stepDelayMs: number;
  log: (message: string, details: Record<string, unknown>) => void;
  /** Last month's reports are made automatically (TUNTAS_AUTO_REPORTS). */
  monthEnd: boolean;
}

/**
 * Who the report is for, as they are now (any node may run the job, long after the request):
 * the requester's current role and scope, or the national directorate for month-end reports.
 */
async function requester(db: Kysely<DB>, row: { wilayah: string | null; otomatis: boolean; dibuat_oleh: string | null }): Promise<Actor> {
  if (row.otomatis) return REPORTER;
  const actor = row.dibuat_oleh ? await activeActor(db, row.dibuat_oleh) : null;
  if (!actor) throw new FinalReportError('Akun pemohon tidak aktif lagi');
  const allowed =
    actor.role !== 'pendamping' && (row.wilayah === null ? actor.wilayah === null : isWithinScope(actor.wilayah, row.wilayah));
  if (!allowed) throw new FinalReportError('Pemohon tidak lagi berwenang atas wilayah laporan ini');
  return actor;
}

/**
 * One attempt at a report. Idempotent: a report already finished is left alone (an attempt whose
 * completion was lost), anything else is regenerated from the start and overwrites its own row.
 * Each write is fenced by the attempt: it lands only while this job is active with this attempt's
 * count, so an attempt pg-boss gave up on (expired, its worker alive but slow) cannot overwrite
 * its retry's progress, a gagal, or a finished file.
 */
export async function runReportJob(deps: ReportJobDeps, job: Job<{ report: string }>): Promise<void> {
  const { db } = deps;
  const id = job.data.report;
  const row = await db
    .selectFrom('reports')
    .select(['wilayah', 'bulan', 'format', 'status', 'otomatis', 'dibuat_oleh'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.status === 'selesai') return;
  const live = attemptIsLive(QUEUES.report.name, job);
  const unfinished = () => db.updateTable('reports').where('id', '=', id).where('status', '<>', 'selesai').where(live);
  const step = async (progres: number) => {
    await unfinished().set({ status: 'proses', progres, galat: null }).execute();
    if (progres === 10) deps.log('report generating', { report: id, attempt: job.retryCount + 1 });
    if (deps.stepDelayMs) await new Promise((r) => setTimeout(r, deps.stepDelayMs));
  };
  try {
    const actor = await requester(db, row);
    await step(10);
    const data = await monthlyReport(deps.reader, actor, row.wilayah, row.bulan, await deps.limits(), new Date());
    await step(60);
    const file = row.format === 'xlsx' ? await monthlyReportXlsx(data) : await monthlyReportPdf(data);
    await unfinished()
      .set({ status: 'selesai', progres: 100, berkas: file, ukuran: file.length, galat: null, selesai_pada: new Date() })
      .execute();
    deps.log('report done', { report: id, attempt: job.retryCount + 1 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const last = error instanceof FinalReportError || job.retryCount >= job.retryLimit;
    // Between attempts the row waits again; after the last one it says why (the dead letter says so too).
    await unfinished()
      .set(last ? { status: 'gagal', galat: message } : { status: 'antre', progres: 0 })
      .execute();
    deps.log('report attempt failed', { report: id, attempt: job.retryCount + 1, last, error: message });
    if (!(error instanceof FinalReportError)) throw error;
  }
}

/** Every attempt failed (thrown, or its worker died or overran on the last one): the row says so. */
export async function reportFailed(db: Kysely<DB>, job: Job<{ report: string }>): Promise<void> {
  const output = job.output as { message?: unknown; value?: { message?: unknown } } | null;
  const raw = String(output?.message ?? output?.value?.message ?? '');
  const galat =
    raw === '' || raw.includes('timeout in active state')
      ? 'Pembuatan laporan terhenti (pekerja berhenti atau melewati batas waktu) pada setiap percobaan'
      : raw;
  await db
    .updateTable('reports')
    .set({ status: 'gagal', galat })
    .where('id', '=', job.data.report)
    .where('status', '<>', 'selesai')
    .execute();
}

/** What this node does with report jobs: generate, and mark the hopeless ones gagal. */
export function registerReportJobs(jobs: JobQueue, deps: ReportJobDeps): void {
  jobs.handle<{ report: string }>(QUEUES.report.name, (job) => runReportJob(deps, job));
  jobs.handle<{ report: string }>(QUEUES.reportFailed.name, (job) => reportFailed(deps.db, job));
  jobs.handle(QUEUES.monthEndReports.name, async () => {
    const queued = await monthEndReports(deps.db, jobs, new Date());
    if (queued) deps.log('month-end reports queued', { queued });
  });
  // Hourly, not once at the turn of the month: a month whose turn found every node down is still made within the hour they return.
  jobs.every(QUEUES.monthEndReports.name, deps.monthEnd ? '0 * * * *' : null, 'Asia/Jakarta');
}

/** Queues a report's job in the transaction that inserted its row; its id is the report's, so it is queued once. */
function sendReportJob(jobs: JobQueue, trx: Transaction<DB>, report: string): Promise<void> {
  return jobs.send(QUEUES.report.name, { report }, { id: report, trx });
}

/** Resolves when no report job is waiting or running on the queues this process works (graceful shutdown, tests). */
export function reportsSettled(): Promise<void> {
  return jobsSettled();
}

function checkRequest(actor: Actor, wilayah: string | null, bulan: string, now: Date): void {
  if (actor.role === 'pendamping') throw new AppError('FORBIDDEN');
  if (wilayah !== null && wilayah.length > 5)
    throw new AppError('VALIDATION_FAILED', [{ field: 'wilayah', code: 'provinsi_atau_kabupaten' }]);
  if (wilayah === null ? actor.wilayah !== null : !isWithinScope(actor.wilayah, wilayah)) throw notFound();
  if (bulan > localClock(now, 'Asia/Jakarta').tanggal.slice(0, 7))
    throw new AppError('VALIDATION_FAILED', [{ field: 'bulan', code: 'masa_depan' }]);
}

/** Queues a report of the caller's scope (or an area inside it); answers at once with its progress. */
export async function requestReport(
  db: Kysely<DB>,
  jobs: JobQueue,
  actor: Actor,
  origin: RequestOrigin,
  input: { wilayah?: string | null | undefined; bulan: string; format: ReportFormat },
  now: Date,
): Promise<ReportView> {
  const wilayah = input.wilayah === undefined ? actor.wilayah : input.wilayah;
  checkRequest(actor, wilayah, input.bulan, now);
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('reports')
      .values({ jenis: 'bulanan', wilayah, bulan: input.bulan, format: input.format, dibuat_oleh: actor.id })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'report.request',
      entityType: 'report',
      entityId: inserted.id,
      wilayah,
      details: { bulan: input.bulan, format: input.format },
    });
    await sendReportJob(jobs, trx, inserted.id);
    return inserted;
  });
  jobs.wake(QUEUES.report.name);
  return view(row);
}

export async function listReports(
  db: Kysely<DB>,
  actor: Actor,
  page: number,
  pageSize: number,
): Promise<{ items: ReportView[]; total: number }> {
  if (actor.role === 'pendamping') throw new AppError('FORBIDDEN');
  const scoped = db.selectFrom('reports').where((eb) => inScopeOrNational(eb, eb.ref('reports.wilayah'), actor));
  const [rows, count] = await Promise.all([
    scoped
      .select(COLUMNS)
      .orderBy('bulan', 'desc')
      .orderBy('dibuat_pada', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    scoped.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(view), total: Number(count.n) };
}

async function load(db: Kysely<DB>, actor: Actor, id: string) {
  if (actor.role === 'pendamping') throw notFound();
  const row = await db
    .selectFrom('reports')
    .select(COLUMNS)
    .where('id', '=', id)
    .where((eb) => inScopeOrNational(eb, eb.ref('reports.wilayah'), actor))
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getReport(db: Kysely<DB>, actor: Actor, id: string): Promise<ReportView> {
  return view(await load(db, actor, id));
}

/** The finished file; downloading it is audited like any export. */
export async function reportFile(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
): Promise<{ bytes: Buffer; filename: string; format: ReportFormat }> {
  const row = await load(db, actor, id);
  if (row.status !== 'selesai') throw new AppError('CONFLICT');
  const { berkas } = await db.selectFrom('reports').select('berkas').where('id', '=', id).executeTakeFirstOrThrow();
  await recordAudit(db, actor, origin, { action: 'report.download', entityType: 'report', entityId: id, wilayah: row.wilayah });
  return {
    bytes: Buffer.from(berkas!),
    filename: `laporan-bulanan-${row.wilayah ?? 'nasional'}-${row.bulan}.${row.format}`,
    format: row.format,
  };
}

/**
 * At the turn of a month: the national recap and every province's report of the month that
 * ended, in both formats. A unique index makes it once per month whichever node runs it first;
 * each row and its job are inserted together.
 */
export async function monthEndReports(db: Kysely<DB>, jobs: JobQueue, now: Date): Promise<number> {
  const today = localClock(now, 'Asia/Jakarta').tanggal;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const bulan = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  const provinces = await db.selectFrom('wilayah').select('kode').where('tingkat', '=', 1).orderBy('kode').execute();
  let queued = 0;
  for (const wilayah of [null, ...provinces.map((p) => p.kode)]) {
    for (const format of ['xlsx', 'pdf'] as const) {
      const inserted = await db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ id: string }>`
          insert into reports (jenis, wilayah, bulan, format, otomatis) values ('bulanan', ${wilayah}, ${bulan}, ${format}, true)
          on conflict (coalesce(wilayah, ''), bulan, format) where otomatis do nothing returning id`.execute(trx);
        if (rows[0]) await sendReportJob(jobs, trx, rows[0].id);
        return rows.length;
      });
      queued += inserted;
    }
  }
  if (queued) jobs.wake(QUEUES.report.name);
  return queued;
}
