import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { confirmMatch, tracingCandidates } from '../disasters/tracing-matches.js';
import { closeTracing, linkTracingToAffected, recordReunification } from '../disasters/tracing-outcome.js';
import { createTracing, getTracing, listTracing } from '../disasters/tracing-service.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Page, StrictObject, Uuid } from '../http/schemas.js';
import {
  CandidateSchema,
  CloseTracingBody,
  LinkAffectedBody,
  MatchBody,
  ReunificationBody,
  TracingBody,
  TracingQuery,
  TracingSchema,
} from './disaster-tracing-schemas.js';

const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };
const IdParams = StrictObject({ id: Uuid });
const TracingParams = StrictObject({ id: Uuid, tracingId: Uuid });
const tags = ['bencana'];

/**
 * Family tracing and reunification in a disaster event (issue 18). Who reads or
 * records is the events' one rule (`authz/disaster-access.ts`); who sees a child's identity the
 * registry's (`authz/identity-protection.ts`).
 */
export const disasterTracingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/disasters/:id/tracing',
    {
      schema: {
        tags,
        summary: 'Tracing records of the event: sought (dicari) and found (ditemukan) people; children masked for whom may not see them',
        params: IdParams,
        querystring: TracingQuery,
        response: { 200: Page(TracingSchema), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, ...filters } = request.query;
      return listTracing(db(), actorOf(request), originOf(request), request.params.id, { page, pageSize, ...filters }, new Date());
    },
  );

  app.post(
    '/disasters/:id/tracing',
    {
      schema: {
        tags,
        summary:
          'Record a separated or unaccompanied child or a missing person, sought (with the reporter) or found (optionally an affected person of the event)',
        params: IdParams,
        body: TracingBody,
        response: { 201: TracingSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createTracing(db(), actorOf(request), originOf(request), request.params.id, request.body, new Date())),
  );

  app.get(
    '/disasters/:id/tracing/:tracingId',
    {
      schema: { tags, summary: 'One tracing record', params: TracingParams, response: { 200: TracingSchema, ...authErrors } },
    },
    async (request) => getTracing(db(), actorOf(request), originOf(request), request.params.id, request.params.tracingId, new Date()),
  );

  app.post(
    '/disasters/:id/tracing/:tracingId/affected',
    {
      schema: {
        tags,
        summary: 'Link a found person’s record to the affected person of the event they are (registered later)',
        params: TracingParams,
        body: LinkAffectedBody,
        response: { 200: TracingSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { id, tracingId } = request.params;
      return linkTracingToAffected(db(), actorOf(request), originOf(request), id, tracingId, request.body, new Date());
    },
  );

  app.get(
    '/disasters/:id/tracing/:tracingId/matches',
    {
      schema: {
        tags,
        summary:
          'Candidate matches: open records of the other direction, same sex, scored by name similarity, age and area, with the reasons',
        params: TracingParams,
        response: { 200: Type.Array(CandidateSchema), ...authErrors },
      },
    },
    async (request) =>
      tracingCandidates(db(), actorOf(request), originOf(request), request.params.id, request.params.tracingId, new Date()),
  );

  app.post(
    '/disasters/:id/tracing/:tracingId/matches',
    {
      schema: {
        tags,
        summary: 'Confirm a match (by a person who may see both): both records become cocok',
        params: TracingParams,
        body: MatchBody,
        response: { 200: TracingSchema, ...writeErrors },
      },
    },
    async (request) =>
      confirmMatch(
        db(),
        actorOf(request),
        originOf(request),
        request.params.id,
        request.params.tracingId,
        request.body.pasanganId,
        new Date(),
      ),
  );

  app.post(
    '/disasters/:id/tracing/:tracingId/reunification',
    {
      schema: {
        tags,
        summary: 'Record the reunification of a matched pair (date, place, handed over to): both records become dipersatukan',
        params: TracingParams,
        body: ReunificationBody,
        response: { 200: TracingSchema, ...writeErrors },
      },
    },
    async (request) =>
      recordReunification(db(), actorOf(request), originOf(request), request.params.id, request.params.tracingId, request.body, new Date()),
  );

  app.post(
    '/disasters/:id/tracing/:tracingId/close',
    {
      schema: {
        tags,
        summary: 'Close an open tracing record with a reason',
        params: TracingParams,
        body: CloseTracingBody,
        response: { 200: TracingSchema, ...writeErrors },
      },
    },
    async (request) =>
      closeTracing(db(), actorOf(request), originOf(request), request.params.id, request.params.tracingId, request.body, new Date()),
  );
};
