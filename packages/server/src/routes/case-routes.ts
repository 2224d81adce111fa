import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { assignCases, caseloads } from '../cases/case-assignment.js';
import { caseTimeline } from '../cases/case-timeline.js';
import { openCaseIdentity } from '../cases/case-identity-access.js';
import { createCase, listCases, readCase, updateCase } from '../cases/case-service.js';
import { closeCase, reopenCase, transitionCase, verifyResolution } from '../cases/case-transitions.js';
import { caseSummary } from '../dashboard/case-summary.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Page, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';
import { caseloadLimits, settingsLimits } from '../cases/caseload-limits.js';
import {
  CaseEventSchema,
  CaseListQuery,
  CasePatchBody,
  CaseSchema,
  CaseSummarySchema,
  CloseBody,
  NewCaseBody,
  PpksCode,
  ReopenBody,
  TransitionBody,
  VerifyBody,
} from './case-schemas.js';

const IdParams = StrictObject({ id: Uuid });
const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['kasus'];

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Cases in the caller’s scope, filtered, in the order `urut`/`arah` name (default: most recently changed first)',
        querystring: CaseListQuery,
        response: { 200: Page(CaseSchema), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, ...filters } = request.query;
      return listCases(db(), actorOf(request), originOf(request), { page, pageSize, ...filters });
    },
  );

  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Open a case for a registered person (starts at pendekatan awal, status terdata)',
        body: NewCaseBody,
        response: { 201: CaseSchema, ...writeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await createCase(db(), actorOf(request), originOf(request), request.body)),
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'One case, with the actions the caller may take',
        params: IdParams,
        response: { 200: CaseSchema, ...authErrors },
      },
    },
    async (request) => readCase(db(), actorOf(request), originOf(request), request.params.id),
  );

  app.patch(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'Change category, summary, area or pendamping (the last two: koordinator); carries the version read',
        params: IdParams,
        body: CasePatchBody,
        response: { 200: CaseSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return updateCase(db(), actorOf(request), originOf(request), request.params.id, version, patch);
    },
  );

  app.post(
    '/cases/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move the case to another tahapan; 409 INVALID_TRANSITION when the workflow does not allow it',
        params: IdParams,
        body: TransitionBody,
        response: { 200: CaseSchema, ...writeErrors },
      },
    },
    async (request) => transitionCase(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );

  app.post(
    '/cases/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the case unresolved (ditutup) with a reason',
        params: IdParams,
        body: CloseBody,
        response: { 200: CaseSchema, ...writeErrors },
      },
    },
    async (request) => closeCase(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );

  app.post(
    '/cases/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a closed case with a reason (koordinator)',
        params: IdParams,
        body: ReopenBody,
        response: { 200: CaseSchema, ...writeErrors },
      },
    },
    async (request) => reopenCase(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );

  app.post(
    '/cases/:id/verify',
    {
      schema: {
        tags,
        summary: 'Verify at terminasi that the outcome was reached: the case becomes terselesaikan (koordinator)',
        params: IdParams,
        body: VerifyBody,
        response: { 200: CaseSchema, ...writeErrors },
      },
    },
    async (request) => verifyResolution(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );

  app.post(
    '/cases/:id/identity-access',
    {
      schema: {
        tags,
        summary: 'Break-glass: an auditor records why they must see a protected identity; audited, open for an hour',
        params: IdParams,
        body: StrictObject({ alasan: Type.String({ minLength: 1, maxLength: 1000 }) }),
        response: { 200: CaseSchema, ...writeErrors },
      },
    },
    async (request) => openCaseIdentity(db(), actorOf(request), originOf(request), request.params.id, request.body.alasan),
  );

  app.get(
    '/cases/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Every event of the case, oldest first',
        params: IdParams,
        response: { 200: Type.Array(CaseEventSchema), ...authErrors },
      },
    },
    async (request) => caseTimeline(db(), actorOf(request), originOf(request), request.params.id),
  );

  app.post(
    '/cases/assign',
    {
      schema: {
        tags,
        summary: 'Give many cases to one pendamping at once (koordinator); all or nothing',
        body: StrictObject({ caseIds: Type.Array(Uuid, { minItems: 1, maxItems: 200 }), pendampingId: Uuid }),
        response: { 200: Type.Object({ updated: Type.Integer() }), ...writeErrors },
      },
    },
    async (request) => assignCases(db(), actorOf(request), originOf(request), request.body.caseIds, request.body.pendampingId),
  );

  app.get(
    '/caseload',
    {
      schema: {
        tags,
        summary: 'Open and overdue cases per active pendamping in scope, with the recommended and maximum caseload',
        querystring: StrictObject({ wilayah: Type.Optional(WilayahCode) }),
        response: {
          200: Type.Object({
            rekomendasi: Type.Integer(),
            maksimum: Type.Integer(),
            items: Type.Array(
              Type.Object({
                pendampingId: Uuid,
                username: Type.String(),
                nama: Type.Union([Type.String(), Type.Null()]),
                wilayah: Type.String(),
                aktif: Type.Integer(),
                terlambat: Type.Integer(),
              }),
            ),
          }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { rekomendasi, maksimum } = await caseloadLimits(db(), settingsLimits(app.ctx.config));
      return { rekomendasi, maksimum, items: await caseloads(db(), actorOf(request), request.query.wilayah) };
    },
  );

  app.get(
    '/dashboard/summary',
    {
      schema: {
        tags: ['dasbor'],
        summary: 'Case counts by status, PPKS and area one level down, in the caller’s scope',
        querystring: StrictObject({
          wilayah: Type.Optional(WilayahCode),
          ppks: Type.Optional(PpksCode),
          pendampingId: Type.Optional(Uuid),
        }),
        response: { 200: CaseSummarySchema, ...authErrors },
      },
    },
    async (request) => caseSummary(db(), actorOf(request), request.query),
  );
};
