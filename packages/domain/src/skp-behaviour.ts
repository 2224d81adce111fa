import type { Rating } from './performance.js';

/**
 * Perilaku kerja: the seven core values of the ASN (BerAKHLAK, UU 20/2023 Pasal 4; SE MenPANRB
 * 20/2021), rated by the Pejabat Penilai Kinerja in each periodic evaluation (PermenPANRB 6/2022,
 * evaluasi kinerja periodik: monthly or quarterly, as the agency decides).
 */
export const NILAI_BERAKHLAK = ['berorientasi_pelayanan', 'akuntabel', 'kompeten', 'harmonis', 'loyal', 'adaptif', 'kolaboratif'] as const;
export type NilaiBerakhlak = (typeof NILAI_BERAKHLAK)[number];

/** A periodic evaluation: a month `B01`…`B12` or a quarter `TW1`…`TW4`. */
export const PERIODE_PATTERN = '^(B(0[1-9]|1[0-2])|TW[1-4])$';

export interface PeriodeInfo {
  jenis: 'bulanan' | 'triwulanan';
  bulanAwal: number;
  bulanAkhir: number;
}

export function parsePeriode(periode: string): PeriodeInfo | null {
  if (!new RegExp(PERIODE_PATTERN).test(periode)) return null;
  if (periode.startsWith('TW')) {
    const q = Number(periode.slice(2));
    return { jenis: 'triwulanan', bulanAwal: q * 3 - 2, bulanAkhir: q * 3 };
  }
  const m = Number(periode.slice(1));
  return { jenis: 'bulanan', bulanAwal: m, bulanAkhir: m };
}

const SCORE: Record<Rating, number> = { di_atas: 3, sesuai: 2, di_bawah: 1 };
const fromMean = (mean: number): Rating => (mean >= 2.5 ? 'di_atas' : mean >= 1.5 ? 'sesuai' : 'di_bawah');
const mean = (ratings: readonly Rating[]) => ratings.reduce((s, r) => s + SCORE[r], 0) / ratings.length;

/** A period's behaviour rating from its seven values: the mean of 3/2/1, rounded to the nearest rating. */
export function perilakuPeriode(nilai: Record<NilaiBerakhlak, Rating>): Rating {
  return fromMean(mean(NILAI_BERAKHLAK.map((k) => nilai[k])));
}

/** The year's behaviour rating from the periods rated so far (the same mean); none rated gives none. */
export function perilakuTahunan(periods: readonly Rating[]): Rating | null {
  return periods.length === 0 ? null : fromMean(mean(periods));
}

/** A period can be rated once it has begun on the worker's calendar, never ahead. */
export function periodeSudahMulai(periode: PeriodeInfo, tahun: number, today: string): boolean {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return tahun < y || (tahun === y && periode.bulanAwal <= m);
}
