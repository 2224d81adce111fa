import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authErrors } from '../http/schemas.js';

const Ppks = Type.Object({
  kode: Type.String({ pattern: '^[0-9]{2}$' }),
  nama: Type.String(),
  singkatan: Type.String(),
  klasterAtensi: Type.String(),
  dataSpesifik: Type.Boolean({ description: 'Sensitive category: identity fields are restricted' }),
  catatan: Type.String(),
});
const Tahapan = Type.Object({ kode: Type.String(), urutan: Type.Integer(), nama: Type.String(), statusUtama: Type.String() });
const Atensi = Type.Object({ kode: Type.String(), nama: Type.String() });

export const referenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/ppks',
    { schema: { tags: ['referensi'], summary: 'The 26 PPKS categories', response: { 200: Type.Array(Ppks), ...authErrors } } },
    async () =>
      db()
        .selectFrom('ppks')
        .select(['kode', 'nama', 'singkatan', 'klaster_atensi as klasterAtensi', 'data_spesifik as dataSpesifik', 'catatan'])
        .orderBy('kode')
        .execute(),
  );

  app.get(
    '/tahapan',
    {
      schema: {
        tags: ['referensi'],
        summary: 'The seven stages of social rehabilitation',
        response: { 200: Type.Array(Tahapan), ...authErrors },
      },
    },
    async () => db().selectFrom('tahapan').select(['kode', 'urutan', 'nama', 'status_utama as statusUtama']).orderBy('urutan').execute(),
  );

  app.get(
    '/atensi-layanan',
    { schema: { tags: ['referensi'], summary: 'The seven ATENSI service forms', response: { 200: Type.Array(Atensi), ...authErrors } } },
    async () => db().selectFrom('atensi_layanan').select(['kode', 'nama']).orderBy('kode').execute(),
  );
};
