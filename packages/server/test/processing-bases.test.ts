import type { ConsentRecord, ProcessingBasis } from '@tuntas/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildPerson, personFitting } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let pendamping: Session; // Kab. Banyuwangi
let koordinator: Session; // Jawa Timur
let lembagaId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  [pendamping, koordinator] = await Promise.all([signIn(ctx, 'pendamping', '35.10'), signIn(ctx, 'koordinator', '35')]);
  const lembaga = await koordinator.request({
    method: 'POST',
    url: '/api/v1/lembaga',
    payload: { nama: `LKSA Harapan Bangsa ${Date.now()}`, jenis: 'lks', wilayah: '35.10', batasHari: 7 },
  });
  expect(lembaga.statusCode, lembaga.body).toBe(201);
  lembagaId = lembaga.json().id;
});
afterAll(() => ctx.close());

const consent = (personId: string, payload: Record<string, unknown>) =>
  pendamping.request({
    method: 'POST',
    url: `/api/v1/beneficiaries/${personId}/consents`,
    payload: { tujuan: 'Asesmen dan pendampingan', pemberiNama: 'Siti Aminah', diberikanPada: new Date().toISOString(), ...payload },
  });
const withdraw = (personId: string, consentId: string) =>
  pendamping.request({ method: 'POST', url: `/api/v1/beneficiaries/${personId}/consents/${consentId}/withdraw` });
const bases = async (personId: string): Promise<Map<string, ProcessingBasis>> => {
  const res = await pendamping.request({ method: 'GET', url: `/api/v1/beneficiaries/${personId}/processing-bases` });
  expect(res.statusCode, res.body).toBe(200);
  return new Map((res.json() as ProcessingBasis[]).map((b) => [b.tujuan, b]));
};
const refer = (caseId: string, extra: Record<string, unknown> = {}) =>
  pendamping.request({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/referrals`,
    payload: { lembagaId, layanan: 'Pengasuhan sementara', alasan: 'Tidak ada keluarga yang dapat mengasuh', ...extra },
  });
const consentCount = async (personId: string) =>
  (await ctx.database.db.selectFrom('beneficiary_consents').select('id').where('beneficiary_id', '=', personId).execute()).length;

describe('legal bases of processing (UU 27/2022 Pasal 20, 21, 25)', () => {
  it('a withdrawn consent does not stop a child-protection case: the case rests on a legal duty, not on consent', async () => {
    const kase = await buildCase(pendamping, { ppks: '02' });
    const given = await consent(kase.beneficiaryId, { hubungan: 'orang_tua' });
    expect(given.statusCode, given.body).toBe(201);
    expect((await withdraw(kase.beneficiaryId, given.json().id)).json().aktif).toBe(false);

    const moved = await pendamping.request({ method: 'POST', url: `/api/v1/cases/${kase.id}/transitions`, payload: { to: 'asesmen' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const now = await bases(kase.beneficiaryId);
    expect(now.get('perlindungan_anak')).toMatchObject({ dasar: 'kewajiban_hukum', relevan: true, berlaku: true });
    expect(now.get('perlindungan_anak')!.sumber).toContain('UU 35/2014 Pasal 59');
    expect(now.get('rehabilitasi_sosial')).toMatchObject({ dasar: 'tugas_publik', berlaku: true });
    expect(now.get('dokumentasi')).toMatchObject({ dasar: 'persetujuan', berlaku: false });
  });

  it('for a child the consent-giver is the parent or guardian, not the child nor a legal companion; nothing is stored when refused', async () => {
    const child = await buildPerson(pendamping, personFitting('03'));
    for (const hubungan of ['pendamping_hukum', 'diri_sendiri']) {
      const refused = await consent(child.id, { hubungan });
      expect(refused.statusCode, hubungan).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'CONSENT_GUARDIAN_REQUIRED' });
      expect(refused.json().error.message).toContain('orang tua atau wali');
    }
    expect(await consentCount(child.id)).toBe(0);
    expect((await consent(child.id, { hubungan: 'wali' })).statusCode).toBe(201);
    const adult = await buildPerson(pendamping);
    expect((await consent(adult.id, { hubungan: 'pendamping_hukum' })).statusCode).toBe(201);
  });

  it('the consent record states its purpose, legal basis, retention and the subject’s rights (Pasal 21), and its withdrawal ends only that purpose', async () => {
    const adult = await buildPerson(pendamping);
    const res = await consent(adult.id, { hubungan: 'diri_sendiri', kodeTujuan: 'dokumentasi', tujuan: 'Foto kegiatan untuk laporan' });
    expect(res.statusCode, res.body).toBe(201);
    const record: ConsentRecord = res.json();
    expect(record).toMatchObject({
      kodeTujuan: 'dokumentasi',
      pernyataan: { dasar: 'persetujuan', retensi: 'Sampai persetujuan dicabut.' },
    });
    expect(record.pernyataan!.hakSubjek).toEqual(expect.arrayContaining([expect.stringContaining('Menarik kembali persetujuan')]));
    expect(record.pernyataan!.hakSubjek).toHaveLength(9);
    // Without a purpose the consent is to the rehabilitation service, told as a public task.
    const service = (await consent(adult.id, { hubungan: 'diri_sendiri' })).json() as ConsentRecord;
    expect(service).toMatchObject({ kodeTujuan: 'rehabilitasi_sosial', pernyataan: { dasar: 'tugas_publik' } });
    expect((await bases(adult.id)).get('dokumentasi')).toMatchObject({ berlaku: true });

    await withdraw(adult.id, record.id);
    const after = await bases(adult.id);
    expect(after.get('dokumentasi')).toMatchObject({ berlaku: false });
    expect(after.get('rehabilitasi_sosial')).toMatchObject({ berlaku: true });
    expect(after.get('perlindungan_anak')).toMatchObject({ relevan: false, berlaku: false });
    const listed = (
      await pendamping.request({ method: 'GET', url: `/api/v1/beneficiaries/${adult.id}/consents` })
    ).json() as ConsentRecord[];
    expect(listed.find((c) => c.id === record.id)).toMatchObject({ aktif: false, pernyataan: { dasar: 'persetujuan' } });
  });

  it('referrals record the basis on which the person’s data was shared', async () => {
    const childCase = await buildCase(pendamping, { ppks: '02' });
    const forChild = await refer(childCase.id);
    expect(forChild.statusCode, forChild.body).toBe(201);
    expect(forChild.json().dasarBerbagi).toBe('kewajiban_hukum');
    expect((await bases(childCase.beneficiaryId)).get('rujukan')).toMatchObject({ relevan: true, dasar: 'tugas_publik' });

    const adultCase = await buildCase(pendamping);
    expect((await refer(adultCase.id)).json().dasarBerbagi).toBe('tugas_publik');
    expect((await refer(adultCase.id, { dasarBerbagi: 'kepentingan_vital' })).json().dasarBerbagi).toBe('kepentingan_vital');

    const onConsent = await refer(adultCase.id, { dasarBerbagi: 'persetujuan' });
    expect(onConsent.statusCode).toBe(422);
    expect(onConsent.json().error.code).toBe('REFERRAL_CONSENT_MISSING');
    const rows = () => ctx.database.db.selectFrom('rujukan').select('dasar_berbagi').where('case_id', '=', adultCase.id).execute();
    expect((await rows()).map((r) => r.dasar_berbagi).sort()).toEqual(['kepentingan_vital', 'tugas_publik']);

    await consent(adultCase.beneficiaryId, { hubungan: 'diri_sendiri', kodeTujuan: 'rujukan' });
    const shared = await refer(adultCase.id, { dasarBerbagi: 'persetujuan' });
    expect(shared.statusCode, shared.body).toBe(201);
    expect(shared.json().dasarBerbagi).toBe('persetujuan');
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('entity_id', '=', adultCase.id)
      .where('action', '=', 'case.referral.send')
      .execute();
    expect(audit.map((a) => (a.details as { dasarBerbagi: string }).dasarBerbagi).sort()).toEqual([
      'kepentingan_vital',
      'persetujuan',
      'tugas_publik',
    ]);
    const listed = (await pendamping.request({ method: 'GET', url: `/api/v1/cases/${adultCase.id}/referrals` })).json();
    expect(listed.map((r: { dasarBerbagi: string }) => r.dasarBerbagi).sort()).toEqual([
      'kepentingan_vital',
      'persetujuan',
      'tugas_publik',
    ]);
  });
});
