import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sessionExpiresAt } from '../auth/authenticate.js';
import { deviceKey } from '../auth/device-key.js';
import { actorOf } from '../http/context.js';
import { authErrors } from '../http/schemas.js';

export const deviceKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/auth/device-key',
    {
      schema: {
        tags: ['auth'],
        summary: 'The key that unlocks what your devices keep offline (their working set and outbox are encrypted under it)',
        description:
          'Given only to a valid session of an enabled account that has replaced any admin-set password: after a session is revoked or the ' +
          'account disabled, what a device kept stays sealed. 32 bytes, base64url; never cached. expiresAt: when this session ends unless ' +
          'used again (the idle limit from now, at most the absolute limit); a device without a signal past that moment locks what it ' +
          'keeps behind its PIN.',
        response: {
          200: Type.Object({ key: Type.String({ minLength: 43, maxLength: 43 }), expiresAt: Type.String({ format: 'date-time' }) }),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { key: await deviceKey(app.ctx.database.db, actorOf(request)), expiresAt: sessionExpiresAt(request).toISOString() };
    },
  );
};
