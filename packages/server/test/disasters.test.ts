import ExcelJS from 'exceljs';
import type { AffectedRecord, DisasterRecord, SitrepRecord } from '@tuntas/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  affectedBody,
  buildDisaster,
  buildPerson,
  buildShelter,
  dayFromToday,
  deploy,
  nikFor,
  registerAffected,
} from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * Disaster response (issue 18) on a real database: events, deployments and the one access rule,
 * shelters, affected people as registry persons, LDP, the case in one step and the sitrep.
 */

let ctx: TestContext;
let direktorat: Session;
let koordinator: Session; // Jawa Timur: the host
let jakartaKoor: Session;
let local: Session; // pendamping of Kab. Banyuwangi
let deployed: Session; // pendamping of Kota Jakarta Pusat, deployed to the flood
let expired: Session; // pendamping of Kota Jakarta Pusat whose deployment has ended
let stranger: Session; // pendamping of Kota Jakarta Pusat, never deployed
let flood: DisasterRecord;

const api = (s: Session, method: string, url: string, payload?: unknown, headers?: Record<string, string>) =>
  s.request({
    method: method as 'POST',
    url: `/api/v1${url}`,
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    ...(headers ? { headers } : {}),
  });
const count = async (table: string) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(ctx.database.db)).rows[0]!.n);

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koordinator, jakartaKoor, local, deployed, expired, stranger] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
  ]);
  flood = await buildDisaster(direktorat, { nama: 'Banjir Banyuwangi, Jember dan Situbondo', wilayah: ['35.10', '35.09', '35.12'] });
  await deploy(direktorat, flood, deployed);
  await deploy(direktorat, flood, expired, { mulai: dayFromToday(-20), selesai: dayFromToday(-10) });
});
afterAll(() => ctx.close());

describe('declaring an event', () => {
  it('lets the direktorat declare anywhere and a koordinator inside their own area only', async () => {
    expect(flood).toMatchObject({
      status: 'tanggap_darurat',
      wilayah: ['35.09', '35.10', '35.12'],
      selesai: null,
      tindakan: { tugaskan: true, catat: false, posko: true },
    });
    // The direktorat sets up shelters (coordination), but registering the affected is field work.
    const post = await buildShelter(direktorat, flood, { nama: 'Posko Utama Dinas Sosial' });
    expect(post.kapasitas).toBe(100);
    expect((await api(direktorat, 'POST', `/disasters/${flood.id}/affected`, affectedBody({ nama: 'Warsini' }))).statusCode).toBe(403);
    const mine = await buildDisaster(koordinator, { nama: 'Tanah longsor Banyuwangi', jenis: 'tanah_longsor', wilayah: ['35.10.01'] });
    expect(mine.tindakan).toMatchObject({ tugaskan: true, catat: true });
    const before = await count('disasters');
    const outside = await api(koordinator, 'POST', '/disasters', {
      nama: 'Banjir lintas provinsi',
      jenis: 'banjir',
      mulai: dayFromToday(-1),
      wilayah: ['35.10', '33.01'],
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('SCOPE_OUTSIDE_OWN');
    expect(
      (await api(local, 'POST', '/disasters', { nama: 'Banjir', jenis: 'banjir', mulai: dayFromToday(-1), wilayah: ['35.10'] })).statusCode,
    ).toBe(403);
    for (const wilayah of [['35'], ['35.99'], ['35.10', '35.10.01']]) {
      const r = await api(direktorat, 'POST', '/disasters', { nama: 'Banjir', jenis: 'banjir', mulai: dayFromToday(-1), wilayah });
      expect(r.statusCode, wilayah.join()).toBe(422);
      expect(r.json().error.code).toBe('DISASTER_INVALID');
    }
    expect(
      (await api(direktorat, 'POST', '/disasters', { nama: 'Banjir', jenis: 'badai_salju', mulai: dayFromToday(-1), wilayah: ['35.10'] }))
        .statusCode,
    ).toBe(400);
    expect(
      (await api(direktorat, 'POST', '/disasters', { nama: 'Banjir', jenis: 'banjir', mulai: dayFromToday(5), wilayah: ['35.10'] }))
        .statusCode,
    ).toBe(422);
    expect(await count('disasters')).toBe(before);
  });

  it('moves the status only as the domain allows and keeps who moved it when', async () => {
    const event = await buildDisaster(direktorat, { nama: 'Gempa Banyuwangi', jenis: 'gempa_bumi', status: 'siaga_darurat' });
    const bad = await api(direktorat, 'POST', `/disasters/${event.id}/status`, { status: 'pemulihan' });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.code).toBe('DISASTER_STATUS_INVALID');
    expect((await api(local, 'POST', `/disasters/${event.id}/status`, { status: 'tanggap_darurat' })).statusCode).toBe(403);
    expect((await api(jakartaKoor, 'POST', `/disasters/${event.id}/status`, { status: 'tanggap_darurat' })).statusCode).toBe(404);
    expect(
      (await api(koordinator, 'POST', `/disasters/${event.id}/status`, { status: 'tanggap_darurat', catatan: 'Gempa susulan' })).json()
        .status,
    ).toBe('tanggap_darurat');
    const closed = (await api(direktorat, 'POST', `/disasters/${event.id}/status`, { status: 'selesai' })).json() as DisasterRecord;
    expect(closed.status).toBe('selesai');
    expect(closed.selesai).not.toBeNull();
    expect(closed.tindakan.status).toEqual([]);
    const history = (await api(local, 'GET', `/disasters/${event.id}/status-history`)).json();
    expect(history.map((h: { status: string }) => h.status)).toEqual(['siaga_darurat', 'tanggap_darurat', 'selesai']);
    expect(history[1]).toMatchObject({ oleh: koordinator.user.username, catatan: 'Gempa susulan' });
    expect((await api(direktorat, 'POST', `/disasters/${event.id}/status`, { status: 'tanggap_darurat' })).statusCode).toBe(409);
    const late = await api(koordinator, 'POST', `/disasters/${event.id}/shelters`, {
      nama: 'Posko',
      jenis: 'posko',
      kodeDesa: '35.10.01.2001',
      kapasitas: 10,
    });
    expect(late.json().error.code).toBe('DISASTER_CLOSED');
  });
});

describe('deployments', () => {
  it('deploys only active pendamping, for at most 90 days, end not before start', async () => {
    const before = await count('disaster_deployments');
    const body = (userId: string, mulai: string, selesai: string) => ({ userId, mulai, selesai, peran: 'ldp' });
    const notPendamping = await api(
      direktorat,
      'POST',
      `/disasters/${flood.id}/deployments`,
      body(jakartaKoor.user.id, dayFromToday(0), dayFromToday(3)),
    );
    expect([notPendamping.statusCode, notPendamping.json().error.code]).toEqual([422, 'DEPLOYMENT_INVALID']);
    const backwards = await api(
      direktorat,
      'POST',
      `/disasters/${flood.id}/deployments`,
      body(stranger.user.id, dayFromToday(3), dayFromToday(0)),
    );
    expect([backwards.statusCode, backwards.json().error.code]).toEqual([422, 'DEPLOYMENT_INVALID']);
    const tooLong = await api(
      direktorat,
      'POST',
      `/disasters/${flood.id}/deployments`,
      body(stranger.user.id, dayFromToday(0), dayFromToday(90)),
    );
    expect([tooLong.statusCode, tooLong.json().error.details[0].code]).toEqual([422, 'terlalu_lama']);
    const overlap = await api(
      direktorat,
      'POST',
      `/disasters/${flood.id}/deployments`,
      body(deployed.user.id, dayFromToday(2), dayFromToday(4)),
    );
    expect(overlap.json().error.code).toBe('DEPLOYMENT_OVERLAP');
    expect(
      (await api(local, 'POST', `/disasters/${flood.id}/deployments`, body(stranger.user.id, dayFromToday(0), dayFromToday(3)))).statusCode,
    ).toBe(403);
    expect(
      (await api(jakartaKoor, 'POST', `/disasters/${flood.id}/deployments`, body(stranger.user.id, dayFromToday(0), dayFromToday(3))))
        .statusCode,
    ).toBe(404);
    expect(await count('disaster_deployments')).toBe(before);
    const list = (await api(koordinator, 'GET', `/disasters/${flood.id}/deployments`)).json();
    expect(list.find((d: { userId: string }) => d.userId === deployed.user.id)).toMatchObject({
      aktif: true,
      wilayahAsal: '31.71',
      suratTugas: 'ST-123/RSKBK/2026',
    });
    expect(list.find((d: { userId: string }) => d.userId === expired.user.id)).toMatchObject({ aktif: false });
  });
});

describe('finding whom to deploy', () => {
  it('offers the manager active pendamping of any province by name, marking who is deployed today; others get nothing', async () => {
    const found = (
      await api(direktorat, 'GET', `/disasters/${flood.id}/deployable?q=${encodeURIComponent(deployed.user.username)}`)
    ).json() as Array<{ userId: string; wilayah: string; bertugas: boolean }>;
    expect(found).toEqual([expect.objectContaining({ userId: deployed.user.id, wilayah: '31.71', bertugas: true })]);
    const strangerFound = (
      await api(direktorat, 'GET', `/disasters/${flood.id}/deployable?q=${encodeURIComponent(stranger.user.username)}`)
    ).json();
    expect(strangerFound).toEqual([expect.objectContaining({ userId: stranger.user.id, bertugas: false })]);
    // Recording for the event does not make one its manager.
    expect((await api(local, 'GET', `/disasters/${flood.id}/deployable`)).statusCode).toBe(403);
    expect((await api(jakartaKoor, 'GET', `/disasters/${flood.id}/deployable`)).statusCode).toBe(404);
  });
});

describe('the access of a deployed pendamping', () => {
  it('reads and records the event during the deployment, and nothing else of the host province', async () => {
    const host = await buildPerson(local, { nama: 'Warga Tuan Rumah' });
    const hostCase = (await api(local, 'POST', '/cases', { beneficiaryId: host.id, ppks: '24', ringkasan: 'Kasus tuan rumah' })).json();
    expect((await api(stranger, 'GET', `/disasters/${flood.id}`)).statusCode).toBe(404);
    const seen = (await api(deployed, 'GET', `/disasters/${flood.id}`)).json() as DisasterRecord;
    expect(seen.tindakan).toMatchObject({ catat: true, tugaskan: false });
    expect((await api(deployed, 'GET', '/disasters')).json().map((d: DisasterRecord) => d.id)).toContain(flood.id);
    const shelter = await buildShelter(deployed, flood, { nama: 'Pengungsian SDN 1' });
    const person = await registerAffected(deployed, flood, { shelterId: shelter.id });
    expect((await api(deployed, 'GET', `/disasters/${flood.id}/affected`)).json().items.map((a: AffectedRecord) => a.id)).toContain(
      person.id,
    );

    // Everything else answers as it answers a pendamping of Jakarta never deployed.
    for (const url of [
      '/cases',
      '/beneficiaries',
      `/beneficiaries/${host.id}`,
      `/beneficiaries/${person.beneficiaryId}`,
      `/cases/${hostCase.id}`,
      '/dashboard/overview?wilayah=35.10',
      '/dashboard/overview',
      '/beneficiaries?wilayah=35.10',
    ]) {
      const mine = await api(deployed, 'GET', url);
      const theirs = await api(stranger, 'GET', url);
      expect(mine.statusCode, url).toBe(theirs.statusCode);
      expect(mine.body, url).not.toContain(host.id);
      expect(mine.body, url).not.toContain(person.beneficiaryId);
      if (mine.statusCode === 200 && 'total' in mine.json()) expect(mine.json().total, url).toBe(0);
    }
  });

  it('gives nothing of the event once the deployment has ended', async () => {
    for (const url of [
      `/disasters/${flood.id}`,
      `/disasters/${flood.id}/affected`,
      `/disasters/${flood.id}/shelters`,
      `/disasters/${flood.id}/sitrep`,
      `/disasters/${flood.id}/ldp-sessions`,
    ]) {
      expect((await api(expired, 'GET', url)).statusCode, url).toBe(404);
    }
    expect((await api(expired, 'GET', '/disasters')).json()).toEqual([]);
    const before = await count('disaster_affected');
    expect((await api(expired, 'POST', `/disasters/${flood.id}/affected`, affectedBody())).statusCode).toBe(404);
    expect(await count('disaster_affected')).toBe(before);
  });
});

describe('registering affected people', () => {
  it('validates a NIK as strictly as the registry and links one already registered instead of duplicating it', async () => {
    const nik = nikFor('35.10.01.2001', '1985-04-12', 'L', 7001);
    const fresh = await registerAffected(deployed, flood, { nik, tanggalLahir: '1985-04-12', jenisKelamin: 'L', nama: 'Bambang Sutrisno' });
    expect(fresh).toMatchObject({
      nik,
      terhubungRegistri: false,
      nama: 'Bambang Sutrisno',
      tanggalLahir: '1985-04-12',
      perkiraanUmur: null,
    });
    const known = await buildPerson(local, { nama: 'Sumiati Rahayu' });
    const people = await count('beneficiaries');
    const linked = await registerAffected(deployed, flood, { nik: known.nik!, tanggalLahir: known.tanggalLahir!, nama: 'Sumiati' });
    expect(linked).toMatchObject({ beneficiaryId: known.id, terhubungRegistri: true, nama: 'Sumiati Rahayu' });
    expect(await count('beneficiaries')).toBe(people);
    const wrong = await api(
      deployed,
      'POST',
      `/disasters/${flood.id}/affected`,
      affectedBody({ nik: nik.slice(0, 15) + '9', tanggalLahir: '1990-01-01', jenisKelamin: 'L' }),
    );
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([422, 'BENEFICIARY_INVALID']);
  });

  it('registers someone without NIK with a temporary number and an estimated age, and refuses an impossible age leaving nothing behind', async () => {
    const noDocs = await registerAffected(deployed, flood, { perkiraanUmur: 40, nama: 'Mbah Karto' });
    expect(noDocs.nik).toBeNull();
    expect(noDocs.nomorSementara).toMatch(/^TMP-35-\d{6}$/);
    expect(noDocs).toMatchObject({ perkiraanUmur: 40, tanggalLahir: null, terhubungRegistri: false });
    const [people, affected, history] = [
      await count('beneficiaries'),
      await count('disaster_affected'),
      await count('disaster_affected_history'),
    ];
    for (const body of [
      affectedBody({ perkiraanUmur: 150 }),
      affectedBody({ tanggalLahir: dayFromToday(30) }),
      affectedBody({ tanggalLahir: '1850-01-01' }),
    ]) {
      const r = await api(deployed, 'POST', `/disasters/${flood.id}/affected`, body);
      expect(r.statusCode).toBe(422);
      expect(r.json().error.code).toBe('BENEFICIARY_INVALID');
    }
    expect(
      (await api(deployed, 'POST', `/disasters/${flood.id}/affected`, affectedBody({ perkiraanUmur: 150 }))).json().error.details[0].code,
    ).toBe('PERKIRAAN_UMUR_INVALID');
    const elsewhere = await api(deployed, 'POST', `/disasters/${flood.id}/affected`, affectedBody({ kodeDesa: '35.01.01.2001' }));
    expect([elsewhere.statusCode, elsewhere.json().error.code]).toEqual([422, 'AFFECTED_INVALID']);
    const man = await api(
      deployed,
      'POST',
      `/disasters/${flood.id}/affected`,
      affectedBody({ jenisKelamin: 'L', kelompokRentan: ['ibu_hamil'] }),
    );
    expect(man.statusCode).toBe(422);
    expect([await count('beneficiaries'), await count('disaster_affected'), await count('disaster_affected_history')]).toEqual([
      people,
      affected,
      history,
    ]);
  });

  it('groups a household under its first member', async () => {
    const head = await registerAffected(deployed, flood, { nama: 'Kepala Keluarga Darmo', jenisKelamin: 'L' });
    const child = await registerAffected(deployed, flood, {
      nama: 'Anak Darmo',
      perkiraanUmur: 6,
      keluargaId: head.id,
      kelompokRentan: ['anak_tanpa_pendamping'],
    });
    expect(child.keluargaId).toBe(head.id);
    const family = (await api(deployed, 'GET', `/disasters/${flood.id}/affected?keluargaId=${head.id}`)).json();
    expect(family.items.map((a: AffectedRecord) => a.id).sort()).toEqual([head.id, child.id].sort());
  });

  it('flags the same person at two shelters, and a very similar person of the same village', async () => {
    const [a, b] = [
      await buildShelter(deployed, flood, { nama: 'Pengungsian Masjid' }),
      await buildShelter(deployed, flood, { nama: 'Pengungsian Balai Desa' }),
    ];
    const nik = nikFor('35.10.01.2001', '1979-02-03', 'P', 7002);
    const first = await registerAffected(deployed, flood, { nik, tanggalLahir: '1979-02-03', shelterId: a.id });
    expect(first.kemungkinanGanda).toBe(false);
    const second = await registerAffected(local, flood, { nik, tanggalLahir: '1979-02-03', shelterId: b.id });
    expect(second).toMatchObject({ kemungkinanGanda: true, terhubungRegistri: true, beneficiaryId: first.beneficiaryId });
    const flagged = (await api(deployed, 'GET', `/disasters/${flood.id}/affected?kemungkinanGanda=true&pageSize=200`))
      .json()
      .items.map((x: AffectedRecord) => x.id);
    expect(flagged).toEqual(expect.arrayContaining([first.id, second.id]));
    const one = await registerAffected(deployed, flood, { nama: 'Siti Khotijah Wulandari', perkiraanUmur: 50 });
    const two = await registerAffected(deployed, flood, { nama: 'Siti Khotijah Wulandar', perkiraanUmur: 51 });
    expect(two.kemungkinanGanda).toBe(true);
    expect(
      (await api(deployed, 'GET', `/disasters/${flood.id}/affected?kemungkinanGanda=true&pageSize=200`))
        .json()
        .items.map((x: AffectedRecord) => x.id),
    ).toContain(one.id);
  });

  it('allows a shelter over capacity and flags it', async () => {
    const small = await buildShelter(deployed, flood, { nama: 'Tenda Keluarga', kapasitas: 1 });
    await registerAffected(deployed, flood, { shelterId: small.id });
    await registerAffected(deployed, flood, { shelterId: small.id });
    const shelter = (await api(deployed, 'GET', `/disasters/${flood.id}/shelters`)).json().find((s: { id: string }) => s.id === small.id);
    expect(shelter).toMatchObject({ penghuni: 2, kapasitas: 1, melebihiKapasitas: true });
    const outside = await api(deployed, 'POST', `/disasters/${flood.id}/shelters`, {
      nama: 'Posko Surabaya',
      jenis: 'posko',
      kodeDesa: '35.78.01.1001',
      kapasitas: 5,
    });
    expect(outside.statusCode).toBe(422);
  });

  it('masks an affected child for the direktorat, as every protected person', async () => {
    const child = await registerAffected(deployed, flood, {
      nama: 'Putri Lestari Handayani',
      tanggalLahir: `${new Date().getUTCFullYear() - 8}-05-05`,
      kelompokRentan: ['anak_tanpa_pendamping'],
    });
    expect(child.nama).toBe('Putri Lestari Handayani');
    const list = (await api(direktorat, 'GET', `/disasters/${flood.id}/affected?pageSize=200`)).body;
    expect(list).not.toContain('Putri Lestari');
    expect(list).not.toContain(child.nomorSementara!);
    const masked = (await api(direktorat, 'GET', `/disasters/${flood.id}/affected?pageSize=200`))
      .json()
      .items.find((a: AffectedRecord) => a.id === child.id);
    expect(masked).toMatchObject({
      nama: 'P. L. H.',
      nik: null,
      nomorSementara: null,
      tanggalLahir: null,
      kodeDesa: null,
      identitasTerlindungi: true,
    });
    expect((await api(koordinator, 'GET', `/disasters/${flood.id}/affected?pageSize=200`)).body).toContain('Putri Lestari');
    const patch = await api(direktorat, 'PATCH', `/disasters/${flood.id}/affected/${child.id}`, {
      version: child.version,
      kondisi: 'luka',
    });
    expect(patch.statusCode).toBe(403);
  });

  it('replays an offline registration sent twice with one Idempotency-Key, and refuses a stale version', async () => {
    const body = affectedBody({ nama: 'Dari Antrean Luring' });
    const headers = { 'idempotency-key': 'bencana-0001' };
    const first = await api(deployed, 'POST', `/disasters/${flood.id}/affected`, body, headers);
    const again = await api(deployed, 'POST', `/disasters/${flood.id}/affected`, body, headers);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const record = first.json() as AffectedRecord;
    expect(
      (await api(deployed, 'PATCH', `/disasters/${flood.id}/affected/${record.id}`, { version: record.version, kondisi: 'luka' })).json()
        .kondisi,
    ).toBe('luka');
    const stale = await api(deployed, 'PATCH', `/disasters/${flood.id}/affected/${record.id}`, {
      version: record.version,
      kondisi: 'di_rumah',
    });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);
  });
});

describe('LDP sessions and a case in one step', () => {
  it('records a session with named participants and counts, then opens an unassigned host case carrying it', async () => {
    const child = await registerAffected(deployed, flood, {
      nama: 'Raka Pratama',
      perkiraanUmur: 9,
      jenisKelamin: 'L',
      kondisi: 'luka',
      kelompokRentan: ['anak_tanpa_pendamping'],
      kebutuhan: 'Pendampingan trauma',
    });
    const other = await registerAffected(deployed, flood, {});
    const ldp = await api(deployed, 'POST', `/disasters/${flood.id}/ldp-sessions`, {
      // The UTC day is never ahead of the event's own (WIB or later).
      tanggal: dayFromToday(0),
      jenis: 'ruang_ramah_anak',
      tempat: 'Halaman SDN 1',
      peserta: [child.id, other.id],
      hitungan: [
        { kelompokUmur: 'anak', jenisKelamin: 'L', jumlah: 5 },
        { kelompokUmur: 'dewasa', jenisKelamin: 'P', jumlah: 3 },
      ],
      catatan: 'Raka menarik diri, perlu asesmen lanjut',
    });
    expect(ldp.statusCode).toBe(201);
    expect(ldp.json()).toMatchObject({ jumlahPeserta: 10, fasilitator: [deployed.user.id] });
    const bad = await api(deployed, 'POST', `/disasters/${flood.id}/ldp-sessions`, {
      tanggal: dayFromToday(-1),
      jenis: 'psikoedukasi',
      peserta: [flood.id],
    });
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'DISASTER_INVALID']);
    expect((await api(deployed, 'GET', `/disasters/${flood.id}/ldp-sessions`)).json()[0].hitungan).toHaveLength(2);

    const opened = await api(deployed, 'POST', `/disasters/${flood.id}/affected/${child.id}/case`, {});
    expect(opened.statusCode).toBe(201);
    const { caseId } = opened.json() as AffectedRecord;
    expect(caseId).not.toBeNull();
    expect((await api(deployed, 'GET', `/cases/${caseId}`)).statusCode).toBe(404);
    const kase = (await api(koordinator, 'GET', `/cases/${caseId}`)).json();
    expect(kase).toMatchObject({ ppks: '21', pendampingId: null, wilayah: '35.10.01.2001' });
    expect(kase.ringkasan).toContain('Kondisi: luka');
    expect(kase.ringkasan).toContain('anak tanpa pendamping');
    expect(kase.ringkasan).toContain('Raka menarik diri');
    const again = await api(deployed, 'POST', `/disasters/${flood.id}/affected/${child.id}/case`, {});
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'AFFECTED_CASE_EXISTS']);
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'action'])
      .where('entity_id', '=', caseId!)
      .execute();
    expect(audit).toContainEqual({ actor_id: deployed.user.id, action: 'case.create' });

    // The child stays known by name to the one who registered them while the case waits unassigned;
    // once the host koordinator gives it to a host pendamping, only initials.
    const nameSeen = async () =>
      ((await api(deployed, 'GET', `/disasters/${flood.id}/affected?pageSize=100`)).json().items as AffectedRecord[]).find(
        (a) => a.id === child.id,
      )!.nama;
    expect(await nameSeen()).toBe('Raka Pratama');
    expect((await api(koordinator, 'POST', '/cases/assign', { caseIds: [caseId], pendampingId: local.user.id })).statusCode).toBe(200);
    expect(await nameSeen()).toBe('R. P.');
  });
});

describe('the sitrep', () => {
  it('counts exactly the records, as of the end of the day asked, also for a past day', async () => {
    const event = await buildDisaster(koordinator, {
      nama: 'Puting beliung Banyuwangi',
      jenis: 'cuaca_ekstrem',
      wilayah: ['35.10.01'],
      mulai: dayFromToday(-5),
    });
    const pendamping = await signIn(ctx, 'pendamping', '33.01');
    await deploy(koordinator, event, pendamping);
    const [a, b] = [
      await buildShelter(local, event, { nama: 'Pos A', kapasitas: 2 }),
      await buildShelter(local, event, { nama: 'Pos B', kapasitas: 10 }),
    ];
    const x1 = await registerAffected(local, event, { shelterId: a.id, kelompokRentan: ['lansia'] });
    await registerAffected(local, event, { shelterId: a.id });
    await registerAffected(local, event, { shelterId: a.id, kelompokRentan: ['balita'], perkiraanUmur: 2 });
    await registerAffected(local, event, { shelterId: b.id });
    await registerAffected(local, event, { kondisi: 'luka' });
    await registerAffected(local, event, { kondisi: 'meninggal' });
    await registerAffected(local, event, { kondisi: 'hilang' });
    await registerAffected(local, event, { kondisi: 'di_rumah' });
    const today = (await api(local, 'GET', `/disasters/${event.id}/sitrep`)).json() as SitrepRecord;
    // Yesterday: x1 alone was registered (at shelter A); today x1 was moved to B and is injured.
    await sql`update disaster_affected_history set berlaku = berlaku - interval '1 day' where affected_id = ${x1.id}`.execute(
      ctx.database.db,
    );
    await sql`update disaster_shelters set created_at = created_at - interval '1 day' where id = ${a.id}`.execute(ctx.database.db);
    await api(local, 'PATCH', `/disasters/${event.id}/affected/${x1.id}`, { version: x1.version, kondisi: 'luka', shelterId: b.id });
    await api(local, 'POST', `/disasters/${event.id}/ldp-sessions`, {
      tanggal: today.tanggal,
      jenis: 'psikoedukasi',
      peserta: [x1.id],
      hitungan: [{ kelompokUmur: 'dewasa', jenisKelamin: 'L', jumlah: 4 }],
    });
    const [y, m, d] = today.tanggal.split('-').map(Number) as [number, number, number];
    const yesterday = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);

    const now = (await api(local, 'GET', `/disasters/${event.id}/sitrep?tanggal=${today.tanggal}`)).json() as SitrepRecord;
    expect(now).toMatchObject({
      terdampak: 8,
      mengungsi: 3,
      luka: 2,
      meninggal: 1,
      hilang: 1,
      ldp: { sesi: 1, peserta: 5 },
      pendampingBertugas: 1,
      kasusDibuka: 0,
      status: 'tanggap_darurat',
    });
    expect(now.kelompokRentan).toMatchObject({ lansia: 1, balita: 1, ibu_hamil: 0 });
    expect(now.shelters.map((s) => [s.nama, s.penghuni, s.kapasitas])).toEqual([
      ['Pos A', 2, 2],
      ['Pos B', 1, 10],
    ]);
    const past = (await api(direktorat, 'GET', `/disasters/${event.id}/sitrep?tanggal=${yesterday}`)).json() as SitrepRecord;
    expect(past).toMatchObject({ terdampak: 1, mengungsi: 1, luka: 0, ldp: { sesi: 0, peserta: 0 }, pendampingBertugas: 1 });
    expect(past.kelompokRentan.lansia).toBe(1);
    expect(past.shelters).toEqual([{ id: a.id, nama: 'Pos A', penghuni: 1, kapasitas: 2 }]);
    expect((await api(local, 'GET', `/disasters/${event.id}/sitrep?tanggal=${dayFromToday(3)}`)).statusCode).toBe(422);

    const pdf = await api(direktorat, 'GET', `/disasters/${event.id}/sitrep?tanggal=${today.tanggal}&format=pdf`);
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const xlsx = await api(direktorat, 'GET', `/disasters/${event.id}/sitrep?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const day = book.getWorksheet('Ringkasan')!.getRow(4).getCell(2);
    expect([(day.value as Date).toISOString().slice(0, 10), day.numFmt]).toEqual([today.tanggal, 'dd/mm/yyyy']);
  });
});
