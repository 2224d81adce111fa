/**
 * pg-boss 10 calls `complete()` and `fail()` after a job without awaiting them (manager.js,
 * `onFetch`), so a statement lost to a restarting PostgreSQL becomes an unhandled rejection that
 * stops the whole node; two nodes starting at once may also meet in a deadlock while each stores
 * the same queues and schedules. Both are passing: what pg-boss sends is retried here for a short
 * while instead. Its statements are idempotent as pg-boss writes them (complete/fail by state,
 * inserts by id or queue policy, fetches that a lost answer leaves to expire and be retried).
 */

/** Lost or refused connections (node-postgres and SQLSTATE classes 08 and 57P), and deadlocks. */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '40P01', '57P01', '57P02', '57P03'].includes(code) ||
    code.startsWith('08') ||
    /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect/.test(message)
  );
}

/** Runs `attempt` again after a transient failure, waiting longer each time, for up to `withinMs`. */
export async function retryTransient<T>(attempt: () => Promise<T>, withinMs = 30_000): Promise<T> {
  const until = Date.now() + withinMs;
  for (let wait = 100; ; wait = Math.min(wait * 2, 2_000)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransient(error) || Date.now() + wait > until) throw error;
      await new Promise((r) => setTimeout(r, wait + Math.random() * wait));
    }
  }
}
