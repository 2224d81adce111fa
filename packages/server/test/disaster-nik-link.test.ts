import type { AffectedRecord, DisasterRecord } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDisaster, buildPerson, registerAffected } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

/**
 * A person registered at a shelter without documents whose NIK turns up later (issue 18): the
 * registry's NIK link merges them into the record already holding that NIK, and the disaster
 * registration follows — one person, not two; registered twice in the event, both are flagged.
 */

let ctx: TestContext;
let direktorat: Session;
let koordinator: Session; // Jawa Timur: links NIKs and merges
let pendamping: Session; // Kab. Banyuwangi
let flood: DisasterRecord;

const affected = async (s: Session, id: string): Promise<AffectedRecord[]> =>
  (await s.request({ method: 'GET', url: `/api/v1/disasters/${flood.id}/affected?pageSize=100` }))
    .json()
    .items.filter((a: AffectedRecord) => a.id === id);
const linkNik = async (nikOf: { nik: string | null; tanggalLahir: string | null }, beneficiaryId: string) => {
  const person = (await koordinator.request({ method: 'GET', url: `/api/v1/beneficiaries/${beneficiaryId}` })).json();
  return koordinator.request({
    method: 'POST',
    url: `/api/v1/beneficiaries/${beneficiaryId}/nik`,
    payload: { version: person.version, nik: nikOf.nik, tanggalLahir: nikOf.tanggalLahir },
  });
};

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koordinator, pendamping] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'pendamping', '35.10'),
  ]);
  flood = await buildDisaster(direktorat, { wilayah: ['35.10'] });
});
afterAll(() => ctx.close());

describe('a temporary identity linked to a NIK the registry holds', () => {
  it('merges into the registry person; the disaster registration follows it', async () => {
    const known = await buildPerson(pendamping, { nama: 'Sumiati Rahayu' });
    const atShelter = await registerAffected(pendamping, flood, { nama: 'Sumiati Rahayu', perkiraanUmur: 45 });
    expect(atShelter).toMatchObject({ nik: null, terhubungRegistri: false });
    const linked = await linkNik(known, atShelter.beneficiaryId);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().id).toBe(known.id);
    const [after] = await affected(pendamping, atShelter.id);
    expect(after).toMatchObject({ beneficiaryId: known.id, nik: known.nik, terhubungRegistri: true, kemungkinanGanda: false });
    expect(after!.version).toBeGreaterThan(atShelter.version);
  });

  it('flags both registrations when the registry person was registered in the event as well', async () => {
    const known = await buildPerson(pendamping, { nama: 'Paijo Suwarno', jenisKelamin: 'L' });
    const withNik = await registerAffected(pendamping, flood, {
      nama: known.nama,
      jenisKelamin: 'L',
      nik: known.nik!,
      tanggalLahir: known.tanggalLahir!,
      kodeDesa: '35.10.02.2001',
    });
    const without = await registerAffected(pendamping, flood, {
      nama: 'Paijo',
      jenisKelamin: 'L',
      perkiraanUmur: 46,
      kodeDesa: '35.10.03.2001',
    });
    expect((await linkNik(known, without.beneficiaryId)).statusCode).toBe(200);
    const both = [...(await affected(pendamping, withNik.id)), ...(await affected(pendamping, without.id))];
    expect(both.map((a) => [a.beneficiaryId, a.kemungkinanGanda])).toEqual([
      [known.id, true],
      [known.id, true],
    ]);
  });
});
