import { PROVINCE_CODES } from './wilayah.js';

/**
 * NIK (Nomor Induk Kependudukan, UU 24/2013): `PP RR DD ddmmyy SSSS` — province, regency and
 * district of first registration, birth date (day + 40 for women), serial. The area digits are
 * kept for life, even after a province or regency is split, so they are checked against the list
 * of codes ever issued at province level only.
 */
export type NikProblem = 'NIK_MANGLED' | 'NIK_FORMAT' | 'NIK_REGION_UNKNOWN';

export interface ParsedNik {
  nik: string;
  provinsi: string;
  /** `PP.RR` */
  kabupaten: string;
  /** `PP.RR.DD` */
  kecamatan: string;
  jenisKelamin: 'L' | 'P';
  /** Day of birth, month, and two-digit year as written in the NIK. */
  hari: number;
  bulan: number;
  tahun2: number;
  serial: string;
}

/** Spreadsheet software turns a 16-digit number into `3.5781E+15`: the last digits are gone for good. */
const SCIENTIFIC = /^[0-9](?:[.,][0-9]+)?e\+?[0-9]+$/i;

/** Strips what spreadsheets add around a NIK: spaces and the leading apostrophe text marker. */
export function cleanNik(raw: string): string {
  return raw.trim().replace(/^'/, '').trim();
}

export function nikProblem(raw: string): NikProblem | null {
  const nik = cleanNik(raw);
  if (SCIENTIFIC.test(nik)) return 'NIK_MANGLED';
  if (!/^[0-9]{16}$/.test(nik) || nik.endsWith('0000')) return 'NIK_FORMAT';
  if (!PROVINCE_CODES.has(nik.slice(0, 2))) return 'NIK_REGION_UNKNOWN';
  return null;
}

/** Parses a NIK whose form is valid (see `nikProblem`); undefined otherwise. */
export function parseNik(raw: string): ParsedNik | undefined {
  if (nikProblem(raw) !== null) return undefined;
  const nik = cleanNik(raw);
  const dd = Number(nik.slice(6, 8));
  return {
    nik,
    provinsi: nik.slice(0, 2),
    kabupaten: `${nik.slice(0, 2)}.${nik.slice(2, 4)}`,
    kecamatan: `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`,
    jenisKelamin: dd > 40 ? 'P' : 'L',
    hari: dd > 40 ? dd - 40 : dd,
    bulan: Number(nik.slice(8, 10)),
    tahun2: Number(nik.slice(10, 12)),
    serial: nik.slice(12),
  };
}

/** True when the NIK's date digits match a birth date `YYYY-MM-DD`. */
export function nikMatchesBirthDate(parsed: ParsedNik, tanggalLahir: string): boolean {
  // `YYYY-MM-DD`: read in place, as this runs for every imported row.
  return (
    parsed.hari === Number(tanggalLahir.slice(8, 10)) &&
    parsed.bulan === Number(tanggalLahir.slice(5, 7)) &&
    parsed.tahun2 === Number(tanggalLahir.slice(2, 4))
  );
}

/** No. KK (family card number): 16 digits with the same area prefix rule; its date part is the issue date. */
export function noKkProblem(raw: string): 'NIK_MANGLED' | 'NIK_FORMAT' | null {
  const kk = cleanNik(raw);
  if (SCIENTIFIC.test(kk)) return 'NIK_MANGLED';
  if (!/^[0-9]{16}$/.test(kk) || !PROVINCE_CODES.has(kk.slice(0, 2))) return 'NIK_FORMAT';
  return null;
}

/**
 * The most likely birth date a NIK encodes: its two year digits in the latest century that does
 * not put the birth in the future. A pre-fill the user can correct (a 101-year-old is rare).
 */
export function nikBirthDate(parsed: ParsedNik, today: Date = new Date()): string {
  const thisYear = today.getUTCFullYear();
  let year = Math.floor(thisYear / 100) * 100 + parsed.tahun2;
  if (year > thisYear) year -= 100;
  return `${year}-${String(parsed.bulan).padStart(2, '0')}-${String(parsed.hari).padStart(2, '0')}`;
}
