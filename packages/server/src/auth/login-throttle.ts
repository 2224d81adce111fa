import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface ThrottlePolicy {
  /** Failed attempts of one (username, IP) answered at once; each further one waits. */
  maxFailures: number;
  /** A (username, IP) whose last attempt is this old starts again from nothing. */
  windowMinutes: number;
  /** The longest wait between two attempts of one (username, IP). */
  maxDelaySeconds: number;
}

/** 2^30 s is far past any cap; keeps power() small. */
const MAX_EXPONENT = 30;

/** The wait after a row's latest attempt, in seconds, as SQL over the row `t`. */
function delaySeconds(policy: ThrottlePolicy) {
  return sql<number>`case when t.failures < ${policy.maxFailures} then 0
    else least(power(2, least(t.failures - ${policy.maxFailures} + 1, ${MAX_EXPONENT})), ${policy.maxDelaySeconds}) end`;
}

function key(username: string): string {
  return username.slice(0, 100).toLowerCase();
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Reserves one attempt for (username, IP) before the password is checked: a single upsert counts
 * it as a failure, unless the row is still waiting out its delay, in which case it changes
 * nothing and the attempt is refused. PostgreSQL locks the row for the upsert and judges the
 * condition on its latest version, so 40 parallel attempts with a budget of 5 let exactly 5
 * through. A success then clears the row (`clearLoginFailures`).
 *
 * After `maxFailures` failures each further attempt waits 2^n seconds (n = 1, 2, …, capped):
 * the right password is refused only during that wait, and only from that address, so one
 * office behind one NAT is not locked out by a colleague (or by an attacker guessing another
 * account). Counted in the database, not in process memory, so every API node sees the same.
 */
export async function reserveLoginAttempt(db: Kysely<DB>, username: string, ip: string, policy: ThrottlePolicy): Promise<AttemptVerdict> {
  const window = sql`make_interval(mins => ${policy.windowMinutes})`;
  // clock_timestamp(), not now(): an attempt that waited on the row lock of a parallel one is
  // judged again on that one's version, whose time is later than this transaction's start, so
  // with now() a delay of 0 would not have passed yet and the attempt would be refused (429).
  const reserved = await sql<{ failures: number }>`
    insert into login_throttle as t (username, ip, failures, last_attempt_at)
    values (${key(username)}, ${ip}, 1, clock_timestamp())
    on conflict (username, ip) do update set
      failures = case when t.last_attempt_at < clock_timestamp() - ${window} then 1 else t.failures + 1 end,
      last_attempt_at = clock_timestamp()
    where t.last_attempt_at < clock_timestamp() - ${window}
       or t.last_attempt_at + make_interval(secs => ${delaySeconds(policy)}) <= clock_timestamp()
    returning failures`.execute(db);
  const row = reserved.rows[0];
  if (row) {
    // A new streak: forget the streaks nobody continued (kept small by the index on the time).
    if (row.failures === 1) {
      await sql`delete from login_throttle where last_attempt_at < clock_timestamp() - ${window}`.execute(db);
    }
    return { allowed: true };
  }
  const waiting = await sql<{ seconds: number }>`
    select ceil(extract(epoch from t.last_attempt_at + make_interval(secs => ${delaySeconds(policy)}) - clock_timestamp()))::int as seconds
    from login_throttle t where t.username = ${key(username)} and t.ip = ${ip}`.execute(db);
  return { allowed: false, retryAfterSeconds: Math.max(1, waiting.rows[0]?.seconds ?? 1) };
}

/** The attempt proved the password: the (username, IP) starts again from nothing. */
export async function clearLoginFailures(db: Kysely<DB>, username: string, ip: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username', '=', key(username)).where('ip', '=', ip).execute();
}
