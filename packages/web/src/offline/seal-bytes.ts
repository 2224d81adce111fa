import type { Sealed } from './db.js';

/**
 * A photo kept in the outbox is sealed like every entry (AES-GCM under the user's data key, see
 * vault.ts), but as bytes: JSON would carry it as base64, a third larger, and cost a copy to encode.
 */
export async function sealBytes(key: CryptoKey, bytes: ArrayBuffer): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes) };
}

export function openBytes(key: CryptoKey, sealed: Sealed): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
}
