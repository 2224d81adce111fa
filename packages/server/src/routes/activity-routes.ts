import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Page, StrictObject, Uuid } from '../http/schemas.js';
import {
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  reviewActivities,
  submitActivities,
  updateActivity,
} from '../workforce/activity-service.js';
import { ActivityPatchBody, ActivityQuery, ActivitySchema, IdsBody, NewActivityBody, ReturnBody, ReviewBody } from './workforce-schemas.js';

const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };
const IdParams = StrictObject({ id: Uuid });
const Many = Type.Object({ items: Type.Array(ActivitySchema) });

export const activityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['kegiatan'];

  app.get(
    '/activities',
    {
      schema: {
        tags,
        summary: 'Daily activity entries in the caller’s scope (a pendamping: their own); the koordinator’s inbox is ?status=diajukan',
        querystring: ActivityQuery,
        response: { 200: Page(ActivitySchema), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, ...filters } = request.query;
      return listActivities(db(), actorOf(request), { page, pageSize, ...filters });
    },
  );

  app.post(
    '/activities',
    {
      schema: {
        tags,
        summary: 'Record an activity (a draft until submitted); not in the future',
        body: NewActivityBody,
        response: { 201: ActivitySchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createActivity(db(), actorOf(request), originOf(request), request.body, new Date())),
  );

  app.get(
    '/activities/:id',
    { schema: { tags, summary: 'One activity entry', params: IdParams, response: { 200: ActivitySchema, ...authErrors } } },
    async (request) => getActivity(db(), actorOf(request), request.params.id),
  );

  app.patch(
    '/activities/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft or returned entry (owner); carries the version read',
        params: IdParams,
        body: ActivityPatchBody,
        response: { 200: ActivitySchema, ...writeErrors },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return updateActivity(db(), actorOf(request), originOf(request), request.params.id, version, patch, new Date());
    },
  );

  app.delete(
    '/activities/:id',
    { schema: { tags, summary: 'Discard a draft (owner)', params: IdParams, response: { 204: Type.Null(), ...writeErrors } } },
    async (request, reply) => {
      await deleteActivity(db(), actorOf(request), originOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/activities/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit an entry to the koordinator (owner)',
        params: IdParams,
        response: { 200: ActivitySchema, ...writeErrors },
      },
    },
    async (request) => (await submitActivities(db(), actorOf(request), originOf(request), [request.params.id]))[0]!,
  );

  app.post(
    '/activities/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a submitted entry (koordinator of the area, never one’s own)',
        params: IdParams,
        response: { 200: ActivitySchema, ...writeErrors },
      },
    },
    async (request) => (await reviewActivities(db(), actorOf(request), originOf(request), [request.params.id], 'disetujui', null))[0]!,
  );

  app.post(
    '/activities/:id/return',
    {
      schema: {
        tags,
        summary: 'Return a submitted entry with a comment (koordinator)',
        params: IdParams,
        body: ReturnBody,
        response: { 200: ActivitySchema, ...writeErrors },
      },
    },
    async (request) =>
      (await reviewActivities(db(), actorOf(request), originOf(request), [request.params.id], 'dikembalikan', request.body.komentar))[0]!,
  );

  app.post(
    '/activities/submit',
    {
      schema: {
        tags,
        summary: 'Submit several entries at once, e.g. the whole day (all or none)',
        body: IdsBody,
        response: { 200: Many, ...writeErrors },
      },
    },
    async (request) => ({ items: await submitActivities(db(), actorOf(request), originOf(request), request.body.ids) }),
  );

  app.post(
    '/activities/review',
    {
      schema: {
        tags,
        summary: 'Approve or return many submitted entries at once (all or none)',
        body: ReviewBody,
        response: { 200: Many, ...writeErrors },
      },
    },
    async (request) => ({
      items: await reviewActivities(
        db(),
        actorOf(request),
        originOf(request),
        request.body.ids,
        request.body.keputusan,
        request.body.komentar ?? null,
      ),
    }),
  );
};
