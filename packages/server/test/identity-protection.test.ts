import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildPerson, DISASTER_ANSWERS } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * Issue 16, "identity leaks to close": each leak found on the demo, as a test. A person is
 * protected when a child or with any case in a category of specific data; only their own
 * pendamping, the area's koordinator and an auditor after break-glass see who they are.
 */

let ctx: TestContext;
let owner: Session; // pendamping, Kab. Banyuwangi
let colleague: Session; // another pendamping of Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let direktorat: Session;
let auditor: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, colleague, koordinator, direktorat, auditor, admin] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'auditor', null),
    signIn(ctx, 'admin', null),
  ]);
});
afterAll(() => ctx.close());

const get = (s: Session, url: string) => s.request({ method: 'GET', url: `/api/v1${url}` });
const post = (s: Session, url: string, payload: Record<string, unknown> = {}) =>
  s.request({ method: 'POST', url: `/api/v1${url}`, payload });
const reads = async (subjectId: string) =>
  ctx.database.db
    .selectFrom('audit_events')
    .select(['action', 'actor_id'])
    .where('subject_id', '=', subjectId)
    .where('action', 'like', '%read%')
    .execute();

/** An adult registered as fakir miskin, with an HIV case (ODHA, category 16: specific data). */
async function hivClient() {
  const person = await buildPerson(owner, { nama: 'Yulia Kartika Sari', kategoriPpks: '24', noKk: '3510010101200011' });
  const kase = await buildCase(owner, { person, ppks: '16', ringkasan: 'Yulia tinggal di rumah kakaknya, Dusun Krajan' });
  return { person, kase };
}

const MASKED = {
  nik: null,
  noKk: null,
  tanggalLahir: null,
  kodeDesa: null,
  alamat: null,
  telepon: null,
  identitasTerlindungi: true,
  sensitif: true,
};

describe('1. the registry follows the case rule', () => {
  it('protects a person from the moment one of their cases is in a category of specific data, in the same transaction', async () => {
    const person = await buildPerson(owner, { nama: 'Budi Utomo Santoso', kategoriPpks: '24' });
    expect((await get(direktorat, `/beneficiaries/${person.id}`)).json()).toMatchObject({ nama: 'Budi Utomo Santoso', sensitif: false });
    await buildCase(owner, { person, ppks: '16' });
    const stored = await ctx.database.db
      .selectFrom('beneficiaries')
      .select('data_spesifik')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(stored.data_spesifik).toBe(true);
    for (const session of [direktorat, auditor, admin, colleague]) {
      const seen = (await get(session, `/beneficiaries/${person.id}`)).json();
      expect(seen, session.user.role).toMatchObject({ ...MASKED, nama: 'B. U. S.' });
    }
    for (const session of [owner, koordinator]) {
      expect((await get(session, `/beneficiaries/${person.id}`)).json(), session.user.role).toMatchObject({
        nama: 'Budi Utomo Santoso',
        nik: person.nik,
        identitasTerlindungi: false,
      });
    }
  });

  it('masks the admin’s list and export of children as the direktorat’s', async () => {
    const child = await buildPerson(owner, { nama: 'Dimas Anggara', child: true, kodeDesa: '35.10.02.2001' });
    const listed = (await get(admin, '/beneficiaries?wilayah=35.10.02&pageSize=200'))
      .json()
      .items.find((p: { id: string }) => p.id === child.id);
    expect(listed).toMatchObject({ ...MASKED, nama: 'D. A.', anak: true, kabupaten: '35.10' });
    const csv = (await get(admin, '/beneficiaries/export?format=csv&wilayah=35.10.02')).body;
    expect(csv).toContain('D. A.');
    expect(csv).not.toContain(child.nik!);
    expect(csv).not.toContain('Dimas');
  });
});

describe('2. a masked view cannot be unmasked', () => {
  it('carries no NIK or No. KK, the birth year only and the area to the regency, in the record, the case and the export', async () => {
    const { person, kase } = await hivClient();
    const seen = (await get(direktorat, `/beneficiaries/${person.id}`)).json();
    expect(seen).toMatchObject({ ...MASKED, tahunLahir: 1980, kabupaten: '35.10', jenisKelamin: 'P' });
    expect(JSON.stringify(seen)).not.toMatch(/\d{16}/);
    const caseSeen = (await get(direktorat, `/cases/${kase.id}`)).json();
    expect(caseSeen).toMatchObject({ identitasTerlindungi: true, beneficiaryNama: 'Y. K. S.', wilayah: '35.10', ringkasan: null });
    const csv = (await get(direktorat, '/beneficiaries/export?format=csv&wilayah=35.10.01')).body;
    expect(csv).not.toContain(person.nik!);
    expect(csv).not.toContain('3510010101200011');
  });
});

describe('3. searches answer no questions about masked people', () => {
  it('never matches a protected person on name, NIK or family card for a caller who may not identify them', async () => {
    const { person, kase } = await hivClient();
    for (const session of [direktorat, colleague, admin, auditor]) {
      const right = (await get(session, `/cases?beneficiaryId=${person.id}&q=Yul`)).json();
      const wrong = (await get(session, `/cases?beneficiaryId=${person.id}&q=Xyz`)).json();
      expect([right.total, wrong.total], session.user.role).toEqual([0, 0]);
      expect(
        (await get(session, `/beneficiaries?q=${encodeURIComponent('Yulia Kartika Sari')}`)).json().items.map((p: { id: string }) => p.id),
      ).not.toContain(person.id);
      expect((await get(session, `/beneficiaries?q=${person.nik}`)).json().total, session.user.role).toBe(0);
      expect(
        (await get(session, `/beneficiaries?q=${person.nik!.slice(0, 12)}`)).json().items.map((p: { id: string }) => p.id),
      ).not.toContain(person.id);
      expect((await get(session, '/beneficiaries?noKk=3510010101200011')).json().items.map((p: { id: string }) => p.id)).not.toContain(
        person.id,
      );
    }
    // Their own pendamping and the koordinator still find them.
    expect((await get(owner, `/cases?beneficiaryId=${person.id}&q=Yul`)).json().items[0].id).toBe(kase.id);
    expect((await get(koordinator, `/beneficiaries?q=${person.nik}`)).json().items[0].id).toBe(person.id);
    // Unfiltered lists still count them, masked (statistics stay true).
    expect((await get(direktorat, `/cases?beneficiaryId=${person.id}`)).json()).toMatchObject({
      total: 1,
      items: [{ beneficiaryNama: 'Y. K. S.' }],
    });
  });
});

describe('4. the audit trail holds ids, never identities', () => {
  it('records a merge by ids, and its reader strips identifying values from older events', async () => {
    const a = await buildPerson(koordinator, { nama: 'Kartini Rahayu', child: true });
    const b = await buildPerson(koordinator, { nama: 'Kartini Rahayu', child: true });
    expect((await post(koordinator, '/beneficiaries/merge', { survivorId: a.id, duplicateId: b.id })).statusCode).toBe(200);
    const event = (await get(auditor, `/audit-events?action=beneficiary.merge&entityId=${a.id}`)).json().items[0];
    expect(event.details).toEqual({ merged: { id: b.id } });
    // An event written before this rule, with identifying values in its details:
    await sql`insert into audit_events (action, entity_type, entity_id, wilayah, details)
      values ('beneficiary.merge', 'beneficiary', ${a.id}, '35.10.01.2001', ${JSON.stringify({ merged: { id: b.id, nik: b.nik, nama: b.nama, kodeDesa: b.kodeDesa } })})`.execute(
      ctx.database.db,
    );
    const old = (await get(auditor, `/audit-events?action=beneficiary.merge&entityId=${a.id}`)).json().items[0];
    expect(old.details).toEqual({ merged: { id: b.id } });
    expect(JSON.stringify((await get(admin, `/audit-events?entityId=${a.id}`)).json())).not.toContain(b.nik!);
  });
});

describe('5. around the record', () => {
  it('keeps the household, the guardian’s name, attachments, summary and timeline notes closed', async () => {
    const parent = await buildPerson(owner, { nama: 'Sutrisno Wibowo', jenisKelamin: 'L', noKk: '3510010101200077' });
    const child = await buildPerson(owner, { nama: 'Rina Wibowo', child: true, noKk: '3510010101200077' });
    const kase = await buildCase(owner, { person: child, ppks: '06', ringkasan: 'Rina dipukul ayah tirinya' });
    expect(
      (
        await post(owner, `/beneficiaries/${child.id}/consents`, {
          tujuan: 'pendampingan',
          pemberiNama: 'Sutrisno Wibowo',
          hubungan: 'orang_tua',
          diberikanPada: '2026-10-01T08:00:00Z',
        })
      ).statusCode,
    ).toBe(201);
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const upload = await owner.request({
      method: 'POST',
      url: `/api/v1/cases/${kase.id}/attachments?nama=${encodeURIComponent('Visum Rina.pdf')}`,
      headers: { 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(upload.statusCode, upload.body).toBe(201);

    for (const session of [colleague, direktorat, auditor, admin]) {
      const house = (await get(session, `/beneficiaries/${child.id}/household`)).json();
      expect(house, session.user.role).toMatchObject({ noKk: null, members: [{ id: child.id, nama: 'R. W.', nik: null }] });
      expect(house.members).toHaveLength(1);
      // From the parent's side the child is left out, not shown as initials beside a named parent.
      const fromParent = (await get(session, `/beneficiaries/${parent.id}/household`)).json();
      expect(
        fromParent.members.map((m: { id: string }) => m.id),
        session.user.role,
      ).toEqual([parent.id]);
      expect((await get(session, `/beneficiaries/${child.id}/consents`)).json()[0].pemberiNama).toBe('S. W.');
      expect((await get(session, `/cases/${kase.id}/attachments`)).statusCode, session.user.role).toBe(403);
      expect((await get(session, `/attachments/${upload.json().id}`)).statusCode, session.user.role).toBe(403);
      expect((await get(session, `/cases/${kase.id}`)).json().ringkasan).toBeNull();
      const timeline = (await get(session, `/cases/${kase.id}/timeline`)).json();
      expect(JSON.stringify(timeline)).not.toContain('Visum');
    }
    expect((await get(auditor, `/cases/${kase.id}/attachments`)).json().error.code).toBe('BREAK_GLASS_REQUIRED');
    expect((await get(koordinator, `/beneficiaries/${child.id}/household`)).json().members).toHaveLength(2);
    expect((await get(owner, `/attachments/${upload.json().id}`)).statusCode).toBe(200);
  });
});

describe('6. colleagues of the same regency', () => {
  it('see a colleague’s protected client masked and cannot edit the record or its consent', async () => {
    const { person } = await hivClient();
    const consent = await post(owner, `/beneficiaries/${person.id}/consents`, {
      tujuan: 'pendampingan',
      pemberiNama: 'Yulia Kartika Sari',
      hubungan: 'diri_sendiri',
      diberikanPada: '2026-10-01T08:00:00Z',
    });
    expect(consent.statusCode).toBe(201);
    const seen = (await get(colleague, `/beneficiaries/${person.id}`)).json();
    expect(seen).toMatchObject({ nama: 'Y. K. S.', nik: null });
    const patch = await colleague.request({
      method: 'PATCH',
      url: `/api/v1/beneficiaries/${person.id}`,
      payload: { version: seen.version, alamat: 'Pindah' },
    });
    expect([patch.statusCode, patch.json().error.code]).toEqual([403, 'IDENTITY_PROTECTED']);
    const withdraw = await post(colleague, `/beneficiaries/${person.id}/consents/${consent.json().id}/withdraw`);
    expect(withdraw.statusCode).toBe(403);
    expect(
      (
        await post(colleague, `/beneficiaries/${person.id}/consents`, {
          tujuan: 'pendampingan',
          pemberiNama: 'Orang lain',
          hubungan: 'diri_sendiri',
          diberikanPada: '2026-10-01T08:00:00Z',
        })
      ).statusCode,
    ).toBe(403);
    const stored = await ctx.database.db
      .selectFrom('beneficiary_consents')
      .select('dicabut_pada')
      .where('id', '=', consent.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.dicabut_pada).toBeNull();
    expect(
      (await ctx.database.db.selectFrom('beneficiaries').select('alamat').where('id', '=', person.id).executeTakeFirstOrThrow()).alamat,
    ).toBe('Dusun Krajan RT 02 RW 01');
  });
});

describe('7. assessment content of a protected case', () => {
  it('is read only by those who see the identity; an auditor only after break-glass', async () => {
    const child = await buildPerson(owner, { nama: 'Agus Pratama', child: true, jenisKelamin: 'L' });
    const kase = await buildCase(owner, { person: child, ppks: '21' });
    expect((await post(owner, `/cases/${kase.id}/transitions`, { to: 'asesmen' })).statusCode).toBe(200);
    expect((await post(owner, `/cases/${kase.id}/assessments`, { data: DISASTER_ANSWERS })).statusCode).toBe(201);
    for (const session of [direktorat, admin, colleague]) {
      const refused = await get(session, `/cases/${kase.id}/assessments`);
      expect([refused.statusCode, refused.json().error.code], session.user.role).toEqual([403, 'IDENTITY_PROTECTED']);
    }
    expect((await get(auditor, `/cases/${kase.id}/assessments`)).json().error.code).toBe('BREAK_GLASS_REQUIRED');
    expect(
      (await post(auditor, `/beneficiaries/${child.id}/identity-access`, { alasan: 'Pemeriksaan pengaduan No. 21/2026' })).json(),
    ).toMatchObject({ nama: 'Agus Pratama', identitasTerlindungi: false });
    const opened = await get(auditor, `/cases/${kase.id}/assessments`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()[0].data.kondisiFisik).toBe(DISASTER_ANSWERS.kondisiFisik);
    expect((await get(koordinator, `/cases/${kase.id}/assessments`)).statusCode).toBe(200);
  });
});

describe('8. reads of protected people are audited', () => {
  it('records every read by anyone but the owner, and answers who looked at a person', async () => {
    const { person, kase } = await hivClient();
    await get(owner, `/beneficiaries/${person.id}`);
    await get(owner, `/cases/${kase.id}`);
    expect(await reads(person.id)).toEqual([]);
    await get(koordinator, `/beneficiaries/${person.id}`);
    await get(direktorat, `/cases/${kase.id}`);
    await get(colleague, `/cases/${kase.id}/assessments`);
    await get(koordinator, `/beneficiaries?q=${person.nik}`);
    await get(direktorat, '/cases?ppks=16&pageSize=200');
    const looked = (await get(auditor, `/audit-events?entityId=${person.id}&pageSize=100`)).json().items;
    const byWhom = looked
      .filter((e: { action: string }) => e.action.endsWith('.read') || e.action.endsWith('.search'))
      .map((e: { action: string; actorId: string }) => `${e.action}:${e.actorId}`);
    expect(byWhom.sort()).toEqual(
      [
        `beneficiary.read:${koordinator.user.id}`,
        `case.read:${direktorat.user.id}`,
        `case.assessment.read:${colleague.user.id}`,
        `beneficiary.search:${koordinator.user.id}`,
        `case.search:${direktorat.user.id}`,
      ].sort(),
    );
    expect(looked.every((e: { subjectId: string }) => e.subjectId === person.id)).toBe(true);
  });
});
