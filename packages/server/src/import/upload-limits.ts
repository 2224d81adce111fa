import os from 'node:os';
import path from 'node:path';

/** What a web upload may cost; larger files go through the terminal (`tuntas import beneficiaries`). */
export interface UploadLimits {
  /** Data rows of one file. */
  maxRows: number;
  /** An XLSX unpacked, all entries together. */
  maxXlsxUnpackedBytes: number;
  /** The XLSX entries ExcelJS holds in memory (shared strings, styles…), unpacked. */
  maxXlsxHeldBytes: number;
  /** Rows of one user's imports in the last hour that met a person registered outside their scope. */
  outOfScopePerHour: number;
  /** Rows (with an error or a warning) listed in the answer; the XLSX report holds them all. */
  rowsInAnswer: number;
  /** A file imported in the background waits in the database until its job ends: at most this many bytes. */
  maxJobFileBytes: number;
  /** Where the XLSX reports are kept (shared by the API nodes), and for how long. */
  reportsDir: string;
  reportsKeepHours: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxRows: 50_000,
  maxXlsxUnpackedBytes: 100 * 1024 * 1024,
  maxXlsxHeldBytes: 24 * 1024 * 1024,
  outOfScopePerHour: 200,
  rowsInAnswer: 100,
  maxJobFileBytes: 32 * 1024 * 1024,
  reportsDir: path.join(os.tmpdir(), 'tuntas-import-reports'),
  reportsKeepHours: 7 * 24,
};
