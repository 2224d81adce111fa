import { isWithinScope, localClock } from '@tuntas/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { SYSTEM_ACTOR, type Actor, type RequestOrigin } from '../authz/actor.js';
import { inScopeOrNational } from '../authz/scope.js';
import type { CaseloadLimits } from '../dashboard/overview.js';
import type { DB, ReportsTable } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
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
const COLUMNS = ['id', 'jenis', 'wilayah', 'bulan', 'format', 'status', 'progres', 'ukuran', 'galat', 'otomatis', 'dibuat_oleh', 'dibuat_pada', 'selesai_pada'] as const;

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

/** Reports are generated one at a time in the background, so a burst never starves the API. */
let queue: Promise<void> = Promise.resolve();

async function generate(db: Kysely<DB>, reader: Kysely<DB>, id: string, actor: Actor, limits: CaseloadLimits): Promise<void> {
  const row = await db.selectFrom('reports').select(['wilayah', 'bulan', 'format']).where('id', '=', id).executeTakeFirstOrThrow();
  const step = (progres: number) => db.updateTable('reports').set({ status: 'proses', progres }).where('id', '=', id).execute();
  try {
    await step(10);
    const data = await monthlyReport(reader, actor, row.wilayah, row.bulan, limits, new Date());
    await step(60);
    const file = row.format === 'xlsx' ? await monthlyReportXlsx(data) : await monthlyReportPdf(data);
    await db.updateTable('reports').set({ status: 'selesai', progres: 100, berkas: file, ukuran: file.length, selesai_pada: new Date() }).where('id', '=', id).execute();
  } catch (error) {
    await db.updateTable('reports').set({ status: 'gagal', galat: error instanceof Error ? error.message : String(error) }).where('id', '=', id).execute();
  }
}

function enqueue(db: Kysely<DB>, reader: Kysely<DB>, id: string, actor: Actor, limits: CaseloadLimits): void {
  queue = queue.then(() => generate(db, reader, id, actor, limits));
}

/** Resolves when every queued report is done (graceful shutdown, tests). */
export function reportsSettled(): Promise<void> {
  return queue;
}

function checkRequest(actor: Actor, wilayah: string | null, bulan: string, now: Date): void {
  if (actor.role === 'pendamping') throw new AppError('FORBIDDEN');
  if (wilayah !== null && wilayah.length > 5) throw new AppError('VALIDATION_FAILED', [{ field: 'wilayah', code: 'provinsi_atau_kabupaten' }]);
  if (wilayah === null ? actor.wilayah !== null : !isWithinScope(actor.wilayah, wilayah)) throw notFound();
  if (bulan > localClock(now, 'Asia/Jakarta').tanggal.slice(0, 7)) throw new AppError('VALIDATION_FAILED', [{ field: 'bulan', code: 'masa_depan' }]);
}

/** Queues a report of the caller's scope (or an area inside it); answers at once with its progress. */
export async function requestReport(
  db: Kysely<DB>,
  reader: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: { wilayah?: string | null | undefined; bulan: string; format: ReportFormat },
  limits: CaseloadLimits,
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
    await recordAudit(trx, actor, origin, { action: 'report.request', entityType: 'report', entityId: inserted.id, wilayah, details: { bulan: input.bulan, format: input.format } });
    return inserted;
  });
  enqueue(db, reader, row.id, actor, limits);
  return view(row);
}

export async function listReports(db: Kysely<DB>, actor: Actor, page: number, pageSize: number): Promise<{ items: ReportView[]; total: number }> {
  if (actor.role === 'pendamping') throw new AppError('FORBIDDEN');
  const scoped = db.selectFrom('reports').where((eb) => inScopeOrNational(eb, eb.ref('reports.wilayah'), actor));
  const [rows, count] = await Promise.all([
    scoped.select(COLUMNS).orderBy('bulan', 'desc').orderBy('dibuat_pada', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    scoped.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(view), total: Number(count.n) };
}

async function load(db: Kysely<DB>, actor: Actor, id: string) {
  if (actor.role === 'pendamping') throw notFound();
  const row = await db.selectFrom('reports').select(COLUMNS).where('id', '=', id).where((eb) => inScopeOrNational(eb, eb.ref('reports.wilayah'), actor)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getReport(db: Kysely<DB>, actor: Actor, id: string): Promise<ReportView> {
  return view(await load(db, actor, id));
}

/** The finished file; downloading it is audited like any export. */
export async function reportFile(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, id: string): Promise<{ bytes: Buffer; filename: string; format: ReportFormat }> {
  const row = await load(db, actor, id);
  if (row.status !== 'selesai') throw new AppError('CONFLICT');
  const { berkas } = await db.selectFrom('reports').select('berkas').where('id', '=', id).executeTakeFirstOrThrow();
  await recordAudit(db, actor, origin, { action: 'report.download', entityType: 'report', entityId: id, wilayah: row.wilayah });
  return { bytes: Buffer.from(berkas!), filename: `laporan-bulanan-${row.wilayah ?? 'nasional'}-${row.bulan}.${row.format}`, format: row.format };
}

/**
 * At the turn of a month: the national recap and every province's report of the month that
 * ended, in both formats. A unique index makes it once per month whichever node runs it first.
 */
export async function monthEndReports(db: Kysely<DB>, reader: Kysely<DB>, limits: CaseloadLimits, now: Date): Promise<number> {
  const today = localClock(now, 'Asia/Jakarta').tanggal;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const bulan = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  const provinces = await db.selectFrom('wilayah').select('kode').where('tingkat', '=', 1).orderBy('kode').execute();
  let queued = 0;
  for (const wilayah of [null, ...provinces.map((p) => p.kode)]) {
    for (const format of ['xlsx', 'pdf'] as const) {
      const { rows } = await sql<{ id: string }>`
        insert into reports (jenis, wilayah, bulan, format, otomatis) values ('bulanan', ${wilayah}, ${bulan}, ${format}, true)
        on conflict (coalesce(wilayah, ''), bulan, format) where otomatis do nothing returning id`.execute(db);
      const row = rows[0];
      if (row) {
        enqueue(db, reader, row.id, REPORTER, limits);
        queued += 1;
      }
    }
  }
  return queued;
}

/** Checks hourly (first a minute after start) whether last month's reports exist, and makes them. */
export function startMonthEndReports(db: Kysely<DB>, reader: Kysely<DB>, limits: CaseloadLimits, log: (error: unknown) => void): () => Promise<void> {
  const tick = () => void monthEndReports(db, reader, limits, new Date()).catch(log);
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, 3_600_000);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await queue;
  };
}
