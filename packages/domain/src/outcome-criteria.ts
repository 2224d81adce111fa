/**
 * Kriteria terselesaikan: what "resolved" means for each PPKS category, so a resolution can be
 * proven rather than declared. At terminasi the pendamping records, for every criterion, whether it
 * is met and the evidence (a document, a visit note, a letter from a service); the koordinator
 * verifies only when every criterion is met with evidence.
 */
export interface OutcomeCriterion {
  kode: string;
  teks: string;
}

type Group = readonly OutcomeCriterion[];
const c = (kode: string, teks: string): OutcomeCriterion => ({ kode, teks });

const KEBUTUHAN_DASAR = c('kebutuhan_dasar', 'Kebutuhan dasar (pangan, sandang, papan) terpenuhi');
const IDENTITAS = c('identitas', 'Memiliki dokumen kependudukan (NIK/KK) yang berlaku');
const PENGHASILAN = c('penghasilan', 'Memiliki sumber penghasilan atau usaha');
const PSIKOSOSIAL = c('psikososial', 'Dukungan psikososial selesai dan kondisi psikologis stabil');
const KELUARGA = c('keluarga', 'Keluarga atau lingkungan menerima dan mendukung');

const ANAK: Group = [
  c('pengasuhan', 'Anak diasuh keluarga, wali, orang tua asuh atau LKS yang layak'),
  c('akta_kelahiran', 'Anak memiliki akta kelahiran'),
  c('pendidikan', 'Anak terdaftar dan aktif di sekolah atau pendidikan kesetaraan'),
  KEBUTUHAN_DASAR,
];

/**
 * Disaster victims (21 alam, 22 sosial): besides shelter and psychosocial recovery, the documents
 * lost in the disaster restored (UU 24/2013 Pasal 13; the form's `dokumenHilang`) and the family
 * reunited or its tracing closed (UU 35/2014 Pasal 59–60, anak korban bencana; the form's
 * `kehilanganKeluarga`). Both read "or none was lost", so a family that lost nothing is not held up.
 */
const BENCANA: Group = [
  KEBUTUHAN_DASAR,
  PSIKOSOSIAL,
  c('hunian', 'Kembali ke rumah atau hunian sementara yang layak'),
  c('dokumen_pulih', 'Dokumen kependudukan yang hilang sudah diterbitkan kembali (atau tidak ada yang hilang)'),
  c('reunifikasi', 'Anggota keluarga yang terpisah sudah dipertemukan kembali atau penelusurannya ditutup (atau tidak ada yang terpisah)'),
];

const CRITERIA: Record<string, Group> = {
  '01': ANAK,
  '02': ANAK,
  '04': ANAK,
  '07': ANAK,
  '03': [
    c('proses_hukum', 'Proses hukum (diversi atau putusan) didampingi sampai selesai'),
    c('reintegrasi', 'Anak kembali ke keluarga atau pengasuhan pengganti'),
    c('pendidikan', 'Anak melanjutkan pendidikan atau pelatihan'),
  ],
  '05': [
    c('alat_bantu', 'Alat bantu dan aksesibilitas yang dibutuhkan tersedia'),
    c('rehabilitasi', 'Layanan terapi atau rehabilitasi diterima'),
    KELUARGA,
  ],
  '09': [
    c('alat_bantu', 'Alat bantu dan aksesibilitas yang dibutuhkan tersedia'),
    c('rehabilitasi', 'Layanan terapi atau rehabilitasi diterima'),
    c('jaminan_sosial', 'Terdaftar dalam jaminan sosial atau bantuan sosial'),
  ],
  '06': [
    c('aman', 'Anak aman dari pelaku'),
    PSIKOSOSIAL,
    c('layanan_hukum_kesehatan', 'Layanan hukum dan kesehatan yang dibutuhkan diterima'),
    c('pengasuhan', 'Anak dalam pengasuhan yang aman'),
  ],
  '08': [KEBUTUHAN_DASAR, c('pengasuhan', 'Dirawat keluarga atau LKS lanjut usia'), c('jaminan_kesehatan', 'Memiliki jaminan kesehatan')],
  '10': [c('berhenti', 'Berhenti dari kegiatan prostitusi'), PENGHASILAN, KELUARGA],
  '11': [c('tempat_tinggal', 'Memiliki tempat tinggal tetap'), PENGHASILAN, IDENTITAS],
  '12': [c('tempat_tinggal', 'Memiliki tempat tinggal tetap'), PENGHASILAN, IDENTITAS],
  '13': [c('tempat_tinggal', 'Tinggal di hunian yang layak'), PENGHASILAN, IDENTITAS],
  '14': [c('akses_layanan', 'Mengakses layanan publik tanpa diskriminasi'), IDENTITAS, KELUARGA],
  '15': [c('penerimaan', 'Diterima kembali oleh keluarga dan masyarakat'), PENGHASILAN, IDENTITAS],
  '16': [
    c('arv', 'Menjalani terapi ARV secara rutin'),
    c('dukungan_sebaya', 'Tergabung dalam dukungan sebaya atau keluarga'),
    KEBUTUHAN_DASAR,
  ],
  // A client on methadone maintenance (PTRM, Permenkes 57/2013) tests positive for an opioid by
  // design: abstinence means no use outside the prescribed therapy, not a negative test.
  '17': [
    c('rehabilitasi_tuntas', 'Program rehabilitasi NAPZA selesai'),
    c('pulih', 'Tidak menggunakan NAPZA di luar terapi yang diresepkan (tes negatif, atau patuh pada terapi rumatan metadon/PTRM)'),
    c('keberfungsian', 'Kembali berfungsi sosial: sekolah, bekerja atau usaha'),
  ],
  '18': [
    c('aman_dipulangkan', 'Aman dan sudah dipulangkan ke daerah asal'),
    PSIKOSOSIAL,
    c('proses_hukum', 'Hak hukum (laporan, restitusi) didampingi'),
    KELUARGA,
  ],
  '19': [c('aman', 'Aman dari pelaku'), PSIKOSOSIAL, c('layanan_hukum_kesehatan', 'Layanan hukum dan kesehatan yang dibutuhkan diterima')],
  '20': [c('dipulangkan', 'Dipulangkan ke daerah asal'), KELUARGA, PENGHASILAN],
  '21': BENCANA,
  '22': BENCANA,
  '23': [PENGHASILAN, c('jaminan_sosial', 'Terdaftar dalam jaminan sosial atau bantuan sosial'), KEBUTUHAN_DASAR],
  '24': [c('jaminan_sosial', 'Terdaftar sebagai penerima bantuan sosial (PKH/BPNT/PBI)'), PENGHASILAN, KEBUTUHAN_DASAR],
  '25': [c('relasi_pulih', 'Relasi keluarga pulih, konflik teratasi'), c('konseling', 'Konseling keluarga selesai')],
  '26': [
    c('layanan_dasar', 'Mengakses layanan dasar (kesehatan, pendidikan, air bersih)'),
    IDENTITAS,
    c('pemberdayaan', 'Mengikuti program pemberdayaan'),
  ],
};

export function outcomeCriteria(ppks: string): readonly OutcomeCriterion[] {
  return CRITERIA[ppks] ?? [KEBUTUHAN_DASAR, PSIKOSOSIAL];
}

export interface OutcomeCheck {
  kriteria: string;
  terpenuhi: boolean;
  bukti: string | null;
}

/** Criteria not yet met with evidence; empty means the koordinator may verify. */
export function unmetCriteria(ppks: string, checks: readonly OutcomeCheck[]): string[] {
  const byCode = new Map(checks.map((x) => [x.kriteria, x]));
  return outcomeCriteria(ppks)
    .filter((k) => {
      const check = byCode.get(k.kode);
      return !check || !check.terpenuhi || !check.bukti?.trim();
    })
    .map((k) => k.kode);
}
