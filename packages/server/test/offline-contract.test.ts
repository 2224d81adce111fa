import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneIdempotencyKeys } from '../src/http/idempotency.js';
import { syncChanges } from '../src/sync/sync-changes.js';
import { advanceCase, buildCase, buildPerson, nikFor } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * The server side of issue 17's contract: Idempotency-Key on every write, client-generated ids,
 * the current record in a VERSION_CONFLICT, and the delta pull GET /sync/changes.
 */

let ctx: TestContext;
let owner: Session; // pendamping, Kab. Banyuwangi
let colleague: Session; // another pendamping of Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let jakarta: Session; // pendamping, Kota Jakarta Pusat
let jakartaKoor: Session; // koordinator, DKI Jakarta
let direktorat: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, colleague, koordinator, jakarta, jakartaKoor, direktorat] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'direktorat', null),
  ]);
});
afterAll(() => ctx.close());

const JAKARTA_VILLAGE = '31.71.01.1001';
let serial = 0;
/** The body of a new adult in Kab. Banyuwangi, with a NIK nobody else has. */
function personBody(nama: string, extra: Record<string, unknown> = {}, kodeDesa = '35.10.01.2001') {
  serial += 1;
  const tanggalLahir = `1985-04-${String(1 + (serial % 28)).padStart(2, '0')}`;
  return { nik: nikFor(kodeDesa, tanggalLahir, 'L', 8000 + serial), nama, jenisKelamin: 'L', tanggalLahir, kodeDesa, ...extra };
}

const withKey = (s: Session, key: string, options: InjectOptions) =>
  s.request({ ...options, headers: { ...options.headers, 'idempotency-key': key } });

async function count(
  table: 'beneficiaries' | 'cases' | 'case_attachments' | 'import_reports',
  where: { column: string; value: string },
): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(where.column)} = ${where.value}`.execute(ctx.database.db);
  return rows[0]!.n;
}

describe('Idempotency-Key', () => {
  it('a write replayed with the same key creates one record and answers the same status and body', async () => {
    const key = randomUUID();
    const body = personBody('Replay Satu Kali');
    const first = await withKey(owner, key, { method: 'POST', url: '/api/v1/beneficiaries', payload: body });
    expect(first.statusCode, first.body).toBe(201);
    const again = await withKey(owner, key, { method: 'POST', url: '/api/v1/beneficiaries', payload: body });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count('beneficiaries', { column: 'nama', value: 'Replay Satu Kali' })).toBe(1);

    // A versioned edit replayed answers its first answer, not a conflict with itself.
    const kase = await buildCase(owner);
    const patchKey = randomUUID();
    const patch = {
      method: 'PATCH' as const,
      url: `/api/v1/cases/${kase.id}`,
      payload: { version: kase.version, ringkasan: 'Diubah sekali' },
    };
    const edited = await withKey(owner, patchKey, patch);
    expect(edited.statusCode, edited.body).toBe(200);
    const replayed = await withKey(owner, patchKey, patch);
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json()).toEqual(edited.json());
    const now = (await owner.request({ method: 'GET', url: `/api/v1/cases/${kase.id}` })).json();
    expect(now.version).toBe(kase.version + 1);
  });

  it('keeps a refusal (4xx) too: the replay answers the same refusal without running again', async () => {
    const key = randomUUID();
    const body = personBody('Tanpa Desa', { kodeDesa: '99.99.99.9999' });
    const first = await withKey(owner, key, { method: 'POST', url: '/api/v1/beneficiaries', payload: body });
    expect(first.statusCode).toBeGreaterThanOrEqual(400);
    expect(first.statusCode).toBeLessThan(500);
    const again = await withKey(owner, key, { method: 'POST', url: '/api/v1/beneficiaries', payload: body });
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('a write with no body (a DELETE) replays too, hashed by method and path alone', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const draft = await owner.request({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { tanggal: today, jenis: 'kunjungan_rumah', durasiMenit: 30 },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const key = randomUUID();
    const first = await withKey(owner, key, { method: 'DELETE', url: `/api/v1/activities/${draft.json().id}` });
    expect(first.statusCode).toBe(204);
    const again = await withKey(owner, key, { method: 'DELETE', url: `/api/v1/activities/${draft.json().id}` });
    expect(again.statusCode).toBe(204);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('the same key with another body, method or path answers 422 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const key = randomUUID();
    const first = await withKey(owner, key, { method: 'POST', url: '/api/v1/beneficiaries', payload: personBody('Kunci Dipakai') });
    expect(first.statusCode, first.body).toBe(201);
    const other = await withKey(owner, key, { method: 'POST', url: '/api/v1/beneficiaries', payload: personBody('Kunci Dipakai Lagi') });
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('beneficiaries', { column: 'nama', value: 'Kunci Dipakai Lagi' })).toBe(0);
    const otherPath = await withKey(owner, key, {
      method: 'PATCH',
      url: `/api/v1/beneficiaries/${first.json().id}`,
      payload: { version: 1, alamat: 'Dusun Baru' },
    });
    expect(otherPath.statusCode).toBe(422);
    expect(otherPath.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const person = (await owner.request({ method: 'GET', url: `/api/v1/beneficiaries/${first.json().id}` })).json();
    expect(person.version).toBe(1);
  });

  it('two requests with the same key at once execute once; a key still running answers 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    const key = randomUUID();
    const body = personBody('Serentak Berdua');
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => withKey(owner, key, { method: 'POST', url: '/api/v1/beneficiaries', payload: body })),
    );
    for (const a of answers) {
      expect([201, 409], a.body).toContain(a.statusCode);
      if (a.statusCode === 409) expect(a.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    }
    expect(answers.filter((a) => a.statusCode === 201 && a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await count('beneficiaries', { column: 'nama', value: 'Serentak Berdua' })).toBe(1);

    // A request holding the key (reserved, no answer yet): the same key waits for it.
    const held = randomUUID();
    await ctx.database.db
      .insertInto('idempotency_keys')
      .values({
        user_id: owner.user.id,
        key: held,
        method: 'POST',
        path: '/api/v1/beneficiaries',
        request_hash: 'x',
        status: null,
        content_type: null,
        body: null,
        completed_at: null,
      })
      .execute();
    const waiting = await withKey(owner, held, { method: 'POST', url: '/api/v1/beneficiaries', payload: personBody('Menunggu Giliran') });
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', message: expect.stringContaining('sedang diproses') });
    expect(await count('beneficiaries', { column: 'nama', value: 'Menunggu Giliran' })).toBe(0);
  });

  it('a key of another user is another key', async () => {
    const key = randomUUID();
    const mine = await withKey(owner, key, { method: 'POST', url: '/api/v1/beneficiaries', payload: personBody('Kunci Milik Saya') });
    expect(mine.statusCode).toBe(201);
    const theirs = await withKey(colleague, key, {
      method: 'POST',
      url: '/api/v1/beneficiaries',
      payload: personBody('Kunci Milik Rekan'),
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
  });

  it('hashes uploads: the same file again is one attachment; another file under the key is 422', async () => {
    const kase = await buildCase(owner);
    const key = randomUUID();
    const url = `/api/v1/cases/${kase.id}/attachments?nama=surat.pdf`;
    const pdf = (text: string) => ({
      method: 'POST' as const,
      url,
      payload: Buffer.from(`%PDF-1.4\n${text}\n%%EOF\n`),
      headers: { 'content-type': 'application/pdf' },
    });
    const first = await withKey(owner, key, pdf('satu'));
    expect(first.statusCode, first.body).toBe(201);
    const again = await withKey(owner, key, pdf('satu'));
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await count('case_attachments', { column: 'case_id', value: kase.id })).toBe(1);
    const other = await withKey(owner, key, pdf('dua'));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('case_attachments', { column: 'case_id', value: kase.id })).toBe(1);

    // A streamed spreadsheet is hashed as the import reads it.
    const csv = (rows: string) => ({
      method: 'POST' as const,
      url: '/api/v1/imports/beneficiaries?dryRun=true',
      payload: `nik,nama,jenis_kelamin,tanggal_lahir,kode_desa\n${rows}`,
      headers: { 'content-type': 'text/csv' },
    });
    const importKey = randomUUID();
    const sheet = csv(`${nikFor('35.10.01.2001', '1990-08-05', 'P', 9911)},Siti Aminah,P,1990-08-05,35.10.01.2001\n`);
    const imported = await withKey(owner, importKey, sheet);
    expect(imported.statusCode, imported.body).toBe(200);
    const reimported = await withKey(owner, importKey, sheet);
    expect(reimported.statusCode).toBe(200);
    expect(reimported.json()).toEqual(imported.json());
    const otherSheet = await withKey(
      owner,
      importKey,
      csv(`${nikFor('35.10.01.2001', '1990-08-06', 'P', 9912)},Siti Aminah,P,1990-08-06,35.10.01.2001\n`),
    );
    expect(otherSheet.statusCode).toBe(422);
    expect(otherSheet.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keeps keys 7 days: the cleanup removes older ones only', async () => {
    const [recent, old] = [randomUUID(), randomUUID()];
    for (const key of [recent, old])
      expect(
        (await withKey(owner, key, { method: 'POST', url: '/api/v1/beneficiaries', payload: personBody(`Umur Kunci ${key.slice(0, 4)}`) }))
          .statusCode,
      ).toBe(201);
    await sql`update idempotency_keys set created_at = now() - interval '6 days 23 hours' where key = ${recent}`.execute(ctx.database.db);
    await sql`update idempotency_keys set created_at = now() - interval '7 days 1 hour' where key = ${old}`.execute(ctx.database.db);
    expect(await pruneIdempotencyKeys(ctx.database.db)).toBeGreaterThanOrEqual(1);
    const left = await ctx.database.db.selectFrom('idempotency_keys').select('key').where('key', 'in', [recent, old]).execute();
    expect(left.map((r) => r.key)).toEqual([recent]);
  });

  it('is in the OpenAPI document on every write, with the 409 and 422 it may answer', async () => {
    const doc = (await owner.request({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; responses: Record<string, unknown> }>>;
    };
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (!op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) missing.push(`${method} ${path}`);
      }
    }
    expect(missing).toEqual([]);
    expect(doc.paths['/api/v1/cases']!.post!.responses).toHaveProperty('422');
  });
});

describe('client-generated ids', () => {
  it('a person and a case created offline keep their ids, and a queued later write naming them works', async () => {
    const personId = randomUUID();
    const caseId = randomUUID();
    const person = await owner.request({
      method: 'POST',
      url: '/api/v1/beneficiaries',
      payload: personBody('Daftar Luring', { id: personId }),
    });
    expect(person.statusCode, person.body).toBe(201);
    expect(person.json().id).toBe(personId);
    const kase = await owner.request({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { id: caseId, beneficiaryId: personId, ppks: '24' },
    });
    expect(kase.statusCode, kase.body).toBe(201);
    expect(kase.json()).toMatchObject({ id: caseId, beneficiaryId: personId });
    const note = await owner.request({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/services`,
      payload: { jenis: 'catatan', tanggal: kase.json().createdAt.slice(0, 10), uraian: 'Kunjungan pertama' },
    });
    expect(note.statusCode, note.body).toBe(201);
    const edited = await owner.request({
      method: 'PATCH',
      url: `/api/v1/cases/${caseId}`,
      payload: { version: 1, ringkasan: 'Dicatat di desa tanpa sinyal' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
  });

  it('an id already used answers 409 ID_TAKEN, the same whether the record is in scope or not, naming nothing', async () => {
    const mine = await buildPerson(owner);
    const elsewhere = await jakarta.request({
      method: 'POST',
      url: '/api/v1/beneficiaries',
      payload: personBody('Orang Jakarta', {}, JAKARTA_VILLAGE),
    });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    const ids = [mine.id, elsewhere.json().id as string];
    const jakartaCase = await buildCase(jakarta, { person: elsewhere.json() });
    for (const id of ids) {
      const again = await owner.request({ method: 'POST', url: '/api/v1/beneficiaries', payload: personBody('Id Terpakai', { id }) });
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json().error).toEqual({ code: 'ID_TAKEN', message: expect.any(String) });
    }
    const ownCase = await buildCase(owner);
    for (const id of [ownCase.id, jakartaCase.id]) {
      const again = await owner.request({
        method: 'POST',
        url: '/api/v1/cases',
        payload: { id, beneficiaryId: (await buildPerson(owner)).id, ppks: '24' },
      });
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json().error).toEqual({ code: 'ID_TAKEN', message: expect.any(String) });
    }
    expect(await count('beneficiaries', { column: 'nama', value: 'Id Terpakai' })).toBe(0);
  });
});

describe('409 VERSION_CONFLICT carries the current record', () => {
  it('on a case, a person, a stage move and a plan: error.details.current is the record as the caller reads it', async () => {
    const kase = await buildCase(owner);
    expect(
      (await owner.request({ method: 'PATCH', url: `/api/v1/cases/${kase.id}`, payload: { version: 1, ringkasan: 'Versi pertama' } }))
        .statusCode,
    ).toBe(200);
    const stale = await owner.request({
      method: 'PATCH',
      url: `/api/v1/cases/${kase.id}`,
      payload: { version: 1, ringkasan: 'Dari ponsel luring' },
    });
    expect(stale.statusCode).toBe(409);
    const current = (await owner.request({ method: 'GET', url: `/api/v1/cases/${kase.id}` })).json();
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2, current } });
    expect(current.ringkasan).toBe('Versi pertama');

    const move = await owner.request({
      method: 'POST',
      url: `/api/v1/cases/${kase.id}/transitions`,
      payload: { to: 'asesmen', version: 1 },
    });
    expect(move.statusCode).toBe(409);
    expect(move.json().error.details.current).toEqual(current);

    const person = (await owner.request({ method: 'GET', url: `/api/v1/beneficiaries/${kase.beneficiaryId}` })).json();
    expect(
      (
        await owner.request({
          method: 'PATCH',
          url: `/api/v1/beneficiaries/${person.id}`,
          payload: { version: person.version, alamat: 'Dusun Kidul' },
        })
      ).statusCode,
    ).toBe(200);
    const stalePerson = await owner.request({
      method: 'PATCH',
      url: `/api/v1/beneficiaries/${person.id}`,
      payload: { version: person.version, alamat: 'Dusun Lor' },
    });
    expect(stalePerson.statusCode).toBe(409);
    expect(stalePerson.json().error.details.current).toMatchObject({ id: person.id, alamat: 'Dusun Kidul', version: person.version + 1 });
    // Linking a NIK to someone registered without one names the version too.
    const undocumented = await owner.request({
      method: 'POST',
      url: '/api/v1/beneficiaries',
      payload: { nama: 'Tanpa Dokumen', jenisKelamin: 'P', perkiraanUmur: 40, kodeDesa: '35.10.01.2001', alasanTanpaNik: 'dokumen_hilang' },
    });
    expect(undocumented.statusCode, undocumented.body).toBe(201);
    const staleLink = await owner.request({
      method: 'POST',
      url: `/api/v1/beneficiaries/${undocumented.json().id}/nik`,
      payload: {
        version: 7,
        nik: nikFor('35.10.01.2001', undocumented.json().tanggalLahir, 'P', 7001),
        tanggalLahir: undocumented.json().tanggalLahir,
      },
    });
    expect(staleLink.statusCode, staleLink.body).toBe(409);
    expect(staleLink.json().error.details.current).toEqual(undocumented.json());

    const planned = await advanceCase(owner, koordinator, await buildCase(owner), 'rencana');
    const draft = await owner.request({
      method: 'PUT',
      url: `/api/v1/cases/${planned.id}/plan`,
      payload: { tujuan: ['Mandiri'], layanan: [{ atensi: 'hidup_layak', uraian: 'Paket', pelaksana: 'Dinsos', batas: '2027-06-30' }] },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const stalePlan = await owner.request({
      method: 'POST',
      url: `/api/v1/cases/${planned.id}/plan/submit`,
      payload: { version: draft.json().version + 5 },
    });
    expect(stalePlan.statusCode).toBe(409);
    expect(stalePlan.json().error.details.current).toMatchObject({ id: draft.json().id, version: draft.json().version, status: 'draf' });
  });

  it('masks a protected identity for a caller who may only see initials', async () => {
    const child = await buildPerson(owner, { nama: 'Kirana Puspitasari', child: true });
    const kase = await buildCase(owner, { person: child, ppks: '06', ringkasan: 'Kirana dianiaya' });
    for (const s of [colleague, direktorat]) {
      const move = await s.request({
        method: 'POST',
        url: `/api/v1/cases/${kase.id}/transitions`,
        payload: { to: 'asesmen', version: kase.version + 3 },
      });
      expect(move.statusCode, move.body).toBe(409);
      const current = move.json().error.details.current;
      expect(current).toMatchObject({ id: kase.id, beneficiaryNama: 'K. P.', ringkasan: null, identitasTerlindungi: true });
      expect(move.body).not.toContain('Kirana');
      expect(move.body).not.toContain('dianiaya');
    }
  });
});

describe('GET /sync/changes', () => {
  it('gives a pendamping their working set, then only what changed after the cursor, never a colleague’s, another province’s or a masked identity', async () => {
    const pendamping = await signIn(ctx, 'pendamping', '35.10');
    const child = await buildPerson(pendamping, { nama: 'Larasati Wulandari', child: true });
    const a = await advanceCase(
      pendamping,
      koordinator,
      await buildCase(pendamping, { person: child, ppks: '06', ringkasan: 'Larasati ditelantarkan' }),
      'rencana',
    );
    const b = await buildCase(pendamping);
    const theirs = await buildCase(colleague);
    const jakartaCase = await buildCase(jakarta, { person: await buildPerson(jakarta, { kodeDesa: JAKARTA_VILLAGE }) });

    const full = await pendamping.request({ method: 'GET', url: '/api/v1/sync/changes' });
    expect(full.statusCode, full.body).toBe(200);
    const set = full.json();
    expect(set.full).toBe(true);
    expect(set.more).toBe(false);
    expect(set.cases.map((c: { id: string }) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(set.beneficiaries.map((p: { id: string }) => p.id).sort()).toEqual([a.beneficiaryId, b.beneficiaryId].sort());
    // Their own protected child is theirs to see; the working file comes with it.
    expect(set.beneficiaries.find((p: { id: string }) => p.id === child.id)).toMatchObject({ nama: 'Larasati Wulandari', nik: child.nik });
    const file = set.workingFiles.find((f: { caseId: string }) => f.caseId === a.id);
    expect(file.assessments).toHaveLength(1);
    expect(file).toMatchObject({ plan: null, services: [], referrals: [], followUps: [] });
    expect(set.tasks).not.toBeNull();
    expect(set.attendance).toMatchObject({ presensi: null });
    expect(set.activities).toEqual(expect.any(Array));
    expect(Object.keys(set.reference)).toEqual(expect.arrayContaining(['ppks', 'tahapan', 'atensi', 'formulir', 'lembaga']));
    expect(full.body).not.toContain(theirs.id);
    expect(full.body).not.toContain(jakartaCase.id);

    // Nothing changed: nothing comes.
    const quiet = (await pendamping.request({ method: 'GET', url: `/api/v1/sync/changes?since=${encodeURIComponent(set.cursor)}` })).json();
    expect(quiet).toMatchObject({ full: false, more: false, cases: [], beneficiaries: [], workingFiles: [], removed: { cases: [] } });

    // A koordinator edits one case; a service lands on the other; a colleague works their own.
    expect(
      (
        await koordinator.request({
          method: 'PATCH',
          url: `/api/v1/cases/${b.id}`,
          payload: { version: b.version, ringkasan: 'Diubah koordinator' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await colleague.request({
          method: 'PATCH',
          url: `/api/v1/cases/${theirs.id}`,
          payload: { version: theirs.version, ringkasan: 'Kasus rekan' },
        })
      ).statusCode,
    ).toBe(200);
    const delta = (
      await pendamping.request({ method: 'GET', url: `/api/v1/sync/changes?since=${encodeURIComponent(quiet.cursor)}` })
    ).json();
    expect(delta.cases.map((c: { id: string }) => c.id)).toEqual([b.id]);
    expect(delta.cases[0].ringkasan).toBe('Diubah koordinator');
    expect(delta.beneficiaries.map((p: { id: string }) => p.id)).toEqual([b.beneficiaryId]);
    expect(delta.workingFiles.map((f: { caseId: string }) => f.caseId)).toEqual([b.id]);

    const service = await pendamping.request({
      method: 'POST',
      url: `/api/v1/cases/${a.id}/services`,
      payload: { jenis: 'catatan', tanggal: a.createdAt.slice(0, 10), uraian: 'Kunjungan rumah' },
    });
    expect(service.statusCode, service.body).toBe(201);
    const next = (
      await pendamping.request({ method: 'GET', url: `/api/v1/sync/changes?since=${encodeURIComponent(delta.cursor)}` })
    ).json();
    expect(next.cases.map((c: { id: string }) => c.id)).toEqual([a.id]);
    expect(next.workingFiles[0].services).toMatchObject([{ uraian: 'Kunjungan rumah' }]);

    // A case closed leaves the set.
    const current = (await pendamping.request({ method: 'GET', url: `/api/v1/cases/${b.id}` })).json();
    expect(
      (
        await pendamping.request({
          method: 'POST',
          url: `/api/v1/cases/${b.id}/close`,
          payload: { alasan: 'meninggal', version: current.version },
        })
      ).statusCode,
    ).toBe(200);
    const after = (
      await pendamping.request({ method: 'GET', url: `/api/v1/sync/changes?since=${encodeURIComponent(next.cursor)}` })
    ).json();
    expect(after.cases).toEqual([]);
    expect(after.removed.cases).toEqual([b.id]);

    // A colleague of the same regency, another province and the direktorat never get the child.
    for (const s of [colleague, jakarta, jakartaKoor, direktorat]) {
      const r = await s.request({ method: 'GET', url: '/api/v1/sync/changes' });
      expect(r.statusCode, r.body).toBe(200);
      for (const secret of ['Larasati', child.nik!, a.id]) expect(r.body).not.toContain(secret);
    }
    const national = (await direktorat.request({ method: 'GET', url: '/api/v1/sync/changes' })).json();
    expect(national).toMatchObject({ cases: [], beneficiaries: [], workingFiles: [], tasks: null, attendance: null });
  });

  it('gives a koordinator their area’s open cases in bounded pages, and none of another province', async () => {
    const area = await signIn(ctx, 'koordinator', '35');
    const page1 = await syncChanges(
      ctx.database.db,
      { id: area.user.id, username: area.user.username, role: 'koordinator', wilayah: '35' },
      { ip: null, requestId: null },
      undefined,
      { pageSize: 2 },
    );
    expect(page1.cases).toHaveLength(2);
    expect(page1.more).toBe(true);
    expect(page1.workingFiles).toEqual([]);
    const seen = new Set(page1.cases.map((c) => c.id));
    let cursor = page1.cursor;
    let more = true;
    for (let i = 0; more && i < 50; i++) {
      const r = await area.request({ method: 'GET', url: `/api/v1/sync/changes?since=${encodeURIComponent(cursor)}` });
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json();
      for (const c of page.cases) {
        expect(c.wilayah.startsWith('35')).toBe(true);
        expect(['terdata', 'tertangani']).toContain(c.status);
        seen.add(c.id);
      }
      more = page.more;
      cursor = page.cursor;
    }
    const open = await ctx.database.db
      .selectFrom('cases')
      .select('id')
      .where('provinsi', '=', '35')
      .where('status', 'in', ['terdata', 'tertangani'])
      .execute();
    expect([...seen].sort()).toEqual(open.map((r) => r.id).sort());
    const jakartaSet = (await jakartaKoor.request({ method: 'GET', url: '/api/v1/sync/changes' })).json();
    for (const c of jakartaSet.cases) expect(c.wilayah.startsWith('31')).toBe(true);
  });

  it('refuses a cursor it did not issue with 400', async () => {
    for (const since of [
      'bukan-kursor',
      Buffer.from('{"v":1,"until":"x; drop table cases"}').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      const r = await owner.request({ method: 'GET', url: `/api/v1/sync/changes?since=${encodeURIComponent(since)}` });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});
