import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Page, PageQuery, StrictObject, Uuid } from '../http/schemas.js';
import { createUser, getUser, listUsers, resetPassword, updateUser } from '../users/user-service.js';
import { NewUserBody, Password, RoleSchema, UserPatchBody, UserSchema } from './user-schemas.js';

const IdParams = StrictObject({ id: Uuid });

/** A password an admin chose is replaced by its owner at first sign-in. */
const ADMIN_SET = { mustChangePassword: true };

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;

  app.post(
    '/users',
    {
      schema: {
        tags: ['pengguna'],
        summary: 'Create an account (admin, within their own scope); the user must change the password at first sign-in',
        body: NewUserBody,
        response: { 201: UserSchema, ...authErrors, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { wilayah, namaLengkap, ...rest } = request.body;
      const user = await createUser(db(), actorOf(request), originOf(request), {
        ...rest,
        wilayah: wilayah ?? null,
        namaLengkap: namaLengkap ?? null,
      }, ADMIN_SET);
      return reply.code(201).send(user);
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['pengguna'],
        summary: 'List accounts inside the caller’s scope (admin)',
        querystring: StrictObject({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), role: Type.Optional(RoleSchema) }),
        response: { 200: Page(UserSchema), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, q, role } = request.query;
      return listUsers(db(), actorOf(request), { page, pageSize, q, role });
    },
  );

  app.get(
    '/users/:id',
    { schema: { tags: ['pengguna'], summary: 'One account', params: IdParams, response: { 200: UserSchema, ...authErrors } } },
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
        summary: 'Reset a password (admin); ends the user’s sessions; the user must change it at next sign-in',
        params: IdParams,
        body: StrictObject({ password: Password }),
        response: { 204: Type.Null(), ...authErrors, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      await resetPassword(db(), actorOf(request), originOf(request), request.params.id, request.body.password, ADMIN_SET);
      return reply.code(204).send(null);
    },
  );
};
