import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session;
let koordinator: Session;
let jakartaKoor: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, koordinator, jakartaKoor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
  ]);
});
afterAll(() => ctx.close());

const HEADER = 'nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,kategori_ppks,telepon';

function upload(session: Session, body: string | Buffer, query = '') {
  return session.request({
    method: 'POST',
    url: `/api/v1/imports/beneficiaries${query}`,
    payload: body,
    headers: { 'content-type': 'text/csv' },
  });
}

describe('uploading a spreadsheet', () => {
  it('imports the messy sample within the uploader’s area and offers the rejected rows as XLSX', async () => {
    const csv = await readFile(new URL('./fixtures/beneficiaries-messy.csv', import.meta.url));
    const dry = await upload(koordinator, csv, '?dryRun=true&fileName=data-desa.csv');
    expect(dry.statusCode).toBe(200);
    const preview = dry.json();
    expect(preview).toMatchObject({ dryRun: true, total: 600, inserted: 0 });
    // A Jawa Timur koordinator may register only Jawa Timur people: all others are outside scope.
    const inJatim = preview.accepted;
    expect(inJatim).toBeGreaterThan(0);
    expect(preview.rejected).toBeGreaterThan(300);
    // The answer lists only the first 100 rows with a problem (the XLSX report holds them all).
    expect(preview.rows).toHaveLength(100);
    expect(preview.rowsListed).toBeGreaterThanOrEqual(preview.rejected);
    expect(preview.rows.filter((r: { errors: string[] }) => r.errors.includes('WILAYAH_OUTSIDE_SCOPE')).length).toBeGreaterThan(30);
    expect(await ctx.database.db.selectFrom('beneficiaries').select('id').execute()).toEqual([]);

    const real = (await upload(koordinator, csv, '?fileName=data-desa.csv')).json();
    expect(real).toMatchObject({ accepted: inJatim, inserted: inJatim });
    const stored = await ctx.database.db.selectFrom('beneficiaries').select('kode_desa').execute();
    expect(stored).toHaveLength(inJatim);
    expect(stored.every((b) => b.kode_desa.startsWith('35.'))).toBe(true);

    const report = await koordinator.request({ method: 'GET', url: real.reportUrl });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain('data-desa-ditolak.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADER.split(','), 'baris_asal', 'kesalahan']);
    expect(sheet.rowCount - 1).toBe(real.rejected);
    const rowsByLine = new Map<number, ExcelJS.Row>();
    sheet.eachRow((r, n) => n > 1 && rowsByLine.set(Number(r.getCell(11).value), r));
    expect(rowsByLine.get(3)?.getCell(1).value).toBe('4510155405080920');
    expect(String(rowsByLine.get(3)?.getCell(12).value)).toContain('bukan kode provinsi [NIK_REGION_UNKNOWN]');
    expect(String(rowsByLine.get(2)?.getCell(12).value)).toContain('[WILAYAH_OUTSIDE_SCOPE]');

    expect((await jakartaKoor.request({ method: 'GET', url: real.reportUrl })).statusCode).toBe(404);
  });

  it('refuses a non-spreadsheet body and a JSON-only role, changing nothing', async () => {
    const before = (
      await ctx.database.db
        .selectFrom('beneficiaries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const binary = await pendamping.request({
      method: 'POST',
      url: '/api/v1/imports/beneficiaries',
      payload: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(binary.statusCode).toBe(422);
    expect(binary.json().error.code).toBe('IMPORT_FILE_UNREADABLE');
    const formPost = await pendamping.request({
      method: 'POST',
      url: '/api/v1/imports/beneficiaries',
      payload: `${HEADER}\n`,
      headers: { 'content-type': 'text/plain' },
    });
    expect(formPost.statusCode).toBe(415);
    const auditor = await signIn(ctx, 'auditor', null);
    expect((await upload(auditor, `${HEADER}\n3510014508900003,,Siti,P,,05/08/1990,,35.10.01.2001,24,\n`)).statusCode).toBe(403);
    const after = (
      await ctx.database.db
        .selectFrom('beneficiaries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(after).toBe(before);
  });
});

describe('exporting the registry', () => {
  it('exports the caller’s scope only, audited, with formula-looking cells neutralised', async () => {
    await pendamping.request({
      method: 'POST',
      url: '/api/v1/beneficiaries',
      payload: {
        nik: '3510014508900911',
        nama: 'Ekspor Uji',
        jenisKelamin: 'P',
        tanggalLahir: '1990-08-05',
        kodeDesa: '35.10.01.2001',
        alamat: '=HYPERLINK("http://jahat.example")',
        telepon: '+6281234',
      },
    });
    const response = await koordinator.request({ method: 'GET', url: '/api/v1/beneficiaries/export?format=csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const rows = parse(response.body, { columns: true, bom: true }) as Array<Record<string, string>>;
    const row = rows.find((r) => r.nik === '3510014508900911');
    expect(row).toMatchObject({ nama: 'Ekspor Uji', alamat: `'=HYPERLINK("http://jahat.example")`, telepon: "'+6281234" });
    expect(rows.every((r) => r.kode_desa!.startsWith('35.'))).toBe(true);
    const count = (
      await ctx.database.db
        .selectFrom('beneficiaries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kode_desa', 'like', '35.%')
        .executeTakeFirstOrThrow()
    ).n;
    expect(rows).toHaveLength(count);

    const xlsx = await koordinator.request({ method: 'GET', url: '/api/v1/beneficiaries/export?format=xlsx&wilayah=35.10' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const inBanyuwangi = (
      await ctx.database.db
        .selectFrom('beneficiaries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kode_desa', 'like', '35.10.%')
        .executeTakeFirstOrThrow()
    ).n;
    expect(workbook.worksheets[0]!.rowCount - 1).toBe(inBanyuwangi);
    // The birth date is a date cell the import reads back, not text.
    const sheet = workbook.worksheets[0]!;
    const born = (sheet.getRow(1).values as string[]).indexOf('tanggal_lahir');
    const first = sheet.getRow(2).getCell(born);
    expect(first.value).toBeInstanceOf(Date);
    expect(first.numFmt).toBe('dd/mm/yyyy');

    const other = await jakartaKoor.request({ method: 'GET', url: '/api/v1/beneficiaries/export?format=csv' });
    expect(parse(other.body, { columns: true, bom: true })).toEqual([]);
    expect((await pendamping.request({ method: 'GET', url: '/api/v1/beneficiaries/export' })).statusCode).toBe(403);
    const audits = await ctx.database.db.selectFrom('audit_events').select('actor_id').where('action', '=', 'beneficiary.export').execute();
    expect(audits.map((a) => a.actor_id).sort()).toEqual([koordinator.user.id, koordinator.user.id, jakartaKoor.user.id].sort());
  });
});
