/**
 * Age fits the category. A case is opened for a category only when the person's age is one the
 * category's definition allows:
 *
 * - **ABT (01), Anak Balita Telantar**: under 5 — "balita", bawah lima tahun (definition of the
 *   PMKS list, Permensos 8/2012).
 * - **Children's categories (02, 04–07)**: under 18 — UU 35/2014 (amending UU 23/2002,
 *   Perlindungan Anak) Pasal 1 angka 1: "Anak adalah seseorang yang belum berusia 18 (delapan
 *   belas) tahun".
 * - **ABH (03)**: under 21 — UU 11/2012 (SPPA) Pasal 1 angka 3–5 define the child in conflict with
 *   the law (12 to under 18), the child victim and the child witness (under 18); Pasal 20 keeps a
 *   child who offended before 18 in the juvenile system when brought to court before 21, and the
 *   social worker's laporan sosial follows them there.
 * - **LUT (08), Lanjut Usia Telantar**: 60 and over — UU 13/1998 (Kesejahteraan Lanjut Usia)
 *   Pasal 1 angka 2.
 *
 * Other categories have no age condition. An estimated age (a person without documents) is stored
 * as a birth date in the middle of that year of age, so it is judged the same way.
 */
export interface BatasUsia {
  /** Youngest age allowed, in whole years. */
  min?: number;
  /** The age must be below this, in whole years. */
  kurangDari?: number;
  sumber: string;
}

const ANAK: BatasUsia = { kurangDari: 18, sumber: 'UU 35/2014 Pasal 1 angka 1' };

export const BATAS_USIA_PPKS: Readonly<Record<string, BatasUsia>> = {
  '01': { kurangDari: 5, sumber: 'Permensos 8/2012 (Anak Balita Telantar: balita)' },
  '02': ANAK,
  '03': { kurangDari: 21, sumber: 'UU 11/2012 Pasal 1 angka 3–5 dan Pasal 20' },
  '04': ANAK,
  '05': ANAK,
  '06': ANAK,
  '07': ANAK,
  '08': { min: 60, sumber: 'UU 13/1998 Pasal 1 angka 2' },
};

/** Age in whole years on `today` (both `YYYY-MM-DD`). */
export function usiaPada(tanggalLahir: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(tanggalLahir.slice(0, 4));
  return today.slice(5) < tanggalLahir.slice(5) ? years - 1 : years;
}

export type UsiaKategoriResult = { ok: true } | { ok: false; usia: number; batas: BatasUsia };

/** Whether someone born on `tanggalLahir` may have a case of category `ppks` opened on `today`. */
export function usiaSesuaiKategori(ppks: string, tanggalLahir: string, today: string): UsiaKategoriResult {
  const batas = BATAS_USIA_PPKS[ppks];
  if (!batas) return { ok: true };
  const usia = usiaPada(tanggalLahir, today);
  if ((batas.min !== undefined && usia < batas.min) || (batas.kurangDari !== undefined && usia >= batas.kurangDari))
    return { ok: false, usia, batas };
  return { ok: true };
}
