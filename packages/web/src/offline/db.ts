import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PinWrap } from './pin.js';
import type { SessionMark } from './session-mark.js';

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
  | 'aid'
  | 'attachment'
  | 'activityPhoto'
  | 'conference'
  | 'plan'
  | 'planSubmit'
  | 'outcomes'
  | 'referralStatus';
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
  /**
   * A photo or document (a case attachment, an activity's evidence photo): these bytes are the
   * request's body, sent as they are; `body` then only describes them for the screens.
   */
  file?: { type: string; bytes: ArrayBuffer } | undefined;
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
  ref: {
    caseId?: string;
    tanggal?: string;
    activityId?: string;
    beneficiaryId?: string;
    disasterId?: string;
    followUpId?: string;
    referralId?: string;
  };
}

/** Where the last sync of a user's working set ended (kept with the data it stands for). */
export interface SyncMark {
  /** Whose working set the cursor is of. */
  owner: string;
  cursor: string;
  /** When the last round ended (device clock), shown to the user. */
  at: number;
}

/** A value encrypted with the user's data key (offline/vault.ts). */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/**
 * An outbox row as stored: who it belongs to and its replay order in the clear, the write itself
 * sealed. A row written before encryption at rest (the whole entry) is read once and sealed.
 */
export type StoredOutbox =
  | {
      seq?: number;
      userId: string;
      sealed: Sealed;
      /** A file write's bytes (a photo), sealed as bytes, not inside the JSON. */
      bytes?: Sealed;
    }
  | OutboxEntry;

export interface StoredCache {
  owner: string;
  savedAt: number;
  /** The dehydrated query cache, sealed. */
  sealed?: Sealed;
  /** Before encryption at rest: the dehydrated cache itself (read once, then replaced). */
  state?: unknown;
  sync?: SyncMark | null;
}

interface TuntasDB extends DBSchema {
  outbox: { key: number; value: StoredOutbox };
  /** The persisted query cache (the working set for offline reading), one row per signed-in user. */
  cache: { key: string; value: StoredCache };
  /**
   * `wrap:USER` the device key (a non-exportable CryptoKey), `data:USER` the data key wrapped by it,
   * `pin:USER` the data key wrapped under the PIN (pin.ts), `session:USER` when the session ends (session-mark.ts).
   */
  keys: { key: string; value: CryptoKey | ArrayBuffer | PinWrap | SessionMark };
}

/** Where the PIN's wrap of a user's data key is kept in `keys`. */
export const pinId = (user: string) => `pin:${user}`;

let opening: Promise<IDBPDatabase<TuntasDB>> | null = null;

/** The device's own store (issue 17): the outbox, the working set and the keys that seal them. */
export function offlineDb(): Promise<IDBPDatabase<TuntasDB>> {
  opening ??= openDB<TuntasDB>('tuntas-offline', 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        db.createObjectStore('cache');
      }
      if (oldVersion < 2) db.createObjectStore('keys');
    },
  });
  return opening;
}

/** Empties every store (sign-out: persist.ts wipeDevice, which also forgets what it holds in memory). */
export async function clearStores(): Promise<void> {
  const db = await offlineDb();
  const tx = db.transaction(['outbox', 'cache', 'keys'], 'readwrite');
  await Promise.all([tx.objectStore('outbox').clear(), tx.objectStore('cache').clear(), tx.objectStore('keys').clear(), tx.done]);
}
