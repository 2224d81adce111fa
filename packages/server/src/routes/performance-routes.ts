import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { PerformanceRecord } from '@tuntas/domain';
import { readerFor } from '../db/read-routing.js';
import { CONTENT_TYPE, tableFile, type Cell } from '../files/table-file.js';
import { actorOf, originOf } from '../http/context.js';
import { authErrors, ErrorResponse, StrictObject, Uuid, WilayahCode } from '../http/schemas.js';
import { performanceOf, teamPerformance, updatePlan } from '../workforce/performance-service.js';
import { getProfile, updateProfile } from '../workforce/profile-service.js';
import { rateBehaviour } from '../workforce/skp-behaviour-service.js';
import { skpSheet } from '../workforce/skp-sheet.js';
import {
  BehaviourBody,
  PeriodeParam,
  PerformanceSchema,
  PlanBody,
  ProfileBody,
  ProfileSchema,
  TableFormatQuery,
  Year,
} from './workforce-schemas.js';

const writeErrors = { ...authErrors, 409: ErrorResponse, 422: ErrorResponse };
const UserParams = StrictObject({ userId: Uuid });

/** One row per person and indicator: the layout a national performance system imports. */
const SKP_HEADER = [
  'NIP/Nama pengguna',
  'Nama',
  'Wilayah',
  'Tahun',
  'Indikator',
  'Satuan',
  'Target',
  'Realisasi',
  'Capaian (%)',
  'Kelompok',
  'Rating hasil kerja',
  'Rating perilaku',
  'Predikat',
];
const skpRows = (records: PerformanceRecord[]): Cell[][] =>
  records.flatMap((p) =>
    p.indikator.map((i) => [
      p.username,
      p.nama,
      p.wilayah,
      p.tahun,
      i.nama,
      i.satuan,
      i.target,
      i.realisasi,
      i.capaian,
      i.kelompok === 'disiplin' ? 'Disiplin (tidak dihitung)' : 'Hasil kerja',
      p.hasilKerja,
      p.perilaku,
      p.predikat,
    ]),
  );

export const performanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;
  const tags = ['kinerja'];
  const currentYear = () => new Date().getUTCFullYear();

  app.get(
    '/performance/:userId',
    {
      schema: {
        tags,
        summary: 'SKP of one worker for a year: targets, realisation computed from the work, ratings, predikat',
        params: UserParams,
        querystring: StrictObject({ year: Type.Optional(Year) }),
        response: { 200: PerformanceSchema, ...authErrors },
      },
    },
    async (request) => performanceOf(db(), actorOf(request), request.params.userId, request.query.year ?? currentYear(), new Date()),
  );

  app.get(
    '/performance/:userId/sheet.pdf',
    {
      schema: {
        tags,
        summary: 'The evaluation sheet (Dokumen Evaluasi Kinerja Pegawai) as PDF',
        params: UserParams,
        querystring: StrictObject({ year: Type.Optional(Year) }),
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...authErrors },
      },
    },
    async (request, reply) => {
      const year = request.query.year ?? currentYear();
      const pdf = await skpSheet(db(), actorOf(request), request.params.userId, year, new Date());
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="evaluasi-kinerja-${year}.pdf"`)
        .send(pdf);
    },
  );

  app.put(
    '/performance/:userId/plan',
    {
      schema: {
        tags,
        summary: 'Adjust targets and rate behaviour (koordinator of the area, never one’s own)',
        params: UserParams,
        querystring: StrictObject({ year: Type.Optional(Year) }),
        body: PlanBody,
        response: { 200: PerformanceSchema, ...writeErrors },
      },
    },
    async (request) =>
      updatePlan(
        db(),
        actorOf(request),
        originOf(request),
        request.params.userId,
        request.query.year ?? currentYear(),
        request.body,
        new Date(),
      ),
  );

  app.put(
    '/performance/:userId/behaviour/:periode',
    {
      schema: {
        tags,
        summary: 'Rate one period’s behaviour on the seven BerAKHLAK values (koordinator of the area, never one’s own)',
        params: StrictObject({ userId: Uuid, periode: PeriodeParam }),
        querystring: StrictObject({ year: Type.Optional(Year) }),
        body: BehaviourBody,
        response: { 200: PerformanceSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { userId, periode } = request.params;
      const year = request.query.year ?? currentYear();
      const actor = actorOf(request);
      await rateBehaviour(db(), actor, originOf(request), userId, year, periode, request.body, new Date());
      return performanceOf(db(), actor, userId, year, new Date());
    },
  );

  app.get(
    '/performance',
    {
      schema: {
        tags,
        summary: 'SKP of every pendamping in the area; CSV/XLSX for the national performance system',
        querystring: StrictObject({
          year: Type.Optional(Year),
          wilayah: Type.Optional(WilayahCode),
          format: Type.Optional(TableFormatQuery),
        }),
        response: {
          200: Type.Union([Type.Object({ items: Type.Array(PerformanceSchema) }), Type.Unsafe({ type: 'string', format: 'binary' })]),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { year = currentYear(), wilayah, format = 'json' } = request.query;
      const items = await teamPerformance(await readerFor(request), actor, year, wilayah, new Date());
      if (format === 'json') return { items };
      const file = await tableFile(format, `SKP ${year}`, SKP_HEADER, skpRows(items));
      return reply
        .header('content-type', CONTENT_TYPE[format])
        .header('content-disposition', `attachment; filename="skp-${wilayah ?? actor.wilayah ?? 'nasional'}-${year}.${format}"`)
        .send(file);
    },
  );

  app.get(
    '/pendamping/:userId/profile',
    {
      schema: {
        tags: ['pendamping'],
        summary: 'Profile: NIP (parsed), contract, supervisor, competencies, duty location, assignment history',
        params: UserParams,
        response: { 200: ProfileSchema, ...authErrors },
      },
    },
    async (request) => getProfile(db(), actorOf(request), request.params.userId, new Date()),
  );

  app.put(
    '/pendamping/:userId/profile',
    {
      schema: {
        tags: ['pendamping'],
        summary: 'Update the profile (koordinator or admin of the area)',
        params: UserParams,
        body: ProfileBody,
        response: { 200: ProfileSchema, ...writeErrors },
      },
    },
    async (request) => updateProfile(db(), actorOf(request), originOf(request), request.params.userId, request.body, new Date()),
  );
};
