import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createAid, listAid } from '../disasters/aid-service.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, StrictObject, Uuid } from '../http/schemas.js';
import { AidBody, AidListSchema, AidQuery, AidSchema } from './disaster-tracing-schemas.js';

const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };
const IdParams = StrictObject({ id: Uuid });
const tags = ['bencana'];

/** Aid delivered in a disaster event (issue 18): what reached whom, against its hand-over record (BAST). */
export const disasterAidRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/disasters/:id/aid',
    {
      schema: {
        tags,
        summary: 'Aid handed over in the event, newest first, with the total value and the number of recipients',
        params: IdParams,
        querystring: AidQuery,
        response: { 200: AidListSchema, ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50 } = request.query;
      return listAid(db(), actorOf(request), originOf(request), request.params.id, { page, pageSize }, new Date());
    },
  );

  app.post(
    '/disasters/:id/aid',
    {
      schema: {
        tags,
        summary: 'Record aid handed over to an affected person or household, with its BAST number (one BAST, one recipient)',
        params: IdParams,
        body: AidBody,
        response: { 201: AidSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAid(db(), actorOf(request), originOf(request), request.params.id, request.body, new Date())),
  );
};
