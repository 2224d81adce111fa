import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { requireSession } from './auth/authenticate.js';
import { fastifyTrustProxy, jobSettings, type Config } from './config.js';
import type { Database } from './db/database.js';
import { registerReadRouting, replicaReader } from './db/read-routing.js';
import { registerCsrfGuard } from './http/csrf-guard.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerIdempotency } from './http/idempotency.js';
import { registerValidator } from './http/validator.js';
import { serveWebApp } from './http/web-app.js';
import { JobQueue } from './jobs/job-queue.js';
import { registerMetrics } from './observability/metrics.js';
import { privateLogging } from './observability/request-log.js';
import { activityRoutes } from './routes/activity-routes.js';
import { attendanceRoutes } from './routes/attendance-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { beneficiaryRoutes } from './routes/beneficiary-routes.js';
import { caseRoutes } from './routes/case-routes.js';
import { dashboardRoutes } from './routes/dashboard-routes.js';
import { stageTargetRoutes } from './routes/stage-target-routes.js';
import { caseloadLimitRoutes } from './routes/caseload-limit-routes.js';
import { calendarRoutes } from './routes/calendar-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { importRoutes } from './routes/import-routes.js';
import { performanceRoutes } from './routes/performance-routes.js';
import { caseworkRoutes } from './routes/casework-routes.js';
import { referralRoutes } from './routes/referral-routes.js';
import { photoRoutes } from './routes/photo-routes.js';
import { privacyRoutes } from './routes/privacy-routes.js';
import { retentionRoutes } from './routes/retention-routes.js';
import { referenceRoutes } from './routes/reference-routes.js';
import { registerImportJobs } from './import/import-job.js';
import { registerReportJobs } from './reports/report-jobs.js';
import { registerRefreshJob } from './dashboard/refresh-job.js';
import { registerRetentionJob, retentionDeps } from './privacy/retention-job.js';
import { reportRoutes } from './routes/report-routes.js';
import { syncRoutes } from './routes/sync-routes.js';
import { deviceKeyRoutes } from './routes/device-key-routes.js';
import { publicTrainingRoutes, trainingRoutes } from './routes/training-routes.js';
import { disasterRoutes } from './routes/disaster-routes.js';
import { disasterTracingRoutes } from './routes/disaster-tracing-routes.js';
import { disasterAidRoutes } from './routes/disaster-aid-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { staffImportRoutes } from './routes/staff-import-routes.js';
import { twoFactorPolicyRoutes } from './routes/two-factor-policy-routes.js';
import { caseloadLimits, settingsLimits } from './cases/caseload-limits.js';
import { wilayahRoutes } from './routes/wilayah-routes.js';

export interface BuildOptions {
  database: Database;
  /** A read replica (DATABASE_REPLICA_URL) for dashboards and read-only exports. */
  replica?: Database | undefined;
  config: Config;
  /** false in tests; a pino logger (or options) in the server. */
  logger?: boolean | FastifyBaseLogger | Record<string, unknown>;
}

export const API_PREFIX = '/api/v1';

/** Builds the whole HTTP application without listening, so tests drive it with inject(). */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { database, config } = options;
  const logger = options.logger ?? false;
  const app = Fastify({
    // Request logs name the route pattern, never the URL (query strings carry names and NIKs).
    ...privateLogging(logger),
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: fastifyTrustProxy(config.trustProxy),
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // The reader: the replica with per-query fallback to the primary, and one's own writes read back (db/read-routing.ts).
  const reader = replicaReader(database, options.replica, (message, err) => app.log.warn({ err }, message));
  // Jobs live in the database; this node works them only once started (server.ts, or the first job it queues).
  const jobs = new JobQueue(database, jobSettings(config), (err) => app.log.error({ err }, 'job queue error'));
  registerReportJobs(jobs, {
    db: database.db,
    reader: reader.db,
    limits: () => caseloadLimits(database.db, settingsLimits(config)),
    stepDelayMs: config.reportStepDelayMs,
    log: (message, details) => app.log.info(details, message),
    monthEnd: config.autoReports,
  });
  registerRefreshJob(jobs, {
    db: database.db,
    limits: () => caseloadLimits(database.db, settingsLimits(config)),
    log: (message, details) => app.log.info(details, message),
  });
  registerImportJobs(jobs, {
    db: database.db,
    limits: config.importUpload,
    batchDelayMs: config.importBatchDelayMs,
    log: (message, details) => app.log.info(details, message),
  });
  registerRetentionJob(jobs, retentionDeps(database.db, config), (message, details) => app.log.info(details, message));
  app.addHook('onClose', () => jobs.stop());
  app.decorate('ctx', { database, reader, config, jobs, startedAt: new Date() });
  app.decorateRequest('actor', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
  });
  // HTML forms can post text/plain across sites; only JSON is accepted.
  app.removeContentTypeParser('text/plain');

  registerValidator(app);
  registerErrorHandling(app);
  registerCsrfGuard(app);
  // Before the routes: its onRoute hook adds the Idempotency-Key header to every write's schema.
  registerIdempotency(app, API_PREFIX);
  await app.register(cookie);
  registerReadRouting(app);
  // JSON compresses ~8x; on a 3G phone that is most of a list's waiting time. gzip only: brotli
  // at request time costs more CPU than it saves bytes (the static app is precompressed with it).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['gzip'] });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tuntas API',
        version: '1',
        description:
          'Case management and field workforce for social-rehabilitation pendamping (Kemensos RI). ' +
          'Errors: {"error":{"code","message","details"}}; messages in Bahasa Indonesia unless Accept-Language asks for English.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tuntas_sid' },
          metricsToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }],
    },
  });

  // After swagger, so GET /metrics is in the OpenAPI document; before the API, so its hook counts every route.
  registerMetrics(app, { database, replica: options.replica, token: config.metricsToken, jobs });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(publicTrainingRoutes);
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(async (authed) => {
        requireSession(authed);
        await authed.register(userRoutes);
        await authed.register(staffImportRoutes);
        await authed.register(twoFactorPolicyRoutes);
        await authed.register(wilayahRoutes);
        await authed.register(referenceRoutes);
        await authed.register(auditRoutes);
        await authed.register(beneficiaryRoutes);
        await authed.register(privacyRoutes);
        await authed.register(retentionRoutes);
        await authed.register(importRoutes);
        await authed.register(caseRoutes);
        await authed.register(stageTargetRoutes);
        await authed.register(caseloadLimitRoutes);
        await authed.register(calendarRoutes);
        await authed.register(attendanceRoutes);
        await authed.register(activityRoutes);
        await authed.register(performanceRoutes);
        await authed.register(dashboardRoutes);
        await authed.register(reportRoutes);
        await authed.register(photoRoutes);
        await authed.register(caseworkRoutes);
        await authed.register(referralRoutes);
        await authed.register(syncRoutes);
        await authed.register(deviceKeyRoutes);
        await authed.register(trainingRoutes);
        await authed.register(disasterRoutes);
        await authed.register(disasterTracingRoutes);
        await authed.register(disasterAidRoutes);
      });
    },
    { prefix: API_PREFIX },
  );

  if (config.webDir && existsSync(config.webDir)) await serveWebApp(app, config.webDir);
  return app;
}
