import { sql, type Kysely } from 'kysely';

/**
 * Work done on a disaster deployment (issue 18): the day's attendance records the event it was
 * dinas luar for, and an activity may name the event it was done for. Both stay the worker's own
 * records in their home area; the link only says where the work happened.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attendance add column disaster_id uuid references disasters (id)`.execute(db);
  await sql`alter table activities add column disaster_id uuid references disasters (id)`.execute(db);
  await sql`create index activities_disaster_idx on activities (disaster_id, tanggal) where disaster_id is not null`.execute(db);
}
