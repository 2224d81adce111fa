import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listStageTargets, setStageTarget } from '../cases/stage-targets.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, StrictObject } from '../http/schemas.js';
import { PpksCode, TahapanSchema } from './case-schemas.js';

const StageTargetSchema = Type.Object({ tahapan: TahapanSchema, ppks: Type.Union([Type.String(), Type.Null()]), hari: Type.Integer() });

export const stageTargetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['kasus'];

  app.get(
    '/tahapan-targets',
    {
      schema: {
        tags,
        summary: 'Target days per stage (ppks null: default) that decide when a case is terlambat',
        response: { 200: Type.Array(StageTargetSchema), ...authErrors },
      },
    },
    async () => listStageTargets(db()),
  );

  app.put(
    '/tahapan-targets',
    {
      schema: {
        tags,
        summary: 'Set one stage target, for all categories (ppks null) or one (national admin, audited)',
        body: StrictObject({
          tahapan: TahapanSchema,
          ppks: Type.Union([PpksCode, Type.Null()]),
          hari: Type.Integer({ minimum: 1, maximum: 3650 }),
        }),
        response: { 200: StageTargetSchema, ...authErrors, 422: ErrorResponse },
      },
    },
    async (request) => setStageTarget(db(), actorOf(request), originOf(request), request.body),
  );
};
