import type { Readable } from 'node:stream';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addConsent, listConsents, withdrawConsent } from '../beneficiaries/beneficiary-consent.js';
import { processingBasesOf } from '../beneficiaries/processing-bases.js';
import { listDuplicateCandidates, markDistinct, mergeBeneficiaries } from '../beneficiaries/beneficiary-duplicates.js';
import { exportBeneficiaries } from '../beneficiaries/beneficiary-export.js';
import { linkNik } from '../beneficiaries/beneficiary-nik-link.js';
import { checkNik } from '../beneficiaries/nik-check.js';
import {
  createBeneficiary,
  getBeneficiary,
  household,
  listBeneficiaries,
  updateBeneficiary,
} from '../beneficiaries/beneficiary-service.js';
import { openPersonIdentity } from '../cases/case-identity-access.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Page, PageQuery, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';
import {
  BeneficiaryListQuery,
  BeneficiaryPatchBody,
  BeneficiarySchema,
  ConsentSchema,
  ProcessingBasisSchema,
  NewBeneficiaryBody,
  NewConsentBody,
  NikLinkBody,
} from './beneficiary-schemas.js';

const IdParams = StrictObject({ id: Uuid });
const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };

export const beneficiaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['penerima manfaat'];

  app.get(
    '/beneficiaries',
    {
      schema: {
        tags,
        summary: 'Search the registry in the caller’s scope (NIK or name, typos tolerated)',
        querystring: BeneficiaryListQuery,
        response: { 200: Page(BeneficiarySchema), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, ...filters } = request.query;
      return listBeneficiaries(db(), actorOf(request), originOf(request), { page, pageSize, ...filters });
    },
  );

  app.get(
    '/beneficiaries/nik-check/:nik',
    {
      schema: {
        tags,
        summary:
          'Is this NIK already registered? Asked while registering; outside the caller’s scope only “already registered”, inside it the person as the caller may see them (initials where protected)',
        params: StrictObject({ nik: Type.String({ pattern: '^[0-9]{16}$' }) }),
        response: {
          200: Type.Object({
            terdaftar: Type.Boolean(),
            orang: Type.Union([Type.Object({ id: Uuid, nama: Type.String() }), Type.Null()]),
          }),
          ...authErrors,
        },
      },
    },
    async (request) => checkNik(db(), actorOf(request), originOf(request), request.params.nik),
  );

  app.post(
    '/beneficiaries',
    {
      schema: {
        tags,
        summary:
          'Register a person (NIK validated against birth date, sex and area; without NIK: a reason, an estimated age if need be, and a temporary number)',
        body: NewBeneficiaryBody,
        response: { 201: BeneficiarySchema, ...writeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await createBeneficiary(db(), actorOf(request), originOf(request), request.body)),
  );

  app.get(
    '/beneficiaries/duplicates',
    {
      schema: {
        tags,
        summary:
          'Probable duplicates: similar name, same regency, same birth date — or, without NIK or with an estimated age, same sex born within two years (koordinator, admin)',
        querystring: StrictObject({ ...PageQuery }),
        response: { 200: Page(Type.Object({ a: BeneficiarySchema, b: BeneficiarySchema, skor: Type.Number() })), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50 } = request.query;
      return listDuplicateCandidates(db(), actorOf(request), { page, pageSize });
    },
  );

  app.post(
    '/beneficiaries/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate into the surviving record; linked records move, the audit keeps both',
        body: StrictObject({ survivorId: Uuid, duplicateId: Uuid }),
        response: { 200: BeneficiarySchema, ...writeErrors },
      },
    },
    async (request) => mergeBeneficiaries(db(), actorOf(request), originOf(request), request.body.survivorId, request.body.duplicateId),
  );

  app.post(
    '/beneficiaries/distinct',
    {
      schema: {
        tags,
        summary: 'Mark two records as different people so they are not proposed again',
        body: StrictObject({ firstId: Uuid, secondId: Uuid }),
        response: { 204: Type.Null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await markDistinct(db(), actorOf(request), originOf(request), request.body.firstId, request.body.secondId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/beneficiaries/export',
    {
      schema: {
        tags,
        summary: 'Download the registry in the caller’s scope as CSV or XLSX (audited; formula-safe cells)',
        querystring: StrictObject({
          format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' }),
          wilayah: Type.Optional(WilayahCode),
        }),
        response: { 200: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }), ...authErrors },
      },
    },
    async (request, reply) => {
      const { format = 'csv', wilayah } = request.query;
      const stream = await exportBeneficiaries(db(), actorOf(request), originOf(request), format, wilayah);
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="penerima-manfaat-${wilayah ?? 'semua'}-${stamp}.${format}"`)
        .send(stream);
    },
  );

  app.get(
    '/beneficiaries/:id',
    { schema: { tags, summary: 'One person', params: IdParams, response: { 200: BeneficiarySchema, ...authErrors } } },
    async (request) => getBeneficiary(db(), actorOf(request), originOf(request), request.params.id),
  );

  app.patch(
    '/beneficiaries/:id',
    {
      schema: {
        tags,
        summary: 'Correct a person’s data; carries the version read (409 when stale)',
        params: IdParams,
        body: BeneficiaryPatchBody,
        response: { 200: BeneficiarySchema, ...writeErrors },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return updateBeneficiary(db(), actorOf(request), originOf(request), request.params.id, version, patch);
    },
  );

  app.post(
    '/beneficiaries/:id/nik',
    {
      schema: {
        tags,
        summary:
          'Link a person registered without NIK to their NIK (checked as at registration); an existing record with that NIK is merged (koordinator, admin)',
        params: IdParams,
        body: NikLinkBody,
        response: { 200: BeneficiarySchema, ...writeErrors },
      },
    },
    async (request) => linkNik(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );

  app.post(
    '/beneficiaries/:id/identity-access',
    {
      schema: {
        tags,
        summary: 'Break-glass: an auditor records why they must see a protected person; audited, open for an hour',
        params: IdParams,
        body: StrictObject({ alasan: Type.String({ minLength: 1, maxLength: 1000 }) }),
        response: { 200: BeneficiarySchema, ...writeErrors },
      },
    },
    async (request) => openPersonIdentity(db(), actorOf(request), originOf(request), request.params.id, request.body.alasan),
  );

  app.get(
    '/beneficiaries/:id/household',
    {
      schema: {
        tags,
        summary: 'Everyone on the same family card (No. KK) in the caller’s scope',
        params: IdParams,
        response: {
          200: Type.Object({ noKk: Type.Union([Type.String(), Type.Null()]), members: Type.Array(BeneficiarySchema) }),
          ...authErrors,
        },
      },
    },
    async (request) => household(db(), actorOf(request), originOf(request), request.params.id),
  );

  app.get(
    '/beneficiaries/:id/consents',
    {
      schema: {
        tags,
        summary: 'Consent records (UU 27/2022)',
        params: IdParams,
        response: { 200: Type.Array(ConsentSchema), ...authErrors },
      },
    },
    async (request) => listConsents(db(), actorOf(request), originOf(request), request.params.id),
  );

  app.post(
    '/beneficiaries/:id/consents',
    {
      schema: {
        tags,
        summary: 'Record consent; for a child, from a parent or guardian',
        params: IdParams,
        body: NewConsentBody,
        response: { 201: ConsentSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addConsent(db(), actorOf(request), originOf(request), request.params.id, request.body)),
  );

  app.get(
    '/beneficiaries/:id/processing-bases',
    {
      schema: {
        tags,
        summary: 'Legal basis per processing purpose (UU 27/2022 Pasal 20) and whether it holds now',
        params: IdParams,
        response: { 200: Type.Array(ProcessingBasisSchema), ...authErrors },
      },
    },
    async (request) => processingBasesOf(db(), actorOf(request), originOf(request), request.params.id),
  );

  app.post(
    '/beneficiaries/:id/consents/:consentId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a consent',
        params: StrictObject({ id: Uuid, consentId: Uuid }),
        response: { 200: ConsentSchema, ...writeErrors },
      },
    },
    async (request) => withdrawConsent(db(), actorOf(request), originOf(request), request.params.id, request.params.consentId),
  );
};
