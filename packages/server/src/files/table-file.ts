import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { safeCell } from '../import/safe-cell.js';

export type TableFormat = 'csv' | 'xlsx';
export type Cell = string | number | null;

export const CONTENT_TYPE: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const safe = (c: Cell) => (typeof c === 'string' ? safeCell(c) : c);

/**
 * A small table (a recap, a performance sheet) as CSV with BOM (Excel opens UTF-8 correctly) or as
 * XLSX with a bold, frozen header. Text cells are formula-safe.
 */
export async function tableFile(format: TableFormat, sheetName: string, header: string[], rows: Cell[][]): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(stringify([header, ...rows.map((r) => r.map(safe))], { bom: true }));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map(safe));
  sheet.columns.forEach((col, i) => {
    col.width = Math.min(40, Math.max(10, header[i]!.length + 2, ...rows.map((r) => String(r[i] ?? '').length + 2)));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
