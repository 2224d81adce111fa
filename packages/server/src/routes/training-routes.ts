import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, StrictObject, Uuid } from '../http/schemas.js';
import { checkIn, checkinToken } from '../trainings/checkin-service.js';
import { invite, previewInvitation } from '../trainings/invitation-service.js';
import { certificateFile, listCertificates, revokeCertificate, verifyCertificate } from '../trainings/certificate-service.js';
import { recordAttendance, recordResult } from '../trainings/attendance-service.js';
import { completeTraining, trainingCertificates } from '../trainings/completion-service.js';
import { addParticipant, createTraining, getTraining, listParticipants, listTrainings } from '../trainings/training-service.js';
import {
  AttendanceBody,
  CertificateParams,
  CertificateSchema,
  CertificateSummarySchema,
  CheckinBody,
  CheckinTokenParams,
  CheckinTokenSchema,
  CompletionSchema,
  InvitationBody,
  InvitationQuery,
  InvitationSchema,
  ParticipantBody,
  ParticipantSchema,
  ResultBody,
  RevokeBody,
  TrainingBody,
  TrainingSchema,
  VerificationSchema,
} from './training-schemas.js';
import { trainingReplyRoutes } from './training-reply-routes.js';
import { trainingTestRoutes } from './training-test-routes.js';
import { trainingProgrammeRoutes } from './training-programme-routes.js';
import { competencyRoutes } from './competency-routes.js';

const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };
const IdParams = StrictObject({ id: Uuid });
const tags = ['pelatihan'];

/** Where the QR code sends people: TUNTAS_PUBLIC_URL, else the origin this request came to. */
function publicBase(configured: string | undefined, request: FastifyRequest): string {
  return configured ?? `${request.protocol}://${request.host}`;
}

/** Trainings, attendance, completion and certificates (their tests, replies, programmes and competencies in their own files). */
export const trainingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  await app.register(trainingTestRoutes);
  await app.register(trainingReplyRoutes);
  await app.register(trainingProgrammeRoutes);
  await app.register(competencyRoutes);

  app.get(
    '/trainings',
    {
      schema: {
        tags,
        summary: 'Training events the caller sees (all: national; held in or attended from one’s area; a pendamping’s own)',
        response: { 200: Type.Array(TrainingSchema), ...authErrors },
      },
    },
    async (request) => listTrainings(app.ctx.reader.db, actorOf(request), new Date()),
  );

  app.post(
    '/trainings',
    {
      schema: {
        tags,
        summary: 'Create a training event with its curriculum units (direktorat or national admin)',
        body: TrainingBody,
        response: { 201: TrainingSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createTraining(db(), actorOf(request), originOf(request), request.body, new Date())),
  );

  app.get(
    '/trainings/:id',
    { schema: { tags, summary: 'One training event', params: IdParams, response: { 200: TrainingSchema, ...authErrors } } },
    async (request) => getTraining(db(), actorOf(request), request.params.id, new Date()),
  );

  app.get(
    '/trainings/:id/participants',
    {
      schema: {
        tags,
        summary: 'Participants the caller sees, with attendance per unit, scores and certificate',
        params: IdParams,
        response: { 200: Type.Array(ParticipantSchema), ...authErrors },
      },
    },
    async (request) => listParticipants(db(), actorOf(request), request.params.id),
  );

  app.post(
    '/trainings/:id/participants',
    {
      schema: {
        tags,
        summary: 'Register a participant (organiser)',
        params: IdParams,
        body: ParticipantBody,
        response: { 201: ParticipantSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addParticipant(db(), actorOf(request), originOf(request), request.params.id, request.body.userId)),
  );

  app.get(
    '/trainings/:id/invitations/preview',
    {
      schema: {
        tags,
        summary: 'Who an invitation would add: by province(s), role and a competency gap; not yet registered (organiser)',
        params: IdParams,
        querystring: InvitationQuery,
        response: { 200: InvitationSchema, ...authErrors, 422: ErrorResponse },
      },
    },
    async (request) => {
      const { provinsi, peran, kompetensi, level } = request.query;
      const criteria = {
        provinsi: provinsi?.split(','),
        peran,
        kurangKompetensi: kompetensi ? { kode: kompetensi, level: level ?? 1 } : undefined,
      };
      return previewInvitation(db(), actorOf(request), request.params.id, criteria, new Date());
    },
  );

  app.post(
    '/trainings/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Invite everyone the criteria select, all or none: past the quota nobody is added (organiser)',
        params: IdParams,
        body: InvitationBody,
        response: { 201: InvitationSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await invite(db(), actorOf(request), originOf(request), request.params.id, request.body, new Date())),
  );

  app.post(
    '/trainings/:id/attendance',
    {
      schema: {
        tags,
        summary:
          'Attendance of a unit, marked by the organiser (participants check in with the QR token); from the unit’s day on (201 new, 200 already recorded)',
        params: IdParams,
        body: AttendanceBody,
        response: { 200: ParticipantSchema, 201: ParticipantSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { created, participant } = await recordAttendance(
        db(),
        actorOf(request),
        originOf(request),
        request.params.id,
        request.body,
        new Date(),
      );
      return reply.code(created ? 201 : 200).send(participant);
    },
  );

  app.get(
    '/trainings/:id/units/:unit/checkin-token',
    {
      schema: {
        tags,
        summary: 'The session’s current QR check-in token, its link and QR code (organiser); it rotates every minute',
        params: CheckinTokenParams,
        response: { 200: CheckinTokenSchema, ...authErrors, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { id, unit } = request.params;
      return checkinToken(db(), actorOf(request), id, unit, publicBase(app.ctx.config.publicUrl, request), new Date());
    },
  );

  app.post(
    '/trainings/:id/checkin',
    {
      schema: {
        tags,
        summary:
          'A participant checks in with the QR token of a session (201 new, 200 already recorded); late after the start; expired, another event’s or before the session: refused',
        params: IdParams,
        body: CheckinBody,
        response: { 200: ParticipantSchema, 201: ParticipantSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { created, participant } = await checkIn(
        db(),
        actorOf(request),
        originOf(request),
        request.params.id,
        request.body.token,
        new Date(),
      );
      return reply.code(created ? 201 : 200).send(participant);
    },
  );

  app.put(
    '/trainings/:id/results',
    {
      schema: {
        tags,
        summary: 'Pre- and post-test scores of a participant (organiser)',
        params: IdParams,
        body: ResultBody,
        response: { 200: ParticipantSchema, ...writeErrors },
      },
    },
    async (request) => recordResult(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );

  app.post(
    '/trainings/:id/complete',
    {
      schema: {
        tags,
        summary:
          'Complete the event: certificates for those who qualify (every unit attended, post-test passed where there is one); from its last day, once',
        params: IdParams,
        response: { 200: CompletionSchema, ...writeErrors },
      },
    },
    async (request) => completeTraining(db(), actorOf(request), originOf(request), request.params.id, new Date()),
  );

  app.get(
    '/trainings/:id/certificates',
    {
      schema: {
        tags,
        summary: 'Certificates of the event the caller sees',
        params: IdParams,
        response: { 200: Type.Array(CertificateSummarySchema), ...authErrors },
      },
    },
    async (request) => trainingCertificates(db(), actorOf(request), request.params.id),
  );

  app.get(
    '/certificates',
    {
      schema: {
        tags,
        summary: 'One’s own certificates, or (supervisors, direktorat, auditors) those of a worker in scope',
        querystring: StrictObject({ userId: Type.Optional(Uuid) }),
        response: { 200: Type.Array(CertificateSchema), ...authErrors },
      },
    },
    async (request) => listCertificates(db(), actorOf(request), request.query.userId),
  );

  app.get(
    '/certificates/:nomor/pdf',
    {
      schema: {
        tags,
        summary: 'The certificate as PDF with its verification QR code (holder or organiser)',
        params: CertificateParams,
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...authErrors, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { nomor, pdf } = await certificateFile(
        db(),
        actorOf(request),
        request.params.nomor,
        publicBase(app.ctx.config.publicUrl, request),
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="sertifikat-${nomor}.pdf"`)
        .send(pdf);
    },
  );

  app.post(
    '/certificates/:nomor/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a certificate with a reason (organiser); verification then answers valid: false',
        params: CertificateParams,
        body: RevokeBody,
        response: { 200: CertificateSchema, ...writeErrors },
      },
    },
    async (request) => revokeCertificate(db(), actorOf(request), originOf(request), request.params.nomor, request.body.alasan, new Date()),
  );
};

/** Verifications one client address may ask for per minute (per API node). */
export const VERIFY_PER_MINUTE = 30;

/** The public verification: no session, only the listed fields, a bounded rate per client address. */
export const publicTrainingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const seen = new Map<string, { start: number; n: number }>();
  const limited = (ip: string, now: number): boolean => {
    if (seen.size > 10_000) for (const [k, v] of seen) if (now - v.start >= 60_000) seen.delete(k);
    const entry = seen.get(ip);
    if (!entry || now - entry.start >= 60_000) {
      seen.set(ip, { start: now, n: 1 });
      return false;
    }
    entry.n += 1;
    return entry.n > VERIFY_PER_MINUTE;
  };

  app.get(
    '/certificates/:nomor/verify',
    {
      schema: {
        tags,
        summary:
          'Public verification of a certificate number (no sign-in): valid or revoked, name, training, dates, JP; 404 for an unknown number',
        security: [],
        params: CertificateParams,
        response: { 200: VerificationSchema, 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      if (limited(request.ip, Date.now())) throw new AppError('RATE_LIMITED', undefined, { 'retry-after': '60' });
      reply.header('cache-control', 'no-store');
      return verifyCertificate(app.ctx.database.db, request.params.nomor);
    },
  );
};
