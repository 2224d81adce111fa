import type { TahapanCode } from './tahapan.js';

/** Shapes of Data referensi (issue 20), shared by the server's answers and the web screen. */

/** Target days of a stage: the default for every category (`ppks` null) or one category's. */
export interface StageTarget {
  tahapan: TahapanCode;
  ppks: string | null;
  hari: number;
}

export interface CaseloadLimitsView {
  rekomendasi: number;
  maksimum: number;
  /** `referensi`: set on Data referensi; `pengaturan`: the server's settings, until it is. */
  sumber: 'referensi' | 'pengaturan';
  diubahPada: string | null;
}
