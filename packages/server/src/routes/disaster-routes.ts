import type { SitrepRecord } from '@tuntas/domain';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { openCaseFromEvent } from '../disasters/affected-case.js';
import { listAffected, registerAffected, updateAffected } from '../disasters/affected-service.js';
import { createDeployment, deployableFor, endDeployment, listDeployments } from '../disasters/deployment-service.js';
import { createDisaster, getDisaster, listDisasters, moveDisasterStatus, statusHistory } from '../disasters/disaster-service.js';
import { createLdpSession, listLdpSessions } from '../disasters/ldp-service.js';
import { createShelter, listShelters } from '../disasters/shelter-service.js';
import { sitrep } from '../disasters/sitrep.js';
import { sitrepFileName, sitrepPdf, sitrepXlsx } from '../disasters/sitrep-documents.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Page, StrictObject, Uuid } from '../http/schemas.js';
import {
  AffectedBody,
  AffectedPatchBody,
  AffectedQuery,
  AffectedSchema,
  CaseFromEventBody,
  DeploymentBody,
  DeployableQuery,
  DeployableSchema,
  DeploymentSchema,
  DisasterBody,
  EndDeploymentBody,
  DisasterListQuery,
  DisasterSchema,
  LdpSessionBody,
  LdpSessionSchema,
  ShelterBody,
  ShelterSchema,
  SitrepQuery,
  SitrepSchema,
  StatusBody,
  StatusChangeSchema,
} from './disaster-schemas.js';

const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };
const IdParams = StrictObject({ id: Uuid });
const AffectedParams = StrictObject({ id: Uuid, affectedId: Uuid });
const DeploymentParams = StrictObject({ id: Uuid, deploymentId: Uuid });
const tags = ['bencana'];
const CONTENT = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

/**
 * Disaster response (issue 18): events, deployments, shelters, affected people, LDP sessions, the
 * case in one step and the daily sitrep. Who may read or record is one rule
 * (`authz/disaster-access.ts`), asked by every service below.
 */
export const disasterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/disasters',
    {
      schema: {
        tags,
        summary:
          'Disaster events the caller sees (national: all; an area: those touching it; a pendamping: also the one deployed to today)',
        querystring: DisasterListQuery,
        response: { 200: Type.Array(DisasterSchema), ...authErrors },
      },
    },
    async (request) => listDisasters(app.ctx.reader.db, actorOf(request), request.query, new Date()),
  );

  app.post(
    '/disasters',
    {
      schema: {
        tags,
        summary: 'Declare a disaster event (direktorat or national admin anywhere; a koordinator inside their own area)',
        body: DisasterBody,
        response: { 201: DisasterSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createDisaster(db(), actorOf(request), originOf(request), request.body, new Date())),
  );

  app.get(
    '/disasters/:id',
    {
      schema: {
        tags,
        summary: 'One disaster event, with what the caller may do on it',
        params: IdParams,
        response: { 200: DisasterSchema, ...authErrors },
      },
    },
    async (request) => getDisaster(db(), actorOf(request), request.params.id, new Date()),
  );

  app.post(
    '/disasters/:id/status',
    {
      schema: {
        tags,
        summary: 'Move the emergency status (siaga → tanggap → transisi → pemulihan → selesai, as the domain allows); kept in the history',
        params: IdParams,
        body: StatusBody,
        response: { 200: DisasterSchema, ...writeErrors },
      },
    },
    async (request) => moveDisasterStatus(db(), actorOf(request), originOf(request), request.params.id, request.body, new Date()),
  );

  app.get(
    '/disasters/:id/status-history',
    {
      schema: {
        tags,
        summary: 'The emergency status over time: who changed it and when',
        params: IdParams,
        response: { 200: Type.Array(StatusChangeSchema), ...authErrors },
      },
    },
    async (request) => statusHistory(db(), actorOf(request), request.params.id, new Date()),
  );

  app.get(
    '/disasters/:id/deployments',
    {
      schema: {
        tags,
        summary: 'Pendamping deployed to the event',
        params: IdParams,
        response: { 200: Type.Array(DeploymentSchema), ...authErrors },
      },
    },
    async (request) => listDeployments(db(), actorOf(request), request.params.id, new Date()),
  );

  app.post(
    '/disasters/:id/deployments',
    {
      schema: {
        tags,
        summary: 'Deploy a pendamping of any province for given dates (at most 90 days) with a role and an assignment letter',
        params: IdParams,
        body: DeploymentBody,
        response: { 201: DeploymentSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createDeployment(db(), actorOf(request), originOf(request), request.params.id, request.body, new Date())),
  );

  app.post(
    '/disasters/:id/deployments/:deploymentId/end',
    {
      schema: {
        tags,
        summary: 'End a deployment early (the event’s manager): a last day from its start to today; access ends the day after',
        params: DeploymentParams,
        body: EndDeploymentBody,
        response: { 200: DeploymentSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { id, deploymentId } = request.params;
      return endDeployment(db(), actorOf(request), originOf(request), id, deploymentId, request.body, new Date());
    },
  );

  app.get(
    '/disasters/:id/deployable',
    {
      schema: {
        tags,
        summary:
          'Pendamping of any province the event’s manager may deploy, by name or username (at most 20), with whether they are on a deployment today',
        params: IdParams,
        querystring: DeployableQuery,
        response: { 200: Type.Array(DeployableSchema), ...authErrors },
      },
    },
    async (request) => deployableFor(db(), actorOf(request), request.params.id, request.query.q, new Date()),
  );

  app.get(
    '/disasters/:id/shelters',
    {
      schema: {
        tags,
        summary: 'Shelters and posts of the event with occupants now (computed) against capacity',
        params: IdParams,
        response: { 200: Type.Array(ShelterSchema), ...authErrors },
      },
    },
    async (request) => listShelters(db(), actorOf(request), request.params.id, new Date()),
  );

  app.post(
    '/disasters/:id/shelters',
    {
      schema: {
        tags,
        summary: 'Record a shelter or post in a village of the event',
        params: IdParams,
        body: ShelterBody,
        response: { 201: ShelterSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createShelter(db(), actorOf(request), originOf(request), request.params.id, request.body, new Date())),
  );

  app.get(
    '/disasters/:id/affected',
    {
      schema: {
        tags,
        summary: 'Affected people of the event (masked where the caller may not see who they are)',
        params: IdParams,
        querystring: AffectedQuery,
        response: { 200: Page(AffectedSchema), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, ...filters } = request.query;
      return listAffected(db(), actorOf(request), originOf(request), request.params.id, { page, pageSize, ...filters }, new Date());
    },
  );

  app.post(
    '/disasters/:id/affected',
    {
      schema: {
        tags,
        summary:
          'Register an affected person: a registry person with NIK (an existing NIK is linked) or without (temporary number, estimated age); possible duplicates flagged',
        params: IdParams,
        body: AffectedBody,
        response: { 201: AffectedSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registerAffected(db(), actorOf(request), originOf(request), request.params.id, request.body, new Date())),
  );

  app.patch(
    '/disasters/:id/affected/:affectedId',
    {
      schema: {
        tags,
        summary: 'Change condition, shelter, vulnerable groups or needs (optimistic lock; kept as history for the sitrep)',
        params: AffectedParams,
        body: AffectedPatchBody,
        response: { 200: AffectedSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return updateAffected(
        db(),
        actorOf(request),
        originOf(request),
        request.params.id,
        request.params.affectedId,
        { version, ...patch },
        new Date(),
      );
    },
  );

  app.post(
    '/disasters/:id/affected/:affectedId/case',
    {
      schema: {
        tags,
        summary:
          'Open a rehabilitation case (21/22) for the person in one step, carrying what was recorded; opened in their own area, unassigned, for the host koordinator to assign',
        params: AffectedParams,
        body: CaseFromEventBody,
        response: { 201: AffectedSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await openCaseFromEvent(
            db(),
            actorOf(request),
            originOf(request),
            request.params.id,
            request.params.affectedId,
            request.body,
            new Date(),
          ),
        ),
  );

  app.get(
    '/disasters/:id/ldp-sessions',
    {
      schema: {
        tags,
        summary: 'Psychosocial support (LDP) sessions of the event',
        params: IdParams,
        response: { 200: Type.Array(LdpSessionSchema), ...authErrors },
      },
    },
    async (request) => listLdpSessions(db(), actorOf(request), request.params.id, new Date()),
  );

  app.post(
    '/disasters/:id/ldp-sessions',
    {
      schema: {
        tags,
        summary: 'Record an LDP session: attendance by name and/or counts per age band and sex',
        params: IdParams,
        body: LdpSessionBody,
        response: { 201: LdpSessionSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createLdpSession(db(), actorOf(request), originOf(request), request.params.id, request.body, new Date())),
  );

  app.get(
    '/disasters/:id/sitrep',
    {
      schema: {
        tags,
        summary: 'The daily situation report as of the end of a day in the event’s time zone, computed; format=pdf|xlsx gives the document',
        params: IdParams,
        querystring: SitrepQuery,
        response: {
          200: Type.Unsafe<SitrepRecord | Buffer>({
            ...SitrepSchema,
            description: 'JSON, or the PDF/XLSX document when format asks for it',
          }),
          ...authErrors,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const report = await sitrep(db(), actorOf(request), request.params.id, request.query.tanggal, now);
      const format = request.query.format ?? 'json';
      if (format === 'json') return report.record;
      const file = format === 'pdf' ? await sitrepPdf(report, now) : await sitrepXlsx(report, now);
      return reply
        .header('content-type', CONTENT[format])
        .header('content-disposition', `attachment; filename="${sitrepFileName(report, format)}"`)
        .send(file);
    },
  );
};
