import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { DB } from '../src/db/schema.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let admin: Session; // national
let pendamping: Session; // Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let jakartaKoor: Session; // DKI Jakarta
let jakarta: Session; // pendamping Jakarta Pusat
let beneficiaryId: string;
let caseId: string;
let activityId: string;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const JPEG_BYTES = [
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Table = keyof DB;
async function count(table: Table): Promise<number> {
  const row = await ctx.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
/** Row counts of the tables a hostile request could write to; equal before and after means nothing changed. */
async function snapshot(): Promise<Record<string, number>> {
  const tables: Table[] = [
    'beneficiaries',
    'cases',
    'activities',
    'evidence_photos',
    'import_reports',
    'audit_events',
    'login_throttle',
    'attendance',
    'users',
  ];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));
}

beforeAll(async () => {
  ctx = await createTestApp();
  [admin, pendamping, koordinator, jakartaKoor, jakarta] = await Promise.all([
    signIn(ctx, 'admin', null),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'pendamping', '31.71'),
  ]);
  const person = await pendamping.request({
    method: 'POST',
    url: '/api/v1/beneficiaries',
    payload: { nik: '3510010503800001', nama: 'Budi Santoso', jenisKelamin: 'L', tanggalLahir: '1980-03-05', kodeDesa: '35.10.01.2001' },
  });
  expect(person.statusCode, person.body).toBe(201);
  beneficiaryId = person.json().id;
  const kase = await pendamping.request({ method: 'POST', url: '/api/v1/cases', payload: { beneficiaryId, ppks: '24' } });
  expect(kase.statusCode, kase.body).toBe(201);
  caseId = kase.json().id;
  const activity = await pendamping.request({
    method: 'POST',
    url: '/api/v1/activities',
    payload: { tanggal: today(), jenis: 'kunjungan_rumah', durasiMenit: 60 },
  });
  expect(activity.statusCode, activity.body).toBe(201);
  activityId = activity.json().id;
  const checkIn = await pendamping.request({
    method: 'POST',
    url: '/api/v1/attendance/check-in',
    payload: { lat: -8.2, lng: 114.3, accuracy: 9 },
  });
  expect(checkIn.statusCode, checkIn.body).toBe(201);
});
afterAll(() => ctx.close());

const json = (s: Session, method: InjectOptions['method'], url: string, payload: unknown) =>
  s.request({ method, url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });

describe('a NUL byte is refused before it reaches the database', () => {
  it('in a JSON text field, a nested one, a query value or the login name: 400 VALIDATION_FAILED naming the field, nothing stored', async () => {
    const before = await snapshot();
    const person = await json(pendamping, 'POST', '/api/v1/beneficiaries', {
      nik: '3510010503800002',
      nama: 'Budi\u0000Santoso',
      jenisKelamin: 'L',
      tanggalLahir: '1980-03-05',
      kodeDesa: '35.10.01.2001',
    });
    expect(person.statusCode, person.body).toBe(400);
    expect(person.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('tidak sesuai format'),
      details: [{ path: 'body/nama' }],
    });

    const nested = await json(pendamping, 'POST', `/api/v1/cases/${caseId}/assessments`, {
      data: { riwayat: [{ catatan: 'ok' }, { catatan: 'a\u0000' }] },
    });
    expect(nested.statusCode, nested.body).toBe(400);
    expect(nested.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body/data/riwayat/1/catatan' }] });

    const key = await json(pendamping, 'POST', `/api/v1/cases/${caseId}/assessments`, { data: { 'kunci\u0000': 'x' } });
    expect(key.statusCode, key.body).toBe(400);

    for (const url of ['/api/v1/beneficiaries?q=Budi%00', '/api/v1/cases?q=%00', '/api/v1/lembaga?q=a%00b', '/api/v1/users?q=%00']) {
      const response = await admin.request({ method: 'GET', url });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: expect.stringMatching(/^querystring\//) }],
      });
    }
    const param = await admin.request({ method: 'GET', url: '/api/v1/wilayah/35%00' });
    expect(param.statusCode, param.body).toBe(400);

    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: `${pendamping.user.username}\u0000`, password: 'apa saja' },
    });
    expect(login.statusCode, login.body).toBe(400);
    expect(login.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body/username' }] });
    const english = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: '\u0000', password: 'x' },
    });
    expect(english.json().error.message).toMatch(/expected format/);

    expect(await snapshot()).toEqual(before);
  });
});

describe('integers beyond the integer range', () => {
  it('page, pageSize, year and body integers past the 32-bit range answer 400 VALIDATION_FAILED', async () => {
    const before = await snapshot();
    for (const url of [
      '/api/v1/beneficiaries?page=99999999999999999999',
      '/api/v1/beneficiaries?page=2147483648',
      '/api/v1/cases?page=1e21',
      '/api/v1/users?pageSize=99999999999999999999',
      '/api/v1/audit-events?page=-99999999999999999999',
      `/api/v1/performance/${pendamping.user.id}?year=99999999999999999999`,
    ]) {
      const response = await admin.request({ method: 'GET', url });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    // The largest page is still a page (an empty one).
    const last = await admin.request({ method: 'GET', url: '/api/v1/beneficiaries?page=2147483647' });
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().items).toEqual([]);

    const version = await json(pendamping, 'PATCH', `/api/v1/cases/${caseId}`, { version: 1e20, ringkasan: 'diubah' });
    expect(version.statusCode, version.body).toBe(400);
    expect(version.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body/version' }] });
    const kase = (await pendamping.request({ method: 'GET', url: `/api/v1/cases/${caseId}` })).json();
    expect(kase.ringkasan ?? null).toBeNull();
    expect(await snapshot()).toEqual(before);
  });
});

describe('uploads must be the declared binary type', () => {
  it('a JSON body (a JPEG as a JSON array of bytes, an object) to the photo, selfie and import routes answers 415 UPLOAD_TYPE_REQUIRED, nothing stored', async () => {
    const before = await snapshot();
    const attempts: Array<[Session, string]> = [
      [pendamping, `/api/v1/activities/${activityId}/photos`],
      [pendamping, '/api/v1/attendance/selfie'],
      [pendamping, '/api/v1/imports/beneficiaries'],
      [admin, '/api/v1/imports/beneficiaries?dryRun=true'],
    ];
    for (const [session, url] of attempts) {
      for (const body of [JPEG_BYTES, { type: 'Buffer', data: JPEG_BYTES }, 'nik,nama']) {
        const response = await json(session, 'POST', url, body);
        expect(response.statusCode, `${url}: ${response.body}`).toBe(415);
        expect(response.json().error).toMatchObject({ code: 'UPLOAD_TYPE_REQUIRED', message: expect.stringContaining('bukan JSON') });
      }
      const bare = await session.request({ method: 'POST', url });
      expect(bare.statusCode, `${url} without a body: ${bare.body}`).toBeLessThan(500);
      expect(bare.statusCode).toBeGreaterThanOrEqual(400);
    }
    expect(await snapshot()).toEqual(before);
  });
});

/** A workbook whose cells (and rows) carry no `r=` reference, as some generators write them. */
async function xlsxWithoutReferences(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  sheet.addRow(['nik', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'kode_desa']);
  sheet.addRow(['3510010503800009', 'Siti Aminah', 'P', '1990-08-05', '35.10.01.2001']);
  const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  const name = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(name)!.async('string');
  const stripped = xml.replace(/<(c|row)\b([^>]*?)\sr="[^"]*"/g, '<$1$2');
  expect(stripped).not.toMatch(/<c [^>]*\br="/);
  zip.file(name, stripped);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('an unreadable workbook', () => {
  it('an XLSX whose cells lack r= answers 422 IMPORT_FILE_UNREADABLE and imports nothing', async () => {
    const file = await xlsxWithoutReferences();
    const before = await snapshot();
    for (const dryRun of [true, false]) {
      const response = await pendamping.request({
        method: 'POST',
        url: `/api/v1/imports/beneficiaries?dryRun=${dryRun}`,
        payload: file,
        headers: { 'content-type': XLSX_TYPE },
      });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().error).toMatchObject({
        code: 'IMPORT_FILE_UNREADABLE',
        message: 'Berkas tidak dapat dibaca sebagai CSV atau XLSX.',
      });
    }
    // Neither is a truncated ZIP nor one holding junk where the sheet should be.
    const junk = Buffer.concat([file.subarray(0, 200), Buffer.alloc(300, 7)]);
    const truncated = await pendamping.request({
      method: 'POST',
      url: '/api/v1/imports/beneficiaries',
      payload: junk,
      headers: { 'content-type': XLSX_TYPE },
    });
    expect(truncated.statusCode, truncated.body).toBe(422);
    expect(truncated.json().error.code).toBe('IMPORT_FILE_UNREADABLE');
    expect(await snapshot()).toEqual(before);
  });
});

describe('a unique violation', () => {
  it('answers 409 CONFLICT from the central handler, logged with the constraint but no personal data', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString('utf8')), done()) });
    // A second app over the same database, with a logger we read and one route that writes what
    // the database refuses, as two requests racing past a check would.
    const app: FastifyInstance = await buildApp({ database: ctx.database, config: loadConfig({}), logger: { level: 'info', stream } });
    app.post('/api/v1/test/duplicate-username', async () => {
      const values = {
        username: 'siti.rahmawati',
        password_hash: 'x',
        role: 'pendamping' as const,
        wilayah: '35.10',
        nama_lengkap: 'Siti Rahmawati',
      };
      await ctx.database.db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(values).execute();
        await trx
          .insertInto('users')
          .values({ ...values, username: 'SITI.RAHMAWATI' })
          .execute();
      });
      return { ok: true };
    });
    await app.ready();
    const before = await snapshot();
    try {
      const response = await app.inject({ method: 'POST', url: '/api/v1/test/duplicate-username' });
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json()).toEqual({ error: { code: 'CONFLICT', message: 'Data bertentangan dengan data yang ada.' } });
      const log = lines.join('');
      expect(log).toContain('users_username_idx');
      expect(log.toLowerCase()).not.toContain('siti');
      expect(log).not.toContain('Key (');
      expect(await snapshot()).toEqual(before);
    } finally {
      await app.close();
    }
  });

  it('two admins setting the same stage target at once: each answers 200 or 409, one row is kept', async () => {
    const body = { tahapan: 'asesmen', ppks: '07', hari: 10 };
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => json(admin, 'PUT', '/api/v1/tahapan-targets', { ...body, hari: 10 + i })),
    );
    for (const r of responses) expect([200, 409], r.body).toContain(r.statusCode);
    expect(responses.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'CONFLICT')).toBe(true);
    const rows = await ctx.database.db
      .selectFrom('tahapan_target')
      .selectAll()
      .where('tahapan', '=', 'asesmen')
      .where('ppks', '=', '07')
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('sub-resources of an out-of-scope parent', () => {
  it('GET /activities/{id}/photos of another province (or a colleague’s entry) answers 404 like the entry itself', async () => {
    for (const s of [jakartaKoor, jakarta]) {
      expect((await s.request({ method: 'GET', url: `/api/v1/activities/${activityId}` })).statusCode).toBe(404);
      const photos = await s.request({ method: 'GET', url: `/api/v1/activities/${activityId}/photos` });
      expect(photos.statusCode, photos.body).toBe(404);
      expect(photos.json().error.code).toBe('NOT_FOUND');
    }
    expect((await pendamping.request({ method: 'GET', url: `/api/v1/activities/${activityId}/photos` })).statusCode).toBe(200);
    expect((await koordinator.request({ method: 'GET', url: `/api/v1/activities/${activityId}/photos` })).statusCode).toBe(200);
    expect((await pendamping.request({ method: 'GET', url: `/api/v1/activities/${randomUUID()}/photos` })).statusCode).toBe(404);
  });

  it('every GET /x/{id}/y answers what its parent /x/{id} answers to another province', async () => {
    const doc = (await admin.request({ method: 'GET', url: '/api/v1/openapi.json' })).json() as OpenApi;
    const month = new Date(Date.now() - 35 * 86_400_000).toISOString().slice(0, 7);
    const report = await json(koordinator, 'POST', '/api/v1/reports', { bulan: month, format: 'xlsx' });
    expect(report.statusCode, report.body).toBeLessThan(300);
    const ids: Record<string, string> = {
      cases: caseId,
      beneficiaries: beneficiaryId,
      activities: activityId,
      performance: pendamping.user.id,
      pendamping: pendamping.user.id,
      users: pendamping.user.id,
      reports: report.json().id,
    };
    const mismatches: string[] = [];
    let checked = 0;
    for (const path of Object.keys(doc.paths)) {
      const m = /^\/api\/v1\/([a-z-]+)\/\{(id|userId)\}(\/.+)$/.exec(path);
      if (!m || !doc.paths[path]!.get || !ids[m[1]!]) continue;
      const parent = `/api/v1/${m[1]}/${ids[m[1]!]}`;
      const url = path.replace(/\{(id|userId)\}/, ids[m[1]!]!);
      for (const s of [jakartaKoor, jakarta]) {
        const own = await s.request({ method: 'GET', url: parent });
        const sub = await s.request({ method: 'GET', url });
        checked += 1;
        const expected = own.statusCode === 200 || own.statusCode === 404 ? 404 : own.statusCode;
        if (sub.statusCode !== expected && !(own.statusCode === 404 && sub.statusCode === 403))
          mismatches.push(`${s.user.role} ${url}: ${sub.statusCode} (parent ${own.statusCode})`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The generic suite: every route of the OpenAPI document, hostile input, never a 5xx.

interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}
interface Parameter {
  in: 'query' | 'path';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

const PATTERN_SAMPLES: Record<string, string> = {
  '^[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?$': '35.10',
  '^(0[1-9]|1[0-9]|2[0-6])$': '24',
  '^[0-9]{16}$': '3510010503800001',
  '^[0-9]{2}$': '35',
  '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$': 'pengguna.uji',
  '^\\d{4}-(0[1-9]|1[0-2])$': today().slice(0, 7),
};

/** A value the schema accepts, so that one hostile change reaches past validation. */
function sample(schema: JsonSchema): unknown {
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]!);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date') return today();
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.pattern) return PATTERN_SAMPLES[schema.pattern] ?? 'x';
      return 'teks uji'.padEnd(schema.minLength ?? 0, '.').slice(0, schema.maxLength ?? 1000);
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? Infinity);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => sample(schema.items ?? {}));
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s)]));
    default:
      return 'x';
  }
}

type Leaf = { path: Array<string | number>; value: unknown };
function leaves(value: unknown, path: Array<string | number> = []): Leaf[] {
  if (Array.isArray(value)) return [{ path, value }, ...value.flatMap((v, i) => leaves(v, [...path, i]))];
  if (value && typeof value === 'object') return [{ path, value }, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))];
  return [{ path, value }];
}
function replaced(root: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}
function deep(levels: number, leaf: unknown = 'x'): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

interface Probe {
  label: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** Sent without the session cookie (or with the given one instead). */
  cookie?: string;
  /** Refused before any handler (parser, schema, session), so one role is enough. */
  once?: boolean;
}

const NUMBER_HOSTILES = [1e20, -1, 1.5, 2 ** 31];
const QUERY_HOSTILES = ['a\u0000b', '99999999999999999999', '-1', '1.5', '1e400', "' or 1=1 --", 'x'.repeat(10_000), '\uD800'];
const PATH_HOSTILES = [
  'bukan-uuid',
  'a%00b',
  '00000000-0000-0000-0000-000000000000',
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(4000),
  '99999999999999999999',
  '%C0%AF',
];
const HEADER_HOSTILES: Array<[string, Record<string, string>]> = [
  [
    'garbage Accept-Language, request id, forwarding and accept',
    {
      'accept-language': 'en;q=abc, *;q=NaN, ;;;, id-ID;q=-1, \u00ff;q=1e999, ' + 'x'.repeat(8000),
      'x-request-id': '../../\u00e9',
      'x-forwarded-for': 'bukan-ip, 999.999.1.1',
      forwarded: 'for=";',
      accept: 'application/xml;q=0.9, */*;q=abc',
    },
  ],
];
const UPLOAD_BODIES: Array<[string, string, string | Buffer]> = [
  ['JPEG as a JSON array', 'application/json', JSON.stringify(JPEG_BYTES)],
  ['JSON object', 'application/json', JSON.stringify({ data: JPEG_BYTES })],
  ['JPEG magic, then junk', 'image/jpeg', Buffer.from([...JPEG_BYTES.slice(0, 4), 1, 2, 3])],
  ['PNG type, empty', 'image/png', Buffer.alloc(0)],
  ['octet junk', 'application/octet-stream', Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2])],
  ['ZIP magic, then junk', XLSX_TYPE, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(600, 0x41)])],
  ['CSV with NUL', 'text/csv', 'nik,nama,jenis_kelamin,tanggal_lahir,kode_desa\n3510010503800001,Bu\u0000di,L,1980-03-05,35.10.01.2001\n'],
  ['CSV of header only with odd bytes', 'text/csv', '\uFEFFnik;nama;jenis_kelamin;tanggal_lahir;kode_desa;\uD800\n'],
  ['PDF magic', 'application/pdf', Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n', 'latin1')],
];

function probesFor(method: string, path: string, op: Operation, realIds: boolean): Probe[] {
  const probes: Probe[] = [];
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const idFor = (name: string): string => {
    if (!realIds || method === 'DELETE') return randomUUID();
    const resource = /^\/api\/v1\/([a-z-]+)\//.exec(path)?.[1];
    if (name === 'code') return '35';
    if (name === 'userId') return pendamping.user.id;
    return (
      ({ cases: caseId, beneficiaries: beneficiaryId, activities: activityId } as Record<string, string>)[resource ?? ''] ?? randomUUID()
    );
  };
  const urlWith = (overrides: Record<string, string> = {}, query?: URLSearchParams): string => {
    let url = path;
    for (const p of pathParams) url = url.replace(`{${p.name}}`, overrides[p.name] ?? (p.name === 'code' ? '35' : idFor(p.name)));
    const qs = query?.toString();
    return qs ? `${url}?${qs}` : url;
  };
  const requiredQuery = () =>
    new URLSearchParams(queryParams.filter((p) => p.required).map((p): [string, string] => [p.name, String(sample(p.schema))]));

  // Path parameters that are not UUIDs, or UUIDs of nothing.
  for (const p of pathParams)
    for (const v of PATH_HOSTILES)
      probes.push({
        label: `path ${p.name}=${v.slice(0, 20)}`,
        method,
        url: urlWith({ [p.name]: v }, requiredQuery()),
        once: !v.startsWith('0000'),
      });
  // Every query parameter with every hostile value, alone and repeated.
  for (const p of queryParams) {
    for (const v of QUERY_HOSTILES) {
      const q = requiredQuery();
      q.set(p.name, v);
      probes.push({ label: `query ${p.name}=${JSON.stringify(v.slice(0, 20))}`, method, url: urlWith({}, q) });
    }
    const repeated = requiredQuery();
    repeated.append(p.name, String(sample(p.schema)));
    repeated.append(p.name, 'b');
    probes.push({ label: `query ${p.name} twice`, method, url: urlWith({}, repeated) });
  }
  const all = new URLSearchParams(queryParams.map((p): [string, string] => [p.name, String(sample(p.schema))]));
  probes.push({ label: 'every query parameter', method, url: urlWith({}, all) });
  // Headers.
  for (const [label, headers] of HEADER_HOSTILES) probes.push({ label, method, url: urlWith({}, requiredQuery()), headers });
  probes.push({ label: 'huge cookie', method, url: urlWith({}, requiredQuery()), headers: { cookie: `x=${'y'.repeat(60_000)}` } });
  probes.push({
    label: 'garbage session',
    method,
    url: urlWith({}, requiredQuery()),
    cookie: `tuntas_sid=%00${'z'.repeat(5000)}; tuntas_sid=%E0%A4%A`,
    once: true,
  });

  if (method === 'GET' || method === 'DELETE') return probes;
  const url = urlWith({}, requiredQuery());
  const schema = op.requestBody?.content['application/json']?.schema;
  const send = (label: string, payload: string | Buffer, type?: string, once = false): void => {
    probes.push({ label, method, url, payload, once, ...(type ? { headers: { 'content-type': type } } : {}) });
  };
  // Malformed or wrongly typed bodies, whatever the route expects.
  send('malformed JSON', '{"a":', 'application/json', true);
  send('JSON null', 'null', 'application/json');
  send('JSON huge number', '1e999', 'application/json');
  send('empty JSON', '', 'application/json', true);
  send('proto pollution', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', 'application/json', true);
  send('JSON in latin1', Buffer.from('{"nama":"\u00e9"}', 'latin1'), 'application/json; charset=latin1');
  send('text/plain', 'a=b', 'text/plain', true);
  send('form', 'a=b&c=d', 'application/x-www-form-urlencoded', true);
  send('multipart', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n', 'multipart/form-data; boundary=x', true);
  send('no content type', Buffer.from('{"a":1}'));
  send('deep nesting', JSON.stringify(deep(3000)), 'application/json');
  send('a 1 MB string', JSON.stringify({ x: 'x'.repeat(1024 * 1024) }), 'application/json', true);
  if (!schema) {
    for (const [label, type, body] of UPLOAD_BODIES) send(`upload: ${label}`, body, type);
    return probes;
  }
  const base = sample(schema);
  send('a valid-looking body', JSON.stringify(base), 'application/json');
  send('an array instead of the object', JSON.stringify([base]), 'application/json');
  const fields = leaves(base);
  const strings = fields.filter((f) => typeof f.value === 'string');
  for (const f of strings) send(`NUL in ${f.path.join('.')}`, JSON.stringify(replaced(base, f.path, `a${'\u0000'}b`)), 'application/json');
  let broken = base;
  for (const f of strings) broken = replaced(broken, f.path, '\uD800x');
  send('a lone surrogate in every string', JSON.stringify(broken), 'application/json');
  send('many keys', JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]))), 'application/json');
  // Every string long at once, the whole body just under the limit.
  let long = base;
  for (const f of strings) long = replaced(long, f.path, 'x'.repeat(Math.floor(900_000 / Math.max(strings.length, 1))));
  send('every string long', JSON.stringify(long), 'application/json');
  for (const f of fields.filter((l) => typeof l.value === 'number')) {
    for (const n of NUMBER_HOSTILES) send(`${f.path.join('.')}=${n}`, JSON.stringify(replaced(base, f.path, n)), 'application/json');
  }
  for (const f of fields.filter((l) => l.path.length > 0 && l.value !== null && typeof l.value === 'object')) {
    const isArray = Array.isArray(f.value);
    send(
      `${f.path.join('.')} as ${isArray ? 'an object' : 'an array'}`,
      JSON.stringify(replaced(base, f.path, isArray ? { 0: 'x' } : ['x'])),
      'application/json',
    );
    send(`${f.path.join('.')} nested deep`, JSON.stringify(replaced(base, f.path, deep(2000))), 'application/json');
  }
  return probes;
}

async function run(app: FastifyInstance, session: Session, probe: Probe): Promise<LightMyRequestResponse | Error> {
  const cookie = probe.cookie ?? [session.cookie, probe.headers?.cookie].filter(Boolean).join('; ');
  try {
    return await app.inject({
      method: probe.method as InjectOptions['method'],
      url: probe.url,
      headers: { ...probe.headers, cookie },
      ...(probe.payload !== undefined ? { payload: probe.payload } : {}),
    });
  } catch (error) {
    return error as Error;
  }
}

describe('hostile bodies, queries and headers on every route never answer 5xx', () => {
  it('as a national admin and as a pendamping, on every route and method of the OpenAPI document', async () => {
    const started = Date.now();
    const doc = (await admin.request({ method: 'GET', url: '/api/v1/openapi.json' })).json() as OpenApi;
    const failures: string[] = [];
    let sent = 0;
    for (const session of [admin, pendamping]) {
      const first = session === admin;
      const probes: Probe[] = [];
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [lower, op] of Object.entries(ops)) {
          const method = lower.toUpperCase();
          // Signing out would end the session the rest of the suite uses; it is probed without one.
          if (path === '/api/v1/auth/logout') {
            for (const p of probesFor(method, path, op, false)) probes.push({ ...p, cookie: p.cookie ?? 'tuntas_sid=bukan-sesi' });
            continue;
          }
          const hasIds = path.includes('{');
          probes.push(
            ...probesFor(method, path, op, false).filter((p) => !hasIds || p.payload === undefined),
            ...(hasIds ? probesFor(method, path, op, true).filter((p) => p.payload !== undefined || p.label.startsWith('query')) : []),
          );
        }
      }
      const mine = probes.filter((p) => first || !p.once);
      // A few at a time: the database serialises anyway, parsing overlaps.
      for (let i = 0; i < mine.length; i += 8) {
        const batch = mine.slice(i, i + 8);
        const responses = await Promise.all(batch.map((p) => run(ctx.app, session, p)));
        responses.forEach((r, j) => {
          const p = batch[j]!;
          const where = `${session.user.role} ${p.method} ${p.url.slice(0, 120)} [${p.label}]`;
          if (r instanceof Error) failures.push(`${where} → threw ${r.message}`);
          else if (r.statusCode >= 500) failures.push(`${where} → ${r.statusCode} ${r.body.slice(0, 200)}`);
        });
        sent += batch.length;
      }
      // The session is still alive (no probe signed it out or broke it).
      expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    }
    console.info(`hostile suite: ${sent} requests in ${Date.now() - started} ms`);
    expect(sent).toBeGreaterThan(3000);
    expect(failures, `${failures.length} responses were 5xx:\n${failures.join('\n')}`).toEqual([]);
  }, 180_000);
});
