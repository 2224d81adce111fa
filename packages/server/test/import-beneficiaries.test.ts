import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ORIGIN, SYSTEM_ACTOR, type Actor } from '../src/authz/actor.js';
import type { Database } from '../src/db/database.js';
import { importBeneficiaries, type ImportReport } from '../src/import/import-beneficiaries.js';
import { openSpreadsheet, type SourceRow } from '../src/import/spreadsheet-reader.js';
import { createTestDatabase } from './support/test-database.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const HEADER = 'nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,kategori_ppks,telepon';

let database: Database;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'tuntas-import-'));
});
afterAll(async () => {
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

async function importFile(file: string, options: { dryRun?: boolean; actor?: Actor; batchSize?: number } = {}): Promise<ImportReport> {
  const source = await openSpreadsheet(file);
  return importBeneficiaries(database.db, source.rows, {
    actor: options.actor ?? SYSTEM_ACTOR,
    origin: CLI_ORIGIN,
    dryRun: options.dryRun ?? false,
    batchSize: options.batchSize ?? 100,
    // As the terminal import runs: two batches written at once on PostgreSQL.
    parallelWrites: database.kind === 'postgresql' ? 2 : 1,
  });
}

async function writeCsv(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

const count = async (where?: { nik: string[] }) => {
  let q = database.db.selectFrom('beneficiaries').select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) q = q.where('nik', 'in', where.nik);
  return (await q.executeTakeFirstOrThrow()).n;
};

/** A valid row for a person in Kab. Banyuwangi, born on `day` August 1990. */
function personRow(serial: number, day = 5): string {
  const nik = `351001${String(day + 40).padStart(2, '0')}0890${String(serial).padStart(4, '0')}`;
  return `${nik},3510010101200001,Siti Aminah ${serial},P,Banyuwangi,${String(day).padStart(2, '0')}/08/1990,Jl. Melati ${serial},35.10.01.2001,24,0812`;
}

describe('the messy sample, judged row by row as the contract says', () => {
  it('gives every row exactly the expected verdict and stores each accepted person once', async () => {
    const truth = JSON.parse(await readFile(new URL('beneficiaries-messy.truth.json', FIXTURES), 'utf8')) as Array<{
      line: number;
      expect: string | null;
    }>;
    const file = new URL('beneficiaries-messy.csv', FIXTURES).pathname;

    const dry = await importFile(file, { dryRun: true });
    expect(await count()).toBe(0);
    const byLine = new Map(dry.rows.map((r) => [r.line, r]));
    for (const t of truth) {
      expect(byLine.get(t.line)?.errors ?? [], `line ${t.line}`).toEqual(t.expect ? [t.expect] : []);
    }
    const expectedAccepted = truth.filter((t) => t.expect === null).length;
    expect(dry).toMatchObject({ total: truth.length, accepted: expectedAccepted, rejected: truth.length - expectedAccepted });

    const first = await importFile(file);
    expect(first).toMatchObject({ accepted: expectedAccepted, inserted: expectedAccepted, updated: 0 });
    expect(await count()).toBe(expectedAccepted);

    const second = await importFile(file);
    expect(second).toMatchObject({ accepted: expectedAccepted, inserted: 0, updated: expectedAccepted });
    expect(await count()).toBe(expectedAccepted);
    const warned = second.rows.filter((r) => r.warnings.includes('NIK_EXISTS'));
    expect(warned).toHaveLength(expectedAccepted);
    const stored = await database.db
      .selectFrom('beneficiaries')
      .select(['nik', 'version'])
      .where('nik', '=', '1610160212888557')
      .executeTakeFirstOrThrow();
    expect(stored.version).toBe(2);
  });
});

describe('files as they come from the field', () => {
  it('reads a BOM, `;` separators, CRLF, blank lines, quoted fields and an apostrophe-marked NIK', async () => {
    const rows = [
      HEADER.replaceAll(',', ';'),
      `'3510014508900101;3510010101200001;"Aminah; binti Umar";Perempuan;Banyuwangi;05-08-1990;"Jl. Mawar, No. 1";35.10.01.2001;Fakir Miskin;0812`,
      '',
      ';;;;;;;;;',
      `3510010508900102;;Umar;laki-laki;Banyuwangi;1990-08-05;;35.10.01.2001;;`,
    ];
    const file = await writeCsv('excel-id.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.join('\r\n'))]));
    const report = await importFile(file);
    expect(report).toMatchObject({ total: 2, accepted: 2, rejected: 0, rows: [] });
    const aminah = await database.db
      .selectFrom('beneficiaries')
      .selectAll()
      .where('nik', '=', '3510014508900101')
      .executeTakeFirstOrThrow();
    expect(aminah).toMatchObject({
      nama: 'Aminah; binti Umar',
      jenis_kelamin: 'P',
      tanggal_lahir: '1990-08-05',
      alamat: 'Jl. Mawar, No. 1',
      kategori_ppks: '24',
      provinsi: '35',
    });
  });

  it('numbers rows by the line they start on when a quoted address spans lines, and stores it whole', async () => {
    const rows = [
      HEADER,
      `3510014508900111,,"Aminah",P,,05/08/1990,"Jl. Mawar No. 1\nRT 02 RW 03\nDusun Krajan",35.10.01.2001,24,`,
      `3510010508900112,,Umar,L,,05/08/1990,,35.10.01.2001,24,`,
      `3510010508900113,,Rina,P,,05/08/1990,"Jl. ""Kenanga""\x1f 7",35.10.01.2001,24,`,
    ];
    const file = await writeCsv('multiline.csv', rows.join('\r\n') + '\r\n');
    const report = await importFile(file);
    // Umar starts on line 5 (Aminah's address takes lines 2 to 4); Rina on line 6, her sex is wrong.
    expect(report).toMatchObject({ total: 3, accepted: 2, rejected: 1, rows: [{ line: 6, errors: ['NIK_SEX_MISMATCH'] }] });
    const stored = await database.db
      .selectFrom('beneficiaries')
      .select(['nik', 'alamat'])
      .where('nik', 'in', ['3510014508900111', '3510010508900112'])
      .orderBy('nik')
      .execute();
    expect(stored).toEqual([
      { nik: '3510010508900112', alamat: null },
      { nik: '3510014508900111', alamat: 'Jl. Mawar No. 1\nRT 02 RW 03\nDusun Krajan' },
    ]);
  });

  it('stores a control character that separates values on the way to the database as a space', async () => {
    const file = await writeCsv(
      'control.csv',
      `${HEADER}\n3510014508900121,,Siti\x1fAminah,P,,05/08/1990,"Jl. Melati\x1f9",35.10.01.2001,24,\n`,
    );
    expect(await importFile(file)).toMatchObject({ accepted: 1, rejected: 0 });
    const stored = await database.db
      .selectFrom('beneficiaries')
      .select(['nama', 'alamat'])
      .where('nik', '=', '3510014508900121')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ nama: 'Siti Aminah', alamat: 'Jl. Melati 9' });
  });

  it('rejects a 10 MB field as a row error and stores nothing of that row', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const file = await writeCsv('huge.csv', `${HEADER}\n${personRow(201)}\n3510014508900202,,"${huge}",P,,05/08/1990,,35.10.01.2001,24,\n`);
    const report = await importFile(file);
    expect(report).toMatchObject({ total: 2, accepted: 1, rejected: 1, rows: [{ line: 3, errors: ['FIELD_TOO_LONG'] }] });
    expect(await count({ nik: ['3510014508900202'] })).toBe(0);
  });

  it('refuses a file whose quote never closes once the open record passes 16 MB, storing nothing of it', async () => {
    const open = `${HEADER}\n${personRow(211)}\n3510014508900212,,"Siti,P,,05/08/1990,,35.10.01.2001,24,\n`;
    const file = await writeCsv('unclosed.csv', open + `${personRow(213)}\n`.repeat(300_000));
    await expect(importFile(file)).rejects.toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' });
    expect(await count({ nik: ['3510014508900212', '3510014508900213'] })).toBe(0);
  });

  it('refuses a file that is not a spreadsheet, or has no usable header, before storing anything', async () => {
    const before = await count();
    const binary = await writeCsv('photo.csv', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]));
    await expect(openSpreadsheet(binary)).rejects.toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' });
    const empty = await writeCsv('empty.csv', '');
    await expect(openSpreadsheet(empty)).rejects.toMatchObject({ code: 'IMPORT_FILE_UNREADABLE' });
    const prose = await writeCsv('letter.csv', 'Kepada Yth. Bapak Kepala Dinas\nDengan hormat,\n');
    await expect(importFile(prose)).rejects.toMatchObject({
      code: 'IMPORT_COLUMNS_MISSING',
      details: { missing: ['nik', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'kode_desa'] },
    });
    expect(await count()).toBe(before);
  });

  it('reads XLSX: text and number cells, date cells, and flags a NIK that Excel stored as a number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(HEADER.split(',').map((h) => h.toUpperCase()));
    sheet.addRow([
      '3510014508900301',
      '3510010101200001',
      'Dewi',
      'P',
      'Banyuwangi',
      new Date(Date.UTC(1990, 7, 5)),
      'Jl. Kenanga',
      '35.10.01.2001',
      24,
      '0812',
    ]);
    sheet.addRow([3510014508900302, null, 'Rina', 'P', null, '05/08/1990', null, '35.10.01.2001', '24', null]);
    sheet.addRow([]);
    const file = path.join(dir, 'data.xlsx');
    await workbook.xlsx.writeFile(file);
    const report = await importFile(file);
    expect(report).toMatchObject({ total: 2, accepted: 1, rejected: 1, rows: [{ line: 3, errors: ['NIK_MANGLED'] }] });
    const dewi = await database.db.selectFrom('beneficiaries').selectAll().where('nik', '=', '3510014508900301').executeTakeFirstOrThrow();
    expect(dewi).toMatchObject({ tanggal_lahir: '1990-08-05', kategori_ppks: '24' });
  });
});

describe('atomicity and scope', () => {
  it('keeps whole batches only when the source breaks mid-file: no half-written row', async () => {
    const file = await writeCsv('stream.csv', `${HEADER}\n${Array.from({ length: 250 }, (_, i) => personRow(400 + i, 6)).join('\n')}\n`);
    const source = await openSpreadsheet(file);
    async function* breaksAfter(rows: AsyncIterable<SourceRow>, limit: number) {
      let n = 0;
      for await (const row of rows) {
        if (n++ === limit) throw new Error('koneksi terputus');
        yield row;
      }
    }
    await expect(
      importBeneficiaries(database.db, breaksAfter(source.rows, 230), {
        actor: SYSTEM_ACTOR,
        origin: CLI_ORIGIN,
        dryRun: false,
        batchSize: 100,
        parallelWrites: database.kind === 'postgresql' ? 2 : 1,
      }),
    ).rejects.toThrow('koneksi terputus');
    const stored = await database.db.selectFrom('beneficiaries').selectAll().where('nik', 'like', '35100146%').execute();
    expect(stored).toHaveLength(200);
    expect(
      stored.every((b) => b.nama.startsWith('Siti Aminah') && b.kode_desa === '35.10.01.2001' && b.tanggal_lahir === '1990-08-06'),
    ).toBe(true);
  });

  it('refuses rows outside a scoped importer’s area and people registered by another area', async () => {
    const jakarta: Actor = { id: '11111111-1111-4111-8111-111111111111', username: 'koor.31', role: 'koordinator', wilayah: '31' };
    const file = await writeCsv(
      'outside.csv',
      `${HEADER}\n${personRow(501, 7)}\n3171014708900502,,Budi,P,,07/08/1990,,31.71.01.1001,24,\n`,
    );
    const banyuwangiBefore = await count({ nik: ['3510014708900501'] });
    const report = await importFile(file, { actor: jakarta });
    expect(report.rows).toEqual([{ line: 2, errors: ['WILAYAH_OUTSIDE_SCOPE'], warnings: [] }]);
    expect(report.accepted).toBe(1);
    expect(await count({ nik: ['3510014708900501'] })).toBe(banyuwangiBefore);
  });
});
