import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { STAFF_COLUMNS, wilayahClock } from '@tuntas/domain';
import { AppError } from '../http/app-error.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, literals, Nullable, StrictObject } from '../http/schemas.js';
import { importStaff } from '../users/staff-import.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STAFF_UPLOAD_LIMIT = 5 * 1024 * 1024;

const StaffImportSchema = Type.Object({
  dryRun: Type.Boolean(),
  total: Type.Integer(),
  dibuat: Type.Integer(),
  ditolak: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      baris: Type.Integer(),
      username: Nullable(Type.String()),
      nama: Nullable(Type.String()),
      status: literals(['valid', 'dibuat', 'ditolak'] as const),
      temporaryPassword: Nullable(Type.String({ description: 'Shown this once; the user replaces it at first sign-in' })),
      errors: Type.Array(Type.Object({ kolom: literals(STAFF_COLUMNS), pesan: Type.String() })),
    }),
  ),
});

/** The staff list (XLSX, raw body) that opens many accounts at once: its own plugin, so its body parser stays here. */
export const staffImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: STAFF_UPLOAD_LIMIT }, (_request, body, done) => done(null, body));

  app.post(
    '/users/import',
    {
      bodyLimit: STAFF_UPLOAD_LIMIT,
      schema: {
        tags: ['pengguna'],
        summary: 'Open accounts from a staff list (XLSX: NIP/NI PPPK, Nama, Peran, Wilayah; optional Jenis ASN, Nama pengguna)',
        description:
          'Each valid row is created as POST /users would (temporary password returned once); a bad row is reported with its reasons ' +
          'and changes nothing. `dryRun=true` judges the rows and creates nothing.',
        querystring: StrictObject({ dryRun: Type.Optional(Type.Boolean({ default: false })) }),
        response: { 200: StaffImportSchema, ...authErrors, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('UPLOAD_TYPE_REQUIRED');
      const actor = actorOf(request);
      return importStaff(app.ctx.database.db, actor, originOf(request), request.body, {
        dryRun: request.query.dryRun ?? false,
        today: wilayahClock(actor.wilayah).tanggal,
      });
    },
  );
};
