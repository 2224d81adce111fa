import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { caseloadLimits, setCaseloadLimits, settingsLimits } from '../cases/caseload-limits.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Nullable, StrictObject } from '../http/schemas.js';

const Limit = Type.Integer({ minimum: 1, maximum: 500 });
const CaseloadLimitsSchema = Type.Object({
  rekomendasi: Type.Integer(),
  maksimum: Type.Integer(),
  sumber: Type.Union([Type.Literal('referensi'), Type.Literal('pengaturan')]),
  diubahPada: Nullable(Type.String({ format: 'date-time' })),
});

export const caseloadLimitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const fallback = () => settingsLimits(app.ctx.config);
  const tags = ['kasus'];

  app.get(
    '/caseload-limits',
    {
      schema: {
        tags,
        summary: 'Recommended and maximum active cases per pendamping, as in force now',
        response: { 200: CaseloadLimitsSchema, ...authErrors },
      },
    },
    async () => caseloadLimits(db(), fallback()),
  );

  app.put(
    '/caseload-limits',
    {
      schema: {
        tags,
        summary: 'Set the caseload limits (national admin, audited; in force at once)',
        body: StrictObject({ rekomendasi: Limit, maksimum: Limit }),
        response: { 200: CaseloadLimitsSchema, ...authErrors, 422: ErrorResponse },
      },
    },
    async (request) => setCaseloadLimits(db(), actorOf(request), originOf(request), request.body, fallback()),
  );
};
