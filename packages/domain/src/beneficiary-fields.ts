import { PPKS } from './ppks.js';

/** Parsers for how people actually write a beneficiary's fields in spreadsheets. */

export type JenisKelamin = 'L' | 'P';

const SEXES: Record<string, JenisKelamin> = {
  l: 'L',
  lk: 'L',
  'laki-laki': 'L',
  'laki laki': 'L',
  lakilaki: 'L',
  pria: 'L',
  p: 'P',
  pr: 'P',
  perempuan: 'P',
  wanita: 'P',
};

export function parseJenisKelamin(raw: string): JenisKelamin | undefined {
  return SEXES[raw.trim().toLowerCase()];
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1]! + (leap ? 1 : 0);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;

/**
 * `YYYY-MM-DD`, `DD/MM/YYYY` or `DD-MM-YYYY` (Indonesian order: day first) to `YYYY-MM-DD`;
 * undefined for anything that is not a real calendar date, or a date after `today` (UTC).
 * Runs for every row of an import, so it builds no Date and no string it does not return.
 */
export function parseTanggal(raw: string | Date, today: Date = new Date()): string | undefined {
  let y: number, m: number, d: number;
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return undefined;
    [y, m, d] = [raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate()];
  } else {
    const s = raw.trim();
    const iso = ISO_DATE.exec(s);
    const dmy = iso ? null : DAY_FIRST_DATE.exec(s);
    if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    else return undefined;
  }
  if (y < 1900 || !isRealDate(y, m, d)) return undefined;
  const todayNumber = today.getUTCFullYear() * 10000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  if (y * 10000 + m * 100 + d > todayNumber) return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Folds spelling variants of category names: the official "Telantar" and the common "Terlantar". */
function foldName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/terlantar/g, 'telantar');
}

const PPKS_BY_NAME = new Map([
  ...PPKS.map((p) => [foldName(p.nama), p.kode] as const),
  // Files written before the official name (UU 21/2007) still say "Korban Trafficking".
  ['korban trafficking', '18'] as const,
]);
const PPKS_BY_ABBREVIATION = new Map(PPKS.map((p) => [p.singkatan.toLowerCase(), p.kode]));

/** A PPKS category written as a code (`1`, `01` … `26`), its official name or abbreviation. */
export function parseKategoriPpks(raw: string): string | undefined {
  const s = raw.trim();
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 26 ? pad(n) : undefined;
  }
  return PPKS_BY_NAME.get(foldName(s)) ?? PPKS_BY_ABBREVIATION.get(s.toLowerCase());
}
