import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { servedOverview } from '../dashboard/overview-snapshots.js';
import { readerFor } from '../db/read-routing.js';
import { actorOf } from '../http/context.js';
import { authErrors, Nullable, StrictObject, WilayahCode } from '../http/schemas.js';
import { PpksCode } from './case-schemas.js';
import { caseloadLimits, settingsLimits } from '../cases/caseload-limits.js';
import { Month } from './workforce-schemas.js';

const Counts = {
  terdata: Type.Integer(),
  tertangani: Type.Integer(),
  terselesaikan: Type.Integer(),
  ditutup: Type.Integer(),
  total: Type.Integer(),
};

const OverviewSchema = Type.Object({
  wilayah: Nullable(Type.String()),
  nama: Type.String(),
  tingkatAnak: Nullable(Type.Union([Type.Literal('provinsi'), Type.Literal('kabupaten')])),
  funnel: Type.Object(Counts),
  tingkatPenyelesaian: Type.Number({ description: 'Terselesaikan over all cases, percent' }),
  tahapanAktif: Type.Record(Type.String(), Type.Integer()),
  anak: Type.Array(
    Type.Object({ kode: Type.String(), nama: Type.String(), ...Counts, tingkatPenyelesaian: Type.Number(), terlambat: Type.Integer() }),
  ),
  ppks: Type.Array(Type.Object({ kode: Type.String(), ...Counts, medianHari: Nullable(Type.Number()) })),
  tren: Type.Array(Type.Object({ bulan: Type.String(), dibuat: Type.Integer(), terselesaikan: Type.Integer(), ditutup: Type.Integer() })),
  medianHari: Nullable(Type.Number({ description: 'Median days from opening to verified resolution, within the period' })),
  backlog: Type.Array(Type.Object({ umur: Type.String(), aktif: Type.Integer(), terlambat: Type.Integer() })),
  terlambat: Type.Integer(),
  backlogDiperbarui: Nullable(Type.String({ format: 'date-time' })),
  bebanKasus: Type.Object({
    pendamping: Type.Integer(),
    rataRata: Type.Number(),
    diAtasRekomendasi: Type.Integer(),
    diAtasMaksimum: Type.Integer(),
    rekomendasi: Type.Integer(),
    maksimum: Type.Integer(),
  }),
  tenagaKerja: Type.Object({ tingkatKehadiranBulanIni: Nullable(Type.Number()), kegiatanMenunggu: Type.Integer() }),
  rujukan: Type.Object(
    { menunggu: Type.Integer(), terlambat: Type.Integer() },
    { description: 'Referrals waiting for an institution’s answer; those past their agreed days' },
  ),
});

export const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/dashboard/overview',
    {
      schema: {
        tags: ['dasbor'],
        summary: 'One level of the dashboard (national, province, regency) from summary tables; served by the read replica when configured',
        querystring: StrictObject({
          wilayah: Type.Optional(WilayahCode),
          ppks: Type.Optional(PpksCode),
          dari: Type.Optional(Month),
          sampai: Type.Optional(Month),
        }),
        response: { 200: OverviewSchema, ...authErrors },
      },
    },
    async (request) =>
      servedOverview(
        await readerFor(request),
        actorOf(request),
        request.query,
        await caseloadLimits(app.ctx.database.db, settingsLimits(app.ctx.config)),
        new Date(),
      ),
  );
};
