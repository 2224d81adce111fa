import { describe, expect, it } from 'vitest';
import { NikSet } from '../src/import/nik-set.js';

describe('the set of NIKs seen in one import', () => {
  it('tells a repeated NIK from a new one across many growths of its table', () => {
    const seen = new NikSet();
    const niks = Array.from({ length: 100_000 }, (_, i) => `35${String(i * 7919).padStart(14, '0')}`);
    expect(niks.every((nik) => seen.add(nik))).toBe(true);
    expect(niks.filter((nik) => seen.add(nik))).toEqual([]);
  });

  it('keeps NIKs apart that share one half, including the highest province codes', () => {
    const seen = new NikSet();
    for (const nik of ['3510014508900101', '3510014508900102', '9710014508900101', '9999999999999999', '0000000000000000'])
      expect(seen.add(nik)).toBe(true);
    expect(seen.add('9999999999999999')).toBe(false);
    expect(seen.add('0000000000000000')).toBe(false);
  });

  it('keeps whatever else was written in the NIK column as text', () => {
    const seen = new NikSet();
    for (const raw of ['3.5781E+15', '351001450890010', '35100145089001011', 'abc']) expect(seen.add(raw)).toBe(true);
    expect(seen.add('3.5781E+15')).toBe(false);
    expect(seen.add('351001450890010')).toBe(false);
    expect(seen.add('3510014508900101')).toBe(true);
  });
});
