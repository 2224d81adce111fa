import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addAssessment, addConference, assessmentFormOfCase, listAssessments, listConferences } from '../casework/assessments.js';
import { addAttachment, ATTACHMENT_MAX_BYTES, attachmentBytes, deleteAttachment, listAttachments } from '../casework/case-attachments.js';
import { addFollowUp, listFollowUps, recordFollowUp } from '../casework/followups.js';
import { getPlan, reviewPlan, savePlan, submitPlan } from '../casework/intervention-plans.js';
import { listOutcomes, saveOutcomes } from '../casework/outcomes.js';
import { addService, listServices } from '../casework/services-notes.js';
import { AppError } from '../http/app-error.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Nullable, StrictObject, Uuid } from '../http/schemas.js';
import {
  AssessmentBody,
  AssessmentFormSchema,
  AssessmentSchema,
  AttachmentQuery,
  AttachmentSchema,
  ConferenceBody,
  ConferenceSchema,
  FollowUpBody,
  FollowUpRecordBody,
  FollowUpSchema,
  OutcomesBody,
  OutcomesSchema,
  PlanBody,
  PlanReviewBody,
  PlanSchema,
  ServiceBody,
  ServiceSchema,
} from './casework-schemas.js';

const IdParams = StrictObject({ id: Uuid });
const writeErrors = { ...authErrors, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse };
const VersionBody = Type.Optional(StrictObject({ version: Type.Optional(Type.Integer({ minimum: 1 })) }));

/** The work inside one case: assessment, case conference, plan, services and notes, attachments, outcome, follow-up. */
export const caseworkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['kasus'];
  app.addContentTypeParser(
    ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
    { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/cases/:id/assessment-form',
    {
      schema: {
        tags,
        summary: 'The assessment form of the case’s category: JSON Schema and layout, versioned',
        params: IdParams,
        response: { 200: AssessmentFormSchema, ...authErrors },
      },
    },
    async (request) => assessmentFormOfCase(db(), actorOf(request), request.params.id),
  );
  app.get(
    '/cases/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Assessments of the case, newest (current) first',
        params: IdParams,
        response: { 200: Type.Array(AssessmentSchema), ...authErrors },
      },
    },
    async (request) => listAssessments(db(), actorOf(request), originOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Record an assessment; answers are checked against the form (422 FORM_INVALID with the field path)',
        params: IdParams,
        body: AssessmentBody,
        response: { 201: AssessmentSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addAssessment(db(), actorOf(request), originOf(request), request.params.id, request.body.data)),
  );

  app.get(
    '/cases/:id/conferences',
    {
      schema: {
        tags,
        summary: 'Case conferences (temu bahas kasus)',
        params: IdParams,
        response: { 200: Type.Array(ConferenceSchema), ...authErrors },
      },
    },
    async (request) => listConferences(db(), actorOf(request), originOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/conferences',
    {
      schema: {
        tags,
        summary: 'Record a case conference: date, participants, findings, decision',
        params: IdParams,
        body: ConferenceBody,
        response: { 201: ConferenceSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addConference(db(), actorOf(request), originOf(request), request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/plan',
    {
      schema: {
        tags,
        summary: 'The intervention plan (null before one is written)',
        params: IdParams,
        response: { 200: Nullable(PlanSchema), ...authErrors },
      },
    },
    async (request) => getPlan(db(), actorOf(request), originOf(request), request.params.id),
  );
  app.put(
    '/cases/:id/plan',
    {
      schema: {
        tags,
        summary: 'Write the plan: goals and the ATENSI services with who delivers them and by when',
        params: IdParams,
        body: PlanBody,
        response: { 200: PlanSchema, ...writeErrors },
      },
    },
    async (request) => savePlan(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );
  app.post(
    '/cases/:id/plan/submit',
    {
      schema: {
        tags,
        summary: 'Submit the plan to the koordinator',
        params: IdParams,
        body: VersionBody,
        response: { 200: PlanSchema, ...writeErrors },
      },
    },
    async (request) => submitPlan(db(), actorOf(request), originOf(request), request.params.id, request.body?.version),
  );
  app.post(
    '/cases/:id/plan/review',
    {
      schema: {
        tags,
        summary: 'Approve the plan or return it with a comment (koordinator, never one’s own)',
        params: IdParams,
        body: PlanReviewBody,
        response: { 200: PlanSchema, ...writeErrors },
      },
    },
    async (request) => reviewPlan(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );

  app.get(
    '/cases/:id/services',
    {
      schema: {
        tags,
        summary: 'Services delivered and case notes, newest first',
        params: IdParams,
        response: { 200: Type.Array(ServiceSchema), ...authErrors },
      },
    },
    async (request) => listServices(db(), actorOf(request), originOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/services',
    {
      schema: {
        tags,
        summary: 'Record a service delivered (ATENSI form, when, where, by whom) or a note',
        params: IdParams,
        body: ServiceBody,
        response: { 201: ServiceSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addService(db(), actorOf(request), originOf(request), request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attachments of the case',
        params: IdParams,
        response: { 200: Type.Array(AttachmentSchema), ...authErrors },
      },
    },
    async (request) => listAttachments(db(), actorOf(request), originOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/attachments',
    {
      bodyLimit: ATTACHMENT_MAX_BYTES,
      schema: {
        tags,
        summary: 'Attach a photo (JPEG/PNG/WebP) or PDF, the raw file as the body, ≤ 5 MB',
        params: IdParams,
        querystring: AttachmentQuery,
        response: { 201: AttachmentSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      // A JSON or form body is not a file: answer with the catalogue's code, not a parse error.
      if (!Buffer.isBuffer(request.body)) throw new AppError('ATTACHMENT_INVALID');
      return reply
        .code(201)
        .send(await addAttachment(db(), actorOf(request), originOf(request), request.params.id, request.body, request.query));
    },
  );
  app.get(
    '/attachments/:id',
    {
      schema: {
        tags,
        summary: 'The attached file, only through a case the caller can see',
        params: IdParams,
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...authErrors },
      },
    },
    async (request, reply) => {
      const file = await attachmentBytes(db(), actorOf(request), originOf(request), request.params.id);
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.nama)}`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  );
  app.delete(
    '/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Remove a wrong upload (its uploader or a koordinator)',
        params: IdParams,
        response: { 204: Type.Null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await deleteAttachment(db(), actorOf(request), originOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/cases/:id/outcomes',
    {
      schema: {
        tags,
        summary: 'The category’s resolution criteria, each with whether it is met and the evidence',
        params: IdParams,
        response: { 200: OutcomesSchema, ...authErrors },
      },
    },
    async (request) => listOutcomes(db(), actorOf(request), originOf(request), request.params.id),
  );
  app.put(
    '/cases/:id/outcomes',
    {
      schema: {
        tags,
        summary: 'Record criteria met with evidence (at resosialisasi or terminasi, before verification)',
        params: IdParams,
        body: OutcomesBody,
        response: { 200: OutcomesSchema, ...writeErrors },
      },
    },
    async (request) =>
      saveOutcomes(
        db(),
        actorOf(request),
        originOf(request),
        request.params.id,
        request.body.kriteria.map((k) => ({ kriteria: k.kriteria, terpenuhi: k.terpenuhi, bukti: k.bukti ?? null })),
      ),
  );

  app.get(
    '/cases/:id/followups',
    {
      schema: {
        tags,
        summary: 'Follow-up visits of bimbingan lanjut',
        params: IdParams,
        response: { 200: Type.Array(FollowUpSchema), ...authErrors },
      },
    },
    async (request) => listFollowUps(db(), actorOf(request), originOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/followups',
    {
      schema: {
        tags,
        summary: 'Schedule an extra follow-up visit',
        params: IdParams,
        body: FollowUpBody,
        response: { 201: Type.Array(FollowUpSchema), ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addFollowUp(db(), actorOf(request), originOf(request), request.params.id, request.body.jadwal)),
  );
  app.post(
    '/followups/:id/record',
    {
      schema: {
        tags,
        summary: 'Record a follow-up visit’s finding (once)',
        params: IdParams,
        body: FollowUpRecordBody,
        response: { 200: Type.Array(FollowUpSchema), ...writeErrors },
      },
    },
    async (request) => recordFollowUp(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );
};
