import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, StrictObject, Uuid } from '../http/schemas.js';
import { testResults } from '../trainings/test-results-service.js';
import { participantTest, setTestBank, submitTest, testBank } from '../trainings/test-service.js';
import {
  AnswersBody,
  ParticipantTestSchema,
  TestBankBody,
  TestBankSchema,
  TestParams,
  TestResultSchema,
  TestResultsSchema,
} from './training-test-schemas.js';

const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };
const tags = ['pelatihan'];

/** Pre-test and post-test of a training event: the bank, taking it on the phone, and the gain. */
export const trainingTestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;

  app.put(
    '/trainings/:id/tests/:jenis',
    {
      schema: {
        tags,
        summary:
          'Set the pre- or post-test: multiple-choice questions per unit and the window it is open (organiser; until someone answers)',
        params: TestParams,
        body: TestBankBody,
        response: { 200: TestBankSchema, ...writeErrors },
      },
    },
    async (request) => setTestBank(db(), actorOf(request), originOf(request), request.params.id, request.params.jenis, request.body),
  );

  app.get(
    '/trainings/:id/tests/:jenis/bank',
    {
      schema: {
        tags,
        summary: 'The test’s questions with their correct choices, and how many have answered (organiser)',
        params: TestParams,
        response: { 200: TestBankSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return testBank(db(), actorOf(request), request.params.id, request.params.jenis);
    },
  );

  app.get(
    '/trainings/:id/tests/:jenis',
    {
      schema: {
        tags,
        summary:
          'The test as a participant takes it: its window and, while open and not yet answered, the questions without the key; their result once sent',
        params: TestParams,
        response: { 200: ParticipantTestSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return participantTest(db(), actorOf(request), request.params.id, request.params.jenis, new Date());
    },
  );

  app.post(
    '/trainings/:id/tests/:jenis/answers',
    {
      schema: {
        tags,
        summary:
          'A participant’s answers, once, inside the window: scored by the server (overall and per unit); twice → 409, outside the window → 409',
        params: TestParams,
        body: AnswersBody,
        response: { 201: TestResultSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await submitTest(
            db(),
            actorOf(request),
            originOf(request),
            request.params.id,
            request.params.jenis,
            request.body.jawaban,
            new Date(),
          ),
        ),
  );

  app.get(
    '/trainings/:id/test-results',
    {
      schema: {
        tags,
        summary: 'Pre-test, post-test and gain per participant and per unit, for the participants the caller sees',
        params: StrictObject({ id: Uuid }),
        response: { 200: TestResultsSchema, ...authErrors },
      },
    },
    async (request) => testResults(db(), actorOf(request), request.params.id),
  );
};
