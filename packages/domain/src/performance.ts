/**
 * SKP (PermenPANRB 6/2022): a yearly work plan of results with indicators and targets, realisation
 * computed from the work recorded in Tuntas, a work-result rating, the koordinator's behaviour
 * (BerAKHLAK) rating, and the predikat from the regulation's quadrant.
 */
export type Rating = 'di_atas' | 'sesuai' | 'di_bawah';
export const RATINGS: readonly Rating[] = ['di_atas', 'sesuai', 'di_bawah'];

export type Predikat = 'sangat_baik' | 'baik' | 'butuh_perbaikan' | 'kurang' | 'sangat_kurang';

/**
 * The predikat as the regulation writes them (Lampiran PermenPANRB 6/2022, kuadran predikat
 * kinerja): the cells of behaviour below expectation are "Kurang/Misconduct", whatever the results.
 */
export const PREDIKAT_NAMA: Record<Predikat, string> = {
  sangat_baik: 'Sangat Baik',
  baik: 'Baik',
  butuh_perbaikan: 'Butuh Perbaikan',
  kurang: 'Kurang/Misconduct',
  sangat_kurang: 'Sangat Kurang',
};

export const INDICATOR_CODES = [
  'dijangkau',
  'diasesmen',
  'rencana',
  'terselesaikan',
  'rujukan',
  'ldp',
  'kehadiran',
  'jam_kegiatan',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

export interface IndicatorTemplate {
  kode: IndicatorCode;
  /** Rencana hasil kerja this indicator measures. */
  hasilKerja: string;
  nama: string;
  satuan: 'orang' | 'kasus' | 'sesi' | 'persen' | 'jam';
  /** Yearly target of the RSKBK template; a koordinator may adjust it per person and year. */
  target: number;
  /** Counts add up over months; a rate is recomputed from its numerator and denominator. */
  jenis: 'jumlah' | 'rasio';
  /**
   * Attendance and hours are discipline (PP 94/2021 tentang Disiplin PNS, Pasal 4 huruf f: masuk
   * kerja dan menaati ketentuan jam kerja), shown beside the results but never counted as results.
   */
  kelompok: 'hasil_kerja' | 'disiplin';
}

/** The template for pendamping rehabilitasi sosial (RSKBK). Targets assume ~220 working days. */
export const SKP_TEMPLATE: readonly IndicatorTemplate[] = [
  {
    kode: 'dijangkau',
    hasilKerja: 'PPKS terjangkau dan terdata',
    nama: 'PPKS baru dijangkau (kasus dibuka)',
    satuan: 'orang',
    target: 60,
    jenis: 'jumlah',
    kelompok: 'hasil_kerja',
  },
  {
    kode: 'diasesmen',
    hasilKerja: 'PPKS terasesmen',
    nama: 'PPKS diasesmen',
    satuan: 'orang',
    target: 50,
    jenis: 'jumlah',
    kelompok: 'hasil_kerja',
  },
  {
    kode: 'rencana',
    hasilKerja: 'Rencana intervensi tersusun dan dilaksanakan',
    nama: 'Kasus masuk intervensi (rencana disetujui)',
    satuan: 'kasus',
    target: 40,
    jenis: 'jumlah',
    kelompok: 'hasil_kerja',
  },
  {
    kode: 'terselesaikan',
    hasilKerja: 'Permasalahan PPKS terselesaikan',
    nama: 'Kasus terselesaikan (diverifikasi koordinator)',
    satuan: 'kasus',
    target: 24,
    jenis: 'jumlah',
    kelompok: 'hasil_kerja',
  },
  {
    kode: 'rujukan',
    hasilKerja: 'PPKS memperoleh layanan rujukan',
    nama: 'Pendampingan rujukan disetujui',
    satuan: 'kasus',
    target: 12,
    jenis: 'jumlah',
    kelompok: 'hasil_kerja',
  },
  {
    kode: 'ldp',
    hasilKerja: 'Dukungan psikososial terlaksana',
    nama: 'Sesi dukungan psikososial (LDP) disetujui',
    satuan: 'sesi',
    target: 24,
    jenis: 'jumlah',
    kelompok: 'hasil_kerja',
  },
  {
    kode: 'kehadiran',
    hasilKerja: 'Disiplin kerja',
    nama: 'Tingkat kehadiran pada hari kerja',
    satuan: 'persen',
    target: 95,
    jenis: 'rasio',
    kelompok: 'disiplin',
  },
  {
    kode: 'jam_kegiatan',
    hasilKerja: 'Kegiatan harian terlaporkan',
    nama: 'Jam kegiatan harian disetujui',
    satuan: 'jam',
    target: 1200,
    jenis: 'jumlah',
    kelompok: 'disiplin',
  },
];

/** Capaian thresholds (percent of the target due so far). */
export const RATING_THRESHOLDS = { diAtas: 110, sesuai: 90 } as const;

export function ratingOf(capaian: number): Rating {
  if (capaian >= RATING_THRESHOLDS.diAtas) return 'di_atas';
  if (capaian >= RATING_THRESHOLDS.sesuai) return 'sesuai';
  return 'di_bawah';
}

/**
 * Percent of the target reached. A count's target is pro-rated to the months evaluated (a March
 * evaluation expects a quarter of the year's count); a rate's target is not.
 */
export function capaian(template: Pick<IndicatorTemplate, 'jenis'>, target: number, realisasi: number, months: number): number {
  const due = template.jenis === 'jumlah' ? (target * months) / 12 : target;
  if (due <= 0) return 100;
  return Math.round((realisasi / due) * 1000) / 10;
}

/** The work-result rating over all indicators: the mean capaian, each capped at 150% so one outlier does not carry the year. */
export function workResultRating(capaianList: readonly number[]): Rating {
  if (capaianList.length === 0) return 'sesuai';
  const mean = capaianList.reduce((s, c) => s + Math.min(c, 150), 0) / capaianList.length;
  return ratingOf(mean);
}

/** Kuadran predikat kinerja (Lampiran PermenPANRB 6/2022): rows are work results, columns behaviour. */
const QUADRANT: Record<Rating, Record<Rating, Predikat>> = {
  di_atas: { di_bawah: 'kurang', sesuai: 'baik', di_atas: 'sangat_baik' },
  sesuai: { di_bawah: 'kurang', sesuai: 'baik', di_atas: 'baik' },
  di_bawah: { di_bawah: 'sangat_kurang', sesuai: 'butuh_perbaikan', di_atas: 'butuh_perbaikan' },
};

export function predikat(hasilKerja: Rating, perilaku: Rating): Predikat {
  return QUADRANT[hasilKerja][perilaku];
}
