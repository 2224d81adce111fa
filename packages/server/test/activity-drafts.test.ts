import { localClock } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFor, buildCase, buildPerson } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session; // Kab. Banyuwangi
let direktorat: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, direktorat] = await Promise.all([signIn(ctx, 'pendamping', '35.10'), signIn(ctx, 'direktorat', null)]);
});
afterAll(() => ctx.close());

const today = () => localClock(new Date(), 'Asia/Jakarta').tanggal;
const post = (s: Session, url: string, payload: object) => s.request({ method: 'POST', url: `/api/v1${url}`, payload });
type Entry = { jenis: string; uraian: string | null; caseIds: string[]; kasus: Array<{ id: string; nomor: string; nama: string }> };
const dayOf = async (s: Session, userId: string) =>
  (await s.request({ method: 'GET', url: `/api/v1/activities?tanggal=${today()}&userId=${userId}` })).json().items as Entry[];

describe('the day’s report drafted from the records of the work', () => {
  it('a saved assessment and a service each draft a line saying what was done, for which case', async () => {
    const kase = await buildCase(pendamping, { person: await buildPerson(pendamping, { nama: 'Sumarni Wulandari' }) });
    expect((await post(pendamping, `/cases/${kase.id}/assessments`, { data: answersFor(kase.ppks) })).statusCode).toBe(201);
    const service = await post(pendamping, `/cases/${kase.id}/services`, {
      jenis: 'layanan',
      atensi: 'hidup_layak',
      tanggal: today(),
      uraian: 'Paket sembako diserahkan',
    });
    expect(service.statusCode, service.body).toBe(201);
    // A saved assessment twice is one line, not two.
    expect((await post(pendamping, `/cases/${kase.id}/assessments`, { data: answersFor(kase.ppks) })).statusCode).toBe(201);

    const day = await dayOf(pendamping, pendamping.user.id);
    const asesmen = day.find((e) => e.jenis === 'asesmen')!;
    expect(asesmen.uraian).toBe(`Asesmen dicatat: ${kase.nomor}`);
    expect(asesmen.kasus).toEqual([{ id: kase.id, nomor: kase.nomor, nama: 'Sumarni Wulandari' }]);
    const layanan = day.find((e) => e.jenis === 'dukungan_psikososial')!;
    expect(layanan).toMatchObject({ caseIds: [kase.id], uraian: `Layanan diberikan: ${kase.nomor}` });
    expect(day.find((e) => e.jenis === 'kunjungan_rumah')!.uraian).toBe(`Kunjungan awal, kasus dibuka: ${kase.nomor}`);
  });

  it('names a protected child by initials to a reader who may not see them, in full to their pendamping', async () => {
    const child = await buildPerson(pendamping, { child: true, nama: 'Anindya Putri Lestari' });
    const kase = await buildCase(pendamping, { person: child, ppks: '05' });
    const own = (await dayOf(pendamping, pendamping.user.id)).find((e) => e.caseIds.includes(kase.id))!;
    expect(own.kasus.find((k) => k.id === kase.id)!.nama).toBe('Anindya Putri Lestari');
    const theirs = await direktorat.request({ method: 'GET', url: `/api/v1/activities?tanggal=${today()}&userId=${pendamping.user.id}` });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain('Anindya');
    const entry = (theirs.json().items as Entry[]).find((e) => e.caseIds.includes(kase.id))!;
    expect(entry.kasus.find((k) => k.id === kase.id)!.nama).toBe('A. P. L.');
  });
});
