import type { Readable } from 'node:stream';
import { Type, type FastifyPluginAsyncTypebox, type TProperties } from '@fastify/type-provider-typebox';
import { importAffected, POSKO_MAX_ROWS } from '../disasters/affected-import.js';
import { queueUploadedImport } from '../import/import-job.js';
import { importStatus } from '../import/import-status.js';
import { importReportFile, importUploadedBeneficiaries } from '../import/upload-import.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, JobStatus, StrictObject, Uuid } from '../http/schemas.js';
import { fileStream } from '../http/upload-body.js';

const SPREADSHEET_TYPES = [
  'text/csv',
  'application/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/octet-stream',
];

const UPLOAD_LIMIT = 200 * 1024 * 1024;

const RowReport = Type.Object({ line: Type.Integer(), errors: Type.Array(Type.String()), warnings: Type.Array(Type.String()) });

const UploadQuery = StrictObject({
  dryRun: Type.Optional(Type.Boolean({ default: false })),
  fileName: Type.Optional(Type.String({ maxLength: 200 })),
});

const RegistryUploadQuery = StrictObject({
  ...UploadQuery.properties,
  background: Type.Optional(Type.Boolean({ default: false })),
});

const ImportStatus = Type.Object({
  id: Uuid,
  status: JobStatus,
  progres: Type.Integer({ minimum: 0, maximum: 100 }),
  barisSelesai: Type.Integer(),
  baris: Type.Union([Type.Integer(), Type.Null()]),
  dryRun: Type.Boolean(),
  total: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  rows: Type.Array(RowReport),
  rowsListed: Type.Integer(),
  reportUrl: Type.Union([Type.String(), Type.Null()]),
  galat: Type.Union([Type.String(), Type.Null()]),
  dibuatPada: Type.String({ format: 'date-time' }),
  selesaiPada: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** Every import's answer: the counts, its own counts of what was stored, the first problem rows, the report's link. */
const uploadAnswer = <T extends TProperties>(stored: T) =>
  Type.Object({
    id: Uuid,
    total: Type.Integer(),
    accepted: Type.Integer(),
    rejected: Type.Integer(),
    ...stored,
    dryRun: Type.Boolean(),
    rows: Type.Array(RowReport),
    rowsListed: Type.Integer(),
    reportUrl: Type.Union([Type.String(), Type.Null()]),
  });

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Only inside this plugin: the file arrives as a stream and is spooled to disk, never parsed as JSON.
  app.addContentTypeParser(SPREADSHEET_TYPES, (_request, payload, done) => done(null, payload));

  app.post(
    '/imports/beneficiaries',
    {
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['impor'],
        summary: 'Upload a CSV or XLSX of beneficiaries (raw body); rows judged by the contract’s rules',
        description:
          'Send the file as the body with Content-Type text/csv or the XLSX type. Rows outside the caller’s area are rejected, ' +
          'and so is a row whose NIK is registered outside it (ROW_NOT_PERMITTED, found only by a real import: a dry run never ' +
          'tells whether a NIK is registered elsewhere; more than a limit of such rows an hour answers 429). ' +
          'At most 50,000 data rows and 100 MB of unpacked XLSX (413 before any work; larger files go through ' +
          '`npx tuntas import beneficiaries FILE`). Unlike the terminal’s --json, `rows` lists only the first 100 rows with an ' +
          'error or a warning (`rowsListed` counts them all); the XLSX at `reportUrl` holds every one. ' +
          'With `background=true` the file (at most 32 MB) is checked against the same limits, stored, and imported by a job ' +
          'any node may run (202 with its status; follow it at `GET /imports/{id}`): 1,000 rows per transaction, a crashed ' +
          'attempt retried from the last stored batch.',
        querystring: RegistryUploadQuery,
        response: {
          200: uploadAnswer({ inserted: Type.Integer(), updated: Type.Integer() }),
          202: ImportStatus,
          ...authErrors,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { db } = app.ctx.database;
      const upload = { body: fileStream(request), fileName: request.query.fileName ?? 'unggahan', dryRun: request.query.dryRun ?? false };
      if (request.query.background) {
        const id = await queueUploadedImport(db, app.ctx.jobs, actorOf(request), originOf(request), upload, app.ctx.config.importUpload);
        return reply.code(202).send(await importStatus(db, actorOf(request), id));
      }
      const result = await importUploadedBeneficiaries(db, actorOf(request), originOf(request), upload, app.ctx.config.importUpload);
      return { ...result, reportUrl: result.hasReport ? `/api/v1/imports/${result.id}/report.xlsx` : null };
    },
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags: ['impor'],
        summary:
          'A background upload’s status: waiting, running (per cent of rows stored), done with its counts and report, or failed with why',
        params: StrictObject({ id: Uuid }),
        response: { 200: ImportStatus, ...authErrors },
      },
    },
    async (request) => importStatus(app.ctx.database.db, actorOf(request), request.params.id),
  );

  app.post(
    '/disasters/:id/affected/import',
    {
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['bencana', 'impor'],
        summary: 'Upload a posko’s spreadsheet of affected people (CSV or XLSX, raw body): each row registered as the form registers one',
        description:
          'Columns: the registry import’s (nik or alasan_tanpa_nik, nama, jenis_kelamin, tanggal_lahir or perkiraan_umur, kode_desa, …) ' +
          'plus kondisi (mengungsi, luka, meninggal, hilang, di rumah; empty with a posko: mengungsi), posko (a shelter of the event, by ' +
          'name), kelompok_rentan (comma- or semicolon-separated), kebutuhan and keluarga (rows with one label, else one no_kk, are a ' +
          `household). At most ${POSKO_MAX_ROWS.toLocaleString('en')} rows. A NIK the registry holds is linked (NIK_LINKED), never ` +
          'duplicated; a person registered twice in the event is flagged (KEMUNGKINAN_GANDA). Persons so found outside the ' +
          'event’s area and the caller’s count toward the registry import’s hourly limit (429). Written 100 rows per transaction; ' +
          '`rows` lists the first 100 rows with an error or a warning, the XLSX at `reportUrl` all of them. A dry run stores nothing.',
        params: StrictObject({ id: Uuid }),
        querystring: UploadQuery,
        response: {
          200: uploadAnswer({ inserted: Type.Integer(), linked: Type.Integer() }),
          ...authErrors,
          409: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request) => {
      const result = await importAffected(
        app.ctx.database.db,
        actorOf(request),
        originOf(request),
        request.params.id,
        { body: fileStream(request), fileName: request.query.fileName ?? 'posko', dryRun: request.query.dryRun ?? false },
        app.ctx.config.importUpload,
        new Date(),
      );
      return { ...result, reportUrl: result.hasReport ? `/api/v1/imports/${result.id}/report.xlsx` : null };
    },
  );

  app.get(
    '/imports/:id/report.xlsx',
    {
      schema: {
        tags: ['impor'],
        summary:
          'The upload’s whole row report: rejected rows with an Indonesian error column (to fix and upload again), then the warnings',
        params: StrictObject({ id: Uuid }),
        response: { 200: Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' }), ...authErrors },
      },
    },
    async (request, reply) => {
      const { fileName, body } = await importReportFile(
        app.ctx.database.db,
        actorOf(request),
        request.params.id,
        app.ctx.config.importUpload,
      );
      const base = fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'impor';
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${base}-ditolak.xlsx"`)
        .send(body);
    },
  );
};
