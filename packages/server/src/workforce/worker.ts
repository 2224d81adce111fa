import { IANA_ZONE, wilayahClock, zonaWaktu } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../http/app-error.js';

/** Someone who keeps presensi and a daily report. */
export interface Worker {
  id: string;
  username: string;
  nama: string | null;
  role: 'pendamping' | 'koordinator';
  wilayah: string;
}

/**
 * A worker the caller may see: themselves, or (for supervisors, direktorat, auditors) anyone in
 * their scope. Anything else is simply not found.
 */
export async function loadWorker(db: Kysely<DB>, actor: Actor, userId: string): Promise<Worker> {
  if (userId !== actor.id && !workforcePolicy.readOthers(actor)) throw notFound();
  const row = await db
    .selectFrom('users')
    .select(['id', 'username', 'nama_lengkap', 'role', 'wilayah'])
    .where('id', '=', userId)
    .where('role', 'in', ['pendamping', 'koordinator'])
    .where('wilayah', 'is not', null)
    .where((eb) => inScope(eb, eb.ref('users.wilayah'), actor))
    .executeTakeFirst();
  if (!row) throw notFound();
  return { id: row.id, username: row.username, nama: row.nama_lengkap, role: row.role as Worker['role'], wilayah: row.wilayah! };
}

export function zoneOf(wilayah: string): string {
  return IANA_ZONE[zonaWaktu(wilayah)];
}

/** The worker's calendar day and minutes since midnight in their province's zone. */
export function workerClock(wilayah: string, now: Date): { tanggal: string; menit: number } {
  return wilayahClock(wilayah, now);
}
