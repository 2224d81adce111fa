import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { CONTENT_TYPE } from '../files/table-file.js';
import { authErrors, ErrorResponse, Nullable, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';
import { matrixWorkbook, trainingWorkbook } from '../trainings/training-export.js';
import { evaluationOf, submitEvaluation } from '../trainings/evaluation-service.js';
import { createProgramme, createTrainingFromProgramme, getProgramme, listProgrammes } from '../trainings/programme-service.js';
import { DateOnly, EventFields, JamMulai, Kode, NarasumberSchema, Text, TrainingSchema } from './training-schemas.js';

const tags = ['pelatihan'];
const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };
const IdParams = StrictObject({ id: Uuid });
const Xlsx = { 200: Type.Unsafe({ type: 'string', format: 'binary', description: 'XLSX' }), ...authErrors };

const ProgrammeUnitSchema = Type.Object({
  kode: Type.String(),
  nama: Type.String(),
  jp: Type.Integer({ description: 'Jam pelajaran' }),
  kompetensi: Type.Array(Type.String(), { description: 'Competencies the unit builds' }),
  tujuan: Type.Array(Type.String(), { description: 'Learning objectives' }),
});

const ProgrammeSchema = Type.Object({
  id: Uuid,
  kode: Type.String(),
  nama: Type.String(),
  uraian: Type.String(),
  units: Type.Array(ProgrammeUnitSchema),
  jp: Type.Integer(),
  jumlahPelatihan: Type.Integer({ description: 'Events created from it' }),
});

const ProgrammeBody = StrictObject({
  kode: Type.String({ pattern: '^[a-z0-9_-]{2,40}$', description: 'Lower-case code' }),
  nama: Text(200, 3),
  uraian: Type.Optional(Text(2000, 0)),
  units: Type.Array(
    StrictObject({
      kode: Kode,
      nama: Text(200, 3),
      jp: Type.Integer({ minimum: 1, maximum: 200 }),
      kompetensi: Type.Optional(Type.Array(Kode, { maxItems: 9 })),
      tujuan: Type.Optional(Type.Array(Text(500), { maxItems: 20 })),
    }),
    { minItems: 1, maxItems: 30 },
  ),
});

const FromProgrammeBody = StrictObject({
  nama: Type.Optional(Text(200, 3)),
  ...EventFields,
  jadwal: Type.Optional(
    Type.Array(StrictObject({ kode: Kode, tanggal: Type.Optional(Nullable(DateOnly)), jamMulai: Type.Optional(Nullable(JamMulai)) }), {
      maxItems: 30,
      description: 'The day and start of each unit, by code',
    }),
  ),
});

const Rating = Type.Integer({ minimum: 1, maximum: 5, description: '1 sangat kurang … 5 sangat baik' });
const Komentar = Type.Optional(Nullable(Text(1000)));

const EvaluationBody = StrictObject({
  acara: StrictObject({ nilai: Rating, komentar: Komentar }),
  narasumber: Type.Array(StrictObject({ id: Uuid, nilai: Rating, komentar: Komentar }), {
    maxItems: 30,
    description: 'Every trainer of the event, once',
  }),
});

const SummarySchema = Type.Object({
  narasumberId: Nullable(Uuid),
  nama: Type.String(),
  jumlah: Type.Integer(),
  rataRata: Nullable(Type.Number()),
  sebaran: Type.Array(Type.Integer(), { description: 'How many gave 1, 2, 3, 4, 5' }),
  komentar: Type.Array(Type.String()),
});

const EvaluationSchema = Type.Object({
  dapatMenilai: Type.Boolean(),
  sudahMenilai: Type.Boolean(),
  batas: DateOnly,
  narasumber: Type.Array(NarasumberSchema),
  hasil: Nullable(
    Type.Object(
      {
        jumlahPenilai: Type.Integer(),
        jumlahHadir: Type.Integer(),
        ditampilkan: Type.Boolean({ description: 'false while fewer than 3 have evaluated: no averages nor comments' }),
        acara: SummarySchema,
        narasumber: Type.Array(SummarySchema),
      },
      { description: 'Organiser only' },
    ),
  ),
});

/** Programmes with a reusable curriculum, events created from them, and anonymous evaluations. */
export const trainingProgrammeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/training-programmes',
    {
      schema: {
        tags,
        summary: 'Training programmes and their curriculum units (JP, competencies, learning objectives)',
        response: { 200: Type.Array(ProgrammeSchema), ...authErrors },
      },
    },
    async () => listProgrammes(app.ctx.reader.db),
  );

  app.post(
    '/training-programmes',
    {
      schema: {
        tags,
        summary: 'Create a programme with its curriculum (direktorat or national admin)',
        body: ProgrammeBody,
        response: { 201: ProgrammeSchema, ...writeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await createProgramme(db(), actorOf(request), originOf(request), request.body)),
  );

  app.get(
    '/training-programmes/:id',
    { schema: { tags, summary: 'One programme', params: IdParams, response: { 200: ProgrammeSchema, ...authErrors } } },
    async (request) => getProgramme(db(), request.params.id),
  );

  app.post(
    '/training-programmes/:id/trainings',
    {
      schema: {
        tags,
        summary: 'Create an event from a programme: its units copied with the schedule given, linked to the programme (organiser)',
        params: IdParams,
        body: FromProgrammeBody,
        response: { 201: TrainingSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createTrainingFromProgramme(db(), actorOf(request), originOf(request), request.params.id, request.body, new Date())),
  );

  app.get(
    '/trainings/:id/evaluation',
    {
      schema: {
        tags,
        summary: 'Whether the caller may evaluate or has; the organiser also gets counts, averages and comments (from 3 evaluations)',
        params: IdParams,
        response: { 200: EvaluationSchema, ...authErrors },
      },
    },
    async (request) => evaluationOf(db(), actorOf(request), request.params.id, new Date()),
  );

  app.post(
    '/trainings/:id/evaluation',
    {
      schema: {
        tags,
        summary: 'A participant who attended rates the event and every trainer 1–5, once, anonymously (stored without who said it)',
        params: IdParams,
        body: EvaluationBody,
        response: { 201: EvaluationSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await submitEvaluation(db(), actorOf(request), originOf(request), request.params.id, request.body, new Date())),
  );

  app.get(
    '/trainings/:id/export',
    {
      schema: {
        tags,
        summary: 'The event as XLSX (organiser): participants with attendance per unit, test results, completion and certificates',
        params: IdParams,
        response: Xlsx,
      },
    },
    async (request, reply) => {
      const { nama, file } = await trainingWorkbook(db(), actorOf(request), request.params.id, new Date());
      return reply
        .header('content-type', CONTENT_TYPE.xlsx)
        .header('content-disposition', `attachment; filename="${nama}.xlsx"`)
        .send(file);
    },
  );

  app.get(
    '/competencies/export',
    {
      schema: {
        tags,
        summary: 'The competency matrix of the area’s pendamping as XLSX: level and JP per competency, gaps',
        querystring: StrictObject({ wilayah: Type.Optional(WilayahCode) }),
        response: Xlsx,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const file = await matrixWorkbook(app.ctx.reader.db, actor, request.query.wilayah, new Date());
      const area = request.query.wilayah ?? actor.wilayah ?? 'nasional';
      return reply
        .header('content-type', CONTENT_TYPE.xlsx)
        .header('content-disposition', `attachment; filename="matriks-kompetensi-${area}.xlsx"`)
        .send(file);
    },
  );
};
