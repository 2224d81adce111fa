import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { DEFAULT_UPLOAD_LIMITS } from '../src/import/upload-limits.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

const HEADER = 'nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,kategori_ppks,telepon';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Two apps: one with the shipped limits (the hostile files as reported), one with small ones. */
let shipped: TestContext;
let small: TestContext;
let reportsDir: string;
let koor: Session;
let koorSmall: Session;
let jakartaSmall: Session;
let colleagueSmall: Session;

const SMALL = { maxRows: 1000, maxXlsxUnpackedBytes: 2 * 1024 * 1024, maxXlsxHeldBytes: 512 * 1024, outOfScopePerHour: 5 };

beforeAll(async () => {
  reportsDir = await mkdtemp(path.join(os.tmpdir(), 'tuntas-reports-test-'));
  shipped = await createTestApp({ importUpload: { ...DEFAULT_UPLOAD_LIMITS, reportsDir } });
  small = await createTestApp({ importUpload: { ...DEFAULT_UPLOAD_LIMITS, ...SMALL, reportsDir } });
  koor = await signIn(shipped, 'koordinator', '35');
  [koorSmall, jakartaSmall, colleagueSmall] = await Promise.all([
    signIn(small, 'koordinator', '35'),
    signIn(small, 'koordinator', '31'),
    signIn(small, 'pendamping', '35.10'),
  ]);
});
afterAll(async () => {
  await shipped?.close();
  await small?.close();
  await rm(reportsDir, { recursive: true, force: true });
});

function upload(session: Session, body: string | Buffer, query = '', contentType = 'text/csv') {
  return session.request({
    method: 'POST',
    url: `/api/v1/imports/beneficiaries${query}`,
    payload: body,
    headers: { 'content-type': contentType },
  });
}

/** A valid row: a woman in Kab. Banyuwangi (35.10) born on `day` August 1990. */
function jatim(serial: number, day = 5, nama = `Siti Aminah ${serial}`, alamat = `Jl. Melati ${serial}`): string {
  const nik = `351001${String(day + 40).padStart(2, '0')}0890${String(serial).padStart(4, '0')}`;
  return `${nik},,${nama},P,Banyuwangi,${String(day).padStart(2, '0')}/08/1990,${alamat},35.10.01.2001,24,`;
}
const jatimNik = (serial: number, day = 5) => `351001${String(day + 40).padStart(2, '0')}0890${String(serial).padStart(4, '0')}`;

/** A NIK issued in Jakarta Pusat; `village` says where the row registers the person. */
function withNik(nik: string, village: string, nama: string): string {
  return `${nik},,${nama},P,,07/08/1990,,${village},24,`;
}
const jakartaNik = (serial: number) => `3171014708900${String(serial).padStart(3, '0')}`;

const count = async (ctx: TestContext, table: 'beneficiaries' | 'import_reports') =>
  (
    await ctx.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

/** A ZIP written by hand, to declare the sizes a hostile file would (`declared` unpacked bytes). */
function zip(entries: Array<{ name: string; data: Buffer; declared?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Data');
  sheet.addRow(HEADER.split(','));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function readReport(session: Session, url: string): Promise<ExcelJS.Workbook> {
  const response = await session.request({ method: 'GET', url });
  expect(response.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return book;
}

describe('import memory: a web upload has a row cap and an unpacked-size cap, refused before the work', () => {
  it('ships with a 50,000-row cap, a 100 MB unpacked XLSX cap and 100 rows in the answer', () => {
    expect(loadConfig({}).importUpload).toMatchObject({ maxRows: 50_000, maxXlsxUnpackedBytes: 100 * 1024 * 1024, rowsInAnswer: 100 });
  });

  it('refuses the reported 4 MB CSV of 2,000,000 bad rows with 413 IMPORT_TOO_MANY_ROWS, pointing to the CLI, storing nothing', async () => {
    const hostile = `${HEADER}\n${'x\n'.repeat(2_000_000)}`;
    expect(hostile.length).toBeGreaterThan(4_000_000);
    const reportsBefore = await count(shipped, 'import_reports');
    for (const query of ['?dryRun=true', '']) {
      const response = await upload(koor, hostile, query);
      expect(response.statusCode).toBe(413);
      const { error } = response.json();
      expect(error.code).toBe('IMPORT_TOO_MANY_ROWS');
      expect(error.message).toContain('50.000');
      expect(error.message).toContain('npx tuntas import beneficiaries');
      expect(response.body.length).toBeLessThan(2000);
    }
    expect(await count(shipped, 'beneficiaries')).toBe(0);
    expect(await count(shipped, 'import_reports')).toBe(reportsBefore);
  });

  it('stops at the cap: 1,000 data rows (blank lines not counted) are imported, 1,001 are refused with nothing written', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => jatim(1000 + i, 6));
    const over = await upload(koorSmall, `${HEADER}\n${rows.join('\n')}\n${jatim(2999, 6)}\n`);
    expect(over.statusCode).toBe(413);
    expect(over.json().error).toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', details: { limit: 1000 } });
    expect(await count(small, 'beneficiaries')).toBe(0);
    const atCap = await upload(koorSmall, `${HEADER}\n${rows.join('\n\n')}\n`);
    expect(atCap.statusCode).toBe(200);
    expect(atCap.json()).toMatchObject({ total: 1000, accepted: 1000, inserted: 1000, rows: [], rowsListed: 0, reportUrl: null });
  });

  it('refuses an XLSX whose declared unpacked size passes 100 MB (a 4 M-row sheet) before parsing it', async () => {
    // 2.5 M rows of one inline-string cell, 125 MB unpacked, a few hundred KB packed.
    const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const sheet = Buffer.from(`<worksheet><sheetData>${row.repeat(2_500_000)}</sheetData></worksheet>`);
    const file = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ]);
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const response = await upload(koor, file, '?dryRun=true', XLSX_TYPE);
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'IMPORT_XLSX_TOO_LARGE', details: { reason: 'declared size' } });
    expect(response.json().error.message).toContain('npx tuntas import beneficiaries');
  });

  it('refuses an XLSX that declares small sizes but unpacks to more (a ZIP bomb), and a sheet over the row cap', async () => {
    const strings = Buffer.from(`<sst>${'<si><t>a</t></si>'.repeat(60_000)}</sst>`); // ~1 MB, over the 512 KB held limit
    const lying = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/sharedStrings.xml', data: strings, declared: 100 },
    ]);
    const bomb = await upload(koorSmall, lying, '?dryRun=true', XLSX_TYPE);
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().error).toMatchObject({
      code: 'IMPORT_XLSX_TOO_LARGE',
      details: { reason: 'unpacked size of shared strings and styles' },
    });

    const rows = Array.from({ length: 1001 }, (_, i) => [
      jatimNik(3000 + i, 7),
      null,
      `Dewi ${i}`,
      'P',
      null,
      '07/08/1990',
      null,
      '35.10.01.2001',
      '24',
      null,
    ]);
    const tooMany = await upload(koorSmall, await workbook(rows), '', XLSX_TYPE);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error).toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', details: { limit: 1000 } });
    expect(await count(small, 'beneficiaries')).toBe(1000);
    const fits = await upload(koorSmall, await workbook(rows.slice(0, 1000)), '?dryRun=true', XLSX_TYPE);
    expect(fits.statusCode).toBe(200);
    expect(fits.json()).toMatchObject({ total: 1000, accepted: 1000 });
  });

  it('answers the counts and the first 100 rows; the whole row report is an XLSX streamed from disk for the uploader only', async () => {
    const bad = Array.from({ length: 250 }, (_, i) => `35100145089${String(i + 1).padStart(5, '0')},,Tanpa Tanggal,P,,,,35.10.01.2001,24,`);
    const again = Array.from({ length: 30 }, (_, i) => jatim(1000 + i, 6)); // already registered: NIK_EXISTS
    const response = await upload(koorSmall, `${HEADER}\n${[...bad, ...again].join('\n')}\n`, '?fileName=desa.csv');
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ total: 280, accepted: 30, rejected: 250, updated: 30, rowsListed: 280 });
    expect(result.rows).toHaveLength(100);
    expect(result.rows[0]).toEqual({ line: 2, errors: ['REQUIRED_MISSING'], warnings: [] });

    const stored = await small.database.db
      .selectFrom('import_reports')
      .select(['report_xlsx'])
      .where('id', '=', result.id)
      .executeTakeFirstOrThrow();
    expect(stored.report_xlsx).toBeNull();
    expect(await readdir(reportsDir)).toContain(`${result.id}.xlsx`);

    const book = await readReport(koorSmall, result.reportUrl);
    expect(book.worksheets[0]!.rowCount - 1).toBe(250);
    expect(book.worksheets[1]!.rowCount - 1).toBe(30);
    expect(String(book.worksheets[1]!.getRow(2).getCell(2).value)).toContain('[NIK_EXISTS]');
    expect((await jakartaSmall.request({ method: 'GET', url: result.reportUrl })).statusCode).toBe(404);
    expect((await colleagueSmall.request({ method: 'GET', url: result.reportUrl })).statusCode).toBe(404);
  });
});

describe('imports may not silently overwrite', () => {
  it('a re-import writes one audit event per changed person, naming only the fields that changed', async () => {
    const first = await upload(koorSmall, `${HEADER}\n${[jatim(5001, 9), jatim(5002, 9), jatim(5003, 9)].join('\n')}\n`);
    expect(first.json()).toMatchObject({ inserted: 3 });
    const second = await upload(
      koorSmall,
      `${HEADER}\n${[jatim(5001, 9, 'Siti Aminah Baru'), jatim(5002, 9, 'Siti Aminah 5002', 'Jl. Mawar 2'), jatim(5003, 9)].join('\n')}\n`,
    );
    const result = second.json();
    // The contract's NIK_EXISTS: a warning, the row updates, never duplicates.
    expect(result).toMatchObject({ accepted: 3, inserted: 0, updated: 3 });
    expect(result.rows.map((r: { warnings: string[] }) => r.warnings)).toEqual([['NIK_EXISTS'], ['NIK_EXISTS'], ['NIK_EXISTS']]);

    const people = await small.database.db
      .selectFrom('beneficiaries')
      .select(['id', 'nik'])
      .where('nik', 'in', [jatimNik(5001, 9), jatimNik(5002, 9)])
      .execute();
    const idOf = new Map(people.map((p) => [p.nik, p.id]));
    const events = await small.database.db
      .selectFrom('audit_events')
      .select(['entity_id', 'entity_type', 'actor_id', 'wilayah', 'details'])
      .where('action', '=', 'beneficiary.import.update')
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        entity_id: idOf.get(jatimNik(5001, 9)),
        entity_type: 'beneficiary',
        actor_id: koorSmall.user.id,
        wilayah: '35.10.01.2001',
        details: { fields: ['nama'], importId: result.id },
      },
      {
        entity_id: idOf.get(jatimNik(5002, 9)),
        entity_type: 'beneficiary',
        actor_id: koorSmall.user.id,
        wilayah: '35.10.01.2001',
        details: { fields: ['alamat'], importId: result.id },
      },
    ]);
    const text = JSON.stringify(events);
    expect(text).not.toContain('3510014');
    expect(text).not.toContain('Siti');
    expect(text).not.toContain('Mawar');
  });

  it('a dry run tells nothing about a NIK registered in another area: the row reads exactly as an unregistered one', async () => {
    const registered = await upload(jakartaSmall, `${HEADER}\n${withNik(jakartaNik(701), '31.71.01.1001', 'Budi Jakarta')}\n`);
    expect(registered.json()).toMatchObject({ inserted: 1 });
    const file = `${HEADER}\n${withNik(jakartaNik(701), '35.10.01.2001', 'Tebakan')}\n${withNik(jakartaNik(702), '35.10.01.2001', 'Tebakan')}\n`;
    const dry = (await upload(koorSmall, file, '?dryRun=true')).json();
    expect(dry).toMatchObject({ total: 2, accepted: 2, rejected: 0, rows: [], rowsListed: 0 });
    expect(
      await small.database.db.selectFrom('audit_events').select('id').where('action', '=', 'beneficiary.import.out_of_scope').execute(),
    ).toEqual([]);
  });

  it('does not overwrite a person registered in another area: the row gets ROW_NOT_PERMITTED, one audit event counts it', async () => {
    const before = await small.database.db
      .selectFrom('beneficiaries')
      .selectAll()
      .where('nik', '=', jakartaNik(701))
      .executeTakeFirstOrThrow();
    const file = `${HEADER}\n${withNik(jakartaNik(701), '35.10.01.2001', 'Tebakan')}\n${withNik(jakartaNik(703), '35.10.01.2001', 'Orang Baru')}\n`;
    const response = await upload(koorSmall, file);
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({
      total: 2,
      accepted: 1,
      rejected: 1,
      inserted: 1,
      updated: 0,
      rows: [{ line: 2, errors: ['ROW_NOT_PERMITTED'], warnings: [] }],
    });
    const after = await small.database.db
      .selectFrom('beneficiaries')
      .selectAll()
      .where('nik', '=', jakartaNik(701))
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const audits = await small.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'entity_id', 'details'])
      .where('action', '=', 'beneficiary.import.out_of_scope')
      .execute();
    expect(audits).toEqual([{ actor_id: koorSmall.user.id, entity_id: result.id, details: { rows: 1 } }]);
  });

  it('rate-limits such rows per user: past 5 an hour the import answers 429 IMPORT_SCOPE_LOOKUPS_EXCEEDED and writes nothing more', async () => {
    const people = Array.from({ length: 8 }, (_, i) => withNik(jakartaNik(710 + i), '31.71.01.1001', `Warga ${i}`));
    expect((await upload(jakartaSmall, `${HEADER}\n${people.join('\n')}\n`)).json()).toMatchObject({ inserted: 8 });
    const probe = (serials: number[], fresh: number) =>
      upload(
        koorSmall,
        `${HEADER}\n${[...serials.map((s) => withNik(jakartaNik(s), '35.10.01.2001', 'Tebakan')), jatim(fresh, 11)].join('\n')}\n`,
      );

    // One row was counted by the test before; three more make four.
    const ok = await probe([710, 711, 712], 6001);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ rejected: 3, inserted: 1 });
    // Two more would make six: refused, and that batch (with its one new person) is not written.
    const over = await probe([713, 714], 6002);
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toMatchObject({ code: 'IMPORT_SCOPE_LOOKUPS_EXCEEDED', details: { windowMinutes: 60 } });
    expect(await small.database.db.selectFrom('beneficiaries').select('id').where('nik', '=', jatimNik(6002, 11)).execute()).toEqual([]);
    // Now refused before any work, even a file without such a row; a dry run still answers.
    const after = await upload(koorSmall, `${HEADER}\n${jatim(6003, 11)}\n`);
    expect(after.statusCode).toBe(429);
    expect(await small.database.db.selectFrom('beneficiaries').select('id').where('nik', '=', jatimNik(6003, 11)).execute()).toEqual([]);
    expect((await upload(koorSmall, `${HEADER}\n${jatim(6003, 11)}\n`, '?dryRun=true')).statusCode).toBe(200);
    // Each user has their own count.
    expect((await upload(colleagueSmall, `${HEADER}\n${jatim(6004, 11)}\n`)).statusCode).toBe(200);

    const audits = await small.database.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'beneficiary.import.out_of_scope')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.details)).toEqual([{ rows: 1 }, { rows: 3 }, { rows: 2 }]);
    const unchanged = await small.database.db
      .selectFrom('beneficiaries')
      .select('kode_desa')
      .where(
        'nik',
        'in',
        people.map((_, i) => jakartaNik(710 + i)),
      )
      .execute();
    expect(unchanged.every((p) => p.kode_desa === '31.71.01.1001')).toBe(true);
  });
});
