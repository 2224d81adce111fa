import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { MIGRATION_NAMES } from '../db/migrate.js';
import { AppError } from '../http/app-error.js';
import { ErrorResponse } from '../http/schemas.js';
import { databaseAnswers, pendingMigrations, ProbeTimeout } from '../observability/probes.js';

/** How long readiness waits for the database's `select 1` before it answers 503. */
const READY_TIMEOUT_MS = 2_000;

const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]),
  version: Type.String(),
  uptimeSeconds: Type.Integer(),
});

const Live = Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Integer() });
const Ready = Type.Object({
  status: Type.Literal('ready'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]),
  migrations: Type.Integer({ description: "Migrations applied (all of this build's)" }),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const uptimeSeconds = () => Math.floor((Date.now() - app.ctx.startedAt.getTime()) / 1000);
  app.get(
    '/health/live',
    {
      schema: {
        tags: ['sistem'],
        summary: 'Liveness: 200 while the process serves requests; never touches the database',
        response: { 200: Live },
      },
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: uptimeSeconds() }),
  );

  // Migrations never un-apply, so once all of this build's are found they are not looked up again.
  let migrated = false;
  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['sistem'],
        summary: 'Readiness: 200 when the database answers `select 1` within 2 s and every migration is applied, else 503 NOT_READY',
        response: { 200: Ready, 503: ErrorResponse },
      },
    },
    async () => {
      const { database } = app.ctx;
      try {
        await databaseAnswers(database.db, READY_TIMEOUT_MS);
      } catch (error) {
        throw new AppError('NOT_READY', [{ check: 'database', reason: error instanceof ProbeTimeout ? 'timeout' : 'error' }]);
      }
      if (!migrated) {
        const pending = await pendingMigrations(database.db, READY_TIMEOUT_MS).catch(() => null);
        if (pending === null) throw new AppError('NOT_READY', [{ check: 'migrations', reason: 'error' }]);
        if (pending > 0) throw new AppError('NOT_READY', [{ check: 'migrations', reason: 'pending', pending }]);
        migrated = true;
      }
      return { status: 'ready' as const, database: database.kind, migrations: MIGRATION_NAMES.length };
    },
  );

  app.get(
    '/health',
    {
      schema: {
        tags: ['sistem'],
        summary: 'Server and database health (no session needed)',
        response: { 200: Health, 503: ErrorResponse },
      },
    },
    async () => {
      const { database, startedAt } = app.ctx;
      await sql`select 1`.execute(database.db);
      return {
        status: 'ok' as const,
        database: database.kind,
        version: process.env.npm_package_version ?? '0.1.0',
        uptimeSeconds: Math.floor((Date.now() - startedAt.getTime()) / 1000),
      };
    },
  );
};
