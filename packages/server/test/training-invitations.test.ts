import type { InvitationPreview } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDetails, buildTraining, dayFromToday } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let direktorat: Session;
let koorJatim: Session;
let banyuwangi: Session; // 35.10, no LDP
let surabaya: Session; // 35.78, LDP assessed menengah
let jakarta: Session; // 31.71, no LDP
let bandung: Session; // 32.73, another province

const LDP = { kode: 'dukungan_psikososial', level: 1 };
const call = (s: Session, url: string, payload: unknown) =>
  s.request({ method: 'POST', url: `/api/v1${url}`, payload: payload as Record<string, unknown> });
const preview = (s: Session, id: string, query: string) =>
  s.request({ method: 'GET', url: `/api/v1/trainings/${id}/invitations/preview?${query}` });
const participantRows = async (id: string) =>
  Number(
    (
      await ctx.database.db
        .selectFrom('training_participants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('training_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koorJatim, banyuwangi, surabaya, jakarta, bandung] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.78'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'pendamping', '32.73'),
  ]);
  const assessed = await koorJatim.request({
    method: 'PUT',
    url: `/api/v1/competencies/${surabaya.user.id}`,
    payload: { kompetensi: 'dukungan_psikososial', level: 2 },
  });
  expect(assessed.statusCode, assessed.body).toBe(200);
});
afterAll(() => ctx.close());

describe('invitations by province, role, competency gap or name', () => {
  it('the preview lists the pendamping of two provinces who lack LDP, and changes nothing', async () => {
    const t = await buildTraining(direktorat, { mulai: dayFromToday(10) });
    const r = await preview(direktorat, t.id, `provinsi=35,31&kompetensi=${LDP.kode}&level=${LDP.level}`);
    expect(r.statusCode, r.body).toBe(200);
    const p: InvitationPreview = r.json();
    const ids = p.calon.map((c) => c.userId);
    expect(ids).toEqual(expect.arrayContaining([banyuwangi.user.id, jakarta.user.id]));
    expect(ids).not.toContain(surabaya.user.id);
    expect(ids).not.toContain(bandung.user.id);
    expect(p.calon.every((c) => c.level === 0)).toBe(true);
    expect(await participantRows(t.id)).toBe(0);
    // Without the gap, Surabaya's pendamping is selected too.
    const all: InvitationPreview = (await preview(direktorat, t.id, 'provinsi=35')).json();
    expect(all.calon.map((c) => c.userId)).toEqual(expect.arrayContaining([banyuwangi.user.id, surabaya.user.id]));
  });

  it('invites the whole selection within the quota, all or none; by name; refuses the registered, non-provinces and other roles', async () => {
    const t = await buildTraining(direktorat, { mulai: dayFromToday(10), kuota: 2 });
    const wide = await call(direktorat, `/trainings/${t.id}/invitations`, { provinsi: ['35', '31', '32'] });
    expect(wide.statusCode).toBe(409);
    expect(wide.json().error).toMatchObject({ code: 'TRAINING_QUOTA_FULL', details: { sisa: 2 } });
    expect(await participantRows(t.id)).toBe(0);

    const named = await call(direktorat, `/trainings/${t.id}/invitations`, { userIds: [banyuwangi.user.id, jakarta.user.id] });
    expect(named.statusCode, named.body).toBe(201);
    expect((named.json() as InvitationPreview).calon.map((c) => c.userId).sort()).toEqual([banyuwangi.user.id, jakarta.user.id].sort());
    expect(await participantRows(t.id)).toBe(2);
    const audits = await auditDetails(ctx, 'training.participant.add', t.id);
    expect(audits).toHaveLength(2);

    const again = await call(direktorat, `/trainings/${t.id}/invitations`, { userIds: [bandung.user.id, jakarta.user.id] });
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toMatchObject({ code: 'TRAINING_PARTICIPANT_INVALID', details: [{ field: 'userIds/1' }] });
    const nobody = await call(direktorat, `/trainings/${t.id}/invitations`, { kurangKompetensi: LDP });
    expect(nobody.json().error).toMatchObject({ code: 'TRAINING_INVALID', details: [{ field: 'provinsi', code: 'wajib' }] });
    const notProvince = await preview(direktorat, t.id, 'provinsi=35.10');
    expect(notProvince.json().error).toMatchObject({ code: 'TRAINING_INVALID', details: [{ field: 'provinsi/0' }] });
    expect((await call(koorJatim, `/trainings/${t.id}/invitations`, { provinsi: ['35'] })).json().error.code).toBe('FORBIDDEN');
    expect((await preview(bandung, t.id, 'provinsi=35')).statusCode).toBe(404);
    expect(await participantRows(t.id)).toBe(2);
  });
});
