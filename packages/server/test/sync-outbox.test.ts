import { randomUUID } from 'node:crypto';
import type { CaseRecord, OutboxBatchEntry, OutboxBatchResult } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildPerson, nikFor } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * POST /sync/outbox (issue 17): the device's queued writes in one request, each answered exactly
 * as its own route answers it, because each one is that route's request.
 */

let ctx: TestContext;
let owner: Session; // pendamping, Kab. Banyuwangi
let jakarta: Session; // pendamping, Kota Jakarta Pusat
let auditor: Session; // national, reads only

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, jakarta, auditor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'auditor', null),
  ]);
});
afterAll(() => ctx.close());

type Write = Pick<OutboxBatchEntry, 'method' | 'path' | 'body'>;
const entry = (w: Write): OutboxBatchEntry => ({ id: randomUUID(), actedAt: new Date().toISOString(), ...w });
const note = (caseId: string, uraian: string): Write => ({
  method: 'POST',
  path: `/cases/${caseId}/services`,
  body: { jenis: 'catatan', atensi: null, tanggal: today(), tempat: null, pelaksana: null, uraian },
});
const move = (kase: CaseRecord, version: number): Write => ({
  method: 'POST',
  path: `/cases/${kase.id}/transitions`,
  body: { to: 'asesmen', version },
});

const batch = async (s: Session, entries: OutboxBatchEntry[], headers: Record<string, string> = {}) => {
  const r = await s.request({ method: 'POST', url: '/api/v1/sync/outbox', payload: { entries }, headers });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { results: OutboxBatchResult[] }).results;
};
/** The same write sent alone, as the device did before batches (a key of its own). */
const single = async (s: Session, w: Write) => {
  const r = await s.request({ method: w.method, url: `/api/v1${w.path}`, payload: w.body, headers: { 'idempotency-key': randomUUID() } });
  return { status: r.statusCode, body: r.json() as unknown };
};
const notes = async (caseId: string) => {
  const rows = await ctx.database.db.selectFrom('case_services').select('uraian').where('case_id', '=', caseId).execute();
  return rows.map((r) => r.uraian).sort();
};
const codeOf = (r: OutboxBatchResult) => (r.body as { error?: { code: string } }).error?.code;

describe('POST /sync/outbox', () => {
  it('answers a mixed batch entry by entry as the single routes answer', async () => {
    const kase = await buildCase(owner);
    const personId = randomUUID();
    const caseId = randomUUID();
    const lahir = '1985-04-12';
    const writes: Write[] = [
      {
        method: 'POST',
        path: '/beneficiaries',
        body: {
          id: personId,
          nik: nikFor('35.10.01.2001', lahir, 'L', 9101),
          nama: 'Bambang Sutrisno',
          jenisKelamin: 'L',
          tanggalLahir: lahir,
          kodeDesa: '35.10.01.2001',
          kategoriPpks: null,
          noKk: null,
          alamat: 'Dusun Krajan RT 01 RW 02',
        },
      },
      { method: 'POST', path: '/cases', body: { id: caseId, beneficiaryId: personId, ppks: '24', ringkasan: 'Tanpa penghasilan tetap' } },
      note(kase.id, 'Kunjungan pertama ke rumah'),
      move(kase, kase.version + 7),
      { method: 'POST', path: `/cases/${randomUUID()}/services`, body: { jenis: 'catatan', tanggal: 'kemarin', uraian: 'x' } },
      { method: 'POST', path: '/users', body: { username: 'siluman', password: 'kata-sandi-panjang-1', role: 'admin' } },
      { method: 'POST', path: '/cases/../users', body: {} },
      { method: 'POST', path: '/sync/outbox', body: { entries: [] } },
    ];
    const results = await batch(owner, writes.map(entry));

    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 409, 400, 400, 400, 400]);
    expect(results.slice(5).map(codeOf)).toEqual(['OUTBOX_PATH_NOT_ALLOWED', 'OUTBOX_PATH_NOT_ALLOWED', 'OUTBOX_PATH_NOT_ALLOWED']);
    expect((results[5]!.body as { error: { message: string } }).error.message).toMatch(/antrean perangkat/);
    // What was written reads back as the batch answered it.
    const created = await owner.request({ method: 'GET', url: `/api/v1/cases/${caseId}` });
    expect(created.json()).toEqual(results[1]!.body);
    expect(await notes(kase.id)).toEqual(['Kunjungan pertama ke rumah']);
    // The refusals are the routes' own, body for body: the conflict with the current case, the field errors.
    expect(results[3]!.body).toEqual((await single(owner, move(kase, kase.version + 7))).body);
    expect((results[3]!.body as { error: { details: { current: CaseRecord } } }).error.details.current.id).toBe(kase.id);
    expect({ status: results[4]!.status, body: results[4]!.body }).toEqual(await single(owner, writes[4]!));
    // Accept-Language is the device's: English asked, English answered, per entry.
    const [english] = await batch(owner, [entry(move(kase, kase.version + 7))], { 'accept-language': 'en' });
    expect((english!.body as { error: { message: string } }).error.message).toMatch(/version|changed/i);
  });

  it('replaying the same batch changes nothing and answers the same; a write sent alone with its key is the same write', async () => {
    const kase = await buildCase(owner);
    const entries = [entry(note(kase.id, 'Catatan sekali saja')), entry(move(kase, kase.version))];
    const first = await batch(owner, entries);
    expect(first.map((r) => r.status)).toEqual([201, 200]);
    const again = await batch(owner, entries);
    expect(again).toEqual(first);
    expect(await notes(kase.id)).toEqual(['Catatan sekali saja']);
    const read = (await owner.request({ method: 'GET', url: `/api/v1/cases/${kase.id}` })).json() as CaseRecord;
    expect(read.version).toBe(kase.version + 1);
    // The device sent it alone, lost the answer, and replays it in a batch: still once.
    const alone = entry(note(kase.id, 'Terkirim sendiri dulu'));
    const sent = await owner.request({
      method: 'POST',
      url: `/api/v1${alone.path}`,
      payload: alone.body,
      headers: { 'idempotency-key': alone.id },
    });
    expect(sent.statusCode).toBe(201);
    const [replayed] = await batch(owner, [alone]);
    expect(replayed).toEqual({ id: alone.id, status: 201, body: sent.json() });
    expect(await notes(kase.id)).toEqual(['Catatan sekali saja', 'Terkirim sendiri dulu']);
    // The same key with another body is refused as on the route.
    const [reused] = await batch(owner, [{ ...alone, body: { ...alone.body, uraian: 'Isi lain' } }]);
    expect([reused!.status, codeOf(reused!)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('refuses another province’s record as the single route does, and applies the rest', async () => {
    const jatim = await buildCase(owner);
    const own = await buildCase(jakarta, { person: await buildPerson(jakarta, { kodeDesa: '31.71.01.1001' }) });
    const results = await batch(jakarta, [entry(note(jatim.id, 'Bukan kasus saya')), entry(note(own.id, 'Kasus saya sendiri'))]);
    expect(results.map((r) => r.status)).toEqual([404, 201]);
    expect({ status: results[0]!.status, body: results[0]!.body }).toEqual(await single(jakarta, note(jatim.id, 'Bukan kasus saya')));
    expect(await notes(jatim.id)).toEqual([]);
    expect(await notes(own.id)).toEqual(['Kasus saya sendiri']);
  });

  it('gives a role that may not write nothing more than the single routes give it', async () => {
    // Two records: on one, the second entry would only wait behind the first refusal.
    const [kase, other] = await Promise.all([buildCase(owner), buildCase(owner)]);
    const writes = [note(kase.id, 'Catatan auditor'), move(other, other.version)];
    const results = await batch(auditor, writes.map(entry));
    for (const [i, w] of writes.entries()) {
      expect(results[i]!.status).toBeGreaterThanOrEqual(400);
      expect({ status: results[i]!.status, body: results[i]!.body }).toEqual(await single(auditor, w));
    }
    expect(await notes(kase.id)).toEqual([]);
    const read = (await owner.request({ method: 'GET', url: `/api/v1/cases/${other.id}` })).json() as CaseRecord;
    expect([read.version, read.tahapan]).toEqual([other.version, other.tahapan]);
    // Without a session there is no batch at all.
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/sync/outbox',
      payload: { entries: [entry(note(kase.id, 'x'))] },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('does not run an entry after a failed entry on the same record; other records go on', async () => {
    const [a, b] = await Promise.all([buildCase(owner), buildCase(owner)]);
    const results = await batch(owner, [
      entry(move(a, a.version + 3)),
      entry(note(a.id, 'Dibuat di atas tahap yang ditolak')),
      entry(note(b.id, 'Kasus lain tetap jalan')),
      { ...entry(note(b.id, 'Menunggu hari yang sama')), records: ['hari:x'] },
      { ...entry({ method: 'POST', path: '/attendance/absence', body: { tanggal: 'bukan-tanggal' } }), records: ['hari:x'] },
      { ...entry(note(b.id, 'Sesudah izin yang gagal')), records: ['hari:x'] },
    ]);
    expect(results.map((r) => r.status)).toEqual([409, 424, 201, 201, 400, 424]);
    expect(codeOf(results[1]!)).toBe('OUTBOX_ENTRY_WAITING');
    expect((results[1]!.body as { error: { message: string } }).error.message).toMatch(/Belum dijalankan/);
    expect(await notes(a.id)).toEqual([]);
    expect(await notes(b.id)).toEqual(['Kasus lain tetap jalan', 'Menunggu hari yang sama']);
  });

  it('refuses a bad envelope with 400 and an Indonesian message, never a 500', async () => {
    const kase = await buildCase(owner);
    const one = entry(note(kase.id, 'Dua kali dalam satu kiriman'));
    const bad: unknown[] = [
      {},
      { entries: [] },
      { entries: Array.from({ length: 51 }, () => entry(note(kase.id, 'x'))) },
      { entries: [{ ...one, method: 'GET' }] },
      { entries: [{ ...one, body: 'teks' }] },
      { entries: [{ ...one, extra: true }] },
      { entries: [one, one] },
      { entries: 'semua' },
    ];
    for (const payload of bad) {
      const r = await owner.request({ method: 'POST', url: '/api/v1/sync/outbox', payload: payload as Record<string, unknown> });
      expect(r.statusCode, r.body).toBe(400);
      const error = (r.json() as { error: { code: string; message: string } }).error;
      expect(['VALIDATION_FAILED', 'OUTBOX_BATCH_INVALID']).toContain(error.code);
      expect(error.message).toMatch(/tidak|sesuai/);
    }
    expect(await notes(kase.id)).toEqual([]);
  });
});
