import { outcomeCriteria } from '@tuntas/domain';
import type { Session } from './test-app.js';

/**
 * Records every resolution criterion of the category as met with evidence, as a pendamping does at
 * terminasi before the koordinator verifies; fails loudly if the server refuses.
 */
export async function meetAllOutcomes(session: Session, caseId: string, ppks: string): Promise<void> {
  const kriteria = outcomeCriteria(ppks).map((k) => ({
    kriteria: k.kode,
    terpenuhi: true,
    bukti: `Bukti ${k.kode}: berita acara kunjungan`,
  }));
  const response = await session.request({ method: 'PUT', url: `/api/v1/cases/${caseId}/outcomes`, payload: { kriteria } });
  if (response.statusCode !== 200) throw new Error(`outcomes refused: ${response.statusCode} ${response.body}`);
}
