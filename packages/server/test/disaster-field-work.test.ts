import { wilayahClock, type ActivityRecord, type AttendanceRecord, type DisasterRecord } from '@tuntas/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/authz/actor.js';
import { CLI_ORIGIN } from '../src/authz/actor.js';
import { checkIn, checkOut } from '../src/workforce/attendance-service.js';
import { buildDisaster, dayFromToday, deploy, setDutyLocation } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * A deployed pendamping's own workforce records during a deployment (issue 18): the day is dinas
 * luar at the event, their activities name it, and the work counts in their monthly numbers.
 */

let ctx: TestContext;
let direktorat: Session;
let jakartaKoor: Session; // the deployed pendamping's home koordinator
let deployed: Session; // pendamping of Kota Jakarta Pusat, deployed to the flood
let stay: Session; // pendamping of Kota Jakarta Pusat, at home
let flood: DisasterRecord;

const JAKARTA = { lat: -6.18, lng: 106.83 };
const BANYUWANGI = { lat: -8.22, lng: 114.37, accuracy: 15 };
const yesterday = dayFromToday(-1);
/** `n` days from the deployed pendamping's own today (Jakarta), the day the access rule asks about. */
const homeDay = (n: number) => new Date(Date.parse(wilayahClock('31.71').tanggal) + n * 86_400_000).toISOString().slice(0, 10);

const api = (s: Session, method: string, url: string, payload?: unknown) =>
  s.request({ method: method as 'POST', url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as object } : {}) });
const actorOf = (s: Session): Actor => ({ id: s.user.id, username: s.user.username, role: 'pendamping', wilayah: '31.71' });

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, jakartaKoor, deployed, stay] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
  ]);
  flood = await buildDisaster(direktorat, { nama: 'Banjir Banyuwangi', wilayah: ['35.10'], mulai: dayFromToday(-5) });
  await deploy(direktorat, flood, deployed, { mulai: yesterday, selesai: dayFromToday(7), peran: 'ldp' });
  await Promise.all([setDutyLocation(jakartaKoor, deployed, JAKARTA), setDutyLocation(jakartaKoor, stay, JAKARTA)]);
});
afterAll(() => ctx.close());

describe('presensi on a deployment', () => {
  it('records the day as dinas luar at the event, neither far from home nor late by the home office', async () => {
    // 09.30 WIB yesterday, at Banyuwangi, 800 km from the Jakarta duty location.
    const masukAt = new Date(`${yesterday}T02:30:00Z`);
    const pulangAt = new Date(`${yesterday}T07:00:00Z`); // 14.00 WIB: early by the office's hours
    const mine = await checkIn(ctx.database.db, actorOf(deployed), CLI_ORIGIN, BANYUWANGI, masukAt);
    const theirs = await checkIn(ctx.database.db, actorOf(stay), CLI_ORIGIN, BANYUWANGI, masukAt);
    expect(mine).toMatchObject({ status: 'dinas_luar', jauh: false, terlambat: false, kejadian: { id: flood.id, nama: flood.nama } });
    expect(mine.masuk!.jarakKm).toBeGreaterThan(500); // the distance is still kept
    expect(theirs).toMatchObject({ status: 'hadir', jauh: true, kejadian: null });
    const out = await checkOut(ctx.database.db, actorOf(deployed), CLI_ORIGIN, BANYUWANGI, pulangAt);
    expect(out).toMatchObject({ jauh: false, pulangCepat: false, status: 'dinas_luar' });

    // The home koordinator sees the same on the team's attendance, and the day counts as present.
    const seen = (await api(jakartaKoor, 'GET', `/attendance?userId=${deployed.user.id}`)).json().items as AttendanceRecord[];
    expect(seen.map((r) => [r.tanggal, r.status, r.kejadian?.nama])).toEqual([[yesterday, 'dinas_luar', flood.nama]]);
    const audit = await sql<{ details: { disasterId?: string } }>`select details from audit_events
      where action = 'attendance.check_in' and actor_id = ${deployed.user.id}`.execute(ctx.database.db);
    expect(audit.rows.map((r) => r.details.disasterId)).toEqual([flood.id]);
  });
});

describe('activities on a deployment', () => {
  it('links an activity to the event only on a day of the deployment, and counts it once approved', async () => {
    const before = await monthly(deployed, dayFromToday(0));
    const made = await api(deployed, 'POST', '/activities', {
      tanggal: dayFromToday(0),
      jenis: 'dukungan_psikososial',
      durasiMenit: 90,
      uraian: 'Psikoedukasi di Posko Balai Desa',
      kejadianId: flood.id,
    });
    expect(made.statusCode, made.body).toBe(201);
    const activity = made.json() as ActivityRecord;
    expect(activity.kejadian).toEqual({ id: flood.id, nama: flood.nama });

    // Before the deployment began, and for someone never deployed: refused, nothing stored.
    const total = await activities();
    const early = await api(deployed, 'POST', '/activities', {
      tanggal: dayFromToday(-3),
      jenis: 'dukungan_psikososial',
      durasiMenit: 30,
      kejadianId: flood.id,
    });
    const stranger = await api(stay, 'POST', '/activities', {
      tanggal: dayFromToday(0),
      jenis: 'administrasi',
      durasiMenit: 30,
      kejadianId: flood.id,
    });
    for (const refused of [early, stranger]) {
      expect([refused.statusCode, refused.json().error.code, refused.json().error.details]).toEqual([
        422,
        'ACTIVITY_INVALID',
        [{ field: 'kejadianId', code: 'bukan_penugasan' }],
      ]);
    }
    expect(await activities()).toBe(total);
    // Moving the linked entry to a day outside the deployment is refused too; unlinking it is not.
    const moved = await api(deployed, 'PATCH', `/activities/${activity.id}`, { version: activity.version, tanggal: dayFromToday(-3) });
    expect(moved.json().error?.code).toBe('ACTIVITY_INVALID');

    // Submitted and approved by the home koordinator: the LDP and the hours count for the month.
    expect((await api(deployed, 'POST', `/activities/${activity.id}/submit`)).statusCode).toBe(200);
    const approved = await api(jakartaKoor, 'POST', '/activities/review', { ids: [activity.id], keputusan: 'disetujui' });
    expect(approved.statusCode, approved.body).toBe(200);
    const after = await monthly(deployed, dayFromToday(0));
    expect([after.ldp - before.ldp, after.menit_disetujui - before.menit_disetujui]).toEqual([1, 90]);
    const listed = (await api(jakartaKoor, 'GET', `/activities?userId=${deployed.user.id}`)).json().items as ActivityRecord[];
    expect(listed.find((a) => a.id === activity.id)?.kejadian?.nama).toBe(flood.nama);
  });
});

describe('an LDP session as the day’s report', () => {
  it('drafts each session on its day, linked to the event, telling what, where and how many but no one’s name', async () => {
    const session = (jenis: string, jumlah: number, retryKey?: string) =>
      deployed.request({
        method: 'POST',
        url: `/api/v1/disasters/${flood.id}/ldp-sessions`,
        payload: {
          tanggal: yesterday,
          jenis,
          tempat: 'Halaman SDN 1',
          hitungan: jumlah > 0 ? [{ kelompokUmur: 'anak', jenisKelamin: 'L', jumlah }] : [],
          catatan: 'Raka menarik diri, perlu asesmen lanjut',
        },
        ...(retryKey ? { headers: { 'idempotency-key': retryKey } } : {}),
      });
    const drafts = async () =>
      ((await api(deployed, 'GET', `/activities?tanggal=${yesterday}`)).json().items as ActivityRecord[]).filter(
        (a) => a.sumber === 'otomatis' && a.jenis === 'dukungan_psikososial',
      );
    const line = (what: string, n: number) => `${what} di Halaman SDN 1, ${n} peserta (Banjir Banyuwangi)`;
    expect(await drafts()).toEqual([]);
    expect((await session('ruang_ramah_anak', 4)).statusCode).toBe(201);
    const [first] = await drafts();
    expect(first).toMatchObject({
      status: 'draf',
      durasiMenit: 90,
      caseIds: [],
      kejadian: { id: flood.id, nama: flood.nama },
      uraian: line('Ruang ramah anak', 4),
    });
    // A second group at the same place is more work; the same request sent again (a weak signal)
    // makes no second session and adds nothing; a refused one changes nothing.
    const key = 'ldp-sesi-kedua-0001';
    expect((await session('ruang_ramah_anak', 4, key)).statusCode).toBe(201);
    expect((await session('ruang_ramah_anak', 4, key)).statusCode).toBe(201);
    expect((await session('psikoedukasi', 0)).statusCode).toBe(422);
    expect((await session('psikoedukasi', 12)).statusCode).toBe(201);
    const [after] = await drafts();
    expect(after).toMatchObject({ id: first!.id, durasiMenit: 270, kejadian: { id: flood.id } });
    expect(after!.uraian!.split('\n')).toEqual([line('Ruang ramah anak', 4), line('Ruang ramah anak', 4), line('Psikoedukasi', 12)]);
    expect(after!.uraian).not.toContain('Raka');
    const sessions = (await api(deployed, 'GET', `/disasters/${flood.id}/ldp-sessions`)).json() as unknown[];
    expect(sessions).toHaveLength(3);
  });
});

async function activities(): Promise<number> {
  return Number((await sql<{ n: number }>`select count(*)::int as n from activities`.execute(ctx.database.db)).rows[0]!.n);
}

async function monthly(s: Session, tanggal: string): Promise<{ ldp: number; menit_disetujui: number }> {
  const rows = await sql<{ ldp: number; menit_disetujui: number }>`select ldp, menit_disetujui from worker_monthly
    where user_id = ${s.user.id} and bulan = date_trunc('month', ${tanggal}::date)::date`.execute(ctx.database.db);
  return rows.rows[0] ?? { ldp: 0, menit_disetujui: 0 };
}

describe('ending a deployment early', () => {
  it('lets the event’s manager set a last day from the start to today; access ends the day after', async () => {
    const [leaving, staying, hostKoor] = await Promise.all([
      signIn(ctx, 'pendamping', '31.71'),
      signIn(ctx, 'pendamping', '31.71'),
      signIn(ctx, 'koordinator', '35'),
    ]);
    const first = await deploy(direktorat, flood, leaving, { mulai: homeDay(-3), selesai: homeDay(7) });
    const second = await deploy(direktorat, flood, staying, { mulai: homeDay(-3), selesai: homeDay(7) });
    const end = (s: Session, deploymentId: string, selesai: string) =>
      api(s, 'POST', `/disasters/${flood.id}/deployments/${deploymentId}/end`, { selesai, alasan: 'Ditarik ke daerah asal' });
    expect((await api(leaving, 'GET', `/disasters/${flood.id}`)).statusCode).toBe(200);

    // Before its start, after today, by the deployed pendamping, by another province's koordinator: nothing changes.
    for (const [s, selesai, status, code] of [
      [hostKoor, homeDay(-4), 422, 'DEPLOYMENT_END_INVALID'],
      [hostKoor, homeDay(1), 422, 'DEPLOYMENT_END_INVALID'],
      [leaving, homeDay(-1), 403, 'FORBIDDEN'],
      [jakartaKoor, homeDay(-1), 404, 'NOT_FOUND'],
    ] as const) {
      const refused = await end(s, first.id, selesai);
      expect([refused.statusCode, refused.json().error.code]).toEqual([status, code]);
    }
    expect(
      (await api(direktorat, 'GET', `/disasters/${flood.id}/deployments`)).json().find((d: { id: string }) => d.id === first.id).selesai,
    ).toBe(homeDay(7));

    // The host koordinator (who manages an event inside their province) ends it yesterday: no access from today.
    const ended = await end(hostKoor, first.id, homeDay(-1));
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ selesai: homeDay(-1), aktif: false });
    expect((await api(leaving, 'GET', `/disasters/${flood.id}`)).statusCode).toBe(404);
    // Ended today, the day's work stays open; a later end than the recorded one is refused.
    expect((await end(direktorat, second.id, homeDay(0))).json()).toMatchObject({ selesai: homeDay(0), aktif: true });
    expect((await api(staying, 'GET', `/disasters/${flood.id}/affected`)).statusCode).toBe(200);
    expect((await end(direktorat, first.id, homeDay(0))).json().error.code).toBe('DEPLOYMENT_END_INVALID');
    const audit = await sql<{ details: Record<string, unknown> }>`select details from audit_events
      where action = 'disaster.deployment.end' order by id`.execute(ctx.database.db);
    expect(audit.rows.map((r) => [r.details.deploymentId, r.details.selesai, r.details.selesaiSemula])).toEqual([
      [first.id, homeDay(-1), homeDay(7)],
      [second.id, homeDay(0), homeDay(7)],
    ]);
  });
});
