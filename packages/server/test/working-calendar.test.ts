import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ORIGIN, type Actor } from '../src/authz/actor.js';
import { monthAttendanceRate } from '../src/dashboard/attendance-rate.js';
import { checkIn, checkOut } from '../src/workforce/attendance-service.js';
import { createTestApp, createTestUser, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let admin: Session;
let koordinator: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [admin, koordinator] = await Promise.all([signIn(ctx, 'admin', null), signIn(ctx, 'koordinator', '35')]);
});
afterAll(() => ctx.close());

const spot = { lat: -8.22, lng: 114.37, accuracy: 10 }; // Banyuwangi
const at = (iso: string) => new Date(iso);

async function worker(wilayah: string): Promise<Actor> {
  const user = await createTestUser(ctx.database, 'pendamping', wilayah);
  return { id: user.id, username: user.username, role: 'pendamping', wilayah };
}

const recapRow = async (userId: string, bulan: string) =>
  (await koordinator.request({ method: 'GET', url: `/api/v1/attendance/recap?bulan=${bulan}&wilayah=35.10` }))
    .json()
    .items.find((r: { userId: string }) => r.userId === userId);

describe('working calendar (holidays, cuti bersama, Ramadan hours)', () => {
  it('is seeded with 2026 from the SKB and read by every signed-in user', async () => {
    const pendamping = await signIn(ctx, 'pendamping', '35.10');
    const year = await pendamping.request({ method: 'GET', url: '/api/v1/kalender-kerja?tahun=2026' });
    expect(year.statusCode, year.body).toBe(200);
    const { libur, jamKhusus } = year.json();
    expect(libur.filter((h: { jenis: string }) => h.jenis === 'libur_nasional')).toHaveLength(17);
    expect(libur.filter((h: { jenis: string }) => h.jenis === 'cuti_bersama')).toHaveLength(8);
    expect(libur.find((h: { tanggal: string }) => h.tanggal === '2026-08-17')).toMatchObject({ jenis: 'libur_nasional' });
    expect(jamKhusus).toEqual([expect.objectContaining({ nama: 'Bulan Ramadan 1447 H', masuk: 480, pulang: 900, pulangJumat: 930 })]);
  });

  it('a holiday or cuti bersama is neither late nor early leave, and is not a working day in the recap', async () => {
    const actor = await worker('35.10');
    // Tue 18 Aug 2026 09.00 WIB: a working day, late; Mon 17 Aug (Hari Proklamasi) 09.00: not late.
    const holiday = await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-08-17T02:00:00Z'));
    expect(holiday.terlambat).toBe(false);
    const out = await checkOut(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-08-17T05:00:00Z')); // 12.00 WIB
    expect(out.pulangCepat).toBe(false);
    const workday = await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-08-18T02:00:00Z'));
    expect(workday.terlambat).toBe(true);
    // August 2026: 21 weekdays less the 17th and the 25th (Maulid Nabi) = 19; the 17th is not a day present at work.
    expect(await recapRow(actor.id, '2026-08')).toMatchObject({ hariKerja: 19, hadir: 2, terlambat: 1, tanpaKeterangan: 18 });
  });

  it('Ramadan hours: 08.00 is on time, 15.00 (Friday 15.30) is the end of the day', async () => {
    const actor = await worker('35.10');
    // Mon 23 Feb 2026 (Ramadan 1447 H) 07.55 WIB: on time by Ramadan hours (it would be late at 07.30 otherwise).
    expect((await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-02-23T00:55:00Z'))).terlambat).toBe(false);
    expect((await checkOut(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-02-23T08:05:00Z'))).pulangCepat).toBe(false); // 15.05
    // Tue 24 Feb 08.10: late; leaving at 14.50: early.
    expect((await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-02-24T01:10:00Z'))).terlambat).toBe(true);
    expect((await checkOut(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-02-24T07:50:00Z'))).pulangCepat).toBe(true);
    // Fri 27 Feb at 15.10: early (Friday ends 15.30). After Ramadan, Mon 2 Mar... is still Ramadan; Mon 30 Mar 07.55 is late.
    await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-02-27T00:50:00Z'));
    expect((await checkOut(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-02-27T08:10:00Z'))).pulangCepat).toBe(true);
    expect((await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-03-30T00:55:00Z'))).terlambat).toBe(true);
  });

  it('a holiday the admin enters after the fact recounts the month; removing it restores it; all audited', async () => {
    const actor = await worker('35.10');
    const late = await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-11-11T02:00:00Z')); // Wed 11 Nov 09.00: TL
    expect(late.terlambat).toBe(true);
    expect(await recapRow(actor.id, '2026-11')).toMatchObject({ hariKerja: 21, hadir: 1, terlambat: 1, tanpaKeterangan: 20 });
    const set = await admin.request({
      method: 'PUT',
      url: '/api/v1/kalender-kerja/libur/2026-11-11',
      payload: { jenis: 'libur_nasional', nama: 'Hari libur nasional uji', sumber: 'Keppres uji' },
    });
    expect(set.statusCode, set.body).toBe(200);
    // A holiday is never late: the TL stored at check-in is judged again.
    expect(await recapRow(actor.id, '2026-11')).toMatchObject({ hariKerja: 20, hadir: 1, terlambat: 0, tanpaKeterangan: 20 });
    const monthly = await ctx.database.db
      .selectFrom('worker_monthly')
      .select('hadir_kerja')
      .where('user_id', '=', actor.id)
      .where('bulan', '=', '2026-11-01')
      .executeTakeFirstOrThrow();
    expect(monthly.hadir_kerja).toBe(0);
    expect((await admin.request({ method: 'DELETE', url: '/api/v1/kalender-kerja/libur/2026-11-11' })).statusCode).toBe(204);
    expect(await recapRow(actor.id, '2026-11')).toMatchObject({ hariKerja: 21, terlambat: 1, tanpaKeterangan: 20 });
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', '2026-11-11')
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['calendar.holiday_set', 'calendar.holiday_removed']);
  });

  it('only a national admin keeps it; bad periods are refused and change nothing', async () => {
    const provincialAdmin = await signIn(ctx, 'admin', '35');
    const body = { jenis: 'cuti_bersama', nama: 'Cuti bersama uji' };
    for (const s of [koordinator, provincialAdmin, await signIn(ctx, 'direktorat', null)]) {
      const refused = await s.request({ method: 'PUT', url: '/api/v1/kalender-kerja/libur/2026-12-28', payload: body });
      expect(refused.statusCode).toBe(403);
    }
    const period = { nama: 'Bulan Ramadan 1448 H', mulai: '2027-02-08', selesai: '2027-03-09', masuk: 480, pulang: 900, pulangJumat: 930 };
    const bad = [
      { ...period, selesai: '2027-02-01' },
      { ...period, selesai: '2027-04-30' },
      { ...period, pulang: 420 },
    ];
    for (const payload of bad) {
      const refused = await admin.request({ method: 'POST', url: '/api/v1/kalender-kerja/jam-khusus', payload });
      expect([refused.statusCode, refused.json().error.code]).toEqual([422, 'CALENDAR_PERIOD_INVALID']);
    }
    const added = await admin.request({ method: 'POST', url: '/api/v1/kalender-kerja/jam-khusus', payload: period });
    expect(added.statusCode, added.body).toBe(201);
    // Special hours entered after the fact judge the check-ins of their days again.
    const actor = await worker('35.10');
    const early = await checkIn(ctx.database.db, actor, CLI_ORIGIN, spot, at('2026-11-24T00:55:00Z')); // Tue 07.55: TL
    expect(early.terlambat).toBe(true);
    const november = { ...period, nama: 'Jam kerja khusus uji', mulai: '2026-11-23', selesai: '2026-11-27' };
    const special = await admin.request({ method: 'POST', url: '/api/v1/kalender-kerja/jam-khusus', payload: november });
    expect(special.statusCode, special.body).toBe(201);
    expect(await recapRow(actor.id, '2026-11')).toMatchObject({ terlambat: 0 });
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/kalender-kerja/jam-khusus/${special.json().id}` })).statusCode).toBe(204);
    expect(await recapRow(actor.id, '2026-11')).toMatchObject({ terlambat: 1 });
    const overlap = await admin.request({
      method: 'POST',
      url: '/api/v1/kalender-kerja/jam-khusus',
      payload: { ...period, mulai: '2027-03-01', selesai: '2027-03-20' },
    });
    expect([overlap.statusCode, overlap.json().error.code, overlap.json().error.message]).toEqual([
      409,
      'CALENDAR_PERIOD_OVERLAP',
      'Periode jam kerja khusus ini bertumpang tindih dengan periode yang sudah ada.',
    ]);
    const year = (await admin.request({ method: 'GET', url: '/api/v1/kalender-kerja?tahun=2027' })).json();
    expect(year.jamKhusus.map((k: { nama: string }) => k.nama)).toEqual(['Bulan Ramadan 1448 H']);
    expect(year.libur).toEqual([]);
  });

  it("the dashboard's attendance rate does not hold the day in progress against anyone, on the area's own date", async () => {
    // Kota Jayapura (WIT): 23.30 UTC on 1 Dec is 08.30 on 2 Dec there.
    const [early, late] = [await worker('91.71'), await worker('91.71')];
    const jayapura = { lat: -2.53, lng: 140.72, accuracy: 10 };
    await checkIn(ctx.database.db, early, CLI_ORIGIN, jayapura, at('2026-11-30T23:00:00Z')); // Tue 1 Dec 08.00 WIT
    await checkIn(ctx.database.db, late, CLI_ORIGIN, jayapura, at('2026-11-30T23:10:00Z'));
    const now = at('2026-12-01T23:30:00Z');
    // Nobody present yet on 2 Dec: the rate is yesterday's, 100 % — not 2 of 4 days.
    expect(await monthAttendanceRate(ctx.database.db, '91', 2, now)).toBe(100);
    await checkIn(ctx.database.db, early, CLI_ORIGIN, jayapura, at('2026-12-01T23:20:00Z'));
    expect(await monthAttendanceRate(ctx.database.db, '91', 2, now)).toBe(100);
    // The next morning, 2 Dec is behind them: one of the two was absent that day (3 of 4).
    expect(await monthAttendanceRate(ctx.database.db, '91', 2, at('2026-12-02T22:30:00Z'))).toBe(75);
  });
});
