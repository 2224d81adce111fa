import { IANA_ZONE, localClock, zonaWaktu } from '@tuntas/domain';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { safeCell } from '../import/safe-cell.js';

export type TableFormat = 'csv' | 'xlsx';

/**
 * A date in a document: a calendar day, a month, or a moment at the wall clock of an area's zone.
 * An XLSX holds it as a real date (sortable, filterable; shown by Excel in its own locale), a CSV
 * as text; never a UTC ISO string an official must convert in their head.
 */
export interface DateCell {
  kind: 'day' | 'month' | 'moment';
  /** The wall-clock value, in the Date's UTC fields (Excel dates carry no zone). */
  wall: Date;
  /** As a CSV or a PDF writes it: `2026-11-30`, `2026-11`, `30/11/2026 08.15 WIB`. */
  text: string;
}

export type Cell = string | number | null | DateCell;

const FORMATS: Record<DateCell['kind'], string> = { day: 'dd/mm/yyyy', month: 'mmmm yyyy', moment: 'dd/mm/yyyy hh:mm' };

/** `YYYY-MM-DD` as a day; anything else (a masked or partial date) stays the text it is. */
export function dayCell(iso: string | null): Cell {
  if (iso === null || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return { kind: 'day', wall: new Date(`${iso}T00:00:00Z`), text: iso };
}

/** `YYYY-MM` as the month (its first day, shown as "November 2026"). */
export function monthCell(bulan: string): DateCell {
  return { kind: 'month', wall: new Date(`${bulan}-01T00:00:00Z`), text: bulan };
}

/** A moment at the wall clock of the area's zone (WIB, WITA, WIT; national: WIB), as the area reads its clocks. */
export function momentCell(at: Date, wilayah: string | null): DateCell {
  const zone = wilayah ? zonaWaktu(wilayah) : 'WIB';
  const { tanggal, menit } = localClock(at, IANA_ZONE[zone]);
  const hh = String(Math.floor(menit / 60)).padStart(2, '0');
  const mm = String(menit % 60).padStart(2, '0');
  const [y, m, d] = tanggal.split('-');
  return { kind: 'moment', wall: new Date(`${tanggal}T${hh}:${mm}:00Z`), text: `${d}/${m}/${y} ${hh}.${mm} ${zone}` };
}

const isDate = (c: Cell): c is DateCell => typeof c === 'object' && c !== null;

const csvValue = (c: Cell) => (isDate(c) ? c.text : typeof c === 'string' ? safeCell(c) : c);

/** Fills a row: text formula-safe, numbers as numbers, dates as dates with their format (streamed sheets too). */
export function writeCells(row: ExcelJS.Row, cells: readonly Cell[]): ExcelJS.Row {
  cells.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (isDate(c)) {
      cell.value = c.wall;
      cell.numFmt = FORMATS[c.kind];
    } else cell.value = typeof c === 'string' ? safeCell(c) : c;
  });
  return row;
}

/**
 * One sheet of a workbook: a bold, frozen header, text cells formula-safe, numbers as numbers,
 * dates as dates, columns as wide as their content (to a limit).
 */
export function addTableSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], maxWidth = 45): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  for (const r of rows) writeCells(ws.addRow([]), r);
  const shown = (c: Cell | undefined) => (isDate(c ?? null) ? (c as DateCell).text : String(c ?? ''));
  ws.columns.forEach((col, i) => {
    col.width = Math.min(maxWidth, Math.max(10, header[i]!.length + 2, ...rows.slice(0, 200).map((r) => shown(r[i]).length + 2)));
  });
}

export const CONTENT_TYPE: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A small table (a recap, a performance sheet) as CSV with BOM (Excel opens UTF-8 correctly) or as XLSX. */
export async function tableFile(format: TableFormat, sheetName: string, header: string[], rows: Cell[][]): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(stringify([header, ...rows.map((r) => r.map(csvValue))], { bom: true }));
  const workbook = new ExcelJS.Workbook();
  addTableSheet(workbook, sheetName, header, rows, 40);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
