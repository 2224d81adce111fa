import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Page, PageQuery, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';
import {
  createUser,
  endUserSessions,
  getUser,
  listUserSessions,
  listUsers,
  resetPassword,
  temporaryPassword,
  updateUser,
} from '../users/user-service.js';
import { resetTwoFactor } from '../users/two-factor-reset.js';
import {
  NewUserBody,
  Password,
  RoleSchema,
  SessionHandle,
  SessionSchema,
  UserDetailSchema,
  UserPatchBody,
  UserSchema,
} from './user-schemas.js';

const IdParams = StrictObject({ id: Uuid });
const TemporaryPassword = Type.Object({
  temporaryPassword: Type.Union([Type.String(), Type.Null()], {
    description: 'The generated temporary password, shown once; null when the caller chose it',
  }),
});

/** A password an admin chose is replaced by its owner at first sign-in. */
const ADMIN_SET = { mustChangePassword: true };

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;

  app.post(
    '/users',
    {
      schema: {
        tags: ['pengguna'],
        summary:
          'Create an account (admin within their own scope; a koordinator: pendamping of their area); the user must change the password at first sign-in',
        description:
          'Without a password a temporary one is generated and returned once (temporaryPassword). Refused attempts are audit events (user.create.refused).',
        body: NewUserBody,
        response: {
          201: Type.Object({ ...UserSchema.properties, ...TemporaryPassword.properties }),
          ...authErrors,
          409: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { wilayah, namaLengkap, password, ...rest } = request.body;
      const generated = password ? null : temporaryPassword(rest.username);
      const user = await createUser(
        db(),
        actorOf(request),
        originOf(request),
        {
          ...rest,
          password: password || generated!,
          wilayah: wilayah ?? null,
          namaLengkap: namaLengkap ?? null,
        },
        ADMIN_SET,
      );
      return reply.code(201).send({ ...user, temporaryPassword: generated });
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['pengguna'],
        summary: 'List accounts inside the caller’s scope (admin; a koordinator: the pendamping of their area)',
        querystring: StrictObject({
          ...PageQuery,
          q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the username or full name' })),
          role: Type.Optional(RoleSchema),
          wilayah: Type.Optional(WilayahCode),
          aktif: Type.Optional(Type.Boolean({ description: 'true: enabled accounts; false: disabled ones' })),
          lastSignIn: Type.Optional(
            Type.Union([Type.Literal('never'), Type.Literal('within30d'), Type.Literal('over30d'), Type.Literal('over90d')], {
              description: 'Never signed in, or the last sign-in within/over 30 or over 90 days ago',
            }),
          ),
        }),
        response: { 200: Page(UserSchema), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, ...filters } = request.query;
      return listUsers(db(), actorOf(request), { page, pageSize, ...filters });
    },
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags: ['pengguna'],
        summary: 'One account with its assignment history',
        params: IdParams,
        response: { 200: UserDetailSchema, ...authErrors },
      },
    },
    async (request) => getUser(db(), actorOf(request), request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['pengguna'],
        summary: 'Change role, scope, name, or disable/enable; revokes the user’s sessions when access narrows',
        params: IdParams,
        body: UserPatchBody,
        response: { 200: UserSchema, ...authErrors, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => updateUser(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );

  app.post(
    '/users/:id/password',
    {
      schema: {
        tags: ['pengguna'],
        summary: 'Reset a password; ends the user’s sessions; the user must change it at next sign-in',
        description: 'With a password: 204. Without one: a temporary password is generated and returned once (200).',
        params: IdParams,
        body: StrictObject({ password: Type.Optional(Type.Union([Password, Type.Null()])) }),
        response: { 200: TemporaryPassword, 204: Type.Null(), ...authErrors, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const result = await resetPassword(
        db(),
        actorOf(request),
        originOf(request),
        request.params.id,
        request.body.password || null,
        ADMIN_SET,
      );
      return result.temporaryPassword === null ? reply.code(204).send(null) : reply.code(200).send(result);
    },
  );

  app.post(
    '/users/:id/two-factor/reset',
    {
      schema: {
        tags: ['pengguna'],
        summary: 'Reset a lost second factor (admin of the area, never one’s own; ends the sessions; audited with the reason)',
        params: IdParams,
        body: StrictObject({ alasan: Type.String({ minLength: 10, maxLength: 500 }) }),
        response: { 200: Type.Object({ ended: Type.Integer() }), ...authErrors, 409: ErrorResponse },
      },
    },
    async (request) => resetTwoFactor(db(), actorOf(request), originOf(request), request.params.id, request.body.alasan),
  );

  app.get(
    '/users/:id/sessions',
    {
      schema: {
        tags: ['pengguna'],
        summary: 'The open sessions of an account, newest first',
        params: IdParams,
        response: { 200: Type.Array(SessionSchema), ...authErrors },
      },
    },
    async (request) => listUserSessions(db(), actorOf(request), request.params.id),
  );

  app.delete(
    '/users/:id/sessions',
    {
      schema: {
        tags: ['pengguna'],
        summary: 'End every session of an account at once',
        params: IdParams,
        response: { 200: Type.Object({ ended: Type.Integer() }), ...authErrors },
      },
    },
    async (request) => endUserSessions(db(), actorOf(request), originOf(request), request.params.id, null),
  );

  app.delete(
    '/users/:id/sessions/:session',
    {
      schema: {
        tags: ['pengguna'],
        summary: 'End one session of an account',
        params: StrictObject({ id: Uuid, session: SessionHandle }),
        response: { 200: Type.Object({ ended: Type.Integer() }), ...authErrors },
      },
    },
    async (request) => endUserSessions(db(), actorOf(request), originOf(request), request.params.id, request.params.session),
  );
};
