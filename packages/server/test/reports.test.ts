import ExcelJS from 'exceljs';
import { localClock } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthEndReports, reportsSettled } from '../src/reports/report-jobs.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let koordinator: Session;
let pendamping: Session;
let jakartaKoor: Session;
let direktorat: Session;
const bulan = localClock(new Date(), 'Asia/Jakarta').tanggal.slice(0, 7);

beforeAll(async () => {
  ctx = await createTestApp();
  [koordinator, pendamping, jakartaKoor, direktorat] = await Promise.all([
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'direktorat', null),
  ]);
  // Two cases in Banyuwangi, one of them closed, so the report has numbers to show.
  for (const serial of [1, 2]) {
    const person = await pendamping.request({
      method: 'POST',
      url: '/api/v1/beneficiaries',
      payload: {
        nik: `351001010790${String(serial).padStart(4, '0')}`,
        nama: `Siti Aminah ${serial}`,
        jenisKelamin: 'L',
        tanggalLahir: '1990-07-01',
        kodeDesa: '35.10.01.2001',
      },
    });
    expect(person.statusCode, person.body).toBe(201);
    const kase = (
      await pendamping.request({ method: 'POST', url: '/api/v1/cases', payload: { beneficiaryId: person.json().id, ppks: '26' } })
    ).json();
    if (serial === 2)
      expect(
        (
          await pendamping.request({
            method: 'POST',
            url: `/api/v1/cases/${kase.id}/close`,
            payload: { alasan: 'pindah', version: kase.version },
          })
        ).statusCode,
      ).toBe(200);
  }
});
afterAll(async () => {
  await reportsSettled();
  await ctx.close();
});

const request = (s: Session, payload: object) => s.request({ method: 'POST', url: '/api/v1/reports', payload });

describe('monthly reports', () => {
  it('generates a province’s XLSX in the background with progress, showing the dashboard’s numbers', async () => {
    const queued = await request(koordinator, { bulan, format: 'xlsx' });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json()).toMatchObject({ wilayah: '35', bulan, format: 'xlsx', otomatis: false });
    await reportsSettled();
    const done = (await koordinator.request({ method: 'GET', url: `/api/v1/reports/${queued.json().id}` })).json();
    expect(done).toMatchObject({ status: 'selesai', progres: 100 });
    const file = await koordinator.request({ method: 'GET', url: `/api/v1/reports/${done.id}/file` });
    expect(file.headers['content-disposition']).toContain(`laporan-bulanan-35-${bulan}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Per wilayah',
      'Per kategori PPKS',
      'Tren 12 bulan',
      'Umur kasus aktif',
      'Presensi',
    ]);
    const summary = new Map<string, unknown>();
    workbook.getWorksheet('Ringkasan')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    const overview = (await koordinator.request({ method: 'GET', url: '/api/v1/dashboard/overview' })).json();
    expect(summary.get('Jumlah kasus')).toBe(overview.funnel.total);
    expect(summary.get('Kasus ditutup')).toBe(overview.funnel.ditutup);
    // Dates are dates to Excel (sortable, shown in the reader's locale), the moment at the area's clock (WIB).
    const made = summary.get('Dibuat pada') as Date;
    expect(made).toBeInstanceOf(Date);
    const wib = new Date(Date.now() + 7 * 3_600_000);
    expect(made.toISOString().slice(0, 10)).toBe(wib.toISOString().slice(0, 10));
    const months = workbook.getWorksheet('Tren 12 bulan')!.getColumn(1).values.slice(2) as Date[];
    expect(months.at(-1)!.toISOString().slice(0, 10)).toBe(`${bulan}-01`);
    expect(workbook.getWorksheet('Tren 12 bulan')!.getRow(2).getCell(1).numFmt).toBe('mmmm yyyy');
    expect(overview.funnel).toMatchObject({ terdata: 1, ditutup: 1 });
    expect(workbook.getWorksheet('Per wilayah')!.rowCount - 1).toBe(overview.anak.length);

    const list = (await koordinator.request({ method: 'GET', url: '/api/v1/reports' })).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(done.id);
  });

  it('generates the national recap as a PDF for the directorate', async () => {
    const queued = await request(direktorat, { wilayah: null, bulan, format: 'pdf' });
    expect(queued.statusCode, queued.body).toBe(202);
    await reportsSettled();
    const file = await direktorat.request({ method: 'GET', url: `/api/v1/reports/${queued.json().id}/file` });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.rawPayload.toString('latin1')).toContain('Laporan Bulanan Rehabilitasi Sosial');
  });

  it('keeps reports inside the caller’s scope and refuses bad requests, storing nothing', async () => {
    const own = (await koordinator.request({ method: 'GET', url: '/api/v1/reports' })).json().items[0];
    expect((await jakartaKoor.request({ method: 'GET', url: `/api/v1/reports/${own.id}` })).statusCode).toBe(404);
    expect((await jakartaKoor.request({ method: 'GET', url: `/api/v1/reports/${own.id}/file` })).statusCode).toBe(404);
    expect(
      (await jakartaKoor.request({ method: 'GET', url: '/api/v1/reports' })).json().items.map((r: { id: string }) => r.id),
    ).not.toContain(own.id);
    const before = (await direktorat.request({ method: 'GET', url: '/api/v1/reports' })).json().total;
    expect((await request(jakartaKoor, { wilayah: '35', bulan, format: 'xlsx' })).statusCode).toBe(404);
    expect((await request(jakartaKoor, { wilayah: null, bulan, format: 'xlsx' })).statusCode).toBe(404);
    expect((await request(pendamping, { bulan, format: 'xlsx' })).statusCode).toBe(403);
    const future = await request(koordinator, { bulan: '2999-01', format: 'xlsx' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('VALIDATION_FAILED');
    expect((await request(koordinator, { bulan, format: 'docx' })).statusCode).toBe(400);
    expect((await direktorat.request({ method: 'GET', url: '/api/v1/reports' })).json().total).toBe(before);
  });

  it('makes last month’s national and provincial reports once at month end, whichever node asks', async () => {
    const first = await monthEndReports(ctx.database.db, ctx.jobs, new Date());
    expect(first).toBe(39 * 2);
    expect(await monthEndReports(ctx.database.db, ctx.jobs, new Date())).toBe(0);
    await reportsSettled();
    const list = (await koordinator.request({ method: 'GET', url: '/api/v1/reports?pageSize=200' })).json();
    const automatic = list.items.filter((r: { otomatis: boolean }) => r.otomatis);
    // The koordinator of Jawa Timur sees their province's two, not the national recap or other provinces.
    expect(
      automatic.map((r: { wilayah: string; format: string; status: string }) => `${r.wilayah}-${r.format}-${r.status}`).sort(),
    ).toEqual(['35-pdf-selesai', '35-xlsx-selesai']);
  });
});
