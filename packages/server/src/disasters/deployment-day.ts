import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * The event a pendamping is deployed to on one of their own days (issue 18), for the workforce
 * records: that day's attendance is dinas luar there, and their activities may name it. With two
 * deployments on one day (a hand-over), the one begun first counts for attendance.
 */
export async function deploymentOnDay(
  db: Kysely<DB>,
  userId: string,
  tanggal: string,
  disasterId?: string,
): Promise<{ disasterId: string; nama: string } | undefined> {
  const row = await db
    .selectFrom('disaster_deployments as d')
    .innerJoin('disasters as e', 'e.id', 'd.disaster_id')
    .select(['e.id', 'e.nama'])
    .where('d.user_id', '=', userId)
    .where('d.mulai', '<=', tanggal)
    .where('d.selesai', '>=', tanggal)
    .$if(disasterId !== undefined, (q) => q.where('d.disaster_id', '=', disasterId!))
    .orderBy('d.mulai')
    .orderBy('d.created_at')
    .executeTakeFirst();
  return row && { disasterId: row.id, nama: row.nama };
}
