/**
 * The 26 categories of PPKS — pemerlu pelayanan kesejahteraan sosial, people in need of
 * social-welfare services (formerly PMKS, Permensos 8/2012), in the order of the reference list
 * `shared/reference/ppks.csv`. Names follow the official spelling: "Telantar" (KBBI and the
 * regulations; not "Terlantar"), "Korban Perdagangan Orang" (UU 21/2007 tentang Pemberantasan
 * Tindak Pidana Perdagangan Orang; not "Trafficking").
 */
export type KlasterAtensi =
  | 'anak'
  | 'lanjut_usia'
  | 'penyandang_disabilitas'
  | 'tuna_sosial_dan_korban_perdagangan_orang'
  | 'korban_penyalahgunaan_napza'
  | 'korban_bencana_dan_kedaruratan'
  | 'ppks_lainnya';

export interface PpksCategory {
  kode: string;
  nama: string;
  singkatan: string;
  klasterAtensi: KlasterAtensi;
  /** Sensitive data (UU PDP "data pribadi spesifik"): identity fields are restricted. */
  dataSpesifik: boolean;
  catatan: string;
}

type Row = [kode: string, nama: string, singkatan: string, klaster: KlasterAtensi, spesifik: boolean, catatan: string];

const ROWS: Row[] = [
  ['01', 'Anak Balita Telantar', 'ABT', 'anak', true, 'anak: identitas dilindungi'],
  ['02', 'Anak Telantar', 'AT', 'anak', true, 'anak: identitas dilindungi'],
  ['03', 'Anak yang Berhadapan dengan Hukum', 'ABH', 'anak', true, 'UU SPPA Pasal 19: nama dan wajah anak dirahasiakan'],
  ['04', 'Anak Jalanan', 'AJ', 'anak', true, 'anak: identitas dilindungi'],
  ['05', 'Anak dengan Kedisabilitasan', 'ADK', 'anak', true, 'anak; data disabilitas (UU PDP Pasal 26)'],
  ['06', 'Anak yang Menjadi Korban Tindak Kekerasan atau Diperlakukan Salah', 'AKTK', 'anak', true, 'anak korban'],
  ['07', 'Anak yang Memerlukan Perlindungan Khusus', 'AMPK', 'anak', true, 'anak'],
  ['08', 'Lanjut Usia Telantar', 'LUT', 'lanjut_usia', false, ''],
  ['09', 'Penyandang Disabilitas', 'PD', 'penyandang_disabilitas', true, 'data disabilitas (UU PDP Pasal 26)'],
  ['10', 'Tuna Susila', 'TS', 'tuna_sosial_dan_korban_perdagangan_orang', true, ''],
  ['11', 'Gelandangan', 'GEL', 'tuna_sosial_dan_korban_perdagangan_orang', false, ''],
  ['12', 'Pengemis', 'PENG', 'tuna_sosial_dan_korban_perdagangan_orang', false, ''],
  ['13', 'Pemulung', 'PEM', 'tuna_sosial_dan_korban_perdagangan_orang', false, ''],
  ['14', 'Kelompok Minoritas', 'KM', 'tuna_sosial_dan_korban_perdagangan_orang', true, ''],
  ['15', 'Bekas Warga Binaan Lembaga Pemasyarakatan', 'BWBLP', 'tuna_sosial_dan_korban_perdagangan_orang', true, 'catatan kejahatan'],
  ['16', 'Orang dengan HIV/AIDS', 'ODHA', 'tuna_sosial_dan_korban_perdagangan_orang', true, 'data kesehatan'],
  [
    '17',
    'Korban Penyalahgunaan NAPZA',
    'NAPZA',
    'korban_penyalahgunaan_napza',
    true,
    'data kesehatan; SNI 8807:2022 layanan rehabilitasi NAPZA',
  ],
  ['18', 'Korban Perdagangan Orang', 'KPO', 'tuna_sosial_dan_korban_perdagangan_orang', true, 'korban TPPO'],
  ['19', 'Korban Tindak Kekerasan', 'KTK', 'korban_bencana_dan_kedaruratan', true, ''],
  ['20', 'Pekerja Migran Bermasalah Sosial', 'PMBS', 'korban_bencana_dan_kedaruratan', false, ''],
  ['21', 'Korban Bencana Alam', 'KBA', 'korban_bencana_dan_kedaruratan', false, ''],
  ['22', 'Korban Bencana Sosial', 'KBS', 'korban_bencana_dan_kedaruratan', false, ''],
  ['23', 'Perempuan Rawan Sosial Ekonomi', 'PRSE', 'ppks_lainnya', false, ''],
  ['24', 'Fakir Miskin', 'FM', 'ppks_lainnya', false, ''],
  ['25', 'Keluarga Bermasalah Sosial Psikologis', 'KBSP', 'ppks_lainnya', false, ''],
  ['26', 'Komunitas Adat Terpencil', 'KAT', 'ppks_lainnya', false, ''],
];

export const PPKS: readonly PpksCategory[] = ROWS.map(([kode, nama, singkatan, klasterAtensi, dataSpesifik, catatan]) => ({
  kode,
  nama,
  singkatan,
  klasterAtensi,
  dataSpesifik,
  catatan,
}));

const BY_CODE = new Map(PPKS.map((p) => [p.kode, p]));

export function ppksByCode(kode: string): PpksCategory | undefined {
  return BY_CODE.get(kode);
}

/** Children's categories are always sensitive, whatever else applies. */
export function isChildCategory(kode: string): boolean {
  return BY_CODE.get(kode)?.klasterAtensi === 'anak';
}
