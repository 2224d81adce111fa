import { Readable } from 'node:stream';
import { rm } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ORIGIN } from '../src/authz/actor.js';
import { jobSettings, loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { queueUploadedImport } from '../src/import/import-job.js';
import { JOB_SCHEMA, JobQueue, QUEUES } from '../src/jobs/job-queue.js';
import { registryCsv } from './support/factories.js';
import { killMidJobThenFinish, serve } from './support/served.js';
import { apiNode, QUEUEING, until, WORKING, workAllJobs, type ApiNode } from './support/job-nodes.js';
import { createTestUser, login, type Session } from './support/test-app.js';
import { createTestDatabase, templateFolder } from './support/test-database.js';
import { testDatabaseUrl } from './support/test-database-url.js';

/**
 * Large registry uploads are jobs in the database: queued with their file, imported by any node
 * 1,000 rows per transaction, followed by the uploader, resumed after a killed worker from the
 * last stored batch (nobody stored twice), and their report kept in the database.
 */

/**
 * A killed worker's import is taken for dead after 30 s (on a PGlite folder, at once by the next
 * owner): long enough that the retry, under a loaded CI machine, finishes within its own expiry.
 */
const IMPORT_QUEUEING = { ...QUEUEING, jobExpireSeconds: 30 };

let database: Database & { url: string | null };
let front: ApiNode;
let koordinator: Session;

beforeAll(async () => {
  database = await createTestDatabase();
  front = await apiNode(database, IMPORT_QUEUEING);
  koordinator = await login(front.app, await createTestUser(database, 'koordinator', '35'));
});
afterAll(async () => {
  await front?.close();
  await database?.close();
});

const upload = (who: Session, csv: string, query = '') =>
  who.request({
    method: 'POST',
    url: `/api/v1/imports/beneficiaries?background=true&fileName=daftar.csv${query}`,
    payload: csv,
    headers: { 'content-type': 'text/csv' },
  });
const status = async (id: string, who: Session = koordinator) =>
  (await who.request({ method: 'GET', url: `/api/v1/imports/${id}` })).json();
const peopleNamed = async (db: Database, prefix: string) =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from beneficiaries where nama like ${`${prefix}%`}`.execute(db.db)).rows[0]!.n,
  );

async function refusedLinesOf(xlsx: Buffer): Promise<number[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const at = header.indexOf('baris_asal') + 1;
  const lines: number[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) lines.push(Number(row.getCell(at).value));
  });
  return lines;
}

describe('background imports', () => {
  it('are queued with their file, imported by a node that runs jobs, and followed to the end by their uploader only', async () => {
    const { csv, refusedLines } = registryCsv({ withNik: 1500, withoutNik: 40, refused: 30, every: 50 });
    const before = await peopleNamed(database, '');
    const queued = await upload(koordinator, csv);
    expect(queued.statusCode, queued.body).toBe(202);
    const id = queued.json().id as string;
    expect(queued.json()).toMatchObject({ status: 'antre', progres: 0, reportUrl: null });
    expect(await peopleNamed(database, ''), 'nothing stored in the request').toBe(before);

    const other = await login(front.app, await createTestUser(database, 'koordinator', '31'));
    const colleague = await login(front.app, await createTestUser(database, 'pendamping', '35.10'));
    for (const who of [other, colleague]) {
      expect((await who.request({ method: 'GET', url: `/api/v1/imports/${id}` })).statusCode).toBe(404);
    }

    await workAllJobs(database);
    const done = await status(id);
    expect(done).toMatchObject({
      status: 'selesai',
      progres: 100,
      baris: 1570,
      barisSelesai: 1570,
      total: 1570,
      accepted: 1540,
      rejected: 30,
      inserted: 1540,
      updated: 0,
      rowsListed: 30,
      galat: null,
      reportUrl: `/api/v1/imports/${id}/report.xlsx`,
    });
    expect(done.rows.map((r: { line: number }) => r.line)).toEqual(refusedLines);
    expect(await peopleNamed(database, '')).toBe(before + 1540);

    const file = await koordinator.request({ method: 'GET', url: done.reportUrl });
    expect(file.statusCode).toBe(200);
    expect(await refusedLinesOf(file.rawPayload)).toEqual(refusedLines);
    expect((await other.request({ method: 'GET', url: done.reportUrl })).statusCode).toBe(404);
    const left = await sql<{ files: number; verdicts: number }>`
      select (select count(*)::int from import_files) as files, (select count(*)::int from import_row_verdicts) as verdicts`.execute(
      database.db,
    );
    expect(left.rows[0], 'the file and the verdicts are gone once the job ended').toEqual({ files: 0, verdicts: 0 });
  });

  it('refuse at once what the job could not import, and an auditor may not import', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from import_reports`.execute(database.db);
    const wrong = await upload(koordinator, 'nama,alamat\nSiti,Jl. Melati\n');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('IMPORT_COLUMNS_MISSING');
    const auditor = await login(front.app, await createTestUser(database, 'auditor', null));
    expect((await upload(auditor, registryCsv({ withNik: 1 }).csv)).statusCode).toBe(403);
    const after = await sql<{ n: number }>`select count(*)::int as n from import_reports`.execute(database.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('end gagal with why when the uploader lost the right before the job ran, the file deleted', async () => {
    const other = await login(front.app, await createTestUser(database, 'koordinator', '35'));
    const id = (await upload(other, registryCsv({ withNik: 3 }).csv)).json().id as string;
    await database.db.updateTable('users').set({ wilayah: '33' }).where('id', '=', other.user.id).execute();
    await workAllJobs(database);
    const ended = await database.db.selectFrom('import_reports').select(['status', 'galat']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(ended).toEqual({ status: 'gagal', galat: 'Peran atau wilayah tugas pengunggah telah berubah sejak berkas diunggah' });
    expect(await database.db.selectFrom('import_files').select('import_id').where('import_id', '=', id).execute()).toEqual([]);
  });

  it.skipIf(!testDatabaseUrl())(
    'resume after a worker killed mid-job (kill -9) from the last stored batch: nobody stored twice',
    async () => {
      const { csv, refusedLines } = registryCsv({ withNik: 1400, withoutNik: 60, refused: 40, every: 40 });
      const before = await peopleNamed(database, '');
      const id = (await upload(koordinator, csv)).json().id as string;
      const child = await serve({ DATABASE_URL: database.url!, TUNTAS_IMPORT_BATCH_DELAY_MS: '60000' });
      try {
        await child.output(new RegExp(`"import":"${id}".*"rows":1000.*import paused`));
        expect(await status(id), 'the uploader sees it running').toMatchObject({ status: 'proses', barisSelesai: 1000, progres: 66 });
        child.process.kill('SIGKILL');
        expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
      } finally {
        child.process.kill('SIGKILL');
      }
      const worker = await apiNode(database, WORKING);
      try {
        await worker.jobs.start();
        await until(
          () => status(id),
          (s) => s.status === 'selesai',
        );
        await worker.jobs.settled();
      } finally {
        await worker.close();
      }
      await expectResumed(database, id, before, refusedLines);
      expect(await status(id)).toMatchObject({ total: 1500, accepted: 1460, rejected: 40, inserted: 1460, rowsListed: 40 });
    },
    180_000,
  );

  it.skipIf(Boolean(testDatabaseUrl()))(
    'resume when the server killed mid-job (kill -9) starts again on its folder: nobody stored twice',
    async () => {
      const dataDir = await templateFolder();
      try {
        const { csv, refusedLines } = registryCsv({ withNik: 1400, withoutNik: 60, refused: 40, every: 40 });
        let id: string;
        let before: number;
        const folder = await openDatabase({ dataDir });
        try {
          const user = await createTestUser(folder, 'koordinator', '35');
          before = await peopleNamed(folder, '');
          const jobs = new JobQueue(folder, jobSettings({ ...loadConfig({}), ...IMPORT_QUEUEING } as Config), (error) => {
            throw error;
          });
          id = await queueUploadedImport(
            folder.db,
            jobs,
            { id: user.id, username: user.username, role: 'koordinator', wilayah: '35' },
            CLI_ORIGIN,
            { body: Readable.from([csv]), fileName: 'daftar.csv', dryRun: false },
            loadConfig({}).importUpload,
          );
        } finally {
          await folder.close();
        }
        await killMidJobThenFinish(
          dataDir,
          { TUNTAS_IMPORT_BATCH_DELAY_MS: '60000' },
          { midJob: new RegExp(`"import":"${id}".*"rows":1000.*import paused`), done: new RegExp(`"import":"${id}".*import done`) },
        );
        const after = await openDatabase({ dataDir });
        try {
          await expectResumed(after, id, before, refusedLines);
        } finally {
          await after.close();
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});

/** The second attempt went on from row 1,000: every person once, the counts and report whole, the job retried once. */
async function expectResumed(db: Database, id: string, before: number, refusedLines: number[]): Promise<void> {
  const row = await db.db
    .selectFrom('import_reports')
    .select(['status', 'progres', 'summary', 'report_xlsx'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: 'selesai', progres: 1500 });
  expect(row.summary).toMatchObject({ total: 1500, accepted: 1460, rejected: 40, inserted: 1460, updated: 0, rowsListed: 40 });
  expect(await peopleNamed(db, ''), 'each of the 1,460 people once').toBe(before + 1460);
  expect(await refusedLinesOf(row.report_xlsx!)).toEqual(refusedLines);
  const { rows } = await sql
    .raw<{ state: string; retry_count: number }>(
      `select state::text as state, retry_count from ${JOB_SCHEMA}.job where name = '${QUEUES.import.name}' and id = '${id}'`,
    )
    .execute(db.db);
  expect(rows).toEqual([{ state: 'completed', retry_count: 1 }]);
}
