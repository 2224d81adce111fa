import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { OUTBOX_BATCH_MAX } from '@tuntas/domain';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Nullable, StrictObject, Uuid } from '../http/schemas.js';
import { MAX_OUTBOX_COUNT, reportDeviceSync, teamSyncStatus } from '../sync/device-sync-status.js';
import { runOutboxBatch } from '../sync/outbox-batch.js';
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

const Count = (description: string) => Type.Integer({ minimum: 0, maximum: MAX_OUTBOX_COUNT, description });
const Time = (description?: string) => Type.String({ format: 'date-time', ...(description ? { description } : {}) });

const DeviceSyncBody = StrictObject({
  perangkatId: Type.String({ format: 'uuid', description: 'Made once on the device and kept there: one row per user and device' }),
  menunggu: Count('Writes waiting to be sent (and being sent)'),
  konflik: Count('Writes the server answered 409 VERSION_CONFLICT, waiting for the user'),
  ditolak: Count('Writes the server refused, kept on the device for the user to fix'),
  menungguSejak: Nullable(Time('When the user acted on the oldest waiting write (device clock); null exactly when nothing waits')),
});

/** The shared type is `DeviceSyncReport` of `@tuntas/domain` (api-types.ts). */
const DeviceSyncSchema = Type.Object({
  perangkatId: Uuid,
  menunggu: Type.Integer(),
  konflik: Type.Integer(),
  ditolak: Type.Integer(),
  menungguSejak: Nullable(Time()),
  dilaporkanPada: Time(),
});

/** The shared type is `TeamSyncStatusRow` of `@tuntas/domain` (api-types.ts). */
const TeamSyncRowSchema = Type.Object({
  userId: Uuid,
  username: Type.String(),
  nama: Nullable(Type.String()),
  wilayah: Nullable(Type.String()),
  menunggu: Type.Integer(),
  konflik: Type.Integer(),
  ditolak: Type.Integer(),
  menungguSejak: Nullable(Time()),
  dilaporkanPada: Nullable(Time('The latest report of any of their devices; null: never reported')),
  sinkronTerakhir: Nullable(Time('Their last pull of /sync/changes; null: never')),
  jumlahPerangkat: Type.Integer(),
});

const OutboxEntrySchema = StrictObject({
  id: Type.String({
    minLength: 1,
    maxLength: 255,
    pattern: '^[\\x21-\\x7e]+$',
    description: 'The write’s Idempotency-Key (a UUID made on the device); unique within the batch',
  }),
  method: Type.Union([Type.Literal('POST'), Type.Literal('PUT'), Type.Literal('PATCH'), Type.Literal('DELETE')]),
  path: Type.String({
    minLength: 1,
    maxLength: 500,
    description: 'Under /api/v1, e.g. /cases/{id}/services; only the outbox’s field writes',
  }),
  body: Type.Record(Type.String(), Type.Unknown(), { description: 'The JSON body the route takes' }),
  baseVersion: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  actedAt: Type.String({ format: 'date-time', description: 'When the user acted (device clock)' }),
  records: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      maxItems: 10,
      description: 'The records the device orders this write after (case, person, visit, activity, event, day)',
    }),
  ),
});

/** The shared type is `OutboxBatchResponse` of `@tuntas/domain` (outbox-batch.ts). */
const OutboxResultSchema = Type.Object({
  results: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.Integer({ description: 'The route’s own status; 424 OUTBOX_ENTRY_WAITING: not run' }),
      body: Type.Unknown({ description: 'The route’s own answer (a record, or {"error":…})' }),
    }),
  ),
});

export const syncRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/sync/outbox',
    {
      schema: {
        tags: ['sinkronisasi'],
        summary: `The device’s queued writes in one request (at most ${OUTBOX_BATCH_MAX}), each answered as its own route would answer it`,
        description:
          'Each entry runs through its ordinary route with the caller’s session and the entry’s id as Idempotency-Key: the same authorization, ' +
          'validation, version checks, audit and replay. Entries run in the order sent; one after an entry on the same record (the ids in its path ' +
          'and body, and its `records`) that did not succeed is not run (424 OUTBOX_ENTRY_WAITING). A path that is not one of the outbox’s field ' +
          'writes answers 400 OUTBOX_PATH_NOT_ALLOWED for that entry; the others still run.',
        body: StrictObject({ entries: Type.Array(OutboxEntrySchema, { minItems: 1, maxItems: OUTBOX_BATCH_MAX }) }),
        response: { 200: OutboxResultSchema, ...authErrors },
      },
    },
    async (request) => ({ results: await runOutboxBatch(app, request, app.prefix, request.body.entries) }),
  );

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

  app.put(
    '/sync/status',
    {
      schema: {
        tags: ['sinkronisasi'],
        summary: 'The signed-in pendamping’s device reports what its outbox holds (after each sync, and when the outbox changes)',
        description:
          'Counts of the writes waiting, in conflict and refused on this device, and when the oldest waiting one was made. ' +
          'Only a pendamping reports; the same counts again only move the report time.',
        body: DeviceSyncBody,
        response: { 200: DeviceSyncSchema, ...authErrors, 422: ErrorResponse },
      },
    },
    async (request) => reportDeviceSync(app.ctx.database.db, actorOf(request), originOf(request), request.body),
  );

  app.get(
    '/sync/team-status',
    {
      schema: {
        tags: ['sinkronisasi'],
        summary: 'Which of the team have unsent, conflicting or refused work on their devices, and when each last synced',
        description:
          'One line per active pendamping in the caller’s scope (koordinator: their area; direktorat, auditor, admin: their scope), ' +
          'counts summed over their devices, those with anything held first. A pendamping gets 403.',
        response: { 200: Type.Array(TeamSyncRowSchema), ...authErrors },
      },
    },
    async (request) => teamSyncStatus(app.ctx.database.db, actorOf(request)),
  );
};
