/**
 * Kemendagri area codes: `PP` province, `PP.RR` regency/city, `PP.RR.DD` district,
 * `PP.RR.DD.VVVV` village. A user's scope is such a code used as a prefix; null is national.
 */
export type WilayahLevel = 'provinsi' | 'kabupaten_kota' | 'kecamatan' | 'desa';

const PATTERNS: ReadonlyArray<[WilayahLevel, RegExp]> = [
  ['provinsi', /^\d{2}$/],
  ['kabupaten_kota', /^\d{2}\.\d{2}$/],
  ['kecamatan', /^\d{2}\.\d{2}\.\d{2}$/],
  ['desa', /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/],
];

export function wilayahLevel(code: string): WilayahLevel | undefined {
  return PATTERNS.find(([, re]) => re.test(code))?.[0];
}

export function isWilayahCodeFormat(code: string): boolean {
  return wilayahLevel(code) !== undefined;
}

export function parentCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

export function provinceOf(code: string): string {
  return code.slice(0, 2);
}

/** True when `code` lies inside `scope` (null scope = national). Compares whole segments. */
export function isWithinScope(scope: string | null, code: string): boolean {
  if (scope === null) return true;
  return code === scope || code.startsWith(scope + '.');
}

/** The 38 province codes (Kepmendagri 300.2.2-2138/2025). A NIK keeps its code after a split. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '51',
  '52',
  '53',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  '81',
  '82',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
]);

export type ZonaWaktu = 'WIB' | 'WITA' | 'WIT';

const WITA = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT = new Set(['81', '82', '91', '92', '93', '94', '95', '96']);

/** Indonesia's three time zones follow province borders (Keppres 41/1987). */
export function zonaWaktu(code: string): ZonaWaktu {
  const p = provinceOf(code);
  if (WIT.has(p)) return 'WIT';
  if (WITA.has(p)) return 'WITA';
  return 'WIB';
}

export const IANA_ZONE: Record<ZonaWaktu, string> = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
};
