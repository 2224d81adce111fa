import type { AffectedRecord, DisasterRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDisaster, nikFor, registerAffected } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * Searching an event's affected people on the server (issue 18): by name, NIK or temporary
 * number, for the Korban tab and the aid form's recipient picker; a person the caller sees only by
 * initials is never found by an identifying value.
 */

let ctx: TestContext;
let direktorat: Session;
let recorder: Session; // pendamping of Kab. Banyuwangi who registers everyone
let colleague: Session; // another pendamping of Kab. Banyuwangi
let flood: DisasterRecord;
let suparman: AffectedRecord;
let sri: AffectedRecord;
let child: AffectedRecord;

const find = async (s: Session, q: string) => {
  const response = await s.request({ method: 'GET', url: `/api/v1/disasters/${flood.id}/affected?q=${encodeURIComponent(q)}` });
  expect(response.statusCode, response.body).toBe(200);
  const page = response.json() as { items: AffectedRecord[]; total: number };
  return page.items.map((a) => a.id);
};

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, recorder, colleague] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'pendamping', '35.10'),
  ]);
  flood = await buildDisaster(direktorat, { wilayah: ['35.10'] });
  suparman = await registerAffected(recorder, flood, {
    nama: 'Suparman Hadi Wijaya',
    jenisKelamin: 'L',
    nik: nikFor('35.10.01', '1978-04-12', 'L', 7),
    tanggalLahir: '1978-04-12',
  });
  sri = await registerAffected(recorder, flood, { nama: 'Sri Wahyuni' });
  child = await registerAffected(recorder, flood, { nama: 'Anindya Putri Lestari', tanggalLahir: '2016-03-01' });
  await registerAffected(recorder, flood, { nama: 'Bambang Sutrisno', jenisKelamin: 'L' });
});
afterAll(() => ctx.close());

describe('GET /disasters/{id}/affected?q=', () => {
  it('finds by any words of a name, by NIK or its first digits, and by temporary number', async () => {
    expect(await find(colleague, 'wijaya suparman')).toEqual([suparman.id]);
    expect(await find(colleague, suparman.nik!)).toEqual([suparman.id]);
    expect(await find(colleague, suparman.nik!.slice(0, 8))).toEqual([suparman.id]);
    expect(sri.nomorSementara).toMatch(/^TMP-35-/);
    // As written on the wristband, lower case and without leading zeros.
    const [, prov, serial] = /^TMP-(\d+)-0*(\d+)$/.exec(sri.nomorSementara!)!;
    expect(await find(colleague, `tmp ${prov} ${serial}`)).toEqual([sri.id]);
    expect(await find(colleague, 'Sutarjo')).toEqual([]);
    expect(await find(colleague, '!!!')).toEqual([]);
  });

  it('never finds a protected child by name for someone who sees only initials; her own pendamping does', async () => {
    expect(await find(recorder, 'Anindya Lestari')).toEqual([child.id]);
    expect(await find(colleague, 'Anindya Lestari')).toEqual([]);
    expect(await find(direktorat, 'Anindya')).toEqual([]);
    // Still on the list, masked, without a search.
    const listed = (await colleague.request({ method: 'GET', url: `/api/v1/disasters/${flood.id}/affected?pageSize=100` })).json();
    expect(listed.items.find((a: AffectedRecord) => a.id === child.id)).toMatchObject({ nama: 'A. P. L.', identitasTerlindungi: true });
  });
});
