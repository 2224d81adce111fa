import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { ErrorResponse } from '../http/schemas.js';

const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]),
  version: Type.String(),
  uptimeSeconds: Type.Integer(),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
