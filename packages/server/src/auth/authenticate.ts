import type { FastifyInstance } from 'fastify';
import { sendError } from '../http/error-handler.js';
import { resolveSession, SESSION_COOKIE } from './sessions.js';

/** Adds the session check to every route registered in `scope` (and only there). */
export function requireSession(scope: FastifyInstance): void {
  scope.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const { config, database } = scope.ctx;
    const actor = token
      ? await resolveSession(database.db, token, {
          idleMinutes: config.sessionIdleMinutes,
          absoluteHours: config.sessionAbsoluteHours,
        })
      : null;
    if (!actor) return sendError(request, reply, 'UNAUTHENTICATED');
    request.actor = actor;
  });
}
