import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../http/app-error.js';
import { openSheet, type SheetLayout, type SourceRow, type SpreadsheetSource } from './spreadsheet-reader.js';
import type { UploadLimits } from './upload-limits.js';
import { checkXlsxLimits } from './xlsx-limits.js';

async function isZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    await handle.close();
  }
}

/** Counts a CSV's data rows as the importer will read them, stopping at one past the limit. */
async function refuseTooManyRows(source: SpreadsheetSource<string>, maxRows: number): Promise<void> {
  let rows = 0;
  for await (const _ of source.rows) if (++rows > maxRows) throw new AppError(source.layout.tooManyCode, { limit: maxRows });
}

/** The limit again while importing, should the file hold rows the first look did not count. */
export async function* capped<C extends string>(source: SpreadsheetSource<C>, maxRows: number): AsyncGenerator<SourceRow<C>> {
  let n = 0;
  for await (const row of source.rows) {
    if (++n > maxRows) throw new AppError(source.layout.tooManyCode, { limit: maxRows });
    yield row;
  }
}

/**
 * An upload's body spooled to a temporary file (never held in memory) and refused before any work
 * when it is over the limits (rows, unpacked XLSX size); `work` gets the file, which is removed
 * after, whatever happened. `layout` is the file's kind (its columns and limits' codes).
 */
export async function withSpooledUpload<C extends string, T>(
  body: Readable,
  limits: Pick<UploadLimits, 'maxRows' | 'maxXlsxUnpackedBytes' | 'maxXlsxHeldBytes'>,
  layout: SheetLayout<C>,
  work: (file: string) => Promise<T>,
): Promise<T> {
  const dir = path.join(os.tmpdir(), 'tuntas-upload', randomUUID());
  await mkdir(dir, { recursive: true });
  try {
    const file = path.join(dir, 'upload');
    await pipeline(body, createWriteStream(file));
    if (await isZip(file)) {
      await checkXlsxLimits(file, {
        maxUnpackedBytes: limits.maxXlsxUnpackedBytes,
        maxUnpackedHeldBytes: limits.maxXlsxHeldBytes,
        maxRows: limits.maxRows,
        tooManyCode: layout.tooManyCode,
      });
    } else {
      await refuseTooManyRows(await openSheet(file, layout), limits.maxRows);
    }
    return await work(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
