/**
 * NIP (PNS) and NI PPPK: 18 digits — birth date (YYYYMMDD), appointment month (YYYYMM), sex
 * (1 man, 2 woman), serial (001–999). Both identifiers share the layout (Peraturan BKN 3/2019 and
 * its PPPK counterpart), so one parser serves both.
 */
export interface ParsedNip {
  tanggalLahir: string;
  /** Year and month of appointment (TMT), `YYYY-MM`. */
  tmt: string;
  jenisKelamin: 'L' | 'P';
  urut: string;
}

export type NipProblem = 'format' | 'tanggal_lahir' | 'tmt' | 'jenis_kelamin' | 'urut' | 'usia_pengangkatan';

export type NipResult = { ok: true; value: ParsedNip } | { ok: false; problem: NipProblem };

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `today` (YYYY-MM-DD) bounds the dates: nobody is born or appointed in the future. */
export function parseNip(raw: string, today: string): NipResult {
  const nip = raw.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(nip)) return { ok: false, problem: 'format' };
  const [by, bm, bd] = [Number(nip.slice(0, 4)), Number(nip.slice(4, 6)), Number(nip.slice(6, 8))];
  const [ay, am] = [Number(nip.slice(8, 12)), Number(nip.slice(12, 14))];
  const sex = nip[14];
  const urut = nip.slice(15);
  const tanggalLahir = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  const tmt = `${nip.slice(8, 12)}-${nip.slice(12, 14)}`;
  if (by < 1900 || !validDate(by, bm, bd) || tanggalLahir > today) return { ok: false, problem: 'tanggal_lahir' };
  if (ay < 1950 || am < 1 || am > 12 || tmt > today.slice(0, 7)) return { ok: false, problem: 'tmt' };
  if (sex !== '1' && sex !== '2') return { ok: false, problem: 'jenis_kelamin' };
  if (urut === '000') return { ok: false, problem: 'urut' };
  // Appointment needs an adult: at least 18 at the TMT month.
  if (ay - by < 18 || (ay - by === 18 && am < bm)) return { ok: false, problem: 'usia_pengangkatan' };
  return { ok: true, value: { tanggalLahir, tmt, jenisKelamin: sex === '1' ? 'L' : 'P', urut } };
}
