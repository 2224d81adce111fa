import { IMPORT_ROW_MESSAGES, type Locale } from '@tuntas/domain';
import ExcelJS from 'exceljs';
import { safeCell } from './safe-cell.js';
import type { SourceRow } from './spreadsheet-reader.js';

/**
 * The file an operator fixes and uploads again: the rejected rows exactly as they were written,
 * the original header, and one more column saying in Indonesian what is wrong; a second sheet
 * lists the accepted rows that carry a warning (a re-import's NIK_EXISTS), so the file holds the
 * whole row report the upload's answer only begins. Streamed to disk so a large import does not
 * hold the report in memory (the warnings, a line and codes each, wait for the second sheet).
 */
/** A row's verdict, whatever kind of file it came from. */
export interface RowVerdict {
  line: number;
  errors: readonly string[];
  warnings: readonly string[];
}

type Messages = Record<string, { id: string; en: string }>;

export class ImportReportWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private headerWritten = false;
  private readonly warned: RowVerdict[] = [];

  constructor(
    file: string,
    private readonly header: () => string[],
    private readonly locale: Locale = 'id',
    /** The codes' messages: the registry's, or a kind of file's that extends them. */
    private readonly messages: Messages = IMPORT_ROW_MESSAGES,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
    this.sheet = this.workbook.addWorksheet(locale === 'id' ? 'Baris ditolak' : 'Rejected rows');
  }

  add(row: Pick<SourceRow, 'original'>, report: RowVerdict): void {
    if (report.errors.length === 0) {
      if (report.warnings.length > 0) this.warned.push({ line: report.line, errors: [], warnings: [...report.warnings] });
      return;
    }
    if (!this.headerWritten) {
      const title = this.sheet.addRow([
        ...this.header(),
        this.locale === 'id' ? 'baris_asal' : 'source_line',
        this.locale === 'id' ? 'kesalahan' : 'errors',
      ]);
      title.font = { bold: true };
      title.commit();
      this.headerWritten = true;
    }
    const messages = report.errors.map((code) => this.message(code)).join('; ');
    this.sheet.addRow([...row.original.map((v) => safeCell(v)), report.line, messages]).commit();
  }

  private message(code: string): string {
    return `${this.messages[code]?.[this.locale] ?? code} [${code}]`;
  }

  async finish(): Promise<void> {
    if (!this.headerWritten) this.sheet.addRow([...this.header(), 'kesalahan']).commit();
    this.sheet.commit();
    if (this.warned.length > 0) {
      const sheet = this.workbook.addWorksheet(this.locale === 'id' ? 'Peringatan' : 'Warnings');
      const title = sheet.addRow([this.locale === 'id' ? 'baris_asal' : 'source_line', this.locale === 'id' ? 'peringatan' : 'warnings']);
      title.font = { bold: true };
      title.commit();
      for (const w of this.warned) sheet.addRow([w.line, w.warnings.map((code) => this.message(code)).join('; ')]).commit();
      sheet.commit();
    }
    await this.workbook.commit();
  }
}
