/** The seven stages of social rehabilitation and the headline status each implies. */
export type CaseStatus = 'terdata' | 'tertangani' | 'terselesaikan' | 'ditutup';

export const CASE_STATUSES: readonly CaseStatus[] = ['terdata', 'tertangani', 'terselesaikan', 'ditutup'];

export type TahapanCode = 'pendekatan_awal' | 'asesmen' | 'rencana' | 'intervensi' | 'resosialisasi' | 'terminasi' | 'bimbingan_lanjut';

export interface Tahapan {
  urutan: number;
  kode: TahapanCode;
  nama: string;
  subTahapan: readonly string[];
  /** Status while a case is in this stage; terminasi resolves only once verified. */
  statusUtama: CaseStatus;
}

export const TAHAPAN: readonly Tahapan[] = [
  {
    urutan: 1,
    kode: 'pendekatan_awal',
    nama: 'Pendekatan Awal',
    subTahapan: ['sosialisasi dan konsultasi', 'identifikasi', 'motivasi', 'seleksi', 'penerimaan'],
    statusUtama: 'terdata',
  },
  {
    urutan: 2,
    kode: 'asesmen',
    nama: 'Pengungkapan dan Pemahaman Masalah (Asesmen)',
    subTahapan: ['persiapan', 'pengumpulan data', 'analisis', 'temu bahas kasus'],
    statusUtama: 'tertangani',
  },
  { urutan: 3, kode: 'rencana', nama: 'Penyusunan Rencana Pemecahan Masalah', subTahapan: [], statusUtama: 'tertangani' },
  { urutan: 4, kode: 'intervensi', nama: 'Pemecahan Masalah (Intervensi)', subTahapan: [], statusUtama: 'tertangani' },
  { urutan: 5, kode: 'resosialisasi', nama: 'Resosialisasi / Reintegrasi Sosial', subTahapan: [], statusUtama: 'tertangani' },
  { urutan: 6, kode: 'terminasi', nama: 'Terminasi', subTahapan: [], statusUtama: 'tertangani' },
  { urutan: 7, kode: 'bimbingan_lanjut', nama: 'Bimbingan Lanjut', subTahapan: [], statusUtama: 'terselesaikan' },
];

export const TAHAPAN_CODES: readonly TahapanCode[] = TAHAPAN.map((t) => t.kode);
