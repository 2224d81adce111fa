import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { verifyAuditChainAs } from '../audit/audit-chain.js';
import { listAuditEvents } from '../audit/audit-query.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, Page, PageQuery, StrictObject, Uuid } from '../http/schemas.js';

const AuditEvent = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    actorId: Type.Union([Type.String(), Type.Null()]),
    actorUsername: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    entityType: Type.String(),
    entityId: Type.Union([Type.String(), Type.Null()]),
    wilayah: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    requestId: Type.Union([Type.String(), Type.Null()]),
    details: Type.Unknown(),
    subjectId: Type.Union([Type.String(), Type.Null()], { description: 'The person the event concerns' }),
  },
);

export const ChainVerdict = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: 'Events whose link was recomputed, up to the first broken one' }),
  brokenAt: Type.Union([Type.Integer(), Type.Null()], {
    description:
      'The first event whose link fails: an edited or inserted event, the event after a deleted one, a checkpointed event a rewrite changed, ' +
      'or the last event the chain head names when the tail was deleted',
  }),
});

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit-events/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute the whole audit chain and name the first broken event (admin, auditor)',
        description:
          'Each event carries sha256(previous event hash || its content); the head is also checkpointed every minute, so a chain rewritten ' +
          'from some event on is caught against an earlier head. The check itself is an audit event (audit.verify).',
        response: { 200: ChainVerdict, ...authErrors },
      },
    },
    async (request) => verifyAuditChainAs(app.ctx.database.db, actorOf(request), originOf(request)),
  );

  app.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail inside the caller’s scope, newest first (admin, auditor)',
        querystring: StrictObject({
          ...PageQuery,
          action: Type.Optional(Type.String({ maxLength: 100 })),
          entityType: Type.Optional(Type.String({ maxLength: 50 })),
          entityId: Type.Optional(Type.String({ maxLength: 100, description: 'The record acted on, or the person an event concerns (who looked at this person)' })),
          actorId: Type.Optional(Uuid),
        }),
        response: { 200: Page(AuditEvent), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, ...filters } = request.query;
      return listAuditEvents(app.ctx.database.db, actorOf(request), { page, pageSize, ...filters });
    },
  );
};
