import { describe, expect, it } from 'vitest';
import { kunciBast } from '../src/disaster-aid.js';
import { penelusuranAnak, rentangUmur, skorKecocokan, SKOR_MINIMUM_KECOCOKAN } from '../src/disaster-tracing.js';

describe('tracing candidates', () => {
  const child = { jenisKelamin: 'L' as const, umur: 6, kodeDesa: '35.10.01.2001' };

  it('scores name, age and area, with the reasons, and offers nobody of the other sex', () => {
    expect(skorKecocokan(child, { ...child, umur: 7 }, 1)).toEqual({
      skor: 1,
      alasan: [{ kode: 'nama_mirip', nilai: 1 }, { kode: 'umur_sesuai', nilai: 1 }, { kode: 'jenis_kelamin_sama' }, { kode: 'desa_sama' }],
    });
    expect(skorKecocokan(child, { ...child, jenisKelamin: 'P' }, 1)).toBeNull();
    // Another district, four years apart (twice the band of 2: nothing for age), no name: below the offer line.
    const far = skorKecocokan(child, { ...child, umur: 10, kodeDesa: '35.10.02.2001' }, null)!;
    expect(far.skor).toBe(0.1);
    expect(far.skor).toBeLessThan(SKOR_MINIMUM_KECOCOKAN);
    expect(far.alasan.map((a) => a.kode)).toEqual(['nama_tidak_diketahui', 'umur_berbeda', 'jenis_kelamin_sama', 'kabupaten_sama']);
    expect(skorKecocokan({ ...child, umur: null, kodeDesa: null }, child, 0.5)!.skor).toBe(0.25);
  });

  it('tells children’s records and age bands apart', () => {
    expect(penelusuranAnak('anak_terpisah', null)).toBe(true);
    expect(penelusuranAnak('orang_hilang', 17)).toBe(true);
    expect(penelusuranAnak('orang_hilang', 18)).toBe(false);
    expect(penelusuranAnak('orang_hilang', null)).toBe(false);
    expect([rentangUmur(6), rentangUmur(40)]).toEqual([2, 5]);
  });
});

describe('BAST numbers', () => {
  it('compare without case and surrounding or doubled spaces', () => {
    expect(kunciBast('  bast/12/ xi  /2026 ')).toBe(kunciBast('BAST/12/ XI /2026'));
    expect(kunciBast('BAST/12')).not.toBe(kunciBast('BAST/13'));
  });
});
