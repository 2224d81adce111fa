import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { JENIS_HARI_LIBUR } from '@tuntas/domain';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, literals, Nullable, StrictObject, Uuid } from '../http/schemas.js';
import { addSpecialHours, calendarYear, removeHoliday, removeSpecialHours, setHoliday } from '../workforce/working-calendar.js';

const DateOnly = Type.String({ format: 'date' });
const Minute = Type.Integer({ minimum: 0, maximum: 1439, description: 'Minutes since local midnight' });
const HariLiburSchema = Type.Object({
  tanggal: DateOnly,
  jenis: literals(JENIS_HARI_LIBUR),
  nama: Type.String(),
  sumber: Nullable(Type.String()),
});
const JamKhususSchema = Type.Object({
  id: Uuid,
  nama: Type.String(),
  mulai: DateOnly,
  selesai: DateOnly,
  masuk: Minute,
  pulang: Minute,
  pulangJumat: Minute,
  sumber: Nullable(Type.String()),
});
const Sumber = Type.Optional(Nullable(Type.String({ maxLength: 300 })));

/**
 * The working calendar (issue 19): every signed-in user reads it (the screens mark holidays and
 * special hours); only a national admin keeps it.
 */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['referensi'];
  const manageErrors = { ...authErrors, 422: ErrorResponse };

  app.get(
    '/kalender-kerja',
    {
      schema: {
        tags,
        summary: 'National holidays, cuti bersama and special working hours (Ramadan) of a year',
        querystring: StrictObject({ tahun: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        response: {
          200: Type.Object({ tahun: Type.Integer(), libur: Type.Array(HariLiburSchema), jamKhusus: Type.Array(JamKhususSchema) }),
          ...authErrors,
        },
      },
    },
    async (request) => calendarYear(db(), request.query.tahun),
  );

  app.put(
    '/kalender-kerja/libur/:tanggal',
    {
      schema: {
        tags,
        summary: 'Set the holiday or cuti bersama of a day (national admin; the month is recounted; audited)',
        params: StrictObject({ tanggal: DateOnly }),
        body: StrictObject({ jenis: literals(JENIS_HARI_LIBUR), nama: Type.String({ minLength: 3, maxLength: 120 }), sumber: Sumber }),
        response: { 200: HariLiburSchema, ...manageErrors },
      },
    },
    async (request) => setHoliday(db(), actorOf(request), originOf(request), request.params.tanggal, request.body),
  );

  app.delete(
    '/kalender-kerja/libur/:tanggal',
    {
      schema: {
        tags,
        summary: 'Remove a holiday (national admin; audited)',
        params: StrictObject({ tanggal: DateOnly }),
        response: { 204: Type.Null(), ...manageErrors },
      },
    },
    async (request, reply) => {
      await removeHoliday(db(), actorOf(request), originOf(request), request.params.tanggal);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/kalender-kerja/jam-khusus',
    {
      schema: {
        tags,
        summary: 'Add a period of special working hours, e.g. Ramadan (national admin; audited)',
        body: StrictObject({
          nama: Type.String({ minLength: 3, maxLength: 120 }),
          mulai: DateOnly,
          selesai: DateOnly,
          masuk: Minute,
          pulang: Minute,
          pulangJumat: Minute,
          sumber: Sumber,
        }),
        response: { 201: JamKhususSchema, ...manageErrors, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.code(201).send(await addSpecialHours(db(), actorOf(request), originOf(request), request.body)),
  );

  app.delete(
    '/kalender-kerja/jam-khusus/:id',
    {
      schema: {
        tags,
        summary: 'Remove a period of special working hours (national admin; audited)',
        params: StrictObject({ id: Uuid }),
        response: { 204: Type.Null(), ...manageErrors },
      },
    },
    async (request, reply) => {
      await removeSpecialHours(db(), actorOf(request), originOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
