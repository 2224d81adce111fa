import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { verifyAuditChainAs } from '../audit/audit-chain.js';
import { AUDIT_EXPORT_LIMIT, exportAuditEvents, listAuditEvents } from '../audit/audit-query.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, Page, PageQuery, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';

const AuditEvent = Type.Object({
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
  protectedRead: Type.Boolean({ description: 'A read of a protected person (or a break-glass opening)' }),
});

const AuditFilters = {
  action: Type.Optional(Type.String({ maxLength: 100 })),
  entityType: Type.Optional(Type.String({ maxLength: 50 })),
  entityId: Type.Optional(
    Type.String({ maxLength: 100, description: 'The record acted on, or the person an event concerns (who looked at this person)' }),
  ),
  actorId: Type.Optional(Uuid),
  actorUsername: Type.Optional(Type.String({ maxLength: 64, description: 'The acting person’s username' })),
  wilayah: Type.Optional(WilayahCode),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'From this instant (inclusive)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Before this instant (exclusive)' })),
  protectedReads: Type.Optional(Type.Boolean({ description: 'Only reads of protected people and break-glass openings' })),
};

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
        querystring: StrictObject({ ...PageQuery, ...AuditFilters }),
        response: { 200: Page(AuditEvent), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, ...filters } = request.query;
      return listAuditEvents(app.ctx.database.db, actorOf(request), { page, pageSize, ...filters });
    },
  );

  app.get(
    '/audit-events/export',
    {
      schema: {
        tags: ['audit'],
        summary: `The filtered audit trail as CSV, newest first, at most ${AUDIT_EXPORT_LIMIT} events (admin, auditor); the export is an audit event (audit.export)`,
        querystring: StrictObject(AuditFilters),
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary', description: 'CSV (UTF-8 with BOM)' }), ...authErrors },
      },
    },
    async (request, reply) => {
      const { csv, truncated } = await exportAuditEvents(app.ctx.database.db, actorOf(request), originOf(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="jejak-audit.csv"')
        .header('x-truncated', truncated ? 'true' : 'false')
        .send(csv);
    },
  );
};
