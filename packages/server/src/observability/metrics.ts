import { createHash, timingSafeEqual } from 'node:crypto';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import client from 'prom-client';
import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { AppError } from '../http/app-error.js';
import { ErrorResponse } from '../http/schemas.js';
import { replicaLagSeconds, reportQueueDepth, withTimeout } from './probes.js';
import { routeOf } from './request-log.js';

/** A scrape never waits longer than this for the database; a probe that does not answer is left out. */
const PROBE_TIMEOUT_MS = 2_000;

/** Process metrics (CPU, memory, event loop, GC, handles) are the process's, so one registry serves every app. */
let processRegistry: client.Registry | undefined;
function processMetrics(): client.Registry {
  if (!processRegistry) {
    processRegistry = new client.Registry();
    client.collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface MetricsSources {
  database: Database;
  /** The replica reader, when one is configured (DATABASE_REPLICA_URL). */
  replica: Database | undefined;
  /** The bearer token that opens /metrics from anywhere (TUNTAS_METRICS_TOKEN); loopback needs none. */
  token: string | undefined;
  /** The job queue in the database (pg-boss), for its depth per queue. */
  jobs?: JobQueue | undefined;
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

function appMetrics(sources: MetricsSources) {
  const registry = new client.Registry();
  const registers = [registry];
  const labelNames = ['method', 'route', 'status_class'] as const;
  const duration = new client.Histogram({
    name: 'tuntas_http_request_duration_seconds',
    help: 'HTTP requests by route pattern (never the raw URL), method and status class: latency, and through _count the request rate',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const errors = new client.Counter({
    name: 'tuntas_http_errors_total',
    help: 'HTTP responses with status 4xx or 5xx, by route pattern, method and status class',
    labelNames,
    registers,
  });

  const pools = [
    ['primary', sources.database],
    ...(sources.replica && sources.replica !== sources.database ? [['replica', sources.replica] as const] : []),
  ] as const;
  const poolGauge = (name: string, help: string, read: (pool: NonNullable<Database['pool']>) => number) =>
    new client.Gauge({
      name,
      help,
      labelNames: ['database'],
      registers,
      collect() {
        this.reset();
        for (const [label, database] of pools) if (database.pool) this.set({ database: label }, read(database.pool));
      },
    });
  poolGauge('tuntas_db_pool_connections', 'PostgreSQL pool: open connections (absent on PGlite)', (p) => p.totalCount);
  poolGauge('tuntas_db_pool_idle_connections', 'PostgreSQL pool: open connections not in use', (p) => p.idleCount);
  poolGauge('tuntas_db_pool_waiting_requests', 'PostgreSQL pool: queries waiting for a connection', (p) => p.waitingCount);
  poolGauge('tuntas_db_pool_max_connections', 'PostgreSQL pool: the most connections it opens', (p) => p.options.max);

  new client.Gauge({
    name: 'tuntas_report_jobs',
    help: 'Monthly reports waiting (antre) or being generated (proses), across every node on this database',
    labelNames: ['status'],
    registers,
    async collect() {
      this.reset();
      try {
        const depth = await reportQueueDepth(sources.database.db, PROBE_TIMEOUT_MS);
        for (const [status, n] of Object.entries(depth)) this.set({ status }, n);
      } catch {
        // Left out: the database did not answer (readiness says so).
      }
    },
  });

  const { jobs } = sources;
  if (jobs) {
    new client.Gauge({
      name: 'tuntas_jobs',
      help: 'Background jobs in the database not yet done, per queue and state (created, retry, active), across every node',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        try {
          const depth = await withTimeout(jobs.depth(), PROBE_TIMEOUT_MS);
          for (const [queue, states] of Object.entries(depth))
            for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
        } catch {
          // Left out: the database did not answer.
        }
      },
    });
  }

  const replica = pools.find(([label]) => label === 'replica')?.[1];
  if (replica) {
    new client.Gauge({
      name: 'tuntas_replica_lag_seconds',
      help: 'How far the replica reader replays behind the primary (0 when caught up); absent when the replica does not answer',
      labelNames: ['database'],
      registers,
      async collect() {
        this.reset();
        try {
          this.set({ database: 'replica' }, await replicaLagSeconds(replica.db, PROBE_TIMEOUT_MS));
        } catch {
          // Left out: the replica did not answer.
        }
      },
    });
  }
  return { registry, duration, errors };
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];
const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The right bearer token opens /metrics from anywhere; without an Authorization header only a
 * TCP peer on loopback is let in, and not when it forwards someone else's request (a reverse
 * proxy on the same host would otherwise publish the metrics).
 */
function checkAccess(request: FastifyRequest, token: string | undefined): void {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const presented = /^Bearer (\S+)$/i.exec(authorization)?.[1];
    if (token && presented && timingSafeEqual(digest(presented), digest(token))) return;
    throw new AppError('UNAUTHENTICATED', undefined, { 'www-authenticate': 'Bearer realm="metrics"' });
  }
  const peer = request.socket.remoteAddress ?? '';
  if (LOOPBACK.test(peer) && !FORWARDING_HEADERS.some((h) => h in request.headers)) return;
  if (token) throw new AppError('UNAUTHENTICATED', undefined, { 'www-authenticate': 'Bearer realm="metrics"' });
  throw new AppError('FORBIDDEN');
}

/**
 * Counts every response by its route pattern and serves `GET /metrics` (Prometheus text). Call
 * on the root instance before the routes are registered, so its hook sees all of them.
 */
export function registerMetrics(app: FastifyInstance, sources: MetricsSources): void {
  const { registry, duration, errors } = appMetrics(sources);
  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: routeOf(request), status_class: statusClass(reply.statusCode) };
    duration.observe(labels, reply.elapsedTime / 1000);
    if (reply.statusCode >= 400) errors.inc(labels);
  });
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['sistem'],
        summary: 'Prometheus metrics: requests and latency per route, errors, database pool, report queue, replica lag, process',
        description: 'Open from loopback (a request not forwarded by a proxy) or with `Authorization: Bearer <TUNTAS_METRICS_TOKEN>`.',
        security: [{ metricsToken: [] }],
        response: {
          200: { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: Type.String() } } },
          401: ErrorResponse,
          403: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      checkAccess(request, sources.token);
      const text = (await processMetrics().metrics()) + (await registry.metrics());
      return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(text);
    },
  );
}
