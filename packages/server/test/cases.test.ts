import type { TahapanCode } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetAllOutcomes } from './support/case-outcomes.js';
import { advanceCase, answersFor, buildPerson } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session; // Kab. Banyuwangi
let colleague: Session; // another pendamping in Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let jakarta: Session; // pendamping Jakarta Pusat
let jakartaKoor: Session;
let direktorat: Session;
let auditor: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, colleague, koordinator, jakarta, jakartaKoor, direktorat, auditor] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '31.71'),
    signIn(ctx, 'koordinator', '31'),
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'auditor', null),
  ]);
});
afterAll(() => ctx.close());

let serial = 0;
/** Registers one adult in Kab. Banyuwangi and returns its id. */
async function registerPerson(nama = 'Budi Santoso'): Promise<string> {
  serial += 1;
  const response = await pendamping.request({
    method: 'POST',
    url: '/api/v1/beneficiaries',
    payload: {
      nik: `35100105038${String(serial).padStart(5, '0')}`,
      nama: `${nama} ${serial}`,
      jenisKelamin: 'L',
      tanggalLahir: '1980-03-05',
      kodeDesa: '35.10.01.2001',
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function openCase(session: Session, body: Record<string, unknown>) {
  return session.request({ method: 'POST', url: '/api/v1/cases', payload: body });
}

async function newCase(ppks = '24'): Promise<{ id: string; version: number }> {
  const response = await openCase(pendamping, { beneficiaryId: await registerPerson(), ppks });
  expect(response.statusCode).toBe(201);
  return response.json();
}

const move = (session: Session, id: string, body: Record<string, unknown>) =>
  session.request({ method: 'POST', url: `/api/v1/cases/${id}/transitions`, payload: body });
const act = (session: Session, id: string, action: string, body: Record<string, unknown> = {}) =>
  session.request({ method: 'POST', url: `/api/v1/cases/${id}/${action}`, payload: body });
const read = (session: Session, id: string) => session.request({ method: 'GET', url: `/api/v1/cases/${id}` });
const caseCount = async () =>
  Number(
    (
      await ctx.database.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('opening a case', () => {
  it('starts at pendekatan awal as terdata, owned by the pendamping who opened it, with a timeline and audit', async () => {
    const beneficiaryId = await registerPerson('Slamet');
    const response = await openCase(pendamping, { beneficiaryId, ppks: '24', ringkasan: 'Keluarga tanpa penghasilan tetap' });
    expect(response.statusCode).toBe(201);
    const kase = response.json();
    expect(kase).toMatchObject({
      beneficiaryId,
      ppks: '24',
      wilayah: '35.10.01.2001',
      pendampingId: pendamping.user.id,
      tahapan: 'pendekatan_awal',
      status: 'terdata',
      version: 1,
      tindakan: { tahapan: ['asesmen'], tutup: true, verifikasi: false, bukaKembali: false, ubah: true },
    });
    expect(kase.nomor).toMatch(/^K-\d{7}$/);
    const timeline = (await pendamping.request({ method: 'GET', url: `/api/v1/cases/${kase.id}/timeline` })).json();
    expect(timeline.map((e: { jenis: string }) => e.jenis)).toEqual(['dibuat']);
    const audit = await ctx.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', kase.id).execute();
    expect(audit).toEqual([{ action: 'case.create' }]);
  });

  it('refuses bad input with a clear code and stores nothing', async () => {
    const beneficiaryId = await registerPerson();
    const before = await caseCount();
    const badPpks = await openCase(pendamping, { beneficiaryId, ppks: '27' });
    expect(badPpks.statusCode).toBe(400);
    expect(badPpks.json().error.code).toBe('VALIDATION_FAILED');
    const unknownArea = await openCase(koordinator, { beneficiaryId, ppks: '24', wilayah: '35.10.01.9999' });
    expect(unknownArea.json().error.code).toBe('WILAYAH_UNKNOWN');
    const foreignPendamping = await openCase(koordinator, { beneficiaryId, ppks: '24', pendampingId: jakarta.user.id });
    expect(foreignPendamping.statusCode).toBe(422);
    expect(foreignPendamping.json().error).toMatchObject({
      code: 'CASE_INVALID',
      details: [{ field: 'pendampingId', code: 'DI_LUAR_WILAYAH_PENDAMPING' }],
    });
    const forSomeoneElse = await openCase(pendamping, { beneficiaryId, ppks: '24', pendampingId: colleague.user.id });
    expect(forSomeoneElse.statusCode).toBe(403);
    expect(await caseCount()).toBe(before);
  });

  it('keeps one open case per person and problem', async () => {
    const beneficiaryId = await registerPerson();
    const first = await openCase(pendamping, { beneficiaryId, ppks: '24' });
    const second = await openCase(pendamping, { beneficiaryId, ppks: '24' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details).toMatchObject({ reason: 'KASUS_TERBUKA_SUDAH_ADA', id: first.json().id });
    expect((await openCase(pendamping, { beneficiaryId, ppks: '12' })).statusCode).toBe(201);
  });

  it('does not let another province, direktorat or auditor open cases on the person', async () => {
    const beneficiaryId = await registerPerson();
    expect((await openCase(jakarta, { beneficiaryId, ppks: '24' })).statusCode).toBe(404);
    expect((await openCase(jakartaKoor, { beneficiaryId, ppks: '24' })).statusCode).toBe(404);
    expect((await openCase(direktorat, { beneficiaryId, ppks: '24' })).statusCode).toBe(403);
    expect((await openCase(auditor, { beneficiaryId, ppks: '24' })).statusCode).toBe(403);
  });
});

describe('age fits the category', () => {
  const refusedForAge = (response: { statusCode: number; json(): { error: { code: string; message: string; details: unknown } } }) => {
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'CASE_AGE_OUTSIDE_CATEGORY',
      details: [{ field: 'ppks', code: 'USIA_TIDAK_SESUAI' }],
    });
    expect(response.json().error.message).toMatch(/^Usia orang ini tidak sesuai kategori PPKS/);
  };

  it('refuses an ABT case (under 5), a children’s case (under 18) or a LUT case (60+) for a person of the wrong age, with a clear 422', async () => {
    const before = await caseCount();
    const adult = await buildPerson(pendamping, { umur: 40 });
    const six = await buildPerson(pendamping, { umur: 6 });
    const fiftyNine = await buildPerson(pendamping, { umur: 59 });
    const twenty = await buildPerson(pendamping, { umur: 20 });
    const abt = await openCase(pendamping, { beneficiaryId: six.id, ppks: '01' });
    refusedForAge(abt);
    expect(abt.json().error.details).toEqual([
      { field: 'ppks', code: 'USIA_TIDAK_SESUAI', ppks: '01', usia: 6, kurangDari: 5, sumber: expect.any(String) },
    ]);
    for (const ppks of ['02', '04', '05', '06', '07']) refusedForAge(await openCase(pendamping, { beneficiaryId: adult.id, ppks }));
    refusedForAge(await openCase(pendamping, { beneficiaryId: fiftyNine.id, ppks: '08' }));
    // UU 11/2012 Pasal 20: a 20-year-old may still be before the juvenile court; a 40-year-old is not.
    refusedForAge(await openCase(pendamping, { beneficiaryId: adult.id, ppks: '03' }));
    const english = await pendamping.request({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { beneficiaryId: adult.id, ppks: '02' },
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().error.message).toMatch(/age does not fit/);
    expect(await caseCount()).toBe(before);

    for (const [person, ppks] of [
      [await buildPerson(pendamping, { umur: 4 }), '01'],
      [six, '02'],
      [twenty, '03'],
      [await buildPerson(pendamping, { umur: 60 }), '08'],
      [adult, '24'],
    ] as const) {
      const opened = await openCase(pendamping, { beneficiaryId: person.id, ppks });
      expect(opened.statusCode, `${ppks} ${opened.body}`).toBe(201);
    }
  });

  it('refuses moving a case (PATCH ppks) to a category the person’s age does not fit, and keeps other changes possible', async () => {
    const adult = await buildPerson(pendamping, { umur: 35 });
    const opened = await openCase(pendamping, { beneficiaryId: adult.id, ppks: '24' });
    const { id } = opened.json();
    refusedForAge(await pendamping.request({ method: 'PATCH', url: `/api/v1/cases/${id}`, payload: { version: 1, ppks: '02' } }));
    refusedForAge(await pendamping.request({ method: 'PATCH', url: `/api/v1/cases/${id}`, payload: { version: 1, ppks: '08' } }));
    const moved = await pendamping.request({
      method: 'PATCH',
      url: `/api/v1/cases/${id}`,
      payload: { version: 1, ppks: '25', ringkasan: 'Konflik keluarga' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ ppks: '25', version: 2 });
  });
});

describe('the seven stages', () => {
  it('walks from recorded to resolved only with the koordinator’s verification, and keeps every step on the timeline', async () => {
    const { id } = await newCase();
    const first = await move(pendamping, id, { to: 'asesmen', catatan: 'ke asesmen' });
    expect(first.json()).toMatchObject({ tahapan: 'asesmen', status: 'tertangani' });
    let at = 'asesmen' as const as TahapanCode;
    for (const to of ['rencana', 'intervensi', 'resosialisasi', 'terminasi'] as const) {
      expect(await advanceCase(pendamping, koordinator, { id, ppks: '24', tahapan: at }, to), to).toMatchObject({
        tahapan: to,
        status: 'tertangani',
      });
      at = to;
    }
    const early = await move(pendamping, id, { to: 'bimbingan_lanjut' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('RESOLUTION_NOT_VERIFIED');
    expect((await act(pendamping, id, 'verify')).statusCode).toBe(403);
    const unproven = await act(koordinator, id, 'verify');
    expect(unproven.statusCode).toBe(409);
    expect(unproven.json().error.code).toBe('OUTCOME_NOT_MET');
    await meetAllOutcomes(pendamping, id, '24');
    const verified = await act(koordinator, id, 'verify', { catatan: 'Kebutuhan dasar terpenuhi' });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ tahapan: 'terminasi', status: 'terselesaikan' });
    expect(verified.json().diverifikasiPada).not.toBeNull();
    const follow = await move(pendamping, id, { to: 'bimbingan_lanjut' });
    expect(follow.json()).toMatchObject({ tahapan: 'bimbingan_lanjut', status: 'terselesaikan', tindakan: { tahapan: [], tutup: false } });

    const timeline = (await pendamping.request({ method: 'GET', url: `/api/v1/cases/${id}/timeline` })).json();
    const moves = timeline.filter((e: { jenis: string }) => ['dibuat', 'tahapan', 'hasil', 'diverifikasi'].includes(e.jenis));
    expect(moves.map((e: { jenis: string; keTahapan: string | null }) => `${e.jenis}:${e.keTahapan}`)).toEqual([
      'dibuat:pendekatan_awal',
      'tahapan:asesmen',
      'tahapan:rencana',
      'tahapan:intervensi',
      'tahapan:resosialisasi',
      'tahapan:terminasi',
      'hasil:null',
      'diverifikasi:terminasi',
      'tahapan:bimbingan_lanjut',
    ]);
    expect(timeline[1]).toMatchObject({ catatan: 'ke asesmen', actorUsername: pendamping.user.username, dariTahapan: 'pendekatan_awal' });
  });

  it('opens rencana only after an assessment and intervensi only with an approved plan, and says so before the move', async () => {
    const { id } = await newCase();
    const atAssessment = (await move(pendamping, id, { to: 'asesmen' })).json();
    expect(atAssessment.tindakan).toMatchObject({ tahapan: [], syarat: [{ tahapan: 'rencana', kurang: ['ASESMEN_TERCATAT'] }] });
    const early = await move(pendamping, id, { to: 'rencana' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'STAGE_REQUIREMENT_MISSING',
      details: { dari: 'asesmen', ke: 'rencana', kurang: ['ASESMEN_TERCATAT'] },
    });
    expect((await read(pendamping, id)).json()).toMatchObject({ tahapan: 'asesmen', version: atAssessment.version });
    expect(
      (await pendamping.request({ method: 'POST', url: `/api/v1/cases/${id}/assessments`, payload: { data: answersFor('24') } }))
        .statusCode,
    ).toBe(201);
    const atPlan = (await move(pendamping, id, { to: 'rencana' })).json();
    expect(atPlan.tindakan).toMatchObject({ tahapan: ['asesmen'], syarat: [{ tahapan: 'intervensi', kurang: ['RENCANA_DISETUJUI'] }] });
    const unapproved = await move(pendamping, id, { to: 'intervensi' });
    expect(unapproved.json().error).toMatchObject({ code: 'STAGE_REQUIREMENT_MISSING', details: { kurang: ['RENCANA_DISETUJUI'] } });
    // The koordinator is held to the same gate.
    expect((await move(koordinator, id, { to: 'intervensi' })).statusCode).toBe(409);
    expect((await advanceCase(pendamping, koordinator, { id, ppks: '24', tahapan: 'rencana' }, 'intervensi')).tahapan).toBe('intervensi');
  });

  it('answers 409 INVALID_TRANSITION for a skipped stage and changes nothing', async () => {
    const { id } = await newCase();
    const skip = await move(pendamping, id, { to: 'intervensi' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'INVALID_TRANSITION', details: { dari: 'pendekatan_awal', ke: 'intervensi' } });
    expect(skip.json().error.message).toBe('Perpindahan tahapan ini tidak diizinkan.');
    const unknown = await move(pendamping, id, { to: 'selesai' });
    expect(unknown.statusCode).toBe(400);
    expect((await read(pendamping, id)).json()).toMatchObject({ tahapan: 'pendekatan_awal', version: 1 });
  });

  it('closes unresolved with a reason, refuses work on a closed case, and lets only a koordinator reopen', async () => {
    const { id } = await newCase();
    await move(pendamping, id, { to: 'asesmen' });
    const noReason = await act(pendamping, id, 'close', { alasan: 'lainnya' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details).toEqual([{ field: 'catatan', code: 'WAJIB_UNTUK_LAINNYA' }]);
    const closed = await act(pendamping, id, 'close', { alasan: 'pindah', catatan: 'Pindah ke Bali' });
    expect(closed.json()).toMatchObject({
      status: 'ditutup',
      ditutupAlasan: 'pindah',
      tahapan: 'asesmen',
      tindakan: { tahapan: [], tutup: false },
    });
    const afterClose = await move(pendamping, id, { to: 'rencana' });
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json().error.code).toBe('CASE_CLOSED');
    expect((await act(pendamping, id, 'reopen', { alasan: 'Kembali ke desa' })).statusCode).toBe(403);
    const reopened = await act(koordinator, id, 'reopen', { alasan: 'Kembali ke desa' });
    expect(reopened.json()).toMatchObject({ status: 'tertangani', tahapan: 'asesmen', ditutupAlasan: null });
    const timeline = (await koordinator.request({ method: 'GET', url: `/api/v1/cases/${id}/timeline` })).json();
    expect(timeline.slice(-2).map((e: { jenis: string; catatan: string }) => [e.jenis, e.catatan])).toEqual([
      ['ditutup', 'Pindah ke Bali'],
      ['dibuka_kembali', 'Kembali ke desa'],
    ]);
  });

  it('does not close a resolved case as unresolved', async () => {
    const { id } = await newCase();
    await advanceCase(pendamping, koordinator, { id, ppks: '24', tahapan: 'pendekatan_awal' }, 'terminasi');
    await meetAllOutcomes(pendamping, id, '24');
    expect((await act(koordinator, id, 'verify')).statusCode).toBe(200);
    const close = await act(koordinator, id, 'close', { alasan: 'menolak' });
    expect(close.statusCode).toBe(409);
    expect(close.json().error.code).toBe('CASE_ACTION_NOT_ALLOWED');
  });
});

describe('concurrent edits', () => {
  it('answers 409 to a stale version on PATCH and on a transition, and records field-level changes', async () => {
    const { id } = await newCase();
    const first = await pendamping.request({
      method: 'PATCH',
      url: `/api/v1/cases/${id}`,
      payload: { version: 1, ringkasan: 'Rumah rusak berat' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await pendamping.request({ method: 'PATCH', url: `/api/v1/cases/${id}`, payload: { version: 1, ringkasan: 'Lain' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await move(pendamping, id, { to: 'asesmen', version: 1 })).statusCode).toBe(409);
    expect((await read(pendamping, id)).json()).toMatchObject({ ringkasan: 'Rumah rusak berat', tahapan: 'pendekatan_awal', version: 2 });
    const timeline = (await pendamping.request({ method: 'GET', url: `/api/v1/cases/${id}/timeline` })).json();
    expect(timeline[1]).toMatchObject({ jenis: 'diubah', data: { perubahan: { ringkasan: { dari: null, ke: 'Rumah rusak berat' } } } });
  });

  it('lets only a koordinator reassign, and only to a pendamping of the area', async () => {
    const { id } = await newCase();
    const self = await pendamping.request({
      method: 'PATCH',
      url: `/api/v1/cases/${id}`,
      payload: { version: 1, pendampingId: colleague.user.id },
    });
    expect(self.statusCode).toBe(403);
    const away = await koordinator.request({
      method: 'PATCH',
      url: `/api/v1/cases/${id}`,
      payload: { version: 1, pendampingId: jakarta.user.id },
    });
    expect(away.statusCode).toBe(422);
    const assigned = await koordinator.request({
      method: 'PATCH',
      url: `/api/v1/cases/${id}`,
      payload: { version: 1, pendampingId: colleague.user.id },
    });
    expect(assigned.json()).toMatchObject({ pendampingId: colleague.user.id, version: 2 });
    // The former owner may still read the case in their area, but no longer works it.
    expect((await move(pendamping, id, { to: 'asesmen' })).statusCode).toBe(403);
    expect((await move(colleague, id, { to: 'asesmen' })).statusCode).toBe(200);
  });
});

describe('who sees what', () => {
  it('hides a case from another province (404 everywhere) and keeps read-only roles read-only', async () => {
    const { id } = await newCase();
    for (const session of [jakarta, jakartaKoor]) {
      expect((await read(session, id)).statusCode).toBe(404);
      expect((await session.request({ method: 'GET', url: `/api/v1/cases/${id}/timeline` })).statusCode).toBe(404);
      expect((await move(session, id, { to: 'asesmen' })).statusCode).toBe(404);
      expect((await act(session, id, 'close', { alasan: 'pindah' })).statusCode).toBe(404);
      expect((await act(session, id, 'verify')).statusCode).toBe(404);
      expect((await act(session, id, 'reopen', { alasan: 'coba buka' })).statusCode).toBe(404);
      expect(
        (await session.request({ method: 'PATCH', url: `/api/v1/cases/${id}`, payload: { version: 1, ringkasan: 'x' } })).statusCode,
      ).toBe(404);
      const list = (await session.request({ method: 'GET', url: '/api/v1/cases?pageSize=200' })).json();
      expect(list.items.some((c: { id: string }) => c.id === id)).toBe(false);
    }
    expect((await read(direktorat, id)).statusCode).toBe(200);
    expect((await move(direktorat, id, { to: 'asesmen' })).statusCode).toBe(403);
    expect((await move(auditor, id, { to: 'asesmen' })).statusCode).toBe(403);
    expect((await act(colleague, id, 'close', { alasan: 'pindah' })).statusCode).toBe(403);
    expect((await read(pendamping, id)).json().version).toBe(1);
  });

  it('filters the list, and the summary equals the list with the same filters at every level', async () => {
    const { id } = await newCase('12');
    await move(pendamping, id, { to: 'asesmen' });
    const mine = (
      await pendamping.request({ method: 'GET', url: `/api/v1/cases?pendampingId=${pendamping.user.id}&status=tertangani&ppks=12` })
    ).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(id);
    for (const c of mine.items) expect(c).toMatchObject({ pendampingId: pendamping.user.id, status: 'tertangani', ppks: '12' });
    const own = (await pendamping.request({ method: 'GET', url: `/api/v1/dashboard/summary?pendampingId=${pendamping.user.id}` })).json();
    const ownList = (
      await pendamping.request({ method: 'GET', url: `/api/v1/cases?pendampingId=${pendamping.user.id}&status=tertangani` })
    ).json();
    expect(own.byStatus.tertangani).toBe(ownList.total);
    const kase = (await read(pendamping, id)).json();
    const forPerson = (await pendamping.request({ method: 'GET', url: `/api/v1/cases?beneficiaryId=${kase.beneficiaryId}` })).json();
    expect(forPerson.items.map((c: { id: string }) => c.id)).toEqual([id]);

    for (const [session, wilayah] of [
      [direktorat, undefined],
      [koordinator, undefined],
      [koordinator, '35.10'],
      [pendamping, undefined],
    ] as const) {
      const query = wilayah ? `?wilayah=${wilayah}` : '';
      const summaryResponse = await session.request({ method: 'GET', url: `/api/v1/dashboard/summary${query}` });
      expect(summaryResponse.statusCode, summaryResponse.body).toBe(200);
      const summary = summaryResponse.json();
      const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
      const all = (await session.request({ method: 'GET', url: `/api/v1/cases${query}` })).json().total;
      expect(sum(summary.byStatus)).toBe(all);
      expect(sum(summary.byPpks)).toBe(all);
      expect(sum(summary.byWilayah)).toBe(all);
      for (const status of ['terdata', 'tertangani', 'terselesaikan', 'ditutup']) {
        const sep = query ? '&' : '?';
        const listed = (await session.request({ method: 'GET', url: `/api/v1/cases${query}${sep}status=${status}` })).json().total;
        expect(summary.byStatus[status], `${session.user.username} ${status}`).toBe(listed);
      }
    }
    const national = (await direktorat.request({ method: 'GET', url: '/api/v1/dashboard/summary' })).json();
    expect(Object.keys(national.byWilayah)).toEqual(['35']);
    const province = (await koordinator.request({ method: 'GET', url: '/api/v1/dashboard/summary' })).json();
    expect(Object.keys(province.byWilayah)).toEqual(['35.10']);
    expect((await jakartaKoor.request({ method: 'GET', url: '/api/v1/dashboard/summary?wilayah=35' })).statusCode).toBe(404);
    const jakartaSummary = (await jakartaKoor.request({ method: 'GET', url: '/api/v1/dashboard/summary' })).json();
    expect(Object.values(jakartaSummary.byStatus).every((n) => n === 0)).toBe(true);
  });
});
