import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, StrictObject, Uuid } from '../http/schemas.js';
import { dataSubjectReport } from '../privacy/data-subject-report.js';

export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/beneficiaries/:id/data-subject-report',
    {
      schema: {
        tags: ['penerima manfaat'],
        summary: 'Everything held about one person, for an access request (UU 27/2022 Pasal 7); the area’s koordinator; audited',
        params: StrictObject({ id: Uuid }),
        response: { 200: Type.Unsafe<string>({ type: 'string', format: 'binary' }), ...authErrors },
      },
    },
    async (request, reply) => {
      const report = await dataSubjectReport(app.ctx.database.db, actorOf(request), originOf(request), request.params.id);
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="data-pribadi-${request.params.id}-${stamp}.json"`)
        .header('cache-control', 'private, no-store')
        .send(JSON.stringify(report, null, 2));
    },
  );
};
