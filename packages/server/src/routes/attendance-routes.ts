import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readerFor } from '../db/read-routing.js';
import { CONTENT_TYPE, tableFile } from '../files/table-file.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, Page, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';
import { attendanceRecap, recapCells, RECAP_HEADER, teamDay } from '../workforce/attendance-recap.js';
import { checkIn, checkOut, listAttendance, myAttendanceToday, requestAbsence, reviewAbsence } from '../workforce/attendance-service.js';
import { workerClock } from '../workforce/worker.js';
import {
  AbsenceBody,
  AttendanceQuery,
  AttendanceSchema,
  CheckInBody,
  CheckOutBody,
  DateString,
  Month,
  RecapSchema,
  TableFormatQuery,
  TeamDaySchema,
} from './workforce-schemas.js';

const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };
const IdParams = StrictObject({ id: Uuid });

export const attendanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['presensi'];
  /** The caller's own calendar day; national users count on WIB. */
  const todayOf = (wilayah: string | null) => workerClock(wilayah ?? '31', new Date()).tanggal;

  app.post(
    '/attendance/check-in',
    {
      schema: {
        tags,
        summary:
          'Check in for today (the device time of a queued check-in, within limits); far from the duty location or received late is flagged, not refused',
        body: CheckInBody,
        response: { 201: AttendanceSchema, ...writeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await checkIn(db(), actorOf(request), originOf(request), request.body, new Date())),
  );

  app.post(
    '/attendance/check-out',
    {
      schema: {
        tags,
        summary: 'Check out; 409 NOT_CHECKED_IN without a check-in today',
        body: CheckOutBody,
        response: { 200: AttendanceSchema, ...writeErrors },
      },
    },
    async (request) => checkOut(db(), actorOf(request), originOf(request), request.body, new Date()),
  );

  app.post(
    '/attendance/absence',
    {
      schema: {
        tags,
        summary: 'Ask for izin, sakit or cuti on a day (the koordinator approves)',
        body: AbsenceBody,
        response: { 201: AttendanceSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await requestAbsence(db(), actorOf(request), originOf(request), request.body, new Date())),
  );

  for (const [path, keputusan] of [
    ['approve', 'disetujui'],
    ['reject', 'ditolak'],
  ] as const) {
    app.post(
      `/attendance/:id/${path}`,
      {
        schema: {
          tags,
          summary: `${keputusan === 'disetujui' ? 'Approve' : 'Refuse'} an absence (koordinator of the area, never one’s own)`,
          params: IdParams,
          response: { 200: AttendanceSchema, ...writeErrors },
        },
      },
      async (request) => reviewAbsence(db(), actorOf(request), originOf(request), request.params.id, keputusan),
    );
  }

  app.get(
    '/attendance',
    {
      schema: {
        tags,
        summary: 'Attendance records in the caller’s scope (a pendamping: their own), newest day first',
        querystring: AttendanceQuery,
        response: { 200: Page(AttendanceSchema), ...authErrors },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, ...filters } = request.query;
      return listAttendance(db(), actorOf(request), { page, pageSize, ...filters });
    },
  );

  app.get(
    '/attendance/today',
    {
      schema: {
        tags,
        summary: 'The caller’s own presensi today (for the Presensi screen)',
        response: { 200: Type.Object({ tanggal: Type.String(), presensi: Type.Union([AttendanceSchema, Type.Null()]) }), ...authErrors },
      },
    },
    async (request) => myAttendanceToday(db(), actorOf(request), new Date()),
  );

  app.get(
    '/attendance/team',
    {
      schema: {
        tags,
        summary: 'Every pendamping of the area with their presensi of a day (list and map)',
        querystring: StrictObject({ tanggal: Type.Optional(DateString), wilayah: Type.Optional(WilayahCode) }),
        response: { 200: Type.Object({ tanggal: Type.String(), items: Type.Array(TeamDaySchema) }), ...authErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const tanggal = request.query.tanggal ?? todayOf(actor.wilayah);
      return { tanggal, items: await teamDay(db(), actor, tanggal, request.query.wilayah) };
    },
  );

  app.get(
    '/attendance/recap',
    {
      schema: {
        tags,
        summary: 'Monthly recap per pendamping (days present, late, absent), as JSON, CSV or XLSX',
        querystring: StrictObject({ bulan: Month, wilayah: Type.Optional(WilayahCode), format: Type.Optional(TableFormatQuery) }),
        response: {
          200: Type.Union([
            Type.Object({ bulan: Type.String(), items: Type.Array(RecapSchema) }),
            Type.Unsafe({ type: 'string', format: 'binary' }),
          ]),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { bulan, wilayah, format = 'json' } = request.query;
      const items = await attendanceRecap(await readerFor(request), actor, bulan, wilayah, todayOf(actor.wilayah));
      if (format === 'json') return { bulan, items };
      const file = await tableFile(format, `Rekap presensi ${bulan}`, RECAP_HEADER, items.map(recapCells));
      return reply
        .header('content-type', CONTENT_TYPE[format])
        .header('content-disposition', `attachment; filename="rekap-presensi-${wilayah ?? actor.wilayah ?? 'nasional'}-${bulan}.${format}"`)
        .send(file);
    },
  );
};
