import { describe, expect, it } from 'vitest';
import { isWithinScope, parentCode, wilayahLevel, zonaWaktu } from '../src/wilayah.js';

describe('wilayah codes', () => {
  it('knows the four levels by their shape', () => {
    expect(wilayahLevel('35')).toBe('provinsi');
    expect(wilayahLevel('35.10')).toBe('kabupaten_kota');
    expect(wilayahLevel('35.10.01')).toBe('kecamatan');
    expect(wilayahLevel('35.10.01.2001')).toBe('desa');
    expect(wilayahLevel('35.1')).toBeUndefined();
    expect(wilayahLevel('35.10.01.2001.1')).toBeUndefined();
    expect(parentCode('35.10.01')).toBe('35.10');
    expect(parentCode('35')).toBeNull();
  });

  it('matches a scope on whole segments only', () => {
    expect(isWithinScope(null, '91.01')).toBe(true);
    expect(isWithinScope('35', '35')).toBe(true);
    expect(isWithinScope('35', '35.10.01.2001')).toBe(true);
    expect(isWithinScope('35.1', '35.10')).toBe(false);
    expect(isWithinScope('35', '3510')).toBe(false);
    expect(isWithinScope('35.10', '35.11.01')).toBe(false);
  });

  it('puts every province in its time zone', () => {
    expect(zonaWaktu('35.10')).toBe('WIB');
    expect(zonaWaktu('61')).toBe('WIB'); // Kalimantan Barat
    expect(zonaWaktu('51.71')).toBe('WITA'); // Bali
    expect(zonaWaktu('64')).toBe('WITA'); // Kalimantan Timur
    expect(zonaWaktu('82')).toBe('WIT'); // Maluku Utara
    expect(zonaWaktu('96.01')).toBe('WIT'); // Papua Barat Daya
  });
});
