import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import type { ErrorCode } from '@tuntas/domain';
import { AppError } from '../http/app-error.js';

export interface XlsxLimits {
  /** Every entry of the ZIP together, unpacked. */
  maxUnpackedBytes: number;
  /** The entries ExcelJS holds in memory while reading (shared strings, styles, workbook, rels…). */
  maxUnpackedHeldBytes: number;
  /** Data rows (the header row is not counted) in any worksheet. */
  maxRows: number;
  /** The refusal past `maxRows` (a kind of file names its own limit); the registry's by default. */
  tooManyCode?: ErrorCode;
}

const LOCAL_FILE = 0x04034b50;
const DATA_DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE = 0x02014b50;
const ZIP64_MARK = 0xffffffff;
const WORKSHEET = /xl\/worksheets\/sheet\d+[.]xml/;
const ROW_TAG = Buffer.from('<row');

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

const tooLarge = (reason: string, details: Record<string, unknown>) => new AppError('IMPORT_XLSX_TOO_LARGE', { reason, ...details });

/**
 * The sizes the ZIP declares for its entries (central directory), summed before anything is
 * unpacked: an honest file over the limit is refused at once. Sizes of 4 GB (ZIP64) are over it.
 */
async function declaredSizes(handle: FileHandle, fileSize: number, limits: XlsxLimits): Promise<void> {
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(handle, fileSize - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end === -1) throw new AppError('IMPORT_FILE_UNREADABLE', { reason: 'not a ZIP: no central directory' });
  const size = tail.readUInt32LE(end + 12);
  const offset = tail.readUInt32LE(end + 16);
  if (size === ZIP64_MARK || offset === ZIP64_MARK) throw tooLarge('ZIP64', { limit: limits.maxUnpackedBytes });
  const directory = await readAt(handle, offset, Math.min(size, fileSize));
  let total = 0;
  let held = 0;
  for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL_FILE;) {
    const unpacked = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const name = directory.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (unpacked === ZIP64_MARK) throw tooLarge('ZIP64', { limit: limits.maxUnpackedBytes });
    total += unpacked;
    if (!WORKSHEET.test(name)) held += unpacked;
    if (total > limits.maxUnpackedBytes) throw tooLarge('declared size', { limit: limits.maxUnpackedBytes });
    if (held > limits.maxUnpackedHeldBytes)
      throw tooLarge('declared size of shared strings and styles', { limit: limits.maxUnpackedHeldBytes });
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
}

/** Where `needle` first occurs at or after `from`, read in chunks; -1 when it never does. */
async function findBytes(handle: FileHandle, from: number, fileSize: number, needle: Buffer): Promise<number> {
  const chunk = 1024 * 1024;
  for (let at = from; at < fileSize; at += chunk - needle.length + 1) {
    const buffer = await readAt(handle, at, chunk);
    const found = buffer.indexOf(needle);
    if (found !== -1) return at + found;
    if (buffer.length < chunk) break;
  }
  return -1;
}

/**
 * Unpacks one entry's bytes without keeping them, counting its size and, for a worksheet, its
 * `<row` elements; stops as soon as `onBytes` says the limit is passed.
 */
function unpack(path: string, start: number, end: number, deflated: boolean, onChunk: (chunk: Buffer) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    if (end <= start) return resolve();
    const raw = createReadStream(path, { start, end: end - 1 });
    const out = deflated ? raw.pipe(createInflateRaw()) : raw;
    let stopped = false;
    const stop = (error?: unknown) => {
      if (stopped) return;
      stopped = true;
      raw.destroy();
      if (out !== raw) out.destroy();
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    };
    out.on('data', (chunk: Buffer) => {
      try {
        if (!onChunk(chunk)) stop();
      } catch (error) {
        stop(error);
      }
    });
    out.on('end', () => stop());
    out.on('error', () => stop(new AppError('IMPORT_FILE_UNREADABLE', { reason: 'a ZIP entry cannot be unpacked' })));
    raw.on('error', (error) => stop(error));
  });
}

/**
 * Refuses an XLSX whose unpacked content or row count is beyond the web upload's limits, before
 * ExcelJS parses it (it keeps shared strings and styles in memory, and writes worksheets that
 * come before them to temporary files). First the sizes the ZIP declares; then the entries are
 * walked as ExcelJS's unzipper walks them (local headers in file order, a data descriptor found by
 * its signature), unpacked and counted without being kept, so a ZIP that lies about its sizes is
 * refused too, after at most the limit's worth of unpacking.
 */
export async function checkXlsxLimits(path: string, limits: XlsxLimits): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    await declaredSizes(handle, fileSize, limits);
    let total = 0;
    let held = 0;
    for (let at = 0; at + 30 <= fileSize;) {
      const header = await readAt(handle, at, 30);
      if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_FILE) break; // central directory, or what unzipper stops at
      const flags = header.readUInt16LE(6);
      const method = header.readUInt16LE(8);
      const packed = header.readUInt32LE(18);
      const unpackedDeclared = header.readUInt32LE(22);
      const nameLength = header.readUInt16LE(26);
      const extraLength = header.readUInt16LE(28);
      if (packed === ZIP64_MARK || unpackedDeclared === ZIP64_MARK) throw tooLarge('ZIP64', { limit: limits.maxUnpackedBytes });
      const name = (await readAt(handle, at + 30, nameLength)).toString('utf8');
      const start = at + 30 + nameLength + extraLength;
      const sizeKnown = (flags & 0x08) === 0 || packed > 0;
      const end = sizeKnown ? start + packed : await findBytes(handle, start, fileSize, DATA_DESCRIPTOR);
      if (end === -1 || end > fileSize) throw new AppError('IMPORT_FILE_UNREADABLE', { reason: 'a ZIP entry is cut short' });
      const worksheet = WORKSHEET.test(name);
      let rows = 0;
      let tail = Buffer.alloc(0);
      await unpack(path, start, end, method !== 0, (chunk) => {
        total += chunk.length;
        if (!worksheet) held += chunk.length;
        if (total > limits.maxUnpackedBytes) throw tooLarge('unpacked size', { limit: limits.maxUnpackedBytes });
        if (held > limits.maxUnpackedHeldBytes)
          throw tooLarge('unpacked size of shared strings and styles', { limit: limits.maxUnpackedHeldBytes });
        if (worksheet) {
          // `<row` followed by a space, `>` or `/`; a tag split between chunks is seen in `tail + chunk`.
          const text = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
          for (let i = text.indexOf(ROW_TAG); i !== -1 && i + ROW_TAG.length < text.length; i = text.indexOf(ROW_TAG, i + 1)) {
            const next = text[i + ROW_TAG.length];
            if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x0a || next === 0x0d || next === 0x09) rows += 1;
          }
          tail = Buffer.from(text.subarray(Math.max(0, text.length - ROW_TAG.length)));
          if (rows - 1 > limits.maxRows) throw new AppError(limits.tooManyCode ?? 'IMPORT_TOO_MANY_ROWS', { limit: limits.maxRows });
        }
        return true;
      });
      at = sizeKnown ? end : end + 16;
    }
  } finally {
    await handle.close();
  }
}
