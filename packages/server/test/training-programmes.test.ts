import type { TrainingProgramme, TrainingRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDetails, buildProgramme, dayFromToday, rowCount } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let direktorat: Session;
let koordinator: Session;
let pendamping: Session;
let programme: TrainingProgramme;

const post = (s: Session, url: string, payload: Record<string, unknown>) => s.request({ method: 'POST', url: `/api/v1${url}`, payload });
const eventBody = (extra: Record<string, unknown> = {}) => ({
  mulai: dayFromToday(10),
  selesai: dayFromToday(11),
  tempat: 'Balai Besar Rehabilitasi Sosial, Kota Makassar',
  wilayah: '73',
  ...extra,
});

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koordinator, pendamping] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '73'),
    signIn(ctx, 'pendamping', '73.71'),
  ]);
  programme = await buildProgramme(direktorat, { kode: 'ldp-dasar' });
});
afterAll(() => ctx.close());

describe('training programmes and their curriculum', () => {
  it('the direktorat keeps a programme: units with JP, competencies and learning objectives; every worker reads it', async () => {
    expect(programme).toMatchObject({ kode: 'ldp-dasar', nama: 'Layanan Dukungan Psikososial', jp: 14, jumlahPelatihan: 0 });
    expect(programme.units[0]).toEqual({
      kode: 'pfa',
      nama: 'Pertolongan pertama psikologis',
      jp: 8,
      kompetensi: ['dukungan_psikososial'],
      tujuan: ['Peserta mampu memberi PFA.'],
    });
    const seen = (await pendamping.request({ method: 'GET', url: '/api/v1/training-programmes' })).json() as TrainingProgramme[];
    expect(seen.map((p) => p.id)).toContain(programme.id);
    const one = await pendamping.request({ method: 'GET', url: `/api/v1/training-programmes/${programme.id}` });
    expect(one.json()).toEqual(programme);
    expect(await auditDetails(ctx, 'training.programme.create', programme.id)).toEqual([{ kode: 'ldp-dasar', units: ['pfa', 'asesmen'] }]);
  });

  it('only the direktorat creates one; a taken code, a repeated unit or an unknown competency is refused and stores nothing', async () => {
    const before = await rowCount(ctx, 'training_programmes');
    const units = [{ kode: 'a', nama: 'Unit satu', jp: 4 }];
    expect((await post(koordinator, '/training-programmes', { kode: 'baru', nama: 'Program baru', units })).statusCode).toBe(403);
    const taken = await post(direktorat, '/training-programmes', { kode: 'ldp-dasar', nama: 'Program lain', units });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('TRAINING_PROGRAMME_EXISTS');
    const twice = await post(direktorat, '/training-programmes', { kode: 'dua', nama: 'Program dua', units: [...units, ...units] });
    expect(twice.json().error).toMatchObject({ code: 'TRAINING_PROGRAMME_INVALID', details: [{ field: 'units/1/kode', code: 'ganda' }] });
    const unknown = await post(direktorat, '/training-programmes', {
      kode: 'tiga',
      nama: 'Program tiga',
      units: [{ ...units[0], kompetensi: ['sulap'] }],
    });
    expect(unknown.json().error).toMatchObject({ code: 'TRAINING_PROGRAMME_INVALID', details: [{ field: 'units/0/kompetensi' }] });
    expect(await rowCount(ctx, 'training_programmes')).toBe(before);
  });

  it('an event created from a programme copies its units with the schedule, keeps the link and names its trainers', async () => {
    const r = await post(
      direktorat,
      `/training-programmes/${programme.id}/trainings`,
      eventBody({
        jadwal: [
          { kode: 'pfa', tanggal: dayFromToday(10), jamMulai: '09:00' },
          { kode: 'asesmen', tanggal: dayFromToday(11) },
        ],
        narasumber: [
          { nama: 'Dr. Rina Kusuma, M.Psi.', instansi: 'Universitas Hasanuddin', units: ['pfa'] },
          { nama: 'Pekerja sosial ahli', userId: koordinator.user.id },
        ],
      }),
    );
    expect(r.statusCode, r.body).toBe(201);
    const event: TrainingRecord = r.json();
    expect(event).toMatchObject({ nama: 'Layanan Dukungan Psikososial', programId: programme.id, jp: 14, wilayah: '73' });
    expect(event.units.map((u) => [u.kode, u.jp, u.tanggal, u.jamMulai, u.kompetensi])).toEqual([
      ['pfa', 8, dayFromToday(10), '09:00', ['dukungan_psikososial']],
      ['asesmen', 6, dayFromToday(11), null, ['asesmen', 'dukungan_psikososial']],
    ]);
    expect(event.narasumber.map((n) => [n.nama, n.instansi, n.userId, n.units])).toEqual([
      ['Dr. Rina Kusuma, M.Psi.', 'Universitas Hasanuddin', null, ['pfa']],
      ['Pekerja sosial ahli', null, koordinator.user.id, []],
    ]);
    const listed = (await direktorat.request({ method: 'GET', url: `/api/v1/training-programmes/${programme.id}` })).json();
    expect(listed.jumlahPelatihan).toBe(1);
    expect(await auditDetails(ctx, 'training.create', event.id)).toEqual([{ units: ['pfa', 'asesmen'], programmeId: programme.id }]);
  });

  it('a unit outside the programme, a trainer’s unknown unit or account, another role or programme: refused, nothing stored', async () => {
    const before = await rowCount(ctx, 'trainings');
    const url = `/training-programmes/${programme.id}/trainings`;
    const bad = await post(direktorat, url, eventBody({ jadwal: [{ kode: 'lain', tanggal: dayFromToday(10) }] }));
    expect(bad.json().error).toMatchObject({
      code: 'TRAINING_INVALID',
      details: [{ field: 'jadwal/0/kode', code: 'tidak_dalam_program' }],
    });
    const unit = await post(direktorat, url, eventBody({ narasumber: [{ nama: 'Narasumber', units: ['lain'] }] }));
    expect(unit.json().error).toMatchObject({ details: [{ field: 'narasumber/0/units', code: 'tidak_dalam_pelatihan' }] });
    const account = await post(direktorat, url, eventBody({ narasumber: [{ nama: 'Narasumber', userId: crypto.randomUUID() }] }));
    expect(account.json().error).toMatchObject({ details: [{ field: 'narasumber/0/userId', code: 'tidak_dikenal' }] });
    expect((await post(koordinator, url, eventBody())).statusCode).toBe(403);
    expect((await post(direktorat, `/training-programmes/${crypto.randomUUID()}/trainings`, eventBody())).statusCode).toBe(404);
    expect(await rowCount(ctx, 'trainings')).toBe(before);
    expect(await rowCount(ctx, 'training_trainers')).toBe(2);
  });
});
