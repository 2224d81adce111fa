import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, JobStatus, Page, PageQuery, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';
import { getReport, listReports, reportFile, requestReport } from '../reports/report-jobs.js';
import { Month } from './workforce-schemas.js';

const ReportSchema = Type.Object({
  id: Uuid,
  jenis: Type.Literal('bulanan'),
  wilayah: Type.Union([Type.String(), Type.Null()]),
  bulan: Type.String(),
  format: Type.Union([Type.Literal('xlsx'), Type.Literal('pdf')]),
  status: JobStatus,
  progres: Type.Integer({ minimum: 0, maximum: 100 }),
  ukuran: Type.Union([Type.Integer(), Type.Null()]),
  galat: Type.Union([Type.String(), Type.Null()]),
  otomatis: Type.Boolean({ description: 'Generated at month end by the server' }),
  dibuatPada: Type.String({ format: 'date-time' }),
  selesaiPada: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const IdParams = StrictObject({ id: Uuid });
const CONTENT = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['laporan'];

  app.post(
    '/reports',
    {
      schema: {
        tags,
        summary:
          'Generate the monthly report of an area (default: the caller’s scope; null: national) as XLSX or PDF; answers at once, poll for progress',
        body: StrictObject({
          wilayah: Type.Optional(Type.Union([WilayahCode, Type.Null()])),
          bulan: Month,
          format: Type.Union([Type.Literal('xlsx'), Type.Literal('pdf')]),
        }),
        response: { 202: ReportSchema, ...authErrors, 409: ErrorResponse },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await requestReport(app.ctx.database.db, app.ctx.jobs, actorOf(request), originOf(request), request.body, new Date())),
  );

  app.get(
    '/reports',
    {
      schema: {
        tags,
        summary: 'Reports of the caller’s scope, newest month first (the download list)',
        querystring: StrictObject({ ...PageQuery }),
        response: { 200: Page(ReportSchema), ...authErrors },
      },
    },
    async (request) => listReports(app.ctx.database.db, actorOf(request), request.query.page ?? 1, request.query.pageSize ?? 50),
  );

  app.get(
    '/reports/:id',
    { schema: { tags, summary: 'One report and its progress', params: IdParams, response: { 200: ReportSchema, ...authErrors } } },
    async (request) => getReport(app.ctx.database.db, actorOf(request), request.params.id),
  );

  app.get(
    '/reports/:id/file',
    {
      schema: {
        tags,
        summary: 'Download a finished report (audited)',
        params: IdParams,
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...authErrors, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const file = await reportFile(app.ctx.database.db, actorOf(request), originOf(request), request.params.id);
      return reply
        .header('content-type', CONTENT[file.format])
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.bytes);
    },
  );
};
