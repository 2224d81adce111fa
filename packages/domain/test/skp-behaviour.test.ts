import { describe, expect, it } from 'vitest';
import { NILAI_BERAKHLAK, parsePeriode, perilakuPeriode, perilakuTahunan, periodeSudahMulai, type Rating } from '../src/index.js';

const all = (r: Rating) => Object.fromEntries(NILAI_BERAKHLAK.map((k) => [k, r])) as Record<(typeof NILAI_BERAKHLAK)[number], Rating>;

describe('periodic behaviour evaluation (PermenPANRB 6/2022; BerAKHLAK, UU 20/2023 Pasal 4)', () => {
  it('rates the seven core values of the ASN', () => {
    expect(NILAI_BERAKHLAK).toHaveLength(7);
  });

  it('a period’s rating is the mean of its seven values (3/2/1) to the nearest rating', () => {
    expect(perilakuPeriode(all('sesuai'))).toBe('sesuai');
    expect(perilakuPeriode({ ...all('sesuai'), loyal: 'di_bawah', kompeten: 'di_atas' })).toBe('sesuai');
    // Four of seven above: mean 2.57.
    expect(perilakuPeriode({ ...all('di_atas'), loyal: 'sesuai', adaptif: 'sesuai', harmonis: 'sesuai' })).toBe('di_atas');
    // Four of seven below: mean 1.43.
    expect(perilakuPeriode({ ...all('di_bawah'), loyal: 'sesuai', adaptif: 'sesuai', harmonis: 'sesuai' })).toBe('di_bawah');
  });

  it('the year follows the periods rated, and none rated gives none', () => {
    expect(perilakuTahunan([])).toBeNull();
    expect(perilakuTahunan(['sesuai', 'di_atas'])).toBe('di_atas');
    expect(perilakuTahunan(['sesuai', 'di_bawah', 'di_bawah'])).toBe('di_bawah');
  });

  it('periods are months B01–B12 or quarters TW1–TW4, rated once begun on the worker’s calendar', () => {
    expect(parsePeriode('TW3')).toEqual({ jenis: 'triwulanan', bulanAwal: 7, bulanAkhir: 9 });
    expect(parsePeriode('B11')).toEqual({ jenis: 'bulanan', bulanAwal: 11, bulanAkhir: 11 });
    for (const bad of ['TW0', 'TW5', 'B00', 'B13', 'B1', 'tw1']) expect(parsePeriode(bad), bad).toBeNull();
    expect(periodeSudahMulai(parsePeriode('TW4')!, 2026, '2026-10-01')).toBe(true);
    expect(periodeSudahMulai(parsePeriode('TW4')!, 2026, '2026-09-30')).toBe(false);
    expect(periodeSudahMulai(parsePeriode('B12')!, 2025, '2026-01-01')).toBe(true);
    expect(periodeSudahMulai(parsePeriode('B01')!, 2027, '2026-12-31')).toBe(false);
  });
});
