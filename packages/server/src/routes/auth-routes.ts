import type { Role } from '@tuntas/domain';
import { Type, type FastifyPluginAsyncTypebox, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { changeOwnPassword, login } from '../auth/login.js';
import { resolveSession, revokeSession, SESSION_COOKIE } from '../auth/sessions.js';
import { mustChangePassword, requireSession } from '../auth/authenticate.js';
import { endOwnSession, listOwnSessions } from '../auth/own-sessions.js';
import { enableTwoFactor, startTwoFactorSetup, twoFactorState } from '../auth/two-factor.js';
import { disableTwoFactor, regenerateRecoveryCodes } from '../auth/two-factor-manage.js';
import { actorOf, originOf } from '../http/context.js';
import { ErrorResponse, StrictObject } from '../http/schemas.js';
import { twoFactorRequired } from '../auth/two-factor-policy.js';
import { Password, RoleSchema, SessionHandle, SessionSchema } from './user-schemas.js';

const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: RoleSchema,
  wilayah: Type.Union([Type.String(), Type.Null()]),
  namaLengkap: Type.Optional(
    Type.Union([Type.String(), Type.Null()], { description: 'The person’s full name, for greeting them (GET /auth/me and /auth/session)' }),
  ),
  mustChangePassword: Type.Boolean({
    description:
      'An admin set this password: until the user replaces it (POST /auth/password) other routes answer 403 PASSWORD_CHANGE_REQUIRED',
  }),
  twoFactorEnabled: Type.Boolean({ description: 'Sign-in asks this user for a TOTP or recovery code' }),
  twoFactorRequired: Type.Boolean({
    description:
      'The user’s role must sign in with two factors (TUNTAS_2FA_ROLES); until it is on, other routes answer 403 TWO_FACTOR_SETUP_REQUIRED',
  }),
});

const Otp = Type.String({ minLength: 1, maxLength: 40, description: 'The six digits the authenticator app shows, or a recovery code' });

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const required = (role: Role) => twoFactorRequired(app.ctx.database.db, app.ctx.config.twoFactorRoles, role);
  const twoFactor = async (role: Role, enabled: boolean) => ({ twoFactorEnabled: enabled, twoFactorRequired: await required(role) });
  const throttlePolicy = () => ({
    maxFailures: app.ctx.config.loginMaxFailures,
    windowMinutes: app.ctx.config.loginWindowMinutes,
    maxDelaySeconds: app.ctx.config.loginMaxDelaySeconds,
  });

  /** The person's full name, which the app greets them by (the actor carries only the username). */
  const fullName = async (id: string) =>
    (await app.ctx.database.db.selectFrom('users').select('nama_lengkap').where('id', '=', id).executeTakeFirstOrThrow()).nama_lengkap;

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly session cookie',
        description:
          'After TUNTAS_LOGIN_MAX_FAILURES failures of one username from one address, each further attempt waits 2^n seconds ' +
          '(429 LOGIN_THROTTLED with Retry-After). mustChangePassword: the account was created or reset by an admin; change it first. ' +
          'An account with two-factor sign-in needs otp (a TOTP code, good once, or an unused recovery code): without it 401 OTP_REQUIRED, ' +
          'a wrong, expired or reused one 401 OTP_INVALID (details.reason WRONG | EXPIRED | REUSED); neither sets a session, and both count against the throttle.',
        body: StrictObject({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Password, otp: Type.Optional(Otp) }),
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
        {
          idleMinutes: config.sessionIdleMinutes,
          absoluteHours: config.sessionAbsoluteHours,
          ...throttlePolicy(),
          totpKey: config.totpKey,
        },
        {
          username: request.body.username,
          password: request.body.password,
          otp: request.body.otp,
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
      return {
        user: {
          ...result.actor,
          namaLengkap: await fullName(result.actor.id),
          mustChangePassword,
          ...(await twoFactor(result.actor.role, result.twoFactorEnabled)),
        },
        expiresAt: result.expiresAt.toISOString(),
        mustChangePassword,
      };
    },
  );

  // For the web app's first paint: "not signed in" is a normal answer here, not an error, so a
  // visitor's browser shows no failed request before the login page.
  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, or null without a valid session (always 200)',
        response: { 200: Type.Object({ user: Type.Union([Me, Type.Null()]) }) },
      },
    },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      const { config, database } = app.ctx;
      const session = token
        ? await resolveSession(database.db, token, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours })
        : null;
      return {
        user: session
          ? {
              ...session.actor,
              namaLengkap: await fullName(session.actor.id),
              mustChangePassword: session.mustChangePassword,
              ...(await twoFactor(session.actor.role, session.twoFactorEnabled)),
            }
          : null,
      };
    },
  );

  await app.register(async (scope) => {
    const authed = scope.withTypeProvider<TypeBoxTypeProvider>();
    // Reachable while an admin-set password waits to be replaced, or a required second factor to be turned on.
    requireSession(authed, { allowPendingPasswordChange: true, allowPendingTwoFactor: true });

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
      async (request) => {
        const actor = actorOf(request);
        const { enabled } = await twoFactorState(app.ctx.database.db, actor.id);
        return {
          ...actor,
          namaLengkap: await fullName(actor.id),
          mustChangePassword: mustChangePassword(request),
          ...(await twoFactor(actor.role, enabled)),
        };
      },
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
          response: {
            204: Type.Null(),
            400: ErrorResponse,
            401: ErrorResponse,
            403: ErrorResponse,
            422: ErrorResponse,
            429: ErrorResponse,
          },
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

  // Two-factor setup: reachable before a required second factor is on, but only after an admin-set
  // password has been replaced, so no authenticator is bound on a temporary password.
  await app.register(async (scope) => {
    const twoFactorScope = scope.withTypeProvider<TypeBoxTypeProvider>();
    requireSession(twoFactorScope, { allowPendingTwoFactor: true });

    // One's own devices: reachable before a required second factor is on, not on a temporary password.
    twoFactorScope.get(
      '/auth/sessions',
      {
        schema: {
          tags: ['auth'],
          summary: 'Your own open sessions (devices), newest first; `current` marks this one',
          response: { 200: Type.Array(Type.Object({ ...SessionSchema.properties, current: Type.Boolean() })), 401: ErrorResponse },
        },
      },
      async (request) => listOwnSessions(app.ctx.database.db, actorOf(request), request.cookies[SESSION_COOKIE]!),
    );

    twoFactorScope.delete(
      '/auth/sessions/:session',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign one of your own devices out (a lost phone); another user’s session answers 404',
          params: StrictObject({ session: SessionHandle }),
          response: { 204: Type.Null(), 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse },
        },
      },
      async (request, reply) => {
        await endOwnSession(app.ctx.database.db, actorOf(request), originOf(request), request.params.session);
        return reply.code(204).send(null);
      },
    );

    twoFactorScope.get(
      '/auth/2fa',
      {
        schema: {
          tags: ['auth'],
          summary: 'Your two-factor sign-in: on or not, required by your role, recovery codes left',
          response: {
            200: Type.Object({ enabled: Type.Boolean(), required: Type.Boolean(), recoveryCodesLeft: Type.Integer() }),
            401: ErrorResponse,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const state = await twoFactorState(app.ctx.database.db, actor.id);
        return { ...state, required: await required(actor.role) };
      },
    );

    twoFactorScope.post(
      '/auth/2fa/setup',
      {
        schema: {
          tags: ['auth'],
          summary: 'Start two-factor sign-in: a new TOTP secret for the authenticator app (shown this once)',
          description:
            'The secret stays pending until POST /auth/2fa/enable proves the app has it; a new setup replaces a pending one. ' +
            '409 TWO_FACTOR_ALREADY_ENABLED when it is on. The secret is kept encrypted when the server has TUNTAS_TOTP_KEY and never returned again.',
          response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String() }), 401: ErrorResponse, 409: ErrorResponse },
        },
      },
      async (request) => startTwoFactorSetup(app.ctx.database.db, actorOf(request), originOf(request), app.ctx.config.totpKey),
    );

    twoFactorScope.post(
      '/auth/2fa/enable',
      {
        schema: {
          tags: ['auth'],
          summary: 'Turn two-factor sign-in on with a code from the app; answers ten one-time recovery codes, shown this once',
          description:
            '401 OTP_INVALID (details.reason WRONG | EXPIRED) for a code that does not match the pending secret; wrong codes count against the ' +
            'sign-in throttle (429 LOGIN_THROTTLED). 409 TWO_FACTOR_NOT_STARTED without a setup, TWO_FACTOR_ALREADY_ENABLED when it is on.',
          body: StrictObject({ otp: Otp }),
          response: {
            200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }),
            400: ErrorResponse,
            401: ErrorResponse,
            409: ErrorResponse,
            429: ErrorResponse,
          },
        },
      },
      async (request) =>
        enableTwoFactor(
          app.ctx.database.db,
          actorOf(request),
          { ...originOf(request), ip: request.ip },
          throttlePolicy(),
          request.body.otp,
          app.ctx.config.totpKey,
        ),
    );

    const proof = (request: { ip: string; body: { otp: string } } & Parameters<typeof originOf>[0]) => ({
      origin: { ...originOf(request), ip: request.ip },
      policy: throttlePolicy(),
      otp: request.body.otp,
      key: app.ctx.config.totpKey,
    });
    const proofErrors = { 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };

    twoFactorScope.post(
      '/auth/2fa/disable',
      {
        schema: {
          tags: ['auth'],
          summary: 'Turn your two-factor sign-in off, with a current code or an unused recovery code',
          description:
            '409 TWO_FACTOR_REQUIRED_BY_ROLE when your role must use it, TWO_FACTOR_NOT_ENABLED when it is off; 401 OTP_INVALID; wrong codes count against the sign-in throttle.',
          body: StrictObject({ otp: Otp }),
          response: { 204: Type.Null(), ...proofErrors },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await disableTwoFactor(app.ctx.database.db, actor, await required(actor.role), proof(request));
        return reply.code(204).send(null);
      },
    );

    twoFactorScope.post(
      '/auth/2fa/recovery-codes',
      {
        schema: {
          tags: ['auth'],
          summary: 'Ten new one-time recovery codes (shown this once); every earlier code stops working',
          description: 'Needs a current code or an unused recovery code (401 OTP_INVALID); 409 TWO_FACTOR_NOT_ENABLED when it is off.',
          body: StrictObject({ otp: Otp }),
          response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), ...proofErrors },
        },
      },
      async (request) => regenerateRecoveryCodes(app.ctx.database.db, actorOf(request), proof(request)),
    );
  });
};
