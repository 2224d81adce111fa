import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as officialPpksNames } from '../src/db/migrations/0018-ppks-official-names.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  pendamping = await signIn(ctx, 'pendamping', '35.10');
});
afterAll(() => ctx.close());

describe('health', () => {
  it('names the database engine without a session', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: ctx.database.kind });
    expect(response.headers['x-request-id']).toBeTruthy();
  });
});

describe('reference data', () => {
  it('lists the 38 provinces with their time zones', async () => {
    const response = await pendamping.request({ method: 'GET', url: '/api/v1/wilayah/provinces' });
    expect(response.statusCode).toBe(200);
    const provinces = response.json() as Array<{ kode: string; nama: string; zonaWaktu: string }>;
    expect(provinces).toHaveLength(38);
    expect(provinces.find((p) => p.kode === '35')).toMatchObject({ nama: 'Jawa Timur', zonaWaktu: 'WIB' });
    expect(provinces.find((p) => p.kode === '73')?.zonaWaktu).toBe('WITA');
    expect(provinces.find((p) => p.kode === '94')?.zonaWaktu).toBe('WIT');
  });

  it('lists the 38 regencies and cities of Jawa Timur', async () => {
    const response = await pendamping.request({ method: 'GET', url: '/api/v1/wilayah/provinces/35/regencies' });
    expect(response.statusCode).toBe(200);
    const regencies = response.json() as Array<{ kode: string; nama: string }>;
    expect(regencies).toHaveLength(38);
    expect(regencies.find((r) => r.kode === '35.10')?.nama).toBe('Kabupaten Banyuwangi');
  });

  it('answers 404 for a province that does not exist and 400 for a malformed code', async () => {
    expect((await pendamping.request({ method: 'GET', url: '/api/v1/wilayah/provinces/99/regencies' })).statusCode).toBe(404);
    const bad = await pendamping.request({ method: 'GET', url: '/api/v1/wilayah/provinces/..%2F..%2Fetc/regencies' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('walks down to villages for area pickers', async () => {
    const district = await pendamping.request({ method: 'GET', url: '/api/v1/wilayah/35.10.01' });
    expect(district.statusCode).toBe(200);
    const body = district.json() as { wilayah: { tingkat: number }; children: Array<{ kode: string; tingkat: number }> };
    expect(body.wilayah.tingkat).toBe(3);
    expect(body.children.length).toBeGreaterThan(0);
    expect(body.children.every((v) => v.tingkat === 4 && v.kode.startsWith('35.10.01.'))).toBe(true);
  });

  it('names the PPKS officially (Telantar, Korban Perdagangan Orang), also in a database filled under the old names', async () => {
    // A database migrated before 0018 holds the old spelling; the migration corrects it in place.
    await ctx.database.db.updateTable('ppks').set({ nama: 'Korban Trafficking' }).where('kode', '=', '18').execute();
    await ctx.database.db.updateTable('ppks').set({ nama: 'Anak Terlantar' }).where('kode', '=', '02').execute();
    await officialPpksNames(ctx.database.db as unknown as Kysely<unknown>);
    const ppks = (await pendamping.request({ method: 'GET', url: '/api/v1/ppks' })).json() as Array<{ kode: string; nama: string }>;
    const nama = new Map(ppks.map((p) => [p.kode, p.nama]));
    expect([nama.get('01'), nama.get('02'), nama.get('08'), nama.get('18')]).toEqual([
      'Anak Balita Telantar',
      'Anak Telantar',
      'Lanjut Usia Telantar',
      'Korban Perdagangan Orang',
    ]);
    expect(ppks.filter((p) => /terlantar|trafficking/i.test(p.nama))).toEqual([]);
  });

  it('holds the 26 PPKS, 7 tahapan and 7 ATENSI services', async () => {
    const ppks = (await pendamping.request({ method: 'GET', url: '/api/v1/ppks' })).json() as Array<{
      kode: string;
      dataSpesifik: boolean;
    }>;
    expect(ppks.map((p) => p.kode)).toEqual(Array.from({ length: 26 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(ppks.find((p) => p.kode === '16')?.dataSpesifik).toBe(true);
    const tahapan = (await pendamping.request({ method: 'GET', url: '/api/v1/tahapan' })).json() as Array<{ kode: string }>;
    expect(tahapan.map((t) => t.kode)).toEqual([
      'pendekatan_awal',
      'asesmen',
      'rencana',
      'intervensi',
      'resosialisasi',
      'terminasi',
      'bimbingan_lanjut',
    ]);
    expect((await pendamping.request({ method: 'GET', url: '/api/v1/atensi-layanan' })).json()).toHaveLength(7);
  });
});

describe('OpenAPI document', () => {
  it('describes every API route with its responses', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, { responses: object }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    for (const expected of [
      'GET /api/v1/health',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'GET /api/v1/auth/me',
      'POST /api/v1/users',
      'GET /api/v1/users',
      'GET /api/v1/users/{id}',
      'PATCH /api/v1/users/{id}',
      'POST /api/v1/users/{id}/password',
      'GET /api/v1/wilayah/provinces',
      'GET /api/v1/wilayah/provinces/{code}/regencies',
      'GET /api/v1/wilayah/{code}',
      'GET /api/v1/ppks',
      'GET /api/v1/tahapan',
      'GET /api/v1/atensi-layanan',
      'GET /api/v1/audit-events',
      'GET /api/v1/cases',
      'POST /api/v1/cases',
      'GET /api/v1/cases/{id}',
      'PATCH /api/v1/cases/{id}',
      'POST /api/v1/cases/{id}/transitions',
      'GET /api/v1/cases/{id}/timeline',
      'GET /api/v1/dashboard/summary',
    ]) {
      expect(documented, expected).toContain(expected);
    }
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    }
  });
});

describe('without a session', () => {
  it.each([
    ['GET', '/api/v1/auth/me'],
    ['POST', '/api/v1/auth/logout'],
    ['GET', '/api/v1/users'],
    ['GET', '/api/v1/wilayah/provinces'],
    ['GET', '/api/v1/wilayah/provinces/35/regencies'],
    ['GET', '/api/v1/ppks'],
    ['GET', '/api/v1/audit-events'],
    ['GET', '/api/v1/cases'],
    ['GET', '/api/v1/dashboard/summary'],
  ] as const)('%s %s answers 401', async (method, url) => {
    const response = await ctx.app.inject({ method, url });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/tidak-ada' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'Alamat API tidak dikenal.' });
  });
});
