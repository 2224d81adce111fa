/**
 * Training programmes with a reusable curriculum, trainers (narasumber) of an event, and the
 * participants' anonymous evaluations (issue 22). Shapes of the API and the rules both sides apply.
 */

/** A curriculum unit of a programme: what an event created from it copies. */
export interface ProgrammeUnit {
  kode: string;
  nama: string;
  jp: number;
  /** Competencies the unit builds (codes of the framework). */
  kompetensi: string[];
  /** Learning objectives (tujuan pembelajaran), one sentence each. */
  tujuan: string[];
}

export interface TrainingProgramme {
  id: string;
  kode: string;
  nama: string;
  uraian: string;
  units: ProgrammeUnit[];
  /** JP of the whole curriculum. */
  jp: number;
  /** Events created from it. */
  jumlahPelatihan: number;
}

/** A trainer of an event: internal (an account, `userId`) or external (name and institution). */
export interface Narasumber {
  id: string;
  nama: string;
  instansi: string | null;
  userId: string | null;
  /** Units they teach (codes); empty: the whole event. */
  units: string[];
}

/** A rating is 1 (sangat kurang) … 5 (sangat baik). */
export const NILAI_EVALUASI = [1, 2, 3, 4, 5] as const;

/**
 * Averages and comments are shown once this many participants have evaluated: with fewer, the
 * organiser could tell who said what from who attended.
 */
export const MIN_EVALUASI_DITAMPILKAN = 3;

/** Participants may evaluate from their first attended session until this many days after the last day. */
export const EVALUASI_HARI_SETELAH_SELESAI = 30;

/** The last day (venue date) on which an event can still be evaluated. */
export function evaluasiTerakhir(selesai: string): string {
  const d = new Date(`${selesai}T00:00:00Z`);
  return new Date(d.getTime() + EVALUASI_HARI_SETELAH_SELESAI * 86_400_000).toISOString().slice(0, 10);
}

/** One evaluated subject's summary: the event (`narasumberId` null) or a trainer. */
export interface RatingSummary {
  narasumberId: string | null;
  nama: string;
  jumlah: number;
  /** Mean of the ratings to one decimal; null while too few have evaluated. */
  rataRata: number | null;
  /** How many gave each rating 1–5 (index 0 = rating 1); zeros while too few have evaluated. */
  sebaran: number[];
  /** Comments in no particular order; empty while too few have evaluated. */
  komentar: string[];
}

/** What GET /trainings/{id}/evaluation answers. */
export interface TrainingEvaluation {
  /** The caller attended and has not evaluated yet, and the window is open. */
  dapatMenilai: boolean;
  /** The caller has evaluated (what they said is not kept with their name). */
  sudahMenilai: boolean;
  /** The last day evaluations are taken. */
  batas: string;
  narasumber: Narasumber[];
  /** Organiser only: how many have evaluated, of how many who attended; then the summaries. */
  hasil: null | {
    jumlahPenilai: number;
    jumlahHadir: number;
    ditampilkan: boolean;
    acara: RatingSummary;
    narasumber: RatingSummary[];
  };
}

/** Mean to one decimal of a rating distribution (index 0 = rating 1). */
export function rataRataSebaran(sebaran: readonly number[]): number | null {
  const n = sebaran.reduce((s, k) => s + k, 0);
  if (n === 0) return null;
  const sum = sebaran.reduce((s, k, i) => s + k * (i + 1), 0);
  return Math.round((sum / n) * 10) / 10;
}
