#!/usr/bin/env node
// `node bench/import-upload-memory.mjs` (or `npm run bench -- --only=upload`): the server's memory
// while the web upload takes hostile and large files. Starts `tuntas serve` on a new PGlite folder
// (PostgreSQL when DATABASE_URL is given to the group), signs in, measures the server's baseline RSS
// (after a small warm-up upload), then sends each file and samples the server's RSS every 20 ms;
// the figure is the peak RSS during the upload minus that baseline (measured in the same run).
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { generate } from './generate-beneficiaries.mjs';
import { row, startProcess, stopProcess, TUNTAS, writeResults } from './lib.mjs';

const PASSWORD = 'bench-kata-sandi-1';
const LIMIT_MB = 150;

function rssMb(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
}

/** Samples the process's RSS while `work` runs; resolves with the work's result and the peak. */
async function sampled(pid, work) {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  try {
    const result = await work();
    peak = Math.max(peak, rssMb(pid));
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

/** The reported hostile CSV: a header and 2,000,000 rows of one bad field (4 MB). */
function hostileCsv(file) {
  const header = 'nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,kategori_ppks,telepon\n';
  writeFileSync(file, header + 'x\n'.repeat(2_000_000));
}

/** A well-formed XLSX of 4,000,000 one-cell rows, its sheet deflated as a stream (about 20 MB). */
async function hostileXlsx(file, rows = 4_000_000) {
  const out = createWriteStream(file);
  const write = (b) => new Promise((resolve) => (out.write(b) ? resolve() : out.once('drain', resolve)));
  const central = [];
  let offset = 0;
  const local = (name, flags, crc, packed, size) => {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(packed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(Buffer.byteLength(name), 26);
    return Buffer.concat([h, Buffer.from(name)]);
  };
  const record = (name, flags, crc, packed, size, at) => {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(flags, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(packed, 20);
    c.writeUInt32LE(size >>> 0, 24);
    c.writeUInt16LE(Buffer.byteLength(name), 28);
    c.writeUInt32LE(at, 42);
    central.push(c, Buffer.from(name));
  };
  const small = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  };
  for (const [name, text] of Object.entries(small)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const at = offset;
    const header = local(name, 0, crc32(data), packed.length, data.length);
    await write(header);
    await write(packed);
    offset += header.length + packed.length;
    record(name, 0, crc32(data), packed.length, data.length, at);
  }
  // The sheet: sizes unknown when its header is written (bit 3), given in a data descriptor after it.
  const name = 'xl/worksheets/sheet1.xml';
  const at = offset;
  const header = local(name, 0x08, 0, 0, 0);
  await write(header);
  offset += header.length;
  const deflate = createDeflateRaw();
  let packed = 0;
  deflate.on('data', (chunk) => {
    packed += chunk.length;
    out.write(chunk);
  });
  let crc = 0;
  let size = 0;
  const feed = (text) => {
    const b = Buffer.from(text);
    crc = crc32(b, crc);
    size += b.length;
    return new Promise((resolve) => (deflate.write(b) ? resolve() : deflate.once('drain', resolve)));
  };
  await feed('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  await feed('<row r="1"><c r="A1" t="inlineStr"><is><t>nik</t></is></c></row>');
  for (let r = 2; r <= rows; r += 10_000) {
    let chunk = '';
    for (let i = r; i < Math.min(rows + 1, r + 10_000); i++)
      chunk += `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>x</t></is></c></row>`;
    await feed(chunk);
  }
  await feed('</sheetData></worksheet>');
  await new Promise((resolve) => {
    deflate.once('end', resolve);
    deflate.end();
  });
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc, 4);
  descriptor.writeUInt32LE(packed, 8);
  descriptor.writeUInt32LE(size >>> 0, 12);
  await write(descriptor);
  offset += packed + 16;
  record(name, 0x08, crc, packed, size, at);
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  await write(directory);
  await write(end);
  await new Promise((resolve) => out.end(resolve));
  return size;
}

/** An XLSX of the CSV's rows (text cells), as a spreadsheet program would save it. */
async function csvToXlsx(csv, file) {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = writer.addWorksheet('Data');
  for (const line of readFileSync(csv, 'utf8').trim().split('\n')) sheet.addRow(line.split(',')).commit();
  sheet.commit();
  await writer.commit();
}

function badRows(file, count) {
  const header = 'nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,kategori_ppks,telepon\n';
  let body = '';
  for (let i = 0; i < count; i++) body += `3.5781E+15,,Baris Rusak ${i},X,,31/02/1990,Jl. Salah ${i},99.99.99.9999,99,\n`;
  writeFileSync(file, header + body);
}

export async function benchUploadMemory(database = 'pglite', databaseUrl) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tuntas-bench-upload-'));
  const dataDir = path.join(dir, 'data');
  const env = {
    DATABASE_URL: databaseUrl ?? '',
    TUNTAS_DATA_DIR: dataDir,
    TUNTAS_IMPORT_REPORTS_DIR: path.join(dir, 'reports'),
    LOG_LEVEL: 'warn',
    TUNTAS_AUTO_REPORTS: '0',
    // e.g. BENCH_SERVER_NODE_OPTIONS=--max-old-space-size=256: the server's V8 heap capped.
    NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? '',
  };
  const port = 3950;
  const base = `http://127.0.0.1:${port}`;
  const results = [];
  try {
    const files = {
      hostileCsv: path.join(dir, 'hostile-2m.csv'),
      hostileXlsx: path.join(dir, 'hostile-4m.xlsx'),
      bad50k: path.join(dir, 'bad-50k.csv'),
      valid50k: path.join(dir, 'valid-50k.csv'),
      changed50k: path.join(dir, 'changed-50k.csv'),
      valid50kXlsx: path.join(dir, 'valid-50k.xlsx'),
    };
    hostileCsv(files.hostileCsv);
    const unpacked = await hostileXlsx(files.hostileXlsx);
    badRows(files.bad50k, 50_000);
    await generate(50_000, files.valid50k);
    writeFileSync(files.changed50k, readFileSync(files.valid50k, 'utf8').replaceAll('Jl. Merdeka', 'Jl. Pahlawan'));
    await csvToXlsx(files.valid50k, files.valid50kXlsx);

    const first = await startProcess([TUNTAS, 'serve', '--port', String(port)], env, /berjalan di/);
    await stopProcess(first.child);
    execFileSync(process.execPath, [TUNTAS, 'user', 'add', '--username', 'bench.admin', '--role', 'admin'], {
      env: { ...process.env, ...env, TUNTAS_PASSWORD: PASSWORD },
    });
    const server = await startProcess([TUNTAS, 'serve', '--port', String(port)], env, /berjalan di/);
    const pid = server.child.pid;
    try {
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench.admin', password: PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login answered ${login.status}`);
      const cookie = login.headers.get('set-cookie').split(';')[0];
      const send = async (file, query, type) => {
        const response = await fetch(`${base}/api/v1/imports/beneficiaries?${query}`, {
          method: 'POST',
          headers: { cookie, 'content-type': type, 'content-length': String(statSync(file).size) },
          body: readFileSync(file),
        });
        const text = await response.text();
        return { status: response.status, bytes: text.length, json: JSON.parse(text) };
      };
      // Warm-up: the code paths loaded once, so the baseline is the server as it stands ready.
      const warm = path.join(dir, 'warm.csv');
      await generate(200, warm, 7);
      await send(warm, 'dryRun=true', 'text/csv');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      let baseline = 0;
      for (let i = 0; i < 20; i++) {
        baseline += rssMb(pid) / 20;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      console.log(`server baseline RSS ${baseline.toFixed(1)} MB (${database}); limit: growth ≤ ${LIMIT_MB} MB`);
      console.log(
        `hostile XLSX: ${(statSync(files.hostileXlsx).size / 2 ** 20).toFixed(1)} MB packed, ${(unpacked / 2 ** 20).toFixed(0)} MB unpacked`,
      );
      const cases = [
        ['csv-2m-bad-rows-dry-run', files.hostileCsv, 'dryRun=true', 'text/csv'],
        ['xlsx-4m-rows-dry-run', files.hostileXlsx, 'dryRun=true', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        ['csv-50k-bad-rows-dry-run', files.bad50k, 'dryRun=true', 'text/csv'],
        ['xlsx-50k-rows-dry-run', files.valid50kXlsx, 'dryRun=true', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        ['csv-50k-rows-import', files.valid50k, 'dryRun=false', 'text/csv'],
        ['csv-50k-rows-reimport-changed', files.changed50k, 'dryRun=false', 'text/csv'],
      ];
      for (const [name, file, query, type] of cases) {
        const started = performance.now();
        const before = rssMb(pid);
        const { result, peak } = await sampled(pid, () => send(file, query, type));
        const ms = performance.now() - started;
        const growth = peak - baseline;
        const outcome =
          result.status === 200
            ? `200 total ${result.json.total}, rejected ${result.json.rejected}, rows listed ${result.json.rowsListed}`
            : `${result.status} ${result.json.error?.code}`;
        console.log(
          `${name.padEnd(32)} ${(statSync(file).size / 2 ** 20).toFixed(1).padStart(5)} MB  ${outcome.padEnd(58)} answer ${String(result.bytes).padStart(6)} B  ${(ms / 1000).toFixed(1).padStart(5)} s  peak RSS ${peak.toFixed(1)} MB  growth ${growth.toFixed(1)} MB${growth > LIMIT_MB ? '  OVER THE LIMIT' : ''} (over its own start ${(peak - before).toFixed(1)} MB)`,
        );
        results.push(row(`upload-${name}-rss-growth`, database, growth, 'MB', 'server-rss-before-uploads', baseline, false));
      }
    } finally {
      await stopProcess(server.child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const rows = await benchUploadMemory(process.env.DATABASE_URL ? 'postgresql' : 'pglite', process.env.DATABASE_URL);
  console.log(writeResults(rows, `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`));
}
