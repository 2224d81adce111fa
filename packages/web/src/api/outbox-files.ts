import type { OutboxEntry, Sealed, StoredOutbox } from '../offline/db.js';
import { openBytes, sealBytes } from '../offline/seal-bytes.js';
import { open, seal } from '../offline/vault.js';
import { api } from './client.js';

/**
 * Entries whose body is a file (issue 17: a case attachment, an activity's evidence photo). The
 * row keeps the write sealed as JSON, as every entry, and the file's bytes sealed apart as bytes.
 * Such a write goes to its own route with its own Idempotency-Key, never in a JSON batch.
 */

/** What the JSON part keeps of the file: its type (the bytes are in the row's `bytes`). */
type SealedWrite = Omit<OutboxEntry, 'seq' | 'file'> & { file?: { type: string } };

/** The row as stored: the write sealed with the user's data key, a file's bytes sealed beside it. */
export async function sealEntry(key: CryptoKey, entry: OutboxEntry): Promise<StoredOutbox> {
  const { seq, file, ...write } = entry;
  const json: SealedWrite = file ? { ...write, file: { type: file.type } } : write;
  const row: StoredOutbox = { ...(seq === undefined ? {} : { seq }), userId: entry.userId, sealed: await seal(key, json) };
  if (file) row.bytes = await sealBytes(key, file.bytes);
  return row;
}

/** The entry again, with its file's bytes. */
export async function openEntry(key: CryptoKey, row: { seq?: number; sealed: Sealed; bytes?: Sealed }): Promise<OutboxEntry> {
  const { file, ...write } = await open<SealedWrite>(key, row.sealed);
  const entry: OutboxEntry = { ...write, seq: row.seq! };
  if (file && row.bytes) entry.file = { type: file.type, bytes: await openBytes(key, row.bytes) };
  return entry;
}

/** The write's request: a file as the raw body with its type, anything else as JSON; always with the entry's key. */
export function sendEntry<T>(entry: OutboxEntry): Promise<T> {
  const headers = { 'idempotency-key': entry.idempotencyKey };
  if (entry.file)
    return api<T>(entry.path, {
      method: entry.method,
      body: new Blob([entry.file.bytes], { type: entry.file.type }),
      headers: { ...headers, 'content-type': entry.file.type },
    });
  return api<T>(entry.path, { method: entry.method, json: entry.body, headers });
}
