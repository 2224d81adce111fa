import type { Page } from 'playwright-core';

/**
 * A case opened through the API in the signed-in user's browser (a pendamping's own, in Kab.
 * Banyuwangi) for a person registered without a NIK, so each run makes a new one: the record a
 * spec changes on the phone and on the koordinator's side meanwhile.
 */
export function caseWithoutNik(
  page: Page,
  person: { nama: string; jenisKelamin: 'L' | 'P'; perkiraanUmur: number },
): Promise<{ id: string; version: number; beneficiaryId: string }> {
  return page.evaluate(async (p) => {
    const post = async (path: string, body: unknown) =>
      (
        await fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      ).json();
    const registered = await post('/beneficiaries', { ...p, kodeDesa: '35.10.01.2001', alasanTanpaNik: 'dokumen_hilang' });
    return (await post('/cases', { beneficiaryId: registered.id, ppks: '24' })) as { id: string; version: number; beneficiaryId: string };
  }, person);
}
