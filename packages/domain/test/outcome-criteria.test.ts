import { describe, expect, it } from 'vitest';
import { outcomeCriteria, unmetCriteria } from '../src/outcome-criteria.js';

const texts = (ppks: string) => outcomeCriteria(ppks).map((k) => k.teks);

describe('outcome criteria (kriteria terselesaikan)', () => {
  it('NAPZA: a client on methadone maintenance (PTRM) can be resolved without a negative drug test', () => {
    const pulih = outcomeCriteria('17').find((k) => k.kode === 'pulih')!;
    expect(pulih.teks).toContain('PTRM');
    expect(pulih.teks).not.toMatch(/^Tidak menggunakan NAPZA \(hasil tes negatif\)$/);
  });

  it('disaster victims: restored documents and family reunification are criteria, met also when nothing was lost', () => {
    for (const ppks of ['21', '22']) {
      const codes = outcomeCriteria(ppks).map((k) => k.kode);
      expect(codes).toEqual(expect.arrayContaining(['hunian', 'psikososial', 'dokumen_pulih', 'reunifikasi']));
      expect(texts(ppks).filter((t) => t.includes('tidak ada yang'))).toHaveLength(2);
    }
    const met = outcomeCriteria('21').map((k) => ({ kriteria: k.kode, terpenuhi: true, bukti: 'Catatan kunjungan' }));
    expect(unmetCriteria('21', met)).toEqual([]);
    expect(
      unmetCriteria(
        '21',
        met.filter((m) => m.kriteria !== 'reunifikasi'),
      ),
    ).toEqual(['reunifikasi']);
  });
});
