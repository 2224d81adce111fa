import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { caseTasks } from '../casework/case-tasks.js';
import { createLembaga, listLembaga } from '../casework/lembaga-directory.js';
import { listReferrals, sendReferral, updateReferral } from '../casework/referrals.js';
import { transferCandidates } from '../casework/transfer-candidates.js';
import { decideTransfer, listTransfers, proposeTransfer } from '../casework/transfers.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, StrictObject, Uuid } from '../http/schemas.js';
import { workerClock } from '../workforce/worker.js';
import {
  LembagaBody,
  LembagaQuery,
  LembagaSchema,
  ReferralBody,
  ReferralSchema,
  ReferralUpdateBody,
  TasksSchema,
  TransferBody,
  TransferCandidatesSchema,
  TransferDecisionBody,
  TransferSchema,
} from './casework-schemas.js';

const IdParams = StrictObject({ id: Uuid });
const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };

/** Referrals and their directory, transfers between pendamping, and the task list built from them. */
export const referralRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/lembaga',
    {
      schema: {
        tags: ['rujukan'],
        summary: 'Institutions a case can be referred to: national ones and those of the caller’s province',
        querystring: LembagaQuery,
        response: { 200: Type.Array(LembagaSchema), ...authErrors },
      },
    },
    async (request) => listLembaga(db(), actorOf(request), request.query),
  );
  app.post(
    '/lembaga',
    {
      schema: {
        tags: ['rujukan'],
        summary: 'Add an institution to the directory of one’s area (koordinator, admin)',
        body: LembagaBody,
        response: { 201: LembagaSchema, ...writeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await createLembaga(db(), actorOf(request), originOf(request), request.body)),
  );

  app.get(
    '/cases/:id/referrals',
    {
      schema: {
        tags: ['rujukan'],
        summary: 'Referrals of the case, newest first',
        params: IdParams,
        response: { 200: Type.Array(ReferralSchema), ...authErrors },
      },
    },
    async (request) => listReferrals(db(), actorOf(request), originOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/referrals',
    {
      schema: {
        tags: ['rujukan'],
        summary: 'Refer the case to an institution (status dikirim)',
        params: IdParams,
        body: ReferralBody,
        response: { 201: ReferralSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await sendReferral(db(), actorOf(request), originOf(request), request.params.id, request.body)),
  );
  app.post(
    '/referrals/:id/status',
    {
      schema: {
        tags: ['rujukan'],
        summary: 'Record the next step: diterima → disetujui | ditolak → selesai, or dibatalkan; each once (409 REFERRAL_STATE)',
        params: IdParams,
        body: ReferralUpdateBody,
        response: { 200: ReferralSchema, ...writeErrors },
      },
    },
    async (request) => updateReferral(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );

  app.get(
    '/cases/:id/transfers',
    {
      schema: {
        tags: ['kasus'],
        summary: 'Transfer proposals of the case',
        params: IdParams,
        response: { 200: Type.Array(TransferSchema), ...authErrors },
      },
    },
    async (request) => listTransfers(db(), actorOf(request), originOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/transfers',
    {
      schema: {
        tags: ['kasus'],
        summary: 'Propose handing the case to another pendamping of the province (and area)',
        params: IdParams,
        body: TransferBody,
        response: { 201: TransferSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await proposeTransfer(db(), actorOf(request), originOf(request), request.params.id, request.body)),
  );
  app.get(
    '/cases/:id/transfer-candidates',
    {
      schema: {
        tags: ['kasus'],
        summary: 'Colleagues the case may be handed to (names only), for whoever may work the case, a pendamping too',
        params: IdParams,
        response: { 200: TransferCandidatesSchema, ...writeErrors },
      },
    },
    async (request) => ({ items: await transferCandidates(db(), actorOf(request), request.params.id) }),
  );
  app.post(
    '/transfers/:id/decision',
    {
      schema: {
        tags: ['kasus'],
        summary: 'Accept or decline (receiver or koordinator), or withdraw',
        params: IdParams,
        body: TransferDecisionBody,
        response: { 200: TransferSchema, ...writeErrors },
      },
    },
    async (request) => decideTransfer(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );

  app.get(
    '/tasks',
    {
      schema: {
        tags: ['kasus'],
        summary: 'What needs doing: overdue stages, referrals and follow-ups; plans and transfers to decide; overdue per pendamping',
        response: { 200: TasksSchema, ...authErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return caseTasks(db(), actor, workerClock(actor.wilayah ?? '31', new Date()).tanggal);
    },
  );
};
