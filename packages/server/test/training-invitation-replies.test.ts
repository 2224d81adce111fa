import { wilayahClock, type TrainingParticipant, type TrainingRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDetails, buildTraining, dayFromToday, rowCount } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let direktorat: Session;
let koordinator: Session; // 31, not invited
let ani: Session; // 31.71, confirms
let bayu: Session; // 31.71, declines
let cici: Session; // 31.71, registered by the organiser
let luar: Session; // 31.71, not invited

const post = (s: Session, url: string, payload: unknown) =>
  s.request({ method: 'POST', url: `/api/v1${url}`, payload: payload as Record<string, unknown> });
const reply = (s: Session, id: string, payload: Record<string, unknown>) => post(s, `/trainings/${id}/invitation-reply`, payload);
const invite = async (id: string, people: Session[]) => {
  const r = await post(direktorat, `/trainings/${id}/invitations`, { userIds: people.map((p) => p.user.id) });
  expect(r.statusCode, r.body).toBe(201);
};
const mine = async (s: Session, id: string) =>
  ((await s.request({ method: 'GET', url: '/api/v1/trainings' })).json() as TrainingRecord[]).find((t) => t.id === id);

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koordinator, ani, bayu, cici, luar] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '31.71'),
  ]);
});
afterAll(() => ctx.close());

describe('confirming or declining an invitation', () => {
  let event: TrainingRecord;
  beforeAll(async () => {
    event = await buildTraining(direktorat, { mulai: dayFromToday(10), kuota: 2 });
    await invite(event.id, [ani, bayu]);
  });

  it('the invited see it on their phone as invited; the organiser’s list shows who has not answered', async () => {
    expect((await mine(ani, event.id))?.statusSaya).toBe('diundang');
    expect((await mine(direktorat, event.id))?.statusSaya).toBeNull();
    const list = (
      await direktorat.request({ method: 'GET', url: `/api/v1/trainings/${event.id}/participants` })
    ).json() as TrainingParticipant[];
    expect(list.map((p) => p.status)).toEqual(['diundang', 'diundang']);
  });

  it('a confirmation registers them, once: a second answer is a 409 and changes nothing', async () => {
    const r = await reply(ani, event.id, { hadir: true });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ userId: ani.user.id, status: 'terdaftar', alasanTolak: null });
    expect((await mine(ani, event.id))?.statusSaya).toBe('terdaftar');
    const again = await reply(ani, event.id, { hadir: false, alasan: 'Bertugas di posko' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'TRAINING_INVITATION_ANSWERED', details: { status: 'terdaftar' } });
    expect((await mine(ani, event.id))?.statusSaya).toBe('terdaftar');
    expect(await auditDetails(ctx, 'training.invitation.confirm', event.id)).toEqual([{ userId: ani.user.id }]);
  });

  it('bad answers are refused with the field named; those not invited are refused; nothing changes', async () => {
    const rows = await rowCount(ctx, 'training_participants');
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ hadir: true, alasan: 'Saya akan hadir' }, 422, 'alasan'],
      [{ hadir: false, alasan: '  ab  ' }, 422, 'alasan'],
    ];
    for (const [payload, status, field] of cases) {
      const r = await reply(bayu, event.id, payload);
      expect(r.statusCode).toBe(status);
      expect(r.json().error).toMatchObject({ code: 'TRAINING_INVALID', details: [{ field }] });
    }
    expect((await reply(bayu, event.id, { hadir: 'ya' })).statusCode).toBe(400);
    expect((await reply(koordinator, event.id, { hadir: true })).json().error.code).toBe('TRAINING_NOT_PARTICIPANT');
    expect((await reply(luar, event.id, { hadir: true })).statusCode).toBe(404);
    expect((await mine(bayu, event.id))?.statusSaya).toBe('diundang');
    expect(await rowCount(ctx, 'training_participants')).toBe(rows);
  });

  it('a decline keeps the reason, frees the place in the quota and keeps them out of attendance', async () => {
    expect((await post(direktorat, `/trainings/${event.id}/participants`, { userId: cici.user.id })).json().error.code).toBe(
      'TRAINING_QUOTA_FULL',
    );
    const r = await reply(bayu, event.id, { hadir: false, alasan: 'Bertugas di posko banjir' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ditolak', alasanTolak: 'Bertugas di posko banjir' });
    expect(await auditDetails(ctx, 'training.invitation.decline', event.id)).toEqual([
      { userId: bayu.user.id, alasan: 'Bertugas di posko banjir' },
    ]);
    const added = await post(direktorat, `/trainings/${event.id}/participants`, { userId: cici.user.id });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().status).toBe('terdaftar');
    expect((await mine(direktorat, event.id))?.jumlahPeserta).toBe(2);
    // Registered by the organiser: nothing to answer.
    expect((await reply(cici, event.id, { hadir: true })).json().error.code).toBe('TRAINING_INVITATION_ANSWERED');
    const marked = await post(direktorat, `/trainings/${event.id}/attendance`, { userId: bayu.user.id, unit: 'ldp' });
    expect(marked.statusCode).toBe(409);
    expect(marked.json().error.code).toBe('TRAINING_INVITATION_DECLINED');
  });

  it('completion leaves out those who declined; after the event has ended an invitation takes no answer', async () => {
    // Today at the venue (Jakarta), which is not always the UTC day.
    const today = await buildTraining(direktorat, { mulai: wilayahClock('31').tanggal });
    await invite(today.id, [ani, bayu]);
    expect((await reply(bayu, today.id, { hadir: false })).json().status).toBe('ditolak');
    expect((await post(direktorat, `/trainings/${today.id}/attendance`, { userId: ani.user.id, unit: 'ldp' })).statusCode).toBe(201);
    const done = (await post(direktorat, `/trainings/${today.id}/complete`, {})).json();
    expect(done.certificates.map((c: { userId: string }) => c.userId)).toEqual([ani.user.id]);
    expect(done.notQualified).toEqual([]);

    const past = await buildTraining(direktorat, { mulai: dayFromToday(-5), selesai: dayFromToday(-3) });
    await invite(past.id, [ani]);
    const late = await reply(ani, past.id, { hadir: true });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'TRAINING_INVITATION_CLOSED', details: { selesai: dayFromToday(-3) } });
    expect((await mine(ani, past.id))?.statusSaya).toBe('diundang');
  });
});
