import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ZonaWaktu } from '@tuntas/domain';
import { notFound } from '../http/app-error.js';
import { authErrors, StrictObject, WilayahCode } from '../http/schemas.js';

const Wilayah = Type.Object({
  kode: Type.String(),
  nama: Type.String(),
  tingkat: Type.Integer({ minimum: 1, maximum: 4, description: '1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan' }),
  induk: Type.Union([Type.String(), Type.Null()]),
  zonaWaktu: Type.Union([Type.Literal('WIB'), Type.Literal('WITA'), Type.Literal('WIT')]),
});

/** Reference data is public knowledge, so every signed-in user reads all of it, whatever the scope. */
export const wilayahRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const areas = () =>
    app.ctx.database.db
      .selectFrom('wilayah')
      .select(['kode', 'nama', 'tingkat', 'induk', 'zona_waktu as zonaWaktu'])
      .$narrowType<{ zonaWaktu: ZonaWaktu }>();

  app.get(
    '/wilayah/provinces',
    { schema: { tags: ['referensi'], summary: 'The 38 provinces', response: { 200: Type.Array(Wilayah), ...authErrors } } },
    async () => areas().where('tingkat', '=', 1).orderBy('kode').execute(),
  );

  app.get(
    '/wilayah/provinces/:code/regencies',
    {
      schema: {
        tags: ['referensi'],
        summary: 'Regencies and cities of a province',
        params: StrictObject({ code: Type.String({ pattern: '^[0-9]{2}$' }) }),
        response: { 200: Type.Array(Wilayah), ...authErrors },
      },
    },
    async (request) => {
      const rows = await areas().where('induk', '=', request.params.code).orderBy('kode').execute();
      if (rows.length === 0) throw notFound();
      return rows;
    },
  );

  app.get(
    '/wilayah/:code',
    {
      schema: {
        tags: ['referensi'],
        summary: 'One area with its direct children (regencies, districts or villages), for area pickers',
        params: StrictObject({ code: WilayahCode }),
        response: { 200: Type.Object({ wilayah: Wilayah, children: Type.Array(Wilayah) }), ...authErrors },
      },
    },
    async (request) => {
      const wilayah = await areas().where('kode', '=', request.params.code).executeTakeFirst();
      if (!wilayah) throw notFound();
      const children = await areas().where('induk', '=', wilayah.kode).orderBy('kode').execute();
      return { wilayah, children };
    },
  );
};
