/**
 * NIP (PNS) and NI PPPK: both 18 digits, but not one layout.
 *
 * - **NIP PNS** (Peraturan Kepala BKN 22/2007 tentang Nomor Identitas PNS, diubah Perka BKN
 *   43/2007): birth date (YYYYMMDD), TMT CPNS year and month (YYYYMM), sex (1 man, 2 woman),
 *   serial (001–999). An applicant is at least 18 (PP 11/2017 Pasal 23 huruf a), so the TMT month
 *   comes 18 years or more after the birth month.
 * - **NI PPPK** (Nomor Induk PPPK, issued by BKN under PP 49/2018): birth date (YYYYMMDD), year of
 *   appointment (YYYY), two digits that do **not** carry a month (sources differ on their meaning;
 *   most NI PPPK carry `21`, so reading them as a month refused real numbers), sex (1/2), serial.
 *   An applicant is at least 20 (PP 49/2018 Pasal 16 huruf a); only the year is known, so the
 *   appointment year comes 20 years or more after the birth year.
 */
export type JenisAsn = 'pns' | 'pppk';

export interface ParsedNip {
  /** The layout the number was read by. */
  jenis: JenisAsn;
  tanggalLahir: string;
  /** Appointment: PNS the TMT CPNS month `YYYY-MM`; PPPK the year `YYYY` (the number holds no month). */
  tmt: string;
  jenisKelamin: 'L' | 'P';
  urut: string;
}

export type NipProblem = 'format' | 'tanggal_lahir' | 'tmt' | 'jenis_kelamin' | 'urut' | 'usia_pengangkatan';

export type NipResult = { ok: true; value: ParsedNip } | { ok: false; problem: NipProblem };

/** Minimum age at application: PNS PP 11/2017 Pasal 23 huruf a; PPPK PP 49/2018 Pasal 16 huruf a. */
export const USIA_MINIMUM_ASN: Record<JenisAsn, number> = { pns: 18, pppk: 20 };

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseAs(nip: string, today: string, jenis: JenisAsn): NipResult {
  const [by, bm, bd] = [Number(nip.slice(0, 4)), Number(nip.slice(4, 6)), Number(nip.slice(6, 8))];
  const ay = Number(nip.slice(8, 12));
  const am = Number(nip.slice(12, 14));
  const sex = nip[14];
  const urut = nip.slice(15);
  const tanggalLahir = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  const tmt = jenis === 'pns' ? `${nip.slice(8, 12)}-${nip.slice(12, 14)}` : nip.slice(8, 12);
  if (by < 1900 || !validDate(by, bm, bd) || tanggalLahir > today) return { ok: false, problem: 'tanggal_lahir' };
  if (ay < 1950 || tmt > today.slice(0, tmt.length)) return { ok: false, problem: 'tmt' };
  if (jenis === 'pns' && (am < 1 || am > 12)) return { ok: false, problem: 'tmt' };
  if (sex !== '1' && sex !== '2') return { ok: false, problem: 'jenis_kelamin' };
  if (urut === '000') return { ok: false, problem: 'urut' };
  const minimum = USIA_MINIMUM_ASN[jenis];
  const tooYoung = jenis === 'pns' ? ay - by < minimum || (ay - by === minimum && am < bm) : ay - by < minimum;
  if (tooYoung) return { ok: false, problem: 'usia_pengangkatan' };
  return { ok: true, value: { jenis, tanggalLahir, tmt, jenisKelamin: sex === '1' ? 'L' : 'P', urut } };
}

/**
 * Reads a NIP PNS or NI PPPK by the layout of `jenis`. Without `jenis` (a profile whose kind is not
 * recorded yet) the PNS layout is tried first, then the PPPK one; `value.jenis` says which fitted.
 * `today` (YYYY-MM-DD) bounds the dates: nobody is born or appointed in the future.
 */
export function parseNip(raw: string, today: string, jenis: JenisAsn | null = null): NipResult {
  const nip = raw.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(nip)) return { ok: false, problem: 'format' };
  if (jenis) return parseAs(nip, today, jenis);
  const pns = parseAs(nip, today, 'pns');
  if (pns.ok) return pns;
  const pppk = parseAs(nip, today, 'pppk');
  return pppk.ok ? pppk : pns;
}
