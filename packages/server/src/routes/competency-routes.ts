import { wilayahClock } from '@tuntas/domain';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';
import { addCertification, assessCompetency, competencyMatrix, developmentHours } from '../trainings/competency-service.js';
import { AssessmentBody, CertificationBody, CompetencyRowSchema, HoursSchema, MatrixSchema } from './training-schemas.js';
import { Year } from './workforce-schemas.js';

const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };
const UserParams = StrictObject({ userId: Uuid });
const tags = ['pelatihan'];

/** The competency matrix, the koordinator's assessments, certifications and development hours (JP). */
export const competencyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/competencies',
    {
      schema: {
        tags,
        summary:
          'Competency matrix of the area’s pendamping: level per competency from training, the koordinator’s assessment and certification; gaps',
        querystring: StrictObject({ wilayah: Type.Optional(WilayahCode) }),
        response: { 200: MatrixSchema, ...authErrors },
      },
    },
    async (request) => competencyMatrix(app.ctx.reader.db, actorOf(request), request.query.wilayah, new Date()),
  );

  app.put(
    '/competencies/:userId',
    {
      schema: {
        tags,
        summary: 'The koordinator’s assessment of one competency of a pendamping in their area',
        params: UserParams,
        body: AssessmentBody,
        response: { 200: CompetencyRowSchema, ...writeErrors },
      },
    },
    async (request) => assessCompetency(db(), actorOf(request), originOf(request), request.params.userId, request.body, new Date()),
  );

  app.post(
    '/competencies/:userId/certifications',
    {
      schema: {
        tags,
        summary: 'Record a professional certification (e.g. sertifikasi pekerja sosial) with its expiry',
        params: UserParams,
        body: CertificationBody,
        response: { 201: CompetencyRowSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addCertification(db(), actorOf(request), originOf(request), request.params.userId, request.body, new Date())),
  );

  app.get(
    '/development-hours',
    {
      schema: {
        tags,
        summary: 'JP completed per pendamping in a year against the target of 20 JP (ketentuan pengembangan kompetensi ASN)',
        querystring: StrictObject({ year: Type.Optional(Year), wilayah: Type.Optional(WilayahCode) }),
        response: { 200: HoursSchema, ...authErrors },
      },
    },
    async (request) =>
      developmentHours(
        app.ctx.reader.db,
        actorOf(request),
        request.query.year ?? Number(wilayahClock(actorOf(request).wilayah).tanggal.slice(0, 4)),
        request.query.wilayah,
      ),
  );
};
