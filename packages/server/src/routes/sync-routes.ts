import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, Nullable, StrictObject, Uuid } from '../http/schemas.js';
import { syncChanges } from '../sync/sync-changes.js';
import { BeneficiarySchema } from './beneficiary-schemas.js';
import { CaseSchema } from './case-schemas.js';
import {
  AssessmentSchema,
  FollowUpSchema,
  OutcomesSchema,
  PlanSchema,
  ReferralSchema,
  ServiceSchema,
  TasksSchema,
} from './casework-schemas.js';
import { ActivitySchema, AttendanceSchema } from './workforce-schemas.js';

const WorkingFileSchema = Type.Object({
  caseId: Uuid,
  assessments: Type.Array(AssessmentSchema),
  plan: Nullable(PlanSchema),
  services: Type.Array(ServiceSchema),
  referrals: Type.Array(ReferralSchema),
  outcomes: OutcomesSchema,
  followUps: Type.Array(FollowUpSchema),
});

/** The shared type is `SyncChanges` of `@tuntas/domain` (api-types.ts). */
export const SyncChangesSchema = Type.Object({
  cursor: Type.String({ description: 'Opaque: send it back as `since` (while `more`, at once; otherwise at the next sync)' }),
  more: Type.Boolean({ description: 'More cases of this round wait: ask again with `cursor`' }),
  full: Type.Boolean({ description: 'The whole working set (no `since`): drop what is not in it' }),
  cases: Type.Array(CaseSchema),
  beneficiaries: Type.Array(BeneficiarySchema, { description: 'The people of those cases, masked where the caller may not identify them' }),
  workingFiles: Type.Array(WorkingFileSchema, { description: 'Each changed case’s whole working file (pendamping)' }),
  removed: Type.Object({
    cases: Type.Array(Uuid, { description: 'Cases that left the working set since the cursor (closed, reassigned)' }),
  }),
  tasks: Nullable(TasksSchema),
  attendance: Nullable(Type.Object({ tanggal: Type.String(), presensi: Nullable(AttendanceSchema) })),
  activities: Nullable(Type.Array(ActivitySchema)),
  reference: Nullable(
    Type.Record(Type.String(), Type.String(), { description: 'A version per reference list: reload a list whose version changed' }),
  ),
});

export const syncRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sync/changes',
    {
      schema: {
        tags: ['sinkronisasi'],
        summary: 'What of the caller’s working set changed after the cursor (offline devices); without `since`, the whole set',
        description:
          'A pendamping gets their open cases, those cases’ people and working files, their tasks, today’s presensi and activities and the reference versions; ' +
          'a koordinator the open cases of their area and their people, paged (`more`). Never a record outside the caller’s scope; protected people are masked ' +
          'as on every other read. A changed case comes whole with its whole working file; a record may come twice but is never skipped.',
        querystring: StrictObject({
          since: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'The `cursor` of the previous answer' })),
        }),
        response: { 200: SyncChangesSchema, ...authErrors },
      },
    },
    async (request) => syncChanges(app.ctx.database.db, actorOf(request), originOf(request), request.query.since),
  );
};
