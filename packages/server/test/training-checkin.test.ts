import { createHmac } from 'node:crypto';
import { TOLERANSI_TERLAMBAT_MENIT, wilayahClock, type CheckinToken, type TrainingParticipant, type TrainingRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDetails, buildTraining, dayFromToday } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let direktorat: Session;
let koordinator: Session; // 31, not a participant
let peserta: Session; // pendamping 31.71, invited
let lain: Session; // pendamping 31.71, not invited
let event: TrainingRecord;
let other: TrainingRecord;
let expectLate: boolean;

const hhmm = (menit: number) => `${String(Math.floor(menit / 60)).padStart(2, '0')}:${String(menit % 60).padStart(2, '0')}`;
const tokenOf = async (s: Session, id: string, unit: string) =>
  s.request({ method: 'GET', url: `/api/v1/trainings/${id}/units/${unit}/checkin-token` });
const scan = (s: Session, id: string, token: string) =>
  s.request({ method: 'POST', url: `/api/v1/trainings/${id}/checkin`, payload: { token } });
const attendanceRows = async () =>
  Number(
    (
      await ctx.database.db
        .selectFrom('training_attendance')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koordinator, peserta, lain] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
  ]);
  // Sessions timed against the venue's clock now: one started 30 minutes ago (late, past the
  // tolerance, unless the day is younger than that), one starting now, one tomorrow.
  const { menit } = wilayahClock('31.71');
  const lateStart = Math.max(0, menit - 30);
  expectLate = menit - lateStart > TOLERANSI_TERLAMBAT_MENIT;
  event = await buildTraining(direktorat, {
    mulai: dayFromToday(-1),
    selesai: dayFromToday(2),
    units: [
      { kode: 'pagi', nama: 'Sesi pagi', jp: 4, tanggal: wilayahClock('31.71').tanggal, jamMulai: hhmm(lateStart) },
      { kode: 'kini', nama: 'Sesi sekarang', jp: 4, tanggal: wilayahClock('31.71').tanggal, jamMulai: hhmm(menit) },
      { kode: 'besok', nama: 'Sesi besok', jp: 4, tanggal: dayFromToday(2), jamMulai: '08:00' },
    ],
    participants: [peserta],
  });
  other = await buildTraining(direktorat, { mulai: dayFromToday(-1), selesai: dayFromToday(1), participants: [peserta] });
});
afterAll(() => ctx.close());

describe('QR check-in per session', () => {
  it('the organiser’s screen gets a rotating signed token with its link and QR code; nobody else does', async () => {
    const r = await tokenOf(direktorat, event.id, 'pagi');
    expect(r.statusCode, r.body).toBe(200);
    const t: CheckinToken = r.json();
    expect(t.unit).toBe('pagi');
    expect(t.url).toContain(`/pelatihan/hadir/${event.id}?t=${encodeURIComponent(t.token)}`);
    expect(t.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const life = Date.parse(t.berlakuSampai) - Date.now();
    expect(life).toBeGreaterThan(0);
    expect(life).toBeLessThanOrEqual(120_000);
    expect((await tokenOf(peserta, event.id, 'pagi')).json().error.code).toBe('FORBIDDEN');
    expect((await tokenOf(lain, event.id, 'pagi')).statusCode).toBe(404);
    expect((await tokenOf(direktorat, event.id, 'tidak-ada')).json().error.code).toBe('TRAINING_UNIT_UNKNOWN');
  });

  it('the participant opens the link: checked in once, late recorded against the session’s start; twice changes nothing', async () => {
    const late: CheckinToken = (await tokenOf(direktorat, event.id, 'pagi')).json();
    const first = await scan(peserta, event.id, late.token);
    expect(first.statusCode, first.body).toBe(201);
    const p: TrainingParticipant = first.json();
    expect(p.hadir).toContain('pagi');
    expect(p.terlambat.includes('pagi')).toBe(expectLate);

    const onTime: CheckinToken = (await tokenOf(direktorat, event.id, 'kini')).json();
    const second: TrainingParticipant = (await scan(peserta, event.id, onTime.token)).json();
    expect(second.hadir).toEqual(['kini', 'pagi']);
    expect(second.terlambat).not.toContain('kini');

    const before = await attendanceRows();
    const again = await scan(peserta, event.id, late.token);
    expect(again.statusCode).toBe(200);
    expect(await attendanceRows()).toBe(before);
    const audit = await auditDetails(ctx, 'training.attendance', event.id);
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.qr)).toEqual([true, true]);
  });

  it('another event’s token, a forged or expired one, a session not started, a non-participant: clear errors, nothing changed', async () => {
    const before = await attendanceRows();
    const foreign: CheckinToken = (await tokenOf(direktorat, other.id, 'ldp')).json();
    const crossed = await scan(peserta, event.id, foreign.token);
    expect(crossed.statusCode).toBe(422);
    expect(crossed.json().error.code).toBe('TRAINING_CHECKIN_INVALID');
    expect(crossed.json().error.message).toMatch(/Kode QR/);

    const real: CheckinToken = (await tokenOf(direktorat, event.id, 'besok')).json();
    const [unit, exp, sig] = real.token.split('.') as [string, string, string];
    // The same MAC under another unit or a later expiry does not verify.
    expect((await scan(peserta, event.id, `pagi.${exp}.${sig}`)).json().error.code).toBe('TRAINING_CHECKIN_INVALID');
    expect((await scan(peserta, event.id, `${unit}.${Number(exp) + 600}.${sig}`)).json().error.code).toBe('TRAINING_CHECKIN_INVALID');
    expect((await scan(peserta, event.id, 'bukan-token')).json().error.code).toBe('TRAINING_CHECKIN_INVALID');

    // A token the server signed once, whose window has passed.
    const { checkin_key } = await ctx.database.db
      .selectFrom('trainings')
      .select('checkin_key')
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    const past = Math.floor(Date.now() / 1000) - 5;
    const mac = createHmac('sha256', checkin_key).update(`${event.id}|kini|${past}`).digest('base64url').slice(0, 22);
    const expired = await scan(peserta, event.id, `kini.${past}.${mac}`);
    expect(expired.statusCode).toBe(422);
    expect(expired.json().error.code).toBe('TRAINING_CHECKIN_EXPIRED');

    const early = await scan(peserta, event.id, real.token);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'TRAINING_SESSION_NOT_STARTED', details: { unit: 'besok' } });

    const fresh: CheckinToken = (await tokenOf(direktorat, event.id, 'kini')).json();
    expect((await scan(lain, event.id, fresh.token)).statusCode).toBe(404);
    expect((await scan(koordinator, event.id, fresh.token)).json().error.code).toBe('TRAINING_NOT_PARTICIPANT');
    expect(await attendanceRows()).toBe(before);
  });
});
