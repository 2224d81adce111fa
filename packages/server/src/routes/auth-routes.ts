import { Type, type FastifyPluginAsyncTypebox, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { changeOwnPassword, login } from '../auth/login.js';
import { resolveSession, revokeSession, SESSION_COOKIE } from '../auth/sessions.js';
import { mustChangePassword, requireSession } from '../auth/authenticate.js';
import { actorOf, originOf } from '../http/context.js';
import { ErrorResponse, StrictObject } from '../http/schemas.js';
import { Password, RoleSchema } from './user-schemas.js';

const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: RoleSchema,
  wilayah: Type.Union([Type.String(), Type.Null()]),
  mustChangePassword: Type.Boolean({
    description: 'An admin set this password: until the user replaces it (POST /auth/password) other routes answer 403 PASSWORD_CHANGE_REQUIRED',
  }),
});

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const throttlePolicy = () => ({
    maxFailures: app.ctx.config.loginMaxFailures,
    windowMinutes: app.ctx.config.loginWindowMinutes,
    maxDelaySeconds: app.ctx.config.loginMaxDelaySeconds,
  });

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly session cookie',
        description:
          'After TUNTAS_LOGIN_MAX_FAILURES failures of one username from one address, each further attempt waits 2^n seconds ' +
          '(429 LOGIN_THROTTLED with Retry-After). mustChangePassword: the account was created or reset by an admin; change it first.',
        body: StrictObject({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Password }),
        response: {
          200: Type.Object({ user: Me, expiresAt: Type.String({ format: 'date-time' }), mustChangePassword: Type.Boolean() }),
          400: ErrorResponse,
          401: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { config, database } = app.ctx;
      const result = await login(
        database.db,
        { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours, ...throttlePolicy() },
        {
          username: request.body.username,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: String(request.id),
        },
      );
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        // 'auto': Secure when the request came over HTTPS (as the trusted proxy tells).
        secure: config.cookieSecure ? true : 'auto',
        path: '/',
        expires: result.expiresAt,
      });
      const { mustChangePassword } = result;
      return { user: { ...result.actor, mustChangePassword }, expiresAt: result.expiresAt.toISOString(), mustChangePassword };
    },
  );

  // For the web app's first paint: "not signed in" is a normal answer here, not an error, so a
  // visitor's browser shows no failed request before the login page.
  app.get(
    '/auth/session',
    { schema: { tags: ['auth'], summary: 'The signed-in user, or null without a valid session (always 200)', response: { 200: Type.Object({ user: Type.Union([Me, Type.Null()]) }) } } },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      const { config, database } = app.ctx;
      const session = token
        ? await resolveSession(database.db, token, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours })
        : null;
      return { user: session ? { ...session.actor, mustChangePassword: session.mustChangePassword } : null };
    },
  );

  await app.register(async (scope) => {
    const authed = scope.withTypeProvider<TypeBoxTypeProvider>();
    // Reachable while an admin-set password waits to be replaced.
    requireSession(authed, { allowPendingPasswordChange: true });

    authed.post(
      '/auth/logout',
      { schema: { tags: ['auth'], summary: 'Revoke the current session', response: { 204: Type.Null(), 401: ErrorResponse } } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await revokeSession(app.ctx.database.db, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send(null);
      },
    );

    authed.get(
      '/auth/me',
      { schema: { tags: ['auth'], summary: 'The signed-in user, role and area scope', response: { 200: Me, 401: ErrorResponse } } },
      async (request) => ({ ...actorOf(request), mustChangePassword: mustChangePassword(request) }),
    );

    authed.post(
      '/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change your own password; ends your other sessions',
          description:
            'current must be the password in use (403 CURRENT_PASSWORD_WRONG; guesses count against the sign-in throttle, 429 LOGIN_THROTTLED); ' +
            'new must pass the password policy (422 WEAK_PASSWORD, details.reason). Clears mustChangePassword.',
          body: StrictObject({ current: Password, new: Password }),
          response: { 204: Type.Null(), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request, reply) => {
        await changeOwnPassword(app.ctx.database.db, actorOf(request), { ...originOf(request), ip: request.ip }, throttlePolicy(), {
          current: request.body.current,
          next: request.body.new,
          sessionToken: request.cookies[SESSION_COOKIE]!,
        });
        return reply.code(204).send(null);
      },
    );
  });
};
