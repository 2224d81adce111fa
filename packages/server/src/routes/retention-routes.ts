import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Nullable, StrictObject, Uuid } from '../http/schemas.js';
import { listLegalHolds, placeLegalHold, releaseLegalHold } from '../privacy/legal-holds.js';
import { retentionDeps } from '../privacy/retention-job.js';
import { retentionOverview } from '../privacy/retention-run.js';
import { RECORD_TYPES } from '../privacy/retention-schedule.js';

const Reason = StrictObject({
  alasan: Type.String({ minLength: 5, maxLength: 1000, description: 'A reference (case number, letter), not a person’s name' }),
});

const LegalHoldSchema = Type.Object({
  id: Uuid,
  beneficiaryId: Nullable(Uuid),
  caseId: Nullable(Uuid),
  wilayah: Type.String(),
  alasan: Type.String(),
  dibuatOleh: Uuid,
  dibuatPada: Type.String({ format: 'date-time' }),
  dicabutOleh: Nullable(Uuid),
  dicabutPada: Nullable(Type.String({ format: 'date-time' })),
  alasanCabut: Nullable(Type.String()),
});

const Count = Type.Integer({ minimum: 0 });
const RetentionSchema = Type.Object({
  dryRun: Type.Boolean(),
  jadwal: Type.Array(
    Type.Object({
      jenis: Type.Unsafe<string>({ type: 'string', enum: [...RECORD_TYPES] }),
      label: Type.String(),
      hari: Type.Integer(),
      tindakan: Type.String(),
      dasar: Type.String(),
      toConfirm: Type.Boolean(),
    }),
  ),
  jumlah: Type.Object({
    penerimaManfaat: Count,
    ditahan: Count,
    kasus: Count,
    lampiran: Count,
    penelusuran: Count,
    fotoBukti: Count,
    laporanImpor: Count,
    berkasLaporanImpor: Count,
    sesi: Count,
    percobaanMasuk: Count,
    jejakAuditLewatMasa: Count,
  }),
});

export const retentionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['retensi'];
  const holdErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };

  app.get(
    '/retention',
    {
      schema: {
        tags,
        summary:
          'The retention schedule (UU 27/2022) and how many records are due now, held or past their time (direktorat, national admin)',
        response: { 200: RetentionSchema, ...authErrors },
      },
    },
    async (request) => retentionOverview(retentionDeps(db(), app.ctx.config), actorOf(request)),
  );

  const holdTargets = [
    { path: '/beneficiaries/:id/legal-holds', kind: 'beneficiary', what: 'a person (and all their cases)' },
    { path: '/cases/:id/legal-holds', kind: 'case', what: 'a case (and its person)' },
  ] as const;
  for (const target of holdTargets) {
    app.post(
      target.path,
      {
        schema: {
          tags,
          summary: `Put ${target.what} on legal hold: never anonymised while it is in force (koordinator, direktorat, admin; audited)`,
          params: StrictObject({ id: Uuid }),
          body: Reason,
          response: { 201: LegalHoldSchema, ...holdErrors },
        },
      },
      async (request, reply) => {
        const hold = await placeLegalHold(
          db(),
          actorOf(request),
          originOf(request),
          { kind: target.kind, id: request.params.id },
          request.body,
        );
        return reply.code(201).send(hold);
      },
    );
  }

  app.get(
    '/legal-holds',
    {
      schema: {
        tags,
        summary: 'Legal holds in the caller’s area, newest first; only those in force unless semua=true',
        querystring: StrictObject({ semua: Type.Optional(Type.Boolean({ default: false })) }),
        response: { 200: Type.Array(LegalHoldSchema), ...authErrors },
      },
    },
    async (request) => listLegalHolds(db(), actorOf(request), { semua: request.query.semua ?? false }),
  );

  app.post(
    '/legal-holds/:id/release',
    {
      schema: {
        tags,
        summary: 'Release a legal hold with a reason (audited); the record is then kept by the schedule alone',
        params: StrictObject({ id: Uuid }),
        body: Reason,
        response: { 200: LegalHoldSchema, ...holdErrors },
      },
    },
    async (request) => releaseLegalHold(db(), actorOf(request), originOf(request), request.params.id, request.body),
  );
};
