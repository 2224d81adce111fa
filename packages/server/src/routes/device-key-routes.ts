import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
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
          'account disabled, what a device kept stays sealed. 32 bytes, base64url; never cached.',
        response: { 200: Type.Object({ key: Type.String({ minLength: 43, maxLength: 43 }) }), ...authErrors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { key: await deviceKey(app.ctx.database.db, actorOf(request)) };
    },
  );
};
