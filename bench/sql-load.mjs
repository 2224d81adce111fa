// The baseline of an API benchmark on PostgreSQL: the same SQL through the driver, with the same
// concurrency and duration, so the ratio shows what HTTP, auth, scoping and JSON cost on top.
import pg from 'pg';

export async function sqlLoad(url, text, params, { connections = 10, seconds = 10 } = {}) {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const latencies = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < end) {
          const t = performance.now();
          await client.query(text, typeof params === 'function' ? params() : params);
          latencies.push(performance.now() - t);
        }
      } finally {
        client.release();
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rps: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
