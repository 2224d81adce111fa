import type { BeneficiaryRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildPerson, nikFor } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * Issue 19, "people without documents": street people, remote indigenous communities, trafficking
 * victims whose papers are held, disaster victims and unregistered infants are registered without
 * NIK, under a temporary number, and later linked to their NIK without losing their history.
 */

let ctx: TestContext;
let owner: Session; // pendamping, Kab. Banyuwangi
let colleague: Session; // another pendamping of Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let direktorat: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, colleague, koordinator, direktorat, admin] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'admin', null),
  ]);
});
afterAll(() => ctx.close());

const get = (s: Session, url: string) => s.request({ method: 'GET', url: `/api/v1${url}` });
const post = (s: Session, url: string, payload: Record<string, unknown> = {}) =>
  s.request({ method: 'POST', url: `/api/v1${url}`, payload });
const thisYear = new Date().getUTCFullYear();
const TMP = /^TMP-35-[0-9]{6,}$/;

const register = (s: Session, payload: Record<string, unknown>) =>
  post(s, '/beneficiaries', { nik: null, jenisKelamin: 'L', kodeDesa: '35.10.01.2001', ...payload });

const auditOf = (id: string) =>
  ctx.database.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('subject_id', '=', id)
    .where('action', 'not like', '%read%')
    .orderBy('id')
    .execute();

describe('registered without NIK', () => {
  it('registers a person without NIK with a reason and an estimated age, under a temporary number issued by the database', async () => {
    const response = await register(owner, { nama: 'Parto Gelandangan', alasanTanpaNik: 'tidak_punya_dokumen', perkiraanUmur: 45 });
    expect(response.statusCode, response.body).toBe(201);
    const person = response.json() as BeneficiaryRecord;
    expect(person).toMatchObject({
      nik: null,
      alasanTanpaNik: 'tidak_punya_dokumen',
      tanggalLahirPerkiraan: true,
      identitasTerlindungi: false,
      anak: false,
    });
    expect(person.nomorSementara).toMatch(TMP);
    // The middle of the 45th year: born 45½ years ago.
    expect([thisYear - 46, thisYear - 45]).toContain(person.tahunLahir);
    const second = (
      await register(owner, { nama: 'Parto Lain', alasanTanpaNik: 'dokumen_hilang_bencana', perkiraanUmur: 30 })
    ).json() as BeneficiaryRecord;
    expect(second.nomorSementara).toMatch(TMP);
    expect(second.nomorSementara).not.toBe(person.nomorSementara);
    const audit = await auditOf(person.id);
    expect(audit).toEqual([{ action: 'beneficiary.create', details: { tanpaNik: true, perkiraanUmur: true } }]);
  });

  it('keeps a known birth date for a person without NIK and accepts a reason by its label', async () => {
    const response = await register(owner, {
      nama: 'Maria Ulfa',
      jenisKelamin: 'P',
      alasanTanpaNik: 'Dokumen ditahan pihak lain',
      tanggalLahir: '1999-04-02',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      nik: null,
      alasanTanpaNik: 'dokumen_ditahan',
      tanggalLahir: '1999-04-02',
      tanggalLahirPerkiraan: false,
    });
  });

  it('refuses a person without NIK who has no reason, no birth date or age, an unknown reason or an impossible age', async () => {
    const cases: Array<[Record<string, unknown>, Array<{ field: string; code: string }>]> = [
      [{ nama: 'Tanpa Alasan', perkiraanUmur: 30 }, [{ field: 'nik', code: 'REQUIRED_MISSING' }]],
      [{ nama: 'Tanpa Umur', alasanTanpaNik: 'komunitas_adat' }, [{ field: 'tanggalLahir', code: 'REQUIRED_MISSING' }]],
      [{ nama: 'Alasan Aneh', alasanTanpaNik: 'lupa', perkiraanUmur: 30 }, [{ field: 'alasanTanpaNik', code: 'ALASAN_TANPA_NIK_UNKNOWN' }]],
      [
        { nama: 'Umur Aneh', alasanTanpaNik: 'komunitas_adat', perkiraanUmur: 150 },
        [{ field: 'perkiraanUmur', code: 'PERKIRAAN_UMUR_INVALID' }],
      ],
    ];
    for (const [payload, details] of cases) {
      const response = await register(owner, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(422);
      expect(response.json().error.details).toEqual(details.map((d) => expect.objectContaining(d)));
    }
  });
});

describe('found', () => {
  it('finds a person without NIK by name (misspelt too) and by the temporary number, however it is typed', async () => {
    const person = (
      await register(owner, { nama: 'Sukirno Wiryo', alasanTanpaNik: 'tidak_punya_dokumen', perkiraanUmur: 60, kodeDesa: '35.10.03.2001' })
    ).json() as BeneficiaryRecord;
    const serial = Number(person.nomorSementara!.split('-')[2]);
    for (const q of ['sukirno wiryo', 'Sukirna Wiryo', person.nomorSementara!, person.nomorSementara!.toLowerCase(), `tmp 35 ${serial}`]) {
      const found = (await get(owner, `/beneficiaries?q=${encodeURIComponent(q)}`)).json();
      expect(
        found.items.map((p: BeneficiaryRecord) => p.id),
        q,
      ).toContain(person.id);
    }
    expect((await get(owner, `/beneficiaries?q=${encodeURIComponent(person.nomorSementara!)}`)).json().total).toBe(1);
  });
});

describe('duplicate proposed', () => {
  it('proposes a person without NIK and a registered person of similar name, same sex and regency, born within two years', async () => {
    const known = await buildPerson(owner, { nama: 'Warsito Hadi Prayitno', jenisKelamin: 'L', kodeDesa: '35.10.04.2001' });
    const age = thisYear - known.tahunLahir;
    const same = (
      await register(owner, {
        nama: 'Warsito Hadi Prayitno',
        alasanTanpaNik: 'dokumen_hilang',
        perkiraanUmur: age + 1,
        kodeDesa: '35.10.04.2002',
      })
    ).json() as BeneficiaryRecord;
    const tooOld = (
      await register(owner, {
        nama: 'Warsito Hadi Prayitno',
        alasanTanpaNik: 'dokumen_hilang',
        perkiraanUmur: age + 6,
        kodeDesa: '35.10.04.2002',
      })
    ).json() as BeneficiaryRecord;
    const woman = (
      await register(owner, {
        nama: 'Warsito Hadi Prayitno',
        jenisKelamin: 'P',
        alasanTanpaNik: 'dokumen_hilang',
        perkiraanUmur: age,
        kodeDesa: '35.10.04.2002',
      })
    ).json() as BeneficiaryRecord;
    const pairs = (await get(koordinator, '/beneficiaries/duplicates?pageSize=200')).json();
    const ids = pairs.items.map((p: { a: BeneficiaryRecord; b: BeneficiaryRecord }) => [p.a.id, p.b.id].sort().join(' '));
    expect(ids).toContain([known.id, same.id].sort().join(' '));
    // Five years apart in age, or a woman of the same name: other people.
    for (const [x, y] of [
      [same, tooOld],
      [known, tooOld],
      [known, woman],
      [same, woman],
    ] as const) {
      expect(ids).not.toContain([x.id, y.id].sort().join(' '));
    }
    // A koordinator merges the pair: the person keeps the NIK, and the temporary number still finds them.
    const merged = await post(koordinator, '/beneficiaries/merge', { survivorId: same.id, duplicateId: known.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({
      id: same.id,
      nik: known.nik,
      tanggalLahir: known.tanggalLahir,
      tanggalLahirPerkiraan: false,
      alasanTanpaNik: null,
      nomorSementara: same.nomorSementara,
    });
  });
});

describe('case opened', () => {
  it('opens a case for a person without NIK and moves it forward', async () => {
    const person = (
      await register(owner, { nama: 'Ngatemi', jenisKelamin: 'P', alasanTanpaNik: 'komunitas_adat', perkiraanUmur: 50 })
    ).json() as BeneficiaryRecord;
    const kase = await buildCase(owner, { person, ppks: '26' });
    expect(kase).toMatchObject({ beneficiaryId: person.id, ppks: '26', tahapan: 'pendekatan_awal' });
    const moved = await post(owner, `/cases/${kase.id}/transitions`, { to: 'asesmen' });
    expect(moved.statusCode, moved.body).toBe(200);
  });
});

describe('NIK linked later without losing history', () => {
  it('links the NIK to the same record: cases, consents, temporary number and audit trail stay, the real birth date replaces the estimate', async () => {
    const person = (
      await register(owner, { nama: 'Darmo Suwito', alasanTanpaNik: 'dokumen_ditahan', perkiraanUmur: 44 })
    ).json() as BeneficiaryRecord;
    const kase = await buildCase(owner, { person, ppks: '11' });
    const consent = await post(owner, `/beneficiaries/${person.id}/consents`, {
      tujuan: 'asesmen dan pendampingan rehabilitasi sosial',
      pemberiNama: 'Darmo Suwito',
      hubungan: 'diri_sendiri',
      diberikanPada: new Date().toISOString(),
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const fresh = (await get(owner, `/beneficiaries/${person.id}`)).json() as BeneficiaryRecord;
    const nik = nikFor('35.10.01.2001', '1982-06-14', 'L', 7001);
    const linked = await post(owner, `/beneficiaries/${person.id}/nik`, { version: fresh.version, nik, tanggalLahir: '14/06/1982' });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({
      id: person.id,
      nik,
      tanggalLahir: '1982-06-14',
      tanggalLahirPerkiraan: false,
      alasanTanpaNik: null,
      nomorSementara: person.nomorSementara,
      version: fresh.version + 1,
    });
    expect((await get(owner, `/cases/${kase.id}`)).json()).toMatchObject({ beneficiaryId: person.id });
    expect((await get(owner, `/beneficiaries/${person.id}/consents`)).json()).toHaveLength(1);
    // Found by the NIK now, and still by the number on the papers they were given.
    for (const q of [nik, person.nomorSementara!]) {
      expect((await get(owner, `/beneficiaries?q=${encodeURIComponent(q)}`)).json().items.map((p: BeneficiaryRecord) => p.id)).toEqual([
        person.id,
      ]);
    }
    const audit = await auditOf(person.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['beneficiary.create', 'beneficiary.nik_link']));
    expect(audit.find((a) => a.action === 'beneficiary.nik_link')!.details).toEqual({
      fields: ['nik', 'tanggalLahir'],
      version: fresh.version + 1,
    });
    expect(JSON.stringify(audit)).not.toContain(nik);
    // Given once: a second link is refused, and the PATCH path sends a NIK to this route.
    expect((await post(owner, `/beneficiaries/${person.id}/nik`, { version: fresh.version + 1, nik })).json().error.code).toBe(
      'NIK_ALREADY_LINKED',
    );
    const other = (
      await register(owner, { nama: 'Darmi', jenisKelamin: 'P', alasanTanpaNik: 'dokumen_hilang', perkiraanUmur: 30 })
    ).json() as BeneficiaryRecord;
    const patched = await owner.request({
      method: 'PATCH',
      url: `/api/v1/beneficiaries/${other.id}`,
      payload: { version: other.version, nik: nikFor('35.10.01.2001', '1996-01-01', 'P', 7002) },
    });
    expect(patched.statusCode).toBe(409);
    expect(patched.json().error.code).toBe('NIK_LINK_REQUIRED');
    // Other corrections of a person without NIK keep the estimate as it was.
    const renamed = await owner.request({
      method: 'PATCH',
      url: `/api/v1/beneficiaries/${other.id}`,
      payload: { version: other.version, nama: 'Darmi Lestari' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      nama: 'Darmi Lestari',
      nik: null,
      tanggalLahir: other.tanggalLahir,
      tanggalLahirPerkiraan: true,
      nomorSementara: other.nomorSementara,
    });
  });
});

describe('merge when the NIK exists', () => {
  it('merges the record without NIK into the one holding the NIK (a koordinator’s call), moving cases and consents', async () => {
    const holder = await buildPerson(owner, { nama: 'Sumarni Rahayu', jenisKelamin: 'P' });
    const holderCase = await buildCase(owner, { person: holder, ppks: '24' });
    const person = (
      await register(owner, {
        nama: 'Sumarni',
        jenisKelamin: 'P',
        alasanTanpaNik: 'dokumen_hilang_bencana',
        perkiraanUmur: thisYear - holder.tahunLahir,
      })
    ).json() as BeneficiaryRecord;
    const kase = await buildCase(owner, { person, ppks: '21' });
    await post(owner, `/beneficiaries/${person.id}/consents`, {
      tujuan: 'layanan korban bencana alam',
      pemberiNama: 'Sumarni',
      hubungan: 'diri_sendiri',
      diberikanPada: new Date().toISOString(),
    });
    const link = { version: person.version, nik: holder.nik, tanggalLahir: holder.tanggalLahir };
    // A pendamping learns the NIK is registered and who can merge; nothing changes.
    const refused = await post(owner, `/beneficiaries/${person.id}/nik`, link);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'NIK_EXISTS_MERGE_REQUIRED', details: { id: holder.id } });
    const merged = await post(koordinator, `/beneficiaries/${person.id}/nik`, link);
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({
      id: holder.id,
      nik: holder.nik,
      nama: 'Sumarni Rahayu',
      tanggalLahir: holder.tanggalLahir,
      nomorSementara: person.nomorSementara,
      tanggalLahirPerkiraan: false,
    });
    expect((await get(owner, `/beneficiaries/${person.id}`)).statusCode).toBe(404);
    for (const id of [kase.id, holderCase.id])
      expect((await get(owner, `/cases/${id}`)).json()).toMatchObject({ beneficiaryId: holder.id });
    expect((await get(owner, `/beneficiaries/${holder.id}/consents`)).json()).toHaveLength(1);
    expect(
      (await get(owner, `/beneficiaries?q=${encodeURIComponent(person.nomorSementara!)}`)).json().items.map((p: BeneficiaryRecord) => p.id),
    ).toEqual([holder.id]);
    const events = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'subject_id', 'details'])
      .where('action', 'in', ['beneficiary.merge', 'beneficiary.nik_link'])
      .where('subject_id', '=', holder.id)
      .execute();
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'beneficiary.merge',
          entity_id: holder.id,
          details: { merged: { id: person.id }, nikLinked: true },
        }),
        expect.objectContaining({ action: 'beneficiary.nik_link', entity_id: person.id, details: { mergedInto: holder.id } }),
      ]),
    );
  });
});

describe('strict validation kept', () => {
  it('checks a linked NIK against the real birth date, sex and its own form exactly as at registration', async () => {
    const person = (
      await register(owner, { nama: 'Kasmin', alasanTanpaNik: 'tidak_punya_dokumen', perkiraanUmur: 38 })
    ).json() as BeneficiaryRecord;
    const nik = nikFor('35.10.01.2001', '1988-02-10', 'L', 7003);
    const attempts: Array<[Record<string, unknown>, string, string]> = [
      [{ nik }, 'tanggalLahir', 'REQUIRED_MISSING'], // an estimate cannot confirm a NIK
      [{ nik, tanggalLahir: '1988-02-11' }, 'tanggalLahir', 'NIK_DOB_MISMATCH'],
      [{ nik, tanggalLahir: '1988-02-10', jenisKelamin: 'P' }, 'jenisKelamin', 'NIK_SEX_MISMATCH'],
      [{ nik: '3510011002880000', tanggalLahir: '1988-02-10' }, 'nik', 'NIK_FORMAT'],
      [{ nik: '3.51001E+15', tanggalLahir: '1988-02-10' }, 'nik', 'NIK_MANGLED'],
      [{ nik, tanggalLahir: '1988-02-10', kodeDesa: '35.10.01.9999' }, 'kodeDesa', 'WILAYAH_UNKNOWN'],
    ];
    for (const [payload, field, code] of attempts) {
      const response = await post(owner, `/beneficiaries/${person.id}/nik`, { version: person.version, ...payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(422);
      expect(response.json().error.details, JSON.stringify(payload)).toContainEqual(expect.objectContaining({ field, code }));
    }
    expect((await get(owner, `/beneficiaries/${person.id}`)).json()).toMatchObject({
      nik: null,
      version: person.version,
      tanggalLahirPerkiraan: true,
    });
  });

  it('still requires a real birth date with a NIK: an estimated age stands in only without one', async () => {
    const response = await post(owner, '/beneficiaries', {
      nik: nikFor('35.10.01.2001', '1990-05-05', 'L', 7004),
      nama: 'Bejo',
      jenisKelamin: 'L',
      kodeDesa: '35.10.01.2001',
      perkiraanUmur: 36,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([expect.objectContaining({ field: 'tanggalLahir', code: 'REQUIRED_MISSING' })]);
    const empty = await post(owner, '/beneficiaries', {
      nama: 'Bejo',
      jenisKelamin: 'L',
      kodeDesa: '35.10.01.2001',
      tanggalLahir: '1990-05-05',
    });
    expect(empty.json().error.details).toEqual([expect.objectContaining({ field: 'nik', code: 'REQUIRED_MISSING' })]);
  });
});

describe('import of such rows', () => {
  const HEADER =
    'nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,kategori_ppks,telepon,alasan_tanpa_nik,perkiraan_umur';
  const upload = (csv: string) =>
    owner.request({ method: 'POST', url: '/api/v1/imports/beneficiaries', payload: csv, headers: { 'content-type': 'text/csv' } });

  it('accepts a row without NIK when the file gives the reason, inserts it under a temporary number, and adds no one on a second import', async () => {
    const nik = nikFor('35.10.05.2001', '1970-01-20', 'P', 7005);
    const csv = [
      HEADER,
      ',,Supinah Import,P,,,Kolong jembatan,35.10.05.2001,11,,tidak_punya_dokumen,52', // 2: accepted
      ',,Bayi Import,L,,2026-01-05,,35.10.05.2001,,,Bayi/anak belum tercatat,', // 3: accepted, real date
      ',,Tanpa Alasan Import,L,,,,35.10.05.2001,,,,40', // 4: REQUIRED_MISSING
      ',,Alasan Salah Import,L,,,,35.10.05.2001,,,lupa,40', // 5: ALASAN_TANPA_NIK_UNKNOWN
      ',,Umur Salah Import,L,,,,35.10.05.2001,,,komunitas_adat,empat puluh', // 6: PERKIRAAN_UMUR_INVALID
      `${nikFor('35.10.05.2001', '1970-01-21', 'P', 7006)},,Dengan NIK Tanpa Tanggal,P,,,,35.10.05.2001,,,,56`, // 7: REQUIRED_MISSING (a NIK needs its birth date)
      `${nik},,Dengan NIK Import,P,,20-01-1970,,35.10.05.2001,,,tidak_punya_dokumen,`, // 8: accepted, the reason moot
    ].join('\n');
    const first = await upload(csv);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ total: 7, accepted: 3, rejected: 4, inserted: 3 });
    expect(first.json().rows).toEqual([
      { line: 4, errors: ['REQUIRED_MISSING'], warnings: [] },
      { line: 5, errors: ['ALASAN_TANPA_NIK_UNKNOWN'], warnings: [] },
      { line: 6, errors: ['PERKIRAAN_UMUR_INVALID'], warnings: [] },
      { line: 7, errors: ['REQUIRED_MISSING'], warnings: [] },
    ]);
    const stored = await ctx.database.db
      .selectFrom('beneficiaries')
      .select(['nama', 'nik', 'alasan_tanpa_nik', 'nomor_sementara', 'tanggal_lahir', 'tanggal_lahir_perkiraan'])
      .where('kode_desa', '=', '35.10.05.2001')
      .orderBy('nama')
      .execute();
    expect(stored).toEqual([
      expect.objectContaining({
        nama: 'Bayi Import',
        nik: null,
        alasan_tanpa_nik: 'bayi_belum_tercatat',
        tanggal_lahir: '2026-01-05',
        tanggal_lahir_perkiraan: false,
        nomor_sementara: expect.stringMatching(TMP),
      }),
      expect.objectContaining({ nama: 'Dengan NIK Import', nik, alasan_tanpa_nik: null, nomor_sementara: null }),
      expect.objectContaining({
        nama: 'Supinah Import',
        nik: null,
        alasan_tanpa_nik: 'tidak_punya_dokumen',
        tanggal_lahir_perkiraan: true,
        nomor_sementara: expect.stringMatching(TMP),
      }),
    ]);
    const again = (await upload(csv)).json();
    expect(again).toMatchObject({ accepted: 3, inserted: 0, updated: 1 });
    expect(again.rows.filter((r: { warnings: string[] }) => r.warnings.length > 0)).toEqual([
      { line: 2, errors: [], warnings: ['TANPA_NIK_EXISTS'] },
      { line: 3, errors: [], warnings: ['TANPA_NIK_EXISTS'] },
      { line: 8, errors: [], warnings: ['NIK_EXISTS'] },
    ]);
    const count = await ctx.database.db
      .selectFrom('beneficiaries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kode_desa', '=', '35.10.05.2001')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });

  it('keeps a file without the new columns judged exactly as before: an empty NIK is REQUIRED_MISSING', async () => {
    const csv = [
      'nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,kategori_ppks,telepon',
      ',,Kosong,L,,1990-01-01,,35.10.05.2001,,',
    ].join('\n');
    expect((await upload(csv)).json().rows).toEqual([{ line: 2, errors: ['REQUIRED_MISSING'], warnings: [] }]);
  });
});

describe('masked views of a child without NIK', () => {
  it('masks an unregistered infant for everyone but their pendamping and the koordinator: no temporary number, no reason', async () => {
    const child = (
      await register(owner, {
        nama: 'Bayi Laki Tanpa Nama',
        alasanTanpaNik: 'bayi_belum_tercatat',
        perkiraanUmur: 1,
        kodeDesa: '35.10.06.2001',
      })
    ).json() as BeneficiaryRecord;
    expect(child).toMatchObject({ anak: true, sensitif: true, identitasTerlindungi: false });
    const masked = {
      nik: null,
      nomorSementara: null,
      alasanTanpaNik: null,
      tanggalLahir: null,
      kodeDesa: null,
      identitasTerlindungi: true,
      anak: true,
      nama: 'B. L. T. N.',
    };
    for (const s of [colleague, direktorat, admin]) {
      expect((await get(s, `/beneficiaries/${child.id}`)).json(), s.user.role).toMatchObject(masked);
      // The number is as identifying as a NIK: a search by it does not answer for them.
      expect((await get(s, `/beneficiaries?q=${encodeURIComponent(child.nomorSementara!)}`)).json().total, s.user.role).toBe(0);
    }
    for (const s of [owner, koordinator])
      expect((await get(s, `/beneficiaries/${child.id}`)).json()).toMatchObject({
        nomorSementara: child.nomorSementara,
        identitasTerlindungi: false,
      });
    const csv = (await get(admin, '/beneficiaries/export?format=csv&wilayah=35.10.06')).body;
    expect(csv).toContain('B. L. T. N.');
    expect(csv).not.toContain(child.nomorSementara!);
    expect(csv).not.toContain('bayi_belum_tercatat');
  });
});
