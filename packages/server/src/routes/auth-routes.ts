import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { login } from '../auth/login.js';
import { resolveSession, revokeSession, SESSION_COOKIE } from '../auth/sessions.js';
import { requireSession } from '../auth/authenticate.js';
import { actorOf } from '../http/context.js';
import { ErrorResponse, StrictObject } from '../http/schemas.js';
import { Password, RoleSchema } from './user-schemas.js';

const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: RoleSchema,
  wilayah: Type.Union([Type.String(), Type.Null()]),
});

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly session cookie',
        body: StrictObject({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Password }),
        response: { 200: Type.Object({ user: Me, expiresAt: Type.String({ format: 'date-time' }) }), 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { config, database } = app.ctx;
      const result = await login(
        database.db,
        {
          idleMinutes: config.sessionIdleMinutes,
          absoluteHours: config.sessionAbsoluteHours,
          maxFailures: config.loginMaxFailures,
          windowMinutes: config.loginWindowMinutes,
        },
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
        secure: 'auto',
        path: '/',
        expires: result.expiresAt,
      });
      return { user: result.actor, expiresAt: result.expiresAt.toISOString() };
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
      const user = token
        ? await resolveSession(database.db, token, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours })
        : null;
      return { user };
    },
  );

  await app.register(async (authed) => {
    requireSession(authed);

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
      async (request) => actorOf(request),
    );
  });
};
