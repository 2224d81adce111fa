import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from '../http/error-handler.js';
import { twoFactorRequired } from './two-factor-policy.js';
import { resolveSession, SESSION_COOKIE, sessionRevoked } from './sessions.js';

export interface SessionRequirement {
  /**
   * Routes a user may reach before replacing an admin-set password (sign out, who am I, the
   * change itself). Everywhere else such a session answers 403 PASSWORD_CHANGE_REQUIRED.
   */
  allowPendingPasswordChange?: boolean;
  /** Routes a user whose role requires two-factor sign-in may reach before turning it on (their account). */
  allowPendingTwoFactor?: boolean;
}

/** Requests whose session still waits for an admin-set password to be replaced. */
const pendingPasswordChange = new WeakSet<FastifyRequest>();

export function mustChangePassword(request: FastifyRequest): boolean {
  return pendingPasswordChange.has(request);
}

/** Requests of a user whose role requires two-factor sign-in that is not on yet. */
const pendingTwoFactor = new WeakSet<FastifyRequest>();

export function mustEnableTwoFactor(request: FastifyRequest): boolean {
  return pendingTwoFactor.has(request);
}

/** When each signed-in request's session ends (the device keeps it to lock itself offline, issue 17). */
const sessionEnds = new WeakMap<FastifyRequest, Date>();

export function sessionExpiresAt(request: FastifyRequest): Date {
  const at = sessionEnds.get(request);
  if (!at) throw new Error('sessionExpiresAt outside a signed-in route');
  return at;
}

/** Adds the session check to every route registered in `scope` (and only there). */
export function requireSession(scope: FastifyInstance, requirement: SessionRequirement = {}): void {
  scope.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const { config, database } = scope.ctx;
    const session = token
      ? await resolveSession(database.db, token, {
          idleMinutes: config.sessionIdleMinutes,
          absoluteHours: config.sessionAbsoluteHours,
        })
      : null;
    if (!session)
      return sendError(request, reply, token && (await sessionRevoked(database.db, token)) ? 'SESSION_REVOKED' : 'UNAUTHENTICATED');
    if (session.mustChangePassword) {
      if (!requirement.allowPendingPasswordChange) return sendError(request, reply, 'PASSWORD_CHANGE_REQUIRED');
      pendingPasswordChange.add(request);
    }
    if (!session.twoFactorEnabled && (await twoFactorRequired(database.db, config.twoFactorRoles, session.actor.role))) {
      if (!requirement.allowPendingTwoFactor) return sendError(request, reply, 'TWO_FACTOR_SETUP_REQUIRED');
      pendingTwoFactor.add(request);
    }
    sessionEnds.set(request, session.expiresAt);
    request.actor = session.actor;
  });
}
