import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** What a queued write is: the request as it will be replayed, and what the screens show of it. */
export type OutboxKind =
  | 'service'
  | 'activity'
  | 'activityEdit'
  | 'check-in'
  | 'check-out'
  | 'assessment'
  | 'beneficiary'
  | 'case'
  | 'transition'
  | 'referral'
  | 'followUp'
  | 'followUpRecord'
  | 'absence'
  | 'affected'
  | 'affectedEdit'
  | 'ldpSession'
  | 'tracing'
  | 'aid';
export type OutboxStatus = 'menunggu' | 'mengirim' | 'konflik' | 'ditolak';

export interface OutboxEntry {
  /** The replay order (IndexedDB's auto-increment key). */
  seq?: number;
  /** The client id of the write; for a POST that takes one (beneficiary, case) the new record's id. */
  id: string;
  userId: string;
  kind: OutboxKind;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body: Record<string, unknown>;
  /** Sent with every attempt: a replay after a lost answer changes nothing twice. A new key only when the body changes. */
  idempotencyKey: string;
  /** The record's version this write was based on (updates), so a conflict can be shown. */
  baseVersion: number | null;
  /** When the user acted (device clock), not when the write reached the server. */
  actedAt: string;
  status: OutboxStatus;
  /** The server's refusal: its code and Indonesian message; on a conflict the current record. */
  error: { code: string; message: string; current?: Record<string, unknown> | undefined } | null;
  /** Where the screens show it. */
  ref: { caseId?: string; tanggal?: string; activityId?: string; beneficiaryId?: string; disasterId?: string; followUpId?: string };
}

/** Where the last sync of a user's working set ended (kept with the data it stands for). */
export interface SyncMark {
  /** Whose working set the cursor is of. */
  owner: string;
  cursor: string;
  /** When the last round ended (device clock), shown to the user. */
  at: number;
}

interface TuntasDB extends DBSchema {
  outbox: { key: number; value: OutboxEntry };
  /** The persisted query cache (the working set for offline reading), one row per signed-in user. */
  cache: { key: string; value: { owner: string; savedAt: number; state: unknown; sync?: SyncMark | null } };
}

let opening: Promise<IDBPDatabase<TuntasDB>> | null = null;

/** The device's own store (issue 17): the outbox and the working set. */
export function offlineDb(): Promise<IDBPDatabase<TuntasDB>> {
  opening ??= openDB<TuntasDB>('tuntas-offline', 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      db.createObjectStore('cache');
    },
  });
  return opening;
}

/** Empties both stores (sign-out: persist.ts wipeDevice, which also forgets what it holds in memory). */
export async function clearStores(): Promise<void> {
  const db = await offlineDb();
  const tx = db.transaction(['outbox', 'cache'], 'readwrite');
  await Promise.all([tx.objectStore('outbox').clear(), tx.objectStore('cache').clear(), tx.done]);
}
