import { isLate, localClock } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ORIGIN, type Actor } from '../src/authz/actor.js';
import { checkIn, checkOut, requestAbsence } from '../src/workforce/attendance-service.js';
import { loadCalendar } from '../src/workforce/working-calendar.js';
import { createTestApp, createTestUser, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session; // Kab. Banyuwangi, Jawa Timur (WIB)
let koordinator: Session; // Jawa Timur
let jakartaKoor: Session;
let direktorat: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, koordinator, jakartaKoor, direktorat] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'direktorat', null),
  ]);
});
afterAll(() => ctx.close());

/** Late by the calendar the server keeps (a holiday or Ramadan day is judged as the server judges it). */
const lateOn = async (tanggal: string, at: Date) =>
  isLate(tanggal, localClock(at, 'Asia/Jakarta').menit, await loadCalendar(ctx.database.db, tanggal, tanggal));

const here = { lat: -8.22, lng: 114.37, accuracy: 12 }; // Banyuwangi
const post = (s: Session, url: string, payload: object) => s.request({ method: 'POST', url, payload });
const count = async (userId: string) =>
  Number(
    (
      await ctx.database.db
        .selectFrom('attendance')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('presensi queued without a signal', () => {
  it('keeps the time the worker acted, the time it arrived, and flags a late arrival; refuses a tap older than 3 days', async () => {
    const worker = await signIn(ctx, 'pendamping', '35.10');
    const stale = await post(worker, '/api/v1/attendance/check-in', {
      ...here,
      waktuPerangkat: new Date(Date.now() - 4 * 86_400_000).toISOString(),
    });
    expect([stale.statusCode, stale.json().error.code, stale.json().error.details]).toEqual([
      422,
      'DEVICE_TIME_INVALID',
      { reason: 'TERLALU_LAMA' },
    ]);
    expect(await count(worker.user.id)).toBe(0);

    // Checked in 3 hours ago on the phone, sent now: the day and lateness follow the tap.
    const tapped = new Date(Date.now() - 3 * 3600_000);
    const queued = await post(worker, '/api/v1/attendance/check-in', { ...here, waktuPerangkat: tapped.toISOString() });
    expect(queued.statusCode, queued.body).toBe(201);
    const record = queued.json();
    expect(record).toMatchObject({ masukAt: tapped.toISOString(), tertunda: true });
    expect(Date.now() - new Date(record.masukDiterimaAt).getTime()).toBeLessThan(60_000);
    expect(record.tanggal).toBe(localClock(tapped, 'Asia/Jakarta').tanggal);
    expect(record.terlambat).toBe(await lateOn(record.tanggal, tapped));

    // A check-out tapped a minute ago is on time: not flagged, and its own arrival is kept.
    const out = await post(worker, '/api/v1/attendance/check-out', {
      ...here,
      waktuPerangkat: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().pulangDiterimaAt).not.toBeNull();
    expect(out.json().tertunda).toBe(true); // the check-in's late arrival stays visible on the day
    const seen = (await koordinator.request({ method: 'GET', url: `/api/v1/attendance?userId=${worker.user.id}` })).json();
    expect(seen.items[0]).toMatchObject({ masukAt: tapped.toISOString(), tertunda: true });
  });

  it('gives a phone whose clock runs ahead the server’s time instead of refusing it', async () => {
    const worker = await signIn(ctx, 'pendamping', '35.10');
    const before = Date.now();
    const fast = await post(worker, '/api/v1/attendance/check-in', {
      ...here,
      waktuPerangkat: new Date(Date.now() + 10 * 60_000).toISOString(),
    });
    expect(fast.statusCode, fast.body).toBe(201);
    expect(new Date(fast.json().masukAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(fast.json().masukAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(fast.json().tertunda).toBe(false);
  });
});

describe('presensi', () => {
  it('checks in once a day at the server’s time, flags lateness on the local clock, then checks out once', async () => {
    const before = new Date();
    const first = await post(pendamping, '/api/v1/attendance/check-in', here);
    expect(first.statusCode, first.body).toBe(201);
    const record = first.json();
    expect(record).toMatchObject({
      status: 'hadir',
      userId: pendamping.user.id,
      wilayah: '35.10',
      masuk: { lat: -8.22, lng: 114.37, akurasi: 12 },
      pulangAt: null,
      jauh: false,
    });
    expect(record.tanggal).toBe(localClock(before, 'Asia/Jakarta').tanggal);
    expect(record.terlambat).toBe(await lateOn(record.tanggal, new Date(record.masukAt)));

    const again = await post(pendamping, '/api/v1/attendance/check-in', here);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_CHECKED_IN');
    expect(await count(pendamping.user.id)).toBe(1);

    const out = await post(pendamping, '/api/v1/attendance/check-out', here);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().pulangAt).not.toBeNull();
    const twice = await post(pendamping, '/api/v1/attendance/check-out', here);
    expect(twice.json().error.code).toBe('ALREADY_CHECKED_OUT');

    const today = await pendamping.request({ method: 'GET', url: '/api/v1/attendance/today' });
    expect(today.json().presensi.id).toBe(record.id);
  });

  it('refuses check-out without check-in and coordinates outside the globe, storing nothing', async () => {
    const fresh = await signIn(ctx, 'pendamping', '35.10');
    const out = await post(fresh, '/api/v1/attendance/check-out', here);
    expect(out.statusCode).toBe(409);
    expect(out.json().error).toMatchObject({ code: 'NOT_CHECKED_IN', message: expect.stringContaining('presensi masuk') });
    for (const bad of [
      { ...here, lat: 91 },
      { ...here, lng: -181 },
      { ...here, accuracy: -1 },
      { lat: 1, lng: 2 },
    ]) {
      const response = await post(fresh, '/api/v1/attendance/check-in', bad);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect(await count(fresh.user.id)).toBe(0);
  });

  it('judges late arrival and early leave in the worker’s own zone (WIT)', async () => {
    const user = await createTestUser(ctx.database, 'pendamping', '91.71');
    const actor: Actor = { id: user.id, username: user.username, role: 'pendamping', wilayah: '91.71' };
    // 07.45 WIT is 22.45 UTC the day before; 15.00 WIT on a Friday.
    const masuk = await checkIn(
      ctx.database.db,
      actor,
      CLI_ORIGIN,
      { lat: -2.53, lng: 140.72, accuracy: 5 },
      new Date('2026-11-26T22:45:00Z'),
    );
    expect(masuk).toMatchObject({ tanggal: '2026-11-27', terlambat: true });
    const pulang = await checkOut(
      ctx.database.db,
      actor,
      CLI_ORIGIN,
      { lat: -2.53, lng: 140.72, accuracy: 5 },
      new Date('2026-11-27T06:00:00Z'),
    );
    expect(pulang).toMatchObject({ pulangCepat: true });
  });

  it('flags a position far from the duty location for the koordinator, without refusing it', async () => {
    const worker = await signIn(ctx, 'pendamping', '35.10');
    const profile = await koordinator.request({
      method: 'PUT',
      url: `/api/v1/pendamping/${worker.user.id}/profile`,
      payload: { lokasiTugas: { lat: -8.22, lng: 114.37 }, radiusKm: 20 },
    });
    expect(profile.statusCode, profile.body).toBe(200);
    const response = await post(worker, '/api/v1/attendance/check-in', { lat: -7.25, lng: 112.75, accuracy: 30 }); // Surabaya
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ jauh: true });
    expect(response.json().masuk.jarakKm).toBeGreaterThan(150);
    const team = await koordinator.request({ method: 'GET', url: '/api/v1/attendance/team' });
    const row = team.json().items.find((r: { userId: string }) => r.userId === worker.user.id);
    expect(row).toMatchObject({ lokasiTugas: { lat: -8.22, lng: 114.37 }, presensi: { jauh: true } });
  });

  it('asks for leave, which the area’s koordinator approves — never the worker, nor another province', async () => {
    const worker = await signIn(ctx, 'pendamping', '35.10');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const asked = await post(worker, '/api/v1/attendance/absence', { tanggal: tomorrow, status: 'cuti', catatan: 'Cuti tahunan' });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'cuti', persetujuan: 'menunggu' });
    const id = asked.json().id;
    expect((await post(worker, `/api/v1/attendance/${id}/approve`, {})).statusCode).toBe(403);
    expect((await post(jakartaKoor, `/api/v1/attendance/${id}/approve`, {})).statusCode).toBe(404);
    const inbox = await koordinator.request({ method: 'GET', url: '/api/v1/attendance?persetujuan=menunggu' });
    expect(inbox.json().items.map((r: { id: string }) => r.id)).toContain(id);
    const approved = await post(koordinator, `/api/v1/attendance/${id}/approve`, {});
    expect(approved.json()).toMatchObject({ persetujuan: 'disetujui' });
    const duplicate = await post(worker, '/api/v1/attendance/absence', { tanggal: tomorrow, status: 'izin', catatan: 'x' });
    expect(duplicate.statusCode).toBe(422);
  });

  it('keeps each worker’s records inside their scope', async () => {
    const list = await jakartaKoor.request({ method: 'GET', url: `/api/v1/attendance?userId=${pendamping.user.id}` });
    expect(list.json()).toEqual({ items: [], total: 0 });
    const team = await jakartaKoor.request({ method: 'GET', url: '/api/v1/attendance/team' });
    expect(team.json().items.map((r: { userId: string }) => r.userId)).not.toContain(pendamping.user.id);
    expect((await jakartaKoor.request({ method: 'GET', url: '/api/v1/attendance/team?wilayah=35' })).statusCode).toBe(404);
    // A pendamping sees only their own records and no team.
    const colleague = await signIn(ctx, 'pendamping', '35.10');
    expect((await colleague.request({ method: 'GET', url: `/api/v1/attendance?userId=${pendamping.user.id}` })).statusCode).toBe(404);
    expect((await colleague.request({ method: 'GET', url: '/api/v1/attendance/team' })).statusCode).toBe(403);
    // Direktorat and auditors read but do not keep presensi.
    expect((await post(direktorat, '/api/v1/attendance/check-in', here)).statusCode).toBe(403);
    const national = await direktorat.request({ method: 'GET', url: `/api/v1/attendance?userId=${pendamping.user.id}` });
    expect(national.json().total).toBe(1);
  });

  it('recaps a month per person (present, late, approved leave, unexplained) and exports it', async () => {
    const user = await createTestUser(ctx.database, 'pendamping', '35.10');
    const actor: Actor = { id: user.id, username: user.username, role: 'pendamping', wilayah: '35.10' };
    const at = (iso: string) => new Date(iso);
    const spot = { lat: -8.22, lng: 114.37, accuracy: 10 };
    await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-10-05T00:10:00Z')); // Mon 07.10 WIB
    await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-10-06T01:00:00Z')); // Tue 08.00 WIB: late
    await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-10-10T01:00:00Z')); // Saturday: not a working day
    const sick = await requestAbsence(
      ctx.database.db,
      actor,
      CLI_ORIGIN,
      { tanggal: '2026-10-07', status: 'sakit', catatan: 'Demam' },
      at('2026-10-07T00:00:00Z'),
    );
    expect((await post(koordinator, `/api/v1/attendance/${sick.id}/approve`, {})).statusCode).toBe(200);

    const recap = await koordinator.request({ method: 'GET', url: '/api/v1/attendance/recap?bulan=2026-10&wilayah=35.10' });
    expect(recap.statusCode, recap.body).toBe(200);
    const row = recap.json().items.find((r: { userId: string }) => r.userId === user.id);
    // October 2026 has 22 working days; one is approved sick leave, two were worked.
    expect(row).toEqual({
      userId: user.id,
      username: user.username,
      nama: null,
      wilayah: '35.10',
      hariKerja: 22,
      hadir: 3,
      dinasLuar: 0,
      terlambat: 1,
      pulangCepat: 0,
      izin: 0,
      sakit: 1,
      cuti: 0,
      tanpaKeterangan: 19,
      tingkatKehadiran: 9.5,
    });

    const csv = await koordinator.request({ method: 'GET', url: '/api/v1/attendance/recap?bulan=2026-10&wilayah=35.10&format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Tingkat kehadiran (%)');
    expect(csv.body).toContain(`${user.username},,35.10,22,3,0,1,0,0,1,0,19,9.5`);
    const xlsx = await koordinator.request({ method: 'GET', url: '/api/v1/attendance/recap?bulan=2026-10&format=xlsx' });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await jakartaKoor.request({ method: 'GET', url: '/api/v1/attendance/recap?bulan=2026-10&wilayah=35.10' })).statusCode).toBe(
      404,
    );
    expect((await pendamping.request({ method: 'GET', url: '/api/v1/attendance/recap?bulan=2026-10' })).statusCode).toBe(403);
  });
});
