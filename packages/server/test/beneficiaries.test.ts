import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session; // Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let jakarta: Session; // pendamping Jakarta Pusat
let jakartaKoor: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, koordinator, jakarta, jakartaKoor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'koordinator', '31'),
  ]);
});
afterAll(() => ctx.close());

let serial = 0;
/** A valid person in Kab. Banyuwangi (village 35.10.01.2001), born 5 August 1990, female. */
function person(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    nik: `35100145089${String(serial).padStart(5, '0')}`,
    noKk: '3510010101200001',
    nama: `Siti Aminah ${serial}`,
    jenisKelamin: 'P',
    tanggalLahir: '1990-08-05',
    kodeDesa: '35.10.01.2001',
    kategoriPpks: '24',
    ...overrides,
  };
}

async function create(session: Session, body: Record<string, unknown>) {
  return session.request({ method: 'POST', url: '/api/v1/beneficiaries', payload: body });
}

const countAll = async () =>
  (
    await ctx.database.db
      .selectFrom('beneficiaries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('registering people', () => {
  it('stores a valid person and audits it', async () => {
    const response = await create(pendamping, person({ nama: '  Dewi   Lestari ', jenisKelamin: 'Perempuan', tanggalLahir: '05/08/1990' }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      nama: 'Dewi Lestari',
      jenisKelamin: 'P',
      tanggalLahir: '1990-08-05',
      anak: false,
      sensitif: false,
      version: 1,
    });
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', body.id)
      .execute();
    expect(audit).toEqual([{ action: 'beneficiary.create', actor_id: pendamping.user.id }]);
  });

  it('refuses invalid data with a 422 naming each field, and stores nothing', async () => {
    const before = await countAll();
    const response = await create(
      pendamping,
      person({
        nik: '3510014508900003',
        jenisKelamin: 'L',
        tanggalLahir: '1990-08-06',
        kodeDesa: '35.10.01.9999',
        kategoriPpks: 'Korban Banjir',
      }),
    );
    expect(response.statusCode).toBe(422);
    const error = response.json().error;
    expect(error.code).toBe('BENEFICIARY_INVALID');
    expect(error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual([
      'tanggalLahir:NIK_DOB_MISMATCH',
      'jenisKelamin:NIK_SEX_MISMATCH',
      'kodeDesa:WILAYAH_UNKNOWN',
      'kategoriPpks:PMKS_UNKNOWN',
    ]);
    const missing = await create(pendamping, person({ nama: ' ', nik: '3.5781E+15' }));
    expect(missing.json().error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual([
      'nama:REQUIRED_MISSING',
      'nik:NIK_MANGLED',
    ]);
    expect(await countAll()).toBe(before);
  });

  it('refuses a NIK already registered, and a person outside the caller’s area', async () => {
    const body = person();
    expect((await create(pendamping, body)).statusCode).toBe(201);
    const again = await create(pendamping, { ...body, nama: 'Orang Lain' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('NIK_EXISTS');
    const outside = await create(jakarta, person());
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('SCOPE_OUTSIDE_OWN');
  });

  it('lets direktorat and auditor read but not write', async () => {
    for (const role of ['direktorat', 'auditor'] as const) {
      const session = await signIn(ctx, role, null);
      expect((await create(session, person())).statusCode, role).toBe(403);
      expect((await session.request({ method: 'GET', url: '/api/v1/beneficiaries' })).statusCode, role).toBe(200);
    }
  });

  it('marks children as sensitive', async () => {
    const child = await create(pendamping, person({ nik: '3510014508150001', tanggalLahir: '2015-08-05', kategoriPpks: '02' }));
    expect(child.json()).toMatchObject({ anak: true, sensitif: true });
    const odha = await create(pendamping, person({ kategoriPpks: 'ODHA' }));
    expect(odha.json()).toMatchObject({ anak: false, sensitif: true, kategoriPpks: '16' });
  });
});

describe('finding people again', () => {
  it('finds by exact NIK, by NIK prefix, and by a misspelt name', async () => {
    const yusuf = (
      await create(pendamping, person({ nik: '3510010508900777', jenisKelamin: 'L', nama: 'Muhammad Yusuf Hasibuan' }))
    ).json();
    const byNik = (await pendamping.request({ method: 'GET', url: '/api/v1/beneficiaries?q=3510010508900777' })).json();
    expect(byNik).toMatchObject({ total: 1, items: [{ id: yusuf.id }] });
    const byPrefix = (
      await pendamping.request({ method: 'GET', url: `/api/v1/beneficiaries?q=${encodeURIComponent("'351001050890")}` })
    ).json();
    expect(byPrefix.items.map((b: { id: string }) => b.id)).toContain(yusuf.id);
    for (const spelling of [
      'Mohamad Jusup Hasibuan',
      'muhamad yusuf',
      'Moch. Yusup Hasibuan',
      'Yusuf Hasibuan',
      'Muhammad Yusuf Hasibuna',
    ]) {
      const found = (await pendamping.request({ method: 'GET', url: `/api/v1/beneficiaries?q=${encodeURIComponent(spelling)}` })).json();
      expect(found.items[0]?.id, spelling).toBe(yusuf.id);
    }
  });

  it('finds by typed words in any order, with a middle name left out, and pages the ranked matches', async () => {
    const names = ['Umi Dewi Gunawanto', 'Umi Gunawanto', 'Dewi Gunawanto Umi'];
    const ids = [];
    for (const nama of names) ids.push((await create(pendamping, person({ nama }))).json().id);
    const search = async (q: string, query = '') =>
      (await koordinator.request({ method: 'GET', url: `/api/v1/beneficiaries?q=${encodeURIComponent(q)}${query}` })).json();
    const found = await search('umi gnawanto');
    expect(found.total).toBe(3);
    expect(found.items[0].id).toBe(ids[1]); // the closest whole name first
    expect(new Set(found.items.map((b: { id: string }) => b.id))).toEqual(new Set(ids));
    const second = await search('umi gnawanto', '&pageSize=2&page=2');
    expect(second).toMatchObject({ total: 3, items: [{}] });
    expect(await search('umi gnawanto', '&pageSize=2&page=3')).toEqual({ items: [], total: 3 });
    // A word nobody carries still finds the people whose other words match, through the whole name.
    expect((await search('Umi Gunawanto Qwzx')).items[0]?.id).toBe(ids[1]);
    expect(await search('Zzyzx Qwerty')).toEqual({ items: [], total: 0 });
  });

  it('keeps the links to villages and categories whole without row-by-row foreign keys', async () => {
    const db = ctx.database.db;
    const before = await countAll();
    const insert = (kodeDesa: string, kategori: string | null) =>
      sql`insert into beneficiaries (nik, nama, nama_kunci, jenis_kelamin, tanggal_lahir, kode_desa, provinsi, kategori_ppks)
          values ('3510014508909999', 'X', 'x', 'P', '1990-08-05', ${kodeDesa}, ${kodeDesa.slice(0, 2)}, ${kategori})`.execute(db);
    await expect(insert('35.10.01.9999', '24')).rejects.toThrow(/kode_desa is not in wilayah/);
    await expect(insert('35.10.01.2001', '99')).rejects.toThrow(/kategori_ppks is not in ppks/);
    expect(await countAll()).toBe(before);
    const used = (await create(pendamping, person())).json();
    await expect(sql`delete from wilayah where kode = ${used.kodeDesa}`.execute(db)).rejects.toThrow(/used by beneficiaries/);
    await expect(sql`update ppks set kode = '98' where kode = '24'`.execute(db)).rejects.toThrow(/used by beneficiaries/);
  });

  it('never shows another province’s people, in lists, counts or by id', async () => {
    const banyuwangi = (await create(pendamping, person({ nama: 'Rahasia Banyuwangi' }))).json();
    const list = (await jakarta.request({ method: 'GET', url: '/api/v1/beneficiaries?pageSize=200' })).json();
    expect(list.items.map((b: { id: string }) => b.id)).not.toContain(banyuwangi.id);
    expect(list.total).toBe(list.items.length);
    const search = (await jakarta.request({ method: 'GET', url: '/api/v1/beneficiaries?q=Rahasia%20Banyuwangi' })).json();
    expect(search).toEqual({ items: [], total: 0 });
    for (const url of [
      `/api/v1/beneficiaries/${banyuwangi.id}`,
      `/api/v1/beneficiaries/${banyuwangi.id}/household`,
      `/api/v1/beneficiaries/${banyuwangi.id}/consents`,
    ]) {
      expect((await jakarta.request({ method: 'GET', url })).statusCode, url).toBe(404);
      expect((await jakartaKoor.request({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    const patch = await jakarta.request({
      method: 'PATCH',
      url: `/api/v1/beneficiaries/${banyuwangi.id}`,
      payload: { version: 1, nama: 'Diubah' },
    });
    expect(patch.statusCode).toBe(404);
    const mine = (await koordinator.request({ method: 'GET', url: '/api/v1/beneficiaries?q=Rahasia%20Banyuwangi' })).json();
    expect(mine.items[0]?.id).toBe(banyuwangi.id);
  });

  it('shows the household: everyone on the same family card', async () => {
    const kk = '3510010202200002';
    const father = (
      await create(pendamping, person({ nik: '3510011203800001', jenisKelamin: 'L', tanggalLahir: '1980-03-12', noKk: kk, nama: 'Bapak' }))
    ).json();
    await create(pendamping, person({ nik: '3510015204820001', tanggalLahir: '1982-04-12', noKk: kk, nama: 'Ibu' }));
    await create(pendamping, person({ nik: '3510010106100001', jenisKelamin: 'L', tanggalLahir: '2010-06-01', noKk: kk, nama: 'Anak' }));
    const response = (await pendamping.request({ method: 'GET', url: `/api/v1/beneficiaries/${father.id}/household` })).json();
    expect(response.noKk).toBe(kk);
    expect(response.members.map((m: { nama: string }) => m.nama)).toEqual(['Bapak', 'Ibu', 'Anak']);
  });
});

describe('correcting people', () => {
  it('applies a change with the version read and refuses a stale one', async () => {
    const created = (await create(pendamping, person())).json();
    const first = await pendamping.request({
      method: 'PATCH',
      url: `/api/v1/beneficiaries/${created.id}`,
      payload: { version: 1, alamat: 'Jl. Baru 1', telepon: '08123' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ alamat: 'Jl. Baru 1', version: 2 });
    const stale = await koordinator.request({
      method: 'PATCH',
      url: `/api/v1/beneficiaries/${created.id}`,
      payload: { version: 1, alamat: 'Jl. Lama' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const invalid = await pendamping.request({
      method: 'PATCH',
      url: `/api/v1/beneficiaries/${created.id}`,
      payload: { version: 2, tanggalLahir: '31/02/1990' },
    });
    expect(invalid.statusCode).toBe(422);
    const moveAway = await pendamping.request({
      method: 'PATCH',
      url: `/api/v1/beneficiaries/${created.id}`,
      payload: { version: 2, kodeDesa: '31.71.01.1001' },
    });
    expect(moveAway.statusCode).toBe(403);
    const stored = await ctx.database.db
      .selectFrom('beneficiaries')
      .select(['alamat', 'version', 'kode_desa'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ alamat: 'Jl. Baru 1', version: 2, kode_desa: '35.10.01.2001' });
  });
});

describe('consent', () => {
  it('records consent, requires a guardian for a child, and withdraws once', async () => {
    const child = (await create(pendamping, person({ nik: '3510014508160001', tanggalLahir: '2016-08-05' }))).json();
    const url = `/api/v1/beneficiaries/${child.id}/consents`;
    const self = await pendamping.request({
      method: 'POST',
      url,
      payload: {
        tujuan: 'asesmen dan pendampingan',
        pemberiNama: 'Anak Sendiri',
        hubungan: 'diri_sendiri',
        diberikanPada: '2026-11-01T09:00:00+07:00',
      },
    });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.code).toBe('CONSENT_GUARDIAN_REQUIRED');
    const parent = await pendamping.request({
      method: 'POST',
      url,
      payload: {
        tujuan: 'asesmen dan pendampingan',
        pemberiNama: 'Ibu Kandung',
        hubungan: 'orang_tua',
        diberikanPada: '2026-11-01T09:00:00+07:00',
      },
    });
    expect(parent.statusCode).toBe(201);
    const consent = parent.json();
    expect(consent).toMatchObject({ hubungan: 'orang_tua', aktif: true, dicatatOleh: pendamping.user.id });
    const withdraw = await pendamping.request({ method: 'POST', url: `${url}/${consent.id}/withdraw` });
    expect(withdraw.json().aktif).toBe(false);
    expect((await pendamping.request({ method: 'POST', url: `${url}/${consent.id}/withdraw` })).statusCode).toBe(409);
    expect((await pendamping.request({ method: 'GET', url })).json()).toHaveLength(1);
    expect((await jakarta.request({ method: 'POST', url: `${url}/${consent.id}/withdraw` })).statusCode).toBe(404);
  });
});

describe('duplicates', () => {
  it('proposes probable duplicates to the koordinator, who merges one and keeps the audit', async () => {
    const a = (
      await create(
        pendamping,
        person({ nik: '3510016107750001', tanggalLahir: '1975-07-21', nama: 'Sri Wahyuningsih', noKk: null, alamat: 'Dusun Krajan' }),
      )
    ).json();
    const b = (
      await create(
        pendamping,
        person({ nik: '3510016107750002', tanggalLahir: '1975-07-21', nama: 'Sri Wahyuningsi', noKk: '3510010303200003' }),
      )
    ).json();
    const c = await create(
      pendamping,
      person({ nik: '3510012107750003', tanggalLahir: '1975-07-21', nama: 'Bambang Sutrisno', jenisKelamin: 'L' }),
    );
    expect(c.statusCode).toBe(201);
    expect((await pendamping.request({ method: 'GET', url: '/api/v1/beneficiaries/duplicates' })).statusCode).toBe(403);
    const list = (await koordinator.request({ method: 'GET', url: '/api/v1/beneficiaries/duplicates' })).json();
    const pair = list.items.find(
      (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join() === [a.id, b.id].sort().join(),
    );
    expect(pair).toBeDefined();
    expect(
      list.items.some(
        (p: { a: { nama: string }; b: { nama: string } }) => p.a.nama === 'Bambang Sutrisno' || p.b.nama === 'Bambang Sutrisno',
      ),
    ).toBe(false);
    expect((await jakartaKoor.request({ method: 'GET', url: '/api/v1/beneficiaries/duplicates' })).json().total).toBe(0);
    expect(
      (await jakartaKoor.request({ method: 'POST', url: '/api/v1/beneficiaries/merge', payload: { survivorId: a.id, duplicateId: b.id } }))
        .statusCode,
    ).toBe(404);

    await koordinator.request({
      method: 'POST',
      url: `/api/v1/beneficiaries/${b.id}/consents`,
      payload: { tujuan: 'pendampingan', pemberiNama: 'Sri', hubungan: 'diri_sendiri', diberikanPada: '2026-10-01T08:00:00Z' },
    });
    const merged = await koordinator.request({
      method: 'POST',
      url: '/api/v1/beneficiaries/merge',
      payload: { survivorId: a.id, duplicateId: b.id },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ id: a.id, noKk: '3510010303200003', alamat: 'Dusun Krajan', version: 2 });
    expect((await koordinator.request({ method: 'GET', url: `/api/v1/beneficiaries/${b.id}` })).statusCode).toBe(404);
    expect((await koordinator.request({ method: 'GET', url: `/api/v1/beneficiaries/${a.id}/consents` })).json()).toHaveLength(1);
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'beneficiary.merge')
      .where('entity_id', '=', a.id)
      .executeTakeFirstOrThrow();
    // Ids only: the trail never keeps a second copy of anyone's identity.
    expect(audit.details).toEqual({ merged: { id: b.id } });
  });

  it('stops proposing a pair once marked as two different people', async () => {
    const a = (await create(pendamping, person({ nik: '3510016208700001', tanggalLahir: '1970-08-22', nama: 'Kartini Rahayu' }))).json();
    const b = (await create(pendamping, person({ nik: '3510016208700002', tanggalLahir: '1970-08-22', nama: 'Kartini Rahayu' }))).json();
    const has = async () =>
      (await koordinator.request({ method: 'GET', url: '/api/v1/beneficiaries/duplicates?pageSize=200' }))
        .json()
        .items.some((p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].includes(a.id) && [p.a.id, p.b.id].includes(b.id));
    expect(await has()).toBe(true);
    expect(
      (await koordinator.request({ method: 'POST', url: '/api/v1/beneficiaries/distinct', payload: { firstId: b.id, secondId: a.id } }))
        .statusCode,
    ).toBe(204);
    expect(await has()).toBe(false);
  });
});
