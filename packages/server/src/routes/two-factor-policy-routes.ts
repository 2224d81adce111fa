import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { setTwoFactorRequired, twoFactorPolicy } from '../auth/two-factor-policy.js';
import { twoFactorPolicyRule } from '../authz/policies.js';
import { AppError } from '../http/app-error.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, StrictObject } from '../http/schemas.js';
import { RoleSchema } from './user-schemas.js';

const PolicySchema = Type.Array(
  Type.Object({
    role: RoleSchema,
    wajib: Type.Boolean(),
    sumber: Type.Union([Type.Literal('pengaturan'), Type.Literal('pengguna')]),
  }),
);

export const twoFactorPolicyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['pengguna'];

  app.get(
    '/two-factor-policy',
    {
      schema: {
        tags,
        summary: 'Which roles must sign in with two factors (national admin)',
        response: { 200: PolicySchema, ...authErrors },
      },
    },
    async (request) => {
      if (!twoFactorPolicyRule.manage(actorOf(request))) throw new AppError('FORBIDDEN');
      return twoFactorPolicy(db(), app.ctx.config.twoFactorRoles);
    },
  );

  app.put(
    '/two-factor-policy/:role',
    {
      schema: {
        tags,
        summary: 'Require (or stop requiring) two factors for a role; holds from that role’s next request (national admin, audited)',
        params: StrictObject({ role: RoleSchema }),
        body: StrictObject({ wajib: Type.Boolean() }),
        response: { 200: PolicySchema, ...authErrors },
      },
    },
    async (request) =>
      setTwoFactorRequired(
        db(),
        actorOf(request),
        originOf(request),
        { role: request.params.role, wajib: request.body.wajib },
        app.ctx.config.twoFactorRoles,
      ),
  );
};
