import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import { AppError } from '../http/app-error.js';

/**
 * Far above any honest record; a longer one is a broken file (an unclosed quote), refused whole
 * before it can exhaust the import's capped heap.
 */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

export interface CsvRecord {
  fields: string[];
  /** The line the record starts on (the first is 1): quoted fields may hold newlines. */
  line: number;
}

/** The file's line ending, told by its first line: `\r\n` from Excel, `\n` elsewhere, `\r` from old Macs. */
export function lineEnding(head: string): '\r\n' | '\n' | '\r' {
  const lf = head.indexOf('\n');
  if (lf === -1) return head.includes('\r') ? '\r' : '\n';
  return head[lf - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The records of a CSV text stream (decoded, so no character is split between chunks), parsed by
 * Papa Parse's parser chunk by chunk: a fifth of csv-parse's CPU per row, which is most of a large
 * import's time. Papa's own stream modes are avoided: their pause/resume re-slices the input for
 * every few rows. Quotes inside an unquoted field stay as written; short and long rows pass as
 * they are (columns are matched by name); a blank line is one empty field.
 */
export async function* csvRecords(text: Readable, delimiter: string, newline: '\r\n' | '\n' | '\r'): AsyncGenerator<CsvRecord> {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  let line = 1;
  let rest = '';
  let fresh: string[] = [];
  let freshChars = 0;
  function* records(input: string, last: boolean): Generator<CsvRecord> {
    const result = parser.parse(input, 0, !last) as { data: string[][]; meta: { cursor: number } };
    rest = last ? '' : input.slice(result.meta.cursor);
    if (rest.length > MAX_RECORD_CHARS) throw new AppError('IMPORT_FILE_UNREADABLE', { reason: 'a record longer than 16 MB' });
    for (const fields of result.data) {
      const at = line;
      line += 1;
      for (const field of fields) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) line += 1;
      yield { fields, line: at };
    }
  }
  let first = true;
  for await (const chunk of text as AsyncIterable<string>) {
    fresh.push(first ? chunk.replace(/^\uFEFF/, '') : chunk);
    first = false;
    freshChars += chunk.length;
    // An unfinished record is parsed again with the next chunk; waiting until the new text is as
    // long as it keeps a 10 MB field from being re-read a hundred times, but not past the limit.
    if (freshChars < rest.length && rest.length + freshChars <= MAX_RECORD_CHARS) continue;
    const input = rest + fresh.join('');
    fresh = [];
    freshChars = 0;
    yield* records(input, false);
  }
  yield* records(rest + fresh.join(''), true);
}
