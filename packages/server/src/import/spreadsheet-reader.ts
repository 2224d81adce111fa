import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { IMPORT_COLUMNS, type ErrorCode, type ImportColumn } from '@tuntas/domain';
import ExcelJS from 'exceljs';
import { AppError } from '../http/app-error.js';
import { csvRecords, lineEnding } from './csv-records.js';

/** One data row of an import file, with its line (CSV) or row number (XLSX); the header is 1. */
export interface SourceRow<C extends string = ImportColumn> {
  line: number;
  cells: Partial<Record<C, string | Date>>;
  /** The row as written in the file, for the downloadable error report. */
  original: string[];
}

export interface SpreadsheetSource<C extends string = ImportColumn> {
  kind: 'csv' | 'xlsx';
  layout: SheetLayout<C>;
  header: string[];
  rows: AsyncIterable<SourceRow<C>>;
  /** Bytes consumed so far, for a progress bar against the file size. */
  bytesRead(): number;
}

/** The columns a kind of file reads, and those its header must name. */
export interface SheetLayout<C extends string> {
  columns: readonly C[];
  required: readonly C[];
  /** The refusal of a header without them, and of a file with too many rows: each names the kind's own limits. */
  missingCode: ErrorCode;
  tooManyCode: ErrorCode;
}

export const REGISTRY_LAYOUT: SheetLayout<ImportColumn> = {
  columns: IMPORT_COLUMNS,
  required: ['nik', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'kode_desa'],
  missingCode: 'IMPORT_COLUMNS_MISSING',
  tooManyCode: 'IMPORT_TOO_MANY_ROWS',
};

/** A 16-digit number in a spreadsheet cell has lost its last digit to floating point. */
const FIFTEEN_DIGITS = 1e15;

function normaliseHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');
}

function columnIndex<C extends string>(header: string[], layout: SheetLayout<C>): Map<C, number> {
  const index = new Map<C, number>();
  header.map(normaliseHeader).forEach((name, i) => {
    if ((layout.columns as readonly string[]).includes(name) && !index.has(name as C)) index.set(name as C, i);
  });
  const missing = layout.required.filter((c) => !index.has(c));
  if (missing.length > 0) throw new AppError(layout.missingCode, { missing, found: header });
  return index;
}

function toRawRow<C extends string>(values: Array<string | Date>, index: Map<C, number>): Partial<Record<C, string | Date>> {
  const row: Partial<Record<C, string | Date>> = {};
  for (const [column, i] of index) {
    const v = values[i];
    if (v !== undefined) row[column] = v;
  }
  return row;
}

/** Indonesian-locale Excel writes `;`-separated CSV; tabs come from copy-paste. */
function sniffDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function csvSource<C extends string>(path: string, head: Buffer, layout: SheetLayout<C>): SpreadsheetSource<C> {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n|\r/)[0] ?? '';
  const stream = createReadStream(path, { encoding: 'utf8' });
  let header: string[] = [];
  const rows = (async function* (): AsyncGenerator<SourceRow<C>> {
    let index: Map<C, number> | undefined;
    for await (const { fields, line } of csvRecords(stream, sniffDelimiter(firstLine), lineEnding(text))) {
      if (fields.every((field) => field.trim() === '')) continue;
      if (!index) {
        header = fields;
        index = columnIndex(fields, layout);
        continue;
      }
      yield { line, cells: toRawRow(fields, index), original: fields };
    }
  })();
  return {
    kind: 'csv',
    layout,
    get header() {
      return header;
    },
    rows,
    bytesRead: () => stream.bytesRead,
  };
}

type CellValue = ExcelJS.CellValue;

/** Cell values as text, except dates; formulas give their result, rich text its plain text. */
function cellText(value: CellValue, column: string | undefined): string | Date {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'number') {
    if ((column === 'nik' || column === 'no_kk') && Math.abs(value) >= FIFTEEN_DIGITS) {
      // Shown the way the spreadsheet itself would, so the row is judged NIK_MANGLED.
      return value.toExponential(10).toUpperCase();
    }
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as CellValue, column);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

function xlsxSource<C extends string>(path: string, layout: SheetLayout<C>): SpreadsheetSource<C> {
  const stream = createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let header: string[] = [];
  const read = (async function* (): AsyncGenerator<SourceRow<C>> {
    let index: Map<C, number> | undefined;
    let columns: Array<C | undefined> = [];
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const raw = (row.values as CellValue[]).slice(1);
        if (!index) {
          header = raw.map((v) => String(cellText(v, undefined)));
          index = columnIndex(header, layout);
          columns = header.map((_, i) => [...index!].find(([, at]) => at === i)?.[0]);
          continue;
        }
        const values = raw.map((v, i) => cellText(v, columns[i]));
        if (values.every((v) => v === '')) continue;
        yield {
          line: row.number,
          cells: toRawRow(values, index),
          original: values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)),
        };
      }
      break; // the first worksheet holds the data
    }
    if (!index) throw new AppError('IMPORT_FILE_UNREADABLE', { reason: 'empty workbook' });
  })();
  // ExcelJS throws TypeErrors on workbooks it cannot follow (cells without `r=`, a broken ZIP):
  // the file is unreadable, not the server broken.
  const rows = (async function* (): AsyncGenerator<SourceRow<C>> {
    try {
      yield* read;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('IMPORT_FILE_UNREADABLE', { reason: 'the workbook cannot be read' });
    }
  })();
  return {
    kind: 'xlsx',
    layout,
    get header() {
      return header;
    },
    rows,
    bytesRead: () => stream.bytesRead,
  };
}

/**
 * Opens a CSV or XLSX file as a stream of rows, in constant memory. The kind is told by content,
 * not by name: an XLSX is a ZIP; a file with NUL bytes is neither.
 */
export async function openSheet<C extends string>(path: string, layout: SheetLayout<C>): Promise<SpreadsheetSource<C>> {
  const head = await readHead(path, 64 * 1024);
  if (head.length === 0) throw new AppError('IMPORT_FILE_UNREADABLE', { reason: 'empty file' });
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return xlsxSource(path, layout);
  if (head.includes(0)) throw new AppError('IMPORT_FILE_UNREADABLE', { reason: 'not a CSV or XLSX file' });
  return csvSource(path, head, layout);
}

/** A registry (beneficiary) file. */
export const openSpreadsheet = (path: string): Promise<SpreadsheetSource> => openSheet(path, REGISTRY_LAYOUT);
