import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMinutes: number;
}

/** One IP (a kantor dinas behind one NAT) legitimately carries many users, so it gets more room. */
const IP_FACTOR = 4;

/**
 * Counted in the database, not in process memory, so every API node behind the load balancer
 * sees the same attempts.
 */
export async function isLoginThrottled(
  db: Kysely<DB>,
  username: string,
  ip: string,
  policy: ThrottlePolicy,
): Promise<boolean> {
  const since = new Date(Date.now() - policy.windowMinutes * 60_000);
  const row = await db
    .selectFrom('login_attempts')
    .select([
      sql<number>`count(*) filter (where lower(username) = lower(${username}))`.as('by_user'),
      sql<number>`count(*) filter (where ip = ${ip})`.as('by_ip'),
    ])
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .where((eb) => eb.or([eb(sql`lower(username)`, '=', username.toLowerCase()), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return row.by_user >= policy.maxFailures || row.by_ip >= policy.maxFailures * IP_FACTOR;
}

export async function recordLoginAttempt(db: Kysely<DB>, username: string, ip: string, succeeded: boolean): Promise<void> {
  await db.insertInto('login_attempts').values({ username: username.slice(0, 100), ip, succeeded }).execute();
}
