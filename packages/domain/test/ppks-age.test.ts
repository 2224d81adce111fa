import { describe, expect, it } from 'vitest';
import { BATAS_USIA_PPKS, usiaPada, usiaSesuaiKategori } from '../src/ppks-age.js';

describe('age fits the category', () => {
  it('counts whole years on the local date', () => {
    expect(usiaPada('2020-06-15', '2025-06-14')).toBe(4);
    expect(usiaPada('2020-06-15', '2025-06-15')).toBe(5);
    expect(usiaPada('1966-01-01', '2026-01-01')).toBe(60);
  });

  it('ABT is under 5, children’s categories under 18, ABH under 21 (UU 11/2012 Pasal 20), LUT 60 and over', () => {
    const today = '2026-11-29';
    expect(usiaSesuaiKategori('01', '2021-11-30', today)).toEqual({ ok: true });
    expect(usiaSesuaiKategori('01', '2021-11-29', today)).toMatchObject({ ok: false, usia: 5, batas: { kurangDari: 5 } });
    for (const ppks of ['02', '04', '05', '06', '07']) {
      expect(usiaSesuaiKategori(ppks, '2008-11-30', today), ppks).toEqual({ ok: true });
      expect(usiaSesuaiKategori(ppks, '2008-11-29', today), ppks).toMatchObject({ ok: false, usia: 18 });
    }
    expect(usiaSesuaiKategori('03', '2006-01-01', today)).toEqual({ ok: true });
    expect(usiaSesuaiKategori('03', '2005-11-29', today)).toMatchObject({ ok: false, usia: 21 });
    expect(usiaSesuaiKategori('08', '1966-11-29', today)).toEqual({ ok: true });
    expect(usiaSesuaiKategori('08', '1966-11-30', today)).toMatchObject({ ok: false, usia: 59, batas: { min: 60 } });
    // No age condition elsewhere: a child may be a disaster victim, an adult poor.
    expect(usiaSesuaiKategori('21', '2024-01-01', today)).toEqual({ ok: true });
    expect(usiaSesuaiKategori('24', '1930-01-01', today)).toEqual({ ok: true });
  });

  it('names a source for every age condition', () => {
    for (const [ppks, batas] of Object.entries(BATAS_USIA_PPKS)) expect(batas.sumber.length, ppks).toBeGreaterThan(5);
  });
});
