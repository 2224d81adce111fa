import { describe, expect, it } from 'vitest';
import { ATENSI_LAYANAN } from '../src/atensi.js';
import { isChildCategory, PPKS, ppksByCode } from '../src/ppks.js';
import { TAHAPAN } from '../src/tahapan.js';
import { checkPassword } from '../src/password-policy.js';

describe('catalogues', () => {
  it('holds the 26 PPKS with codes 01–26, children always sensitive', () => {
    expect(PPKS.map((p) => p.kode)).toEqual(Array.from({ length: 26 }, (_, i) => String(i + 1).padStart(2, '0')));
    for (const p of PPKS.filter((c) => c.klasterAtensi === 'anak')) expect(p.dataSpesifik).toBe(true);
    expect(ppksByCode('17')?.singkatan).toBe('NAPZA');
    expect(isChildCategory('03')).toBe(true);
    expect(isChildCategory('21')).toBe(false);
  });

  it('names the categories officially: Telantar (not Terlantar), Korban Perdagangan Orang (UU 21/2007)', () => {
    expect(PPKS.map((p) => p.nama).filter((n) => /terlantar|trafficking/i.test(n))).toEqual([]);
    expect(ppksByCode('01')?.nama).toBe('Anak Balita Telantar');
    expect(ppksByCode('02')?.nama).toBe('Anak Telantar');
    expect(ppksByCode('08')?.nama).toBe('Lanjut Usia Telantar');
    expect(ppksByCode('18')?.nama).toBe('Korban Perdagangan Orang');
  });

  it('holds the seven tahapan in order and seven ATENSI services', () => {
    expect(TAHAPAN.map((t) => t.urutan)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(TAHAPAN[0]?.statusUtama).toBe('terdata');
    expect(TAHAPAN[6]?.statusUtama).toBe('terselesaikan');
    expect(ATENSI_LAYANAN).toHaveLength(7);
  });
});

describe('password policy', () => {
  it('refuses short, repetitive, numeric and username-bearing passwords', () => {
    expect(checkPassword('pendek')).toBe('TOO_SHORT');
    expect(checkPassword('aaaaaaaaaaaa')).toBe('TOO_SIMPLE');
    expect(checkPassword('123456789012')).toBe('TOO_SIMPLE');
    expect(checkPassword('budi.santoso-2025', 'budi.santoso')).toBe('CONTAINS_USERNAME');
    expect(checkPassword('kuda-lari-pagi-hari', 'budi')).toBeNull();
  });

  it('refuses common passwords and their l33t or suffixed forms, keeps long passphrases', () => {
    for (const weak of [
      'password123',
      'Passw0rd!!',
      'P@ssw0rd123',
      'qwertyuiop1',
      'bismillah123',
      'indonesia123',
      'admin12345',
      'iloveyou12',
    ]) {
      expect(checkPassword(weak), weak).toBe('TOO_COMMON');
    }
    // Parts of the username are words a guesser knows.
    expect(checkPassword('santoso2025!', 'budi.santoso')).toBe('TOO_COMMON');
    for (const strong of ['kata-sandi-uji-123', 'sandi-baru-yang-kuat', 'Banyuwangi-2025!', 'kuda-lari-pagi-hari']) {
      expect(checkPassword(strong, 'pendamping.35.10'), strong).toBeNull();
    }
    // Only the first 100 characters are estimated (the estimator's cost grows with length).
    expect(checkPassword('kuda-lari-pagi-hari '.repeat(12))).toBeNull();
  });
});
