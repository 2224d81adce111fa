import { randomUUID } from 'node:crypto';
import { outboxRouteAllowed } from '@tuntas/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceCase, buildCase, buildPerson } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * The generic access suite of issue 16, driven by the OpenAPI document: for every route and
 * method, users of another province, roles that may not act and roles that may only see initials
 * get nothing more than they may — and nothing changes in the database.
 */

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: Array<{ in: string; name: string; schema?: Schema }>;
}
interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minLength?: number;
  minimum?: number;
  default?: unknown;
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

let ctx: TestContext;
let owner: Session; // pendamping, Kab. Banyuwangi: owns the records below
let koordinator: Session; // Jawa Timur
let colleague: Session; // another pendamping of Kab. Banyuwangi
let jakarta: Session; // pendamping, Kota Jakarta Pusat
let jakartaKoor: Session; // koordinator, DKI Jakarta
let direktorat: Session;
let auditor: Session;
let admin: Session;
let doc: OpenApi;
/** Record ids of Jawa Timur, by the first segment of the path they appear under. */
const ids: Record<string, string> = {};
/** Values that identify the protected child: none may reach a caller who may only see initials. */
let secrets: string[] = [];

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, koordinator, colleague, jakarta, jakartaKoor, direktorat, auditor, admin] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'auditor', null),
    signIn(ctx, 'admin', null),
  ]);
  const call = async (s: Session, method: string, url: string, payload?: unknown, headers?: Record<string, string>) => {
    const r = await s.request({
      method: method as 'POST',
      url: `/api/v1${url}`,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
      ...(headers ? { headers } : {}),
    });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const child = await buildPerson(owner, {
    nama: 'Anindya Kusumawardani',
    child: true,
    noKk: '3510010101209911',
    alamat: 'Gang Mawar Nomor Tujuh',
  });
  const kase = await advanceCase(
    owner,
    koordinator,
    await buildCase(owner, { person: child, ppks: '06', ringkasan: 'Anindya dianiaya paman kandungnya' }),
    'intervensi',
  );
  const consent = await call(owner, 'POST', `/beneficiaries/${child.id}/consents`, {
    tujuan: 'pendampingan',
    pemberiNama: 'Hartati Kusumawardani',
    hubungan: 'orang_tua',
    diberikanPada: '2026-10-01T08:00:00Z',
  });
  const attachment = await call(
    owner,
    'POST',
    `/cases/${kase.id}/attachments?nama=${encodeURIComponent('Visum Anindya.pdf')}`,
    Buffer.from('%PDF-1.4\n%%EOF\n'),
    { 'content-type': 'application/pdf' },
  );
  const lembaga = (await call(owner, 'GET', `/lembaga?wilayah=${kase.wilayah}`)) as Array<{ id: string }>;
  const referral = lembaga[0]
    ? await call(owner, 'POST', `/cases/${kase.id}/referrals`, {
        lembagaId: lembaga[0].id,
        layanan: 'Pemeriksaan psikologis',
        alasan: 'Trauma berat',
      })
    : null;
  const activity = await call(owner, 'POST', '/activities', {
    tanggal: today(),
    jenis: 'kunjungan_rumah',
    durasiMenit: 45,
    uraian: 'Kunjungan ke rumah Anindya',
  });
  // An upcoming Jawa Timur training (issue 22) with the owner invited: not completable yet.
  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const training = await call(direktorat, 'POST', '/trainings', {
    nama: 'Bimbingan teknis Banyuwangi',
    mulai: inAMonth,
    selesai: inAMonth,
    tempat: 'Aula Dinas Sosial, Banyuwangi',
    wilayah: '35.10',
    units: [{ nama: 'Manajemen kasus', jp: 8 }],
  });
  await call(direktorat, 'POST', `/trainings/${training.id}/participants`, { userId: owner.user.id });
  // A Jawa Timur disaster event (issue 18) in Kab. Banyuwangi with the protected child registered as affected (linked by NIK).
  const disaster = await call(direktorat, 'POST', '/disasters', {
    nama: 'Banjir Banyuwangi',
    jenis: 'banjir',
    mulai: today(),
    wilayah: ['35.10'],
  });
  const affected = await call(owner, 'POST', `/disasters/${disaster.id}/affected`, {
    nik: child.nik,
    nama: child.nama,
    jenisKelamin: child.jenisKelamin,
    tanggalLahir: child.tanggalLahir,
    kodeDesa: child.kodeDesa,
    kondisi: 'mengungsi',
    kelompokRentan: ['anak_tanpa_pendamping'],
  });
  // The child sought by her mother, and found at the shelter (linked to her affected record): both protected.
  const sought = await call(owner, 'POST', `/disasters/${disaster.id}/tracing`, {
    jenis: 'anak_terpisah',
    arah: 'dicari',
    nama: child.nama,
    jenisKelamin: child.jenisKelamin,
    tanggalLahir: child.tanggalLahir,
    tanggal: today(),
    tempat: 'Gang Mawar, dekat musala',
    pelapor: { nama: 'Hartati Kusumawardani', kontak: '081233344455', hubungan: 'orang_tua' },
  });
  await call(owner, 'POST', `/disasters/${disaster.id}/tracing`, {
    jenis: 'anak_tanpa_pendamping',
    arah: 'ditemukan',
    affectedId: affected.id,
    tanggal: today(),
  });
  Object.assign(ids, {
    tracing: sought.id,
    cases: kase.id,
    beneficiaries: child.id,
    consents: consent.id,
    attachments: attachment.id,
    activities: activity.id,
    performance: owner.user.id,
    pendamping: owner.user.id,
    users: owner.user.id,
    trainings: training.id,
    disasters: disaster.id,
    affected: affected.id,
    competencies: owner.user.id,
    ...(referral ? { referrals: referral.id } : {}),
  });
  secrets = [child.nama, child.nik!, '3510010101209911', 'Gang Mawar', 'Hartati', '081233344455', 'Visum Anindya', 'dianiaya paman'];
  doc = (await admin.request({ method: 'GET', url: '/api/v1/openapi.json' })).json() as OpenApi;
});
afterAll(() => ctx.close());

/** A value the schema accepts where that is easy to tell (so writes reach the handler's own checks). */
function sample(schema: Schema | undefined, key = ''): unknown {
  if (!schema) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0], key);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((k) => [k, sample(schema.properties?.[k], k)]));
    case 'array':
      return [sample(schema.items, key)];
    case 'integer':
    case 'number':
      return key === 'version' ? 1 : Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date') return today();
      if (schema.format === 'date-time') return new Date().toISOString();
      return 'Alasan yang cukup panjang untuk diterima'.slice(0, Math.max(schema.minLength ?? 0, 40));
    default:
      return undefined;
  }
}

interface Probe {
  method: string;
  path: string;
  url: (id: string | null) => string;
  payload: unknown;
}

/** Every operation; a path's ids are those of Jawa Timur's records (or a random one: nothing). */
function probes(): Probe[] {
  const out: Probe[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [lower, op] of Object.entries(ops)) {
      const method = lower.toUpperCase();
      if (path.endsWith('/auth/logout') || path.endsWith('/auth/login') || path.endsWith('/auth/password')) continue;
      const segment = /^\/api\/v1\/([a-z-]+)/.exec(path)?.[1] ?? '';
      const url = (id: string | null) =>
        path.replace(/\{(\w+)\}/g, (_m, name: string) => {
          // A word from a closed list (a test's pre/post, a format): its first value, so the probe
          // reaches the route's rules instead of stopping at the parameter's 400.
          const choices = op.parameters?.find((q) => q.in === 'path' && q.name === name)?.schema;
          const word = choices?.enum?.[0] ?? choices?.anyOf?.find((c) => c.const !== undefined)?.const;
          if (typeof word === 'string') return word;
          if (id === null) return randomUUID();
          if (name === 'consentId') return ids.consents!;
          if (name === 'affectedId') return ids.affected!;
          if (name === 'tracingId') return ids.tracing!;
          return ids[segment] ?? randomUUID();
        });
      const json = op.requestBody?.content?.['application/json']?.schema;
      out.push({ method, path, url, payload: method === 'GET' || method === 'DELETE' ? undefined : (sample(json) ?? {}) });
    }
  }
  return out;
}

const send = (s: Session, p: Probe, url: string) =>
  s.request({ method: p.method as 'GET', url, ...(p.payload !== undefined ? { payload: p.payload as Record<string, unknown> } : {}) });

/**
 * The same write through the device's batch (POST /sync/outbox), when the outbox may send it: the
 * status its entry answers, which must be the route's own; null for a write no batch takes.
 */
async function viaOutbox(s: Session, p: Probe, url: string): Promise<number | null> {
  const path = url.slice('/api/v1'.length);
  if (!outboxRouteAllowed(p.method, path)) return null;
  const entry = { id: randomUUID(), method: p.method, path, body: p.payload ?? {}, actedAt: new Date().toISOString() };
  const r = await s.request({ method: 'POST', url: '/api/v1/sync/outbox', payload: { entries: [entry] } });
  return r.statusCode === 200 ? (r.json() as { results: Array<{ status: number }> }).results[0]!.status : r.statusCode;
}

/** Every table but the ones a refused or read-only request legitimately writes (audit, sessions, throttle). */
async function fingerprint(): Promise<Record<string, string>> {
  // Refused attempts are audit events, and the chain head follows the trail: both may move. A refused
  // write sent with an Idempotency-Key (every batch entry) keeps its answer for replay.
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'
    and tablename not in ('audit_events', 'audit_chain_head', 'sessions', 'login_throttle', 'kysely_migration', 'kysely_migration_lock', 'identity_access', 'dashboard_snapshots', 'idempotency_keys')`.execute(
    ctx.database.db,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{
      h: string;
    }>`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${sql.table(name)} t`.execute(
      ctx.database.db,
    );
    out[name] = r.rows[0]!.h;
  }
  return out;
}

describe('every route, generically (OpenAPI)', () => {
  it('answers another province as it answers an id of nothing, never 2xx, and changes nothing', async () => {
    const before = await fingerprint();
    const failures: string[] = [];
    let checked = 0;
    for (const p of probes().filter((x) => x.path.includes('{'))) {
      for (const s of [jakarta, jakartaKoor]) {
        const real = await send(s, p, p.url('real'));
        const none = await send(s, p, p.url(null));
        checked += 1;
        if (real.statusCode < 300 || real.statusCode >= 500) failures.push(`${s.user.role}.31 ${p.method} ${p.path}: ${real.statusCode}`);
        else if (real.statusCode !== none.statusCode)
          failures.push(`${s.user.role}.31 ${p.method} ${p.path}: ${real.statusCode} for Jawa Timur's record, ${none.statusCode} for none`);
        const batched = await viaOutbox(s, p, p.url('real'));
        if (batched !== null && batched !== real.statusCode)
          failures.push(`${s.user.role}.31 ${p.method} ${p.path}: ${batched} in a batch, ${real.statusCode} alone`);
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('shows another province’s lists nothing of Jawa Timur’s records', async () => {
    const failures: string[] = [];
    const jatim = Object.values(ids);
    for (const p of probes().filter((x) => x.method === 'GET' && !x.path.includes('{'))) {
      for (const s of [jakarta, jakartaKoor]) {
        const r = await send(s, p, p.url(null));
        if (r.statusCode >= 500) failures.push(`${p.path}: ${r.statusCode}`);
        const leaked = [...jatim, ...secrets].filter((v) => r.body.includes(v) && v !== s.user.id);
        if (leaked.length) failures.push(`${s.user.role}.31 GET ${p.path} shows ${leaked.join(', ')}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('gives roles that may only see initials no identifying value of a protected child on any read', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const p of probes().filter((x) => x.method === 'GET')) {
      for (const s of [colleague, direktorat, auditor, admin]) {
        const r = await send(s, p, p.url('real'));
        checked += 1;
        if (r.statusCode >= 500) failures.push(`${s.user.role} ${p.path}: ${r.statusCode}`);
        const leaked = secrets.filter((v) => r.body.includes(v));
        if (leaked.length) failures.push(`${s.user.role} GET ${p.path} shows ${leaked.join(', ')}`);
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(failures, failures.join('\n')).toEqual([]);
    // The same reads give the owner and the koordinator the record: the probe can see a leak.
    expect((await owner.request({ method: 'GET', url: `/api/v1/beneficiaries/${ids.beneficiaries}` })).body).toContain(secrets[0]);
    expect((await koordinator.request({ method: 'GET', url: `/api/v1/cases/${ids.cases}/attachments` })).body).toContain('Visum Anindya');
    expect((await owner.request({ method: 'GET', url: `/api/v1/disasters/${ids.disasters}/affected` })).body).toContain(secrets[0]);
    expect(
      (await owner.request({ method: 'GET', url: `/api/v1/disasters/${ids.disasters}/tracing/${ids.tracing}/matches` })).body,
    ).toContain(secrets[0]);
  });

  it('refuses every write on the protected child’s records by roles that may not act, and changes nothing', async () => {
    const before = await fingerprint();
    const failures: string[] = [];
    // Break-glass is the auditor's one write; the others' own accounts and days are theirs to write.
    const writes = probes().filter((x) => x.method !== 'GET' && x.path.includes('{') && !x.path.endsWith('/identity-access'));
    let viaBatch = 0;
    for (const p of writes) {
      for (const s of [colleague, direktorat, auditor, admin]) {
        // Managing accounts and a worker's plan and profile is the admin's work, not a client's record.
        if (s === admin && /\/(users|performance|pendamping)\//.test(p.path)) continue;
        // Organising a training (inviting, checking in) is the national office's own work, not a client's record.
        if ((s === direktorat || s === admin) && /\/trainings\//.test(p.path)) continue;
        const r = await send(s, p, p.url('real'));
        if (r.statusCode < 300 || r.statusCode >= 500) failures.push(`${s.user.role} ${p.method} ${p.path}: ${r.statusCode}`);
        const batched = await viaOutbox(s, p, p.url('real'));
        if (batched !== null && batched !== r.statusCode)
          failures.push(`${s.user.role} ${p.method} ${p.path}: ${batched} in a batch, ${r.statusCode} alone`);
        if (batched !== null) viaBatch += 1;
      }
    }
    expect(writes.length).toBeGreaterThan(25);
    expect(viaBatch).toBeGreaterThan(20);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });
});
