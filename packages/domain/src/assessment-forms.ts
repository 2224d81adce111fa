import { ATENSI_LAYANAN } from './atensi.js';

/**
 * Assessment forms as versioned data: a common core every case answers, plus a section specific to
 * the category, written from social-work practice and the rules of each group (Permensos 7/2021
 * ATENSI; SNI 8807:2022 for NAPZA; UU 11/2012 SPPA for ABH; the sources of each section are named
 * beside it). Each form is published as a JSON Schema (what the server validates) and a layout
 * (what a screen draws), both derived from one field list so they cannot disagree.
 *
 * A stored assessment names the form code and version it was filled against. A new version never
 * rewrites old answers: every published version stays here (`assessmentFormVersion`), so answers
 * given to an older form are read with that form's labels.
 */

export type FieldWidget = 'text' | 'textarea' | 'select' | 'multiselect' | 'boolean' | 'number' | 'date';

export interface FormField {
  name: string;
  label: string;
  widget: FieldWidget;
  /** Allowed values of a select or multiselect: [code, label]. */
  options?: readonly (readonly [string, string])[];
  required?: boolean;
  help?: string;
  min?: number;
  max?: number;
}

export interface FormSection {
  kode: string;
  judul: string;
  fields: readonly FormField[];
}

export interface AssessmentForm {
  kode: string;
  versi: number;
  judul: string;
  /** JSON Schema (draft-07) of the answers. */
  schema: Record<string, unknown>;
  layout: readonly FormSection[];
}

export const RISK_LEVELS = ['rendah', 'sedang', 'tinggi'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

const bool = (name: string, label: string, required = false): FormField => ({ name, label, widget: 'boolean', required });
const f = (name: string, field: Omit<FormField, 'name'>): FormField => ({ ...field, name });
const opts = (...codes: string[]): [string, string][] => codes.map((c) => [c, c.replace(/_/g, ' ').replace(/^./, (x) => x.toUpperCase())]);

const CORE: FormSection = {
  kode: 'inti',
  judul: 'Asesmen inti',
  fields: [
    f('sumberInformasi', {
      label: 'Sumber informasi',
      widget: 'select',
      required: true,
      options: opts('datang_sendiri', 'laporan_masyarakat', 'rujukan_lembaga', 'penjangkauan', 'lainnya'),
    }),
    f('kondisiFisik', { label: 'Kondisi fisik dan kesehatan', widget: 'textarea', required: true }),
    f('kondisiPsikologis', { label: 'Kondisi psikologis dan emosi', widget: 'textarea', required: true }),
    f('kondisiSosial', { label: 'Relasi keluarga dan lingkungan', widget: 'textarea', required: true }),
    f('kondisiEkonomi', { label: 'Kondisi ekonomi', widget: 'textarea' }),
    f('kondisiSpiritual', { label: 'Kondisi mental spiritual', widget: 'textarea' }),
    f('kebutuhanUtama', {
      label: 'Kebutuhan layanan (ATENSI)',
      widget: 'multiselect',
      required: true,
      options: ATENSI_LAYANAN.map((l) => [l.kode, l.nama] as const),
    }),
    f('kekuatan', { label: 'Kekuatan dan potensi klien', widget: 'textarea', help: 'Apa yang sudah berjalan baik, keterampilan, harapan' }),
    f('sumberDukungan', { label: 'Sumber dukungan keluarga dan masyarakat', widget: 'textarea' }),
    f('tingkatRisiko', {
      label: 'Tingkat risiko',
      widget: 'select',
      required: true,
      options: [
        ['rendah', 'Rendah'],
        ['sedang', 'Sedang'],
        ['tinggi', 'Tinggi'],
      ],
    }),
    f('alasanRisiko', { label: 'Alasan penilaian risiko', widget: 'textarea' }),
  ],
};

function section(kode: string, judul: string, fields: FormField[]): FormSection {
  return { kode, judul, fields };
}

/**
 * Version 1 (the first release), kept unchanged — its wording too ("terlantar", "pelaku") — to
 * validate nothing new but read the answers given to it with the labels they were given under.
 */
const SPECIFIC_V1: Record<string, FormSection> = {
  anak: section('anak', 'Anak terlantar', [
    f('pengasuhSaatIni', {
      label: 'Pengasuh saat ini',
      widget: 'select',
      required: true,
      options: opts('orang_tua', 'kerabat', 'orang_tua_asuh', 'lks', 'tidak_ada'),
    }),
    f('statusSekolah', {
      label: 'Status pendidikan',
      widget: 'select',
      required: true,
      options: opts('sekolah', 'putus_sekolah', 'belum_sekolah'),
    }),
    bool('aktaKelahiran', 'Memiliki akta kelahiran'),
    bool('tandaKekerasan', 'Ada tanda kekerasan atau penelantaran', true),
    f('riwayatPenelantaran', { label: 'Riwayat penelantaran', widget: 'textarea' }),
  ]),
  abh: section('abh', 'Anak berhadapan dengan hukum', [
    f('peran', { label: 'Posisi anak', widget: 'select', required: true, options: opts('pelaku', 'korban', 'saksi') }),
    f('tahapHukum', {
      label: 'Tahap proses hukum',
      widget: 'select',
      required: true,
      options: opts('penyelidikan', 'penyidikan', 'penuntutan', 'persidangan', 'putusan', 'diversi'),
    }),
    bool('pendampinganHukum', 'Didampingi penasihat hukum'),
    bool('litmasBapas', 'Litmas Bapas sudah dibuat'),
    f('tanggalSidang', { label: 'Tanggal sidang berikutnya', widget: 'date' }),
  ]),
  kekerasan: section('kekerasan', 'Korban tindak kekerasan', [
    f('jenisKekerasan', {
      label: 'Jenis kekerasan',
      widget: 'multiselect',
      required: true,
      options: opts('fisik', 'psikis', 'seksual', 'penelantaran', 'ekonomi'),
    }),
    f('hubunganPelaku', {
      label: 'Hubungan dengan pelaku',
      widget: 'select',
      required: true,
      options: opts('keluarga', 'pasangan', 'kenalan', 'orang_asing', 'lainnya'),
    }),
    bool('amanDariPelaku', 'Saat ini aman dari pelaku', true),
    bool('dilaporkan', 'Sudah dilaporkan ke polisi'),
    bool('visum', 'Visum sudah dilakukan'),
  ]),
  trafficking: section('trafficking', 'Korban perdagangan orang', [
    f('modus', {
      label: 'Bentuk eksploitasi',
      widget: 'select',
      required: true,
      options: opts('kerja_paksa', 'eksploitasi_seksual', 'pernikahan_paksa', 'pengambilan_organ', 'lainnya'),
    }),
    f('tujuan', { label: 'Negara atau daerah tujuan', widget: 'text' }),
    bool('dokumenDitahan', 'Dokumen identitas ditahan'),
    bool('jeratanUtang', 'Terjerat utang'),
    bool('laporanPolisi', 'Sudah ada laporan polisi'),
  ]),
  napza: section('napza', 'Korban penyalahgunaan NAPZA', [
    f('zatUtama', {
      label: 'Zat utama',
      widget: 'select',
      required: true,
      options: opts('opioid', 'metamfetamin', 'ganja', 'alkohol', 'inhalan', 'lainnya'),
    }),
    f('lamaPenggunaanTahun', { label: 'Lama penggunaan (tahun)', widget: 'number', min: 0, max: 80 }),
    f('caraPakai', { label: 'Cara pakai', widget: 'select', options: opts('oral', 'hisap', 'suntik', 'lainnya') }),
    f('skriningAssist', {
      label: 'Hasil skrining ASSIST',
      widget: 'select',
      required: true,
      options: [
        ['rendah', 'Risiko rendah'],
        ['sedang', 'Risiko sedang'],
        ['tinggi', 'Risiko tinggi'],
      ],
    }),
    bool('rehabilitasiSebelumnya', 'Pernah menjalani rehabilitasi'),
  ]),
  odha: section('odha', 'Orang dengan HIV/AIDS', [
    f('statusArv', { label: 'Terapi ARV', widget: 'select', required: true, options: opts('rutin', 'putus', 'belum') }),
    f('fasilitasLayanan', { label: 'Fasilitas layanan kesehatan', widget: 'text' }),
    bool('kelompokSebaya', 'Tergabung kelompok dukungan sebaya'),
    bool('keluargaMengetahui', 'Keluarga mengetahui status'),
    f('stigma', { label: 'Stigma dan diskriminasi yang dialami', widget: 'textarea' }),
  ]),
  lansia: section('lansia', 'Lanjut usia terlantar', [
    f('kemandirianAdl', {
      label: 'Kemandirian aktivitas sehari-hari',
      widget: 'select',
      required: true,
      options: opts('mandiri', 'sebagian_dibantu', 'bergantung_penuh'),
    }),
    f('tinggalDengan', {
      label: 'Tinggal dengan',
      widget: 'select',
      required: true,
      options: opts('sendiri', 'keluarga', 'lks', 'lainnya'),
    }),
    f('penyakitKronis', { label: 'Penyakit kronis', widget: 'textarea' }),
    bool('jaminanKesehatan', 'Memiliki jaminan kesehatan'),
    bool('penghasilanTetap', 'Memiliki penghasilan tetap'),
  ]),
  bencana: section('bencana', 'Korban bencana', [
    f('jenisBencana', {
      label: 'Jenis bencana',
      widget: 'select',
      required: true,
      options: opts('gempa', 'banjir', 'tanah_longsor', 'erupsi', 'tsunami', 'kebakaran', 'kekeringan', 'konflik_sosial', 'lainnya'),
    }),
    f('kondisiRumah', {
      label: 'Kondisi tempat tinggal',
      widget: 'select',
      required: true,
      options: opts('utuh', 'rusak_ringan', 'rusak_berat', 'hilang'),
    }),
    f('lokasiSaatIni', {
      label: 'Tinggal saat ini di',
      widget: 'select',
      required: true,
      options: opts('rumah', 'pengungsian', 'keluarga', 'hunian_sementara'),
    }),
    bool('kehilanganKeluarga', 'Kehilangan anggota keluarga'),
    f('dokumenHilang', { label: 'Dokumen yang hilang', widget: 'multiselect', options: opts('ktp', 'kk', 'akta', 'ijazah', 'sertifikat') }),
  ]),
  disabilitas: section('disabilitas', 'Penyandang disabilitas', [
    f('ragam', {
      label: 'Ragam disabilitas',
      widget: 'multiselect',
      required: true,
      options: opts('fisik', 'intelektual', 'mental', 'sensorik_netra', 'sensorik_rungu_wicara'),
    }),
    f('alatBantuDimiliki', { label: 'Alat bantu yang dimiliki', widget: 'text' }),
    f('alatBantuDibutuhkan', { label: 'Alat bantu yang dibutuhkan', widget: 'text' }),
    bool('kartuDisabilitas', 'Memiliki kartu penyandang disabilitas'),
  ]),
};

/** Version 1: which section a category carried (none: the core alone). */
const SECTION_OF_PPKS_V1: Record<string, string> = {
  '01': 'anak',
  '02': 'anak',
  '04': 'anak',
  '07': 'anak',
  '03': 'abh',
  '06': 'kekerasan',
  '19': 'kekerasan',
  '18': 'trafficking',
  '20': 'trafficking',
  '17': 'napza',
  '16': 'odha',
  '08': 'lansia',
  '21': 'bencana',
  '22': 'bencana',
  '05': 'disabilitas',
  '09': 'disabilitas',
};

/**
 * Version 2 (issue 19): ABH speaks of the child in conflict with the law, not the "pelaku"; AMPK is
 * not a neglected child; PMBS is not trafficking; and the ten categories that had only the core
 * (10–15, 23–26) get a section of their own. Unchanged sections are carried over as they were.
 */
const SPECIFIC_V2: Record<string, FormSection> = {
  anak: section('anak', 'Anak telantar', SPECIFIC_V1.anak!.fields.slice()),
  // UU 11/2012 (SPPA) Pasal 1 angka 3–5: anak yang berkonflik dengan hukum, anak korban, anak saksi.
  abh: section('abh', 'Anak yang berhadapan dengan hukum', [
    f('peran', {
      label: 'Kedudukan anak dalam perkara',
      widget: 'select',
      required: true,
      options: [
        ['berkonflik_dengan_hukum', 'Anak yang berkonflik dengan hukum'],
        ['korban', 'Anak yang menjadi korban tindak pidana'],
        ['saksi', 'Anak yang menjadi saksi tindak pidana'],
      ],
      help: 'UU 11/2012 tentang Sistem Peradilan Pidana Anak, Pasal 1 angka 3–5',
    }),
    f('tahapHukum', {
      label: 'Tahap proses hukum',
      widget: 'select',
      required: true,
      options: opts('penyelidikan', 'penyidikan', 'penuntutan', 'persidangan', 'putusan', 'diversi'),
    }),
    bool('pendampinganHukum', 'Didampingi penasihat hukum'),
    bool('litmasBapas', 'Litmas Bapas sudah dibuat'),
    f('tanggalSidang', { label: 'Tanggal sidang berikutnya', widget: 'date' }),
  ]),
  // UU 35/2014 Pasal 59 ayat (2): the groups of children who need special protection.
  ampk: section('ampk', 'Anak yang memerlukan perlindungan khusus', [
    f('situasiPerlindungan', {
      label: 'Situasi yang memerlukan perlindungan khusus',
      widget: 'multiselect',
      required: true,
      help: 'UU 35/2014 Pasal 59 ayat (2)',
      options: [
        ['situasi_darurat', 'Anak dalam situasi darurat'],
        ['minoritas_terisolasi', 'Anak dari kelompok minoritas dan terisolasi'],
        ['eksploitasi_ekonomi_seksual', 'Anak yang dieksploitasi secara ekonomi dan/atau seksual'],
        ['korban_napza', 'Anak korban penyalahgunaan NAPZA'],
        ['korban_pornografi', 'Anak korban pornografi'],
        ['hiv_aids', 'Anak dengan HIV/AIDS'],
        ['korban_penculikan_perdagangan', 'Anak korban penculikan, penjualan, dan/atau perdagangan'],
        ['korban_kekerasan', 'Anak korban kekerasan fisik dan/atau psikis'],
        ['korban_kejahatan_seksual', 'Anak korban kejahatan seksual'],
        ['korban_terorisme', 'Anak korban jaringan terorisme'],
        ['perilaku_menyimpang', 'Anak dengan perilaku sosial menyimpang'],
        ['stigmatisasi', 'Anak korban stigmatisasi karena kondisi orang tuanya'],
      ],
    }),
    f('pengasuhSaatIni', {
      label: 'Pengasuh saat ini',
      widget: 'select',
      required: true,
      options: opts('orang_tua', 'kerabat', 'orang_tua_asuh', 'lks', 'tidak_ada'),
    }),
    bool('amanSaatIni', 'Saat ini berada di tempat yang aman', true),
    bool('tandaKekerasan', 'Ada tanda kekerasan atau penelantaran', true),
    f('layananLain', { label: 'Lembaga lain yang menangani (UPTD PPA, kepolisian, kesehatan)', widget: 'text' }),
  ]),
  kekerasan: SPECIFIC_V1.kekerasan!,
  // UU 21/2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang.
  kpo: section('kpo', 'Korban perdagangan orang', SPECIFIC_V1.trafficking!.fields.slice()),
  // UU 18/2017 tentang Pelindungan Pekerja Migran Indonesia: deportees, workers without documents.
  pmbs: section('pmbs', 'Pekerja migran bermasalah sosial', [
    f('masalahKepulangan', {
      label: 'Keadaan kepulangan',
      widget: 'select',
      required: true,
      options: [
        ['deportasi', 'Dideportasi'],
        ['tidak_berdokumen', 'Bekerja tanpa dokumen resmi (nonprosedural)'],
        ['overstay', 'Melebihi izin tinggal'],
        ['sakit_atau_cedera', 'Dipulangkan karena sakit atau cedera'],
        ['lari_dari_majikan', 'Lari dari majikan'],
        ['pemutusan_kerja', 'Diberhentikan atau kontrak tidak dibayar'],
        ['lainnya', 'Lainnya'],
      ],
    }),
    f('negaraPenempatan', { label: 'Negara penempatan', widget: 'text', required: true }),
    f('dokumenPerjalanan', {
      label: 'Paspor dan dokumen kerja',
      widget: 'select',
      required: true,
      options: opts('dipegang_sendiri', 'ditahan_majikan_atau_agen', 'hilang', 'tidak_pernah_ada'),
    }),
    bool('melaluiP3mi', 'Berangkat melalui perusahaan penempatan resmi (P3MI)'),
    bool('hakBelumDibayar', 'Ada gaji atau hak yang belum dibayar'),
    bool('indikasiPerdaganganOrang', 'Ada indikasi perdagangan orang (dirujuk sebagai KPO)', true),
    f('daerahAsal', { label: 'Daerah asal dan keluarga yang dapat dihubungi', widget: 'textarea' }),
  ]),
  napza: SPECIFIC_V1.napza!,
  odha: SPECIFIC_V1.odha!,
  lansia: section('lansia', 'Lanjut usia telantar', SPECIFIC_V1.lansia!.fields.slice()),
  bencana: SPECIFIC_V1.bencana!,
  disabilitas: SPECIFIC_V1.disabilitas!,
  // Tuna susila: the person's entry and exit, and whether they were trafficked (UU 21/2007).
  tunaSusila: section('tunaSusila', 'Tuna susila', [
    f('caraMasuk', {
      label: 'Bagaimana mulai terlibat',
      widget: 'select',
      required: true,
      options: opts('desakan_ekonomi', 'dijebak_atau_dipaksa', 'ajakan_teman', 'lainnya'),
    }),
    bool('indikasiPerdaganganOrang', 'Ada indikasi perdagangan orang (dirujuk sebagai KPO)', true),
    f('lamaTerlibat', {
      label: 'Lama terlibat',
      widget: 'select',
      options: opts('kurang_dari_1_tahun', '1_sampai_5_tahun', 'lebih_dari_5_tahun'),
    }),
    bool('pemeriksaanKesehatan', 'Sudah pemeriksaan kesehatan (IMS/HIV)'),
    bool('bersediaKeluar', 'Bersedia beralih pekerjaan'),
    f('keterampilanDiminati', { label: 'Keterampilan atau usaha yang diminati', widget: 'text' }),
  ]),
  // Gelandangan dan pengemis (PP 31/1980 tentang Penanggulangan Gelandangan dan Pengemis): origin, outreach, return home.
  gepeng: section('gepeng', 'Gelandangan dan pengemis', [
    f('daerahAsal', { label: 'Daerah asal', widget: 'text', required: true }),
    f('caraDitemukan', {
      label: 'Cara ditemukan',
      widget: 'select',
      required: true,
      options: [
        ['penjangkauan', 'Penjangkauan pekerja sosial'],
        ['razia', 'Razia/penertiban Satpol PP'],
        ['laporan_masyarakat', 'Laporan masyarakat'],
        ['datang_sendiri', 'Datang sendiri'],
      ],
    }),
    f('lamaDiJalanan', {
      label: 'Lama hidup di jalanan',
      widget: 'select',
      required: true,
      options: opts('kurang_dari_1_bulan', '1_sampai_12_bulan', 'lebih_dari_1_tahun'),
    }),
    f('tempatBermalam', {
      label: 'Tempat bermalam',
      widget: 'select',
      options: opts('emperan_toko', 'kolong_jembatan', 'terminal_atau_stasiun', 'rumah_singgah', 'kontrakan', 'lainnya'),
    }),
    bool('dieksploitasi', 'Dikoordinasi atau dieksploitasi orang lain', true),
    bool('keluargaDiketahui', 'Keluarga di daerah asal diketahui'),
    f('rencanaPemulangan', {
      label: 'Rencana pemulangan',
      widget: 'select',
      required: true,
      options: opts('pulang_ke_keluarga', 'pulang_ke_daerah_asal', 'tinggal_di_balai_atau_lks', 'belum_bersedia'),
    }),
  ]),
  pemulung: section('pemulung', 'Pemulung', [
    f('tempatMemulung', {
      label: 'Tempat memulung',
      widget: 'select',
      required: true,
      options: opts('tpa', 'jalanan_dan_permukiman', 'pasar', 'lainnya'),
    }),
    f('tempatTinggal', {
      label: 'Tempat tinggal',
      widget: 'select',
      required: true,
      options: opts('rumah_sendiri', 'lapak_pengepul', 'di_tpa', 'kontrakan', 'tidak_tetap'),
    }),
    bool('terikatPengepul', 'Terikat utang atau tempat tinggal pada pengepul'),
    bool('anakIkutMemulung', 'Ada anak yang ikut memulung', true),
    bool('alatPelindung', 'Memakai alat pelindung (sarung tangan, sepatu)'),
    f('penghasilanHarian', { label: 'Penghasilan sehari (Rp)', widget: 'number', min: 0, max: 10_000_000 }),
  ]),
  minoritas: section('minoritas', 'Kelompok minoritas', [
    f('bentukDiskriminasi', {
      label: 'Diskriminasi yang dialami',
      widget: 'multiselect',
      required: true,
      options: opts('layanan_publik', 'pekerjaan', 'pendidikan', 'administrasi_kependudukan', 'kekerasan_atau_persekusi', 'lainnya'),
    }),
    bool('dokumenKependudukan', 'Memiliki dokumen kependudukan'),
    bool('dukunganKomunitas', 'Mendapat dukungan komunitas atau pendamping'),
    bool('amanDiTempatTinggal', 'Aman di tempat tinggal saat ini', true),
    f('kebutuhanPerlindungan', { label: 'Kebutuhan perlindungan', widget: 'textarea' }),
  ]),
  // Bekas warga binaan: UU 22/2022 tentang Pemasyarakatan — pembimbingan by Bapas after release.
  bwblp: section('bwblp', 'Bekas warga binaan pemasyarakatan', [
    f('statusBebas', {
      label: 'Status keluar',
      widget: 'select',
      required: true,
      options: [
        ['bebas_murni', 'Bebas murni'],
        ['pembebasan_bersyarat', 'Pembebasan bersyarat'],
        ['cuti_bersyarat', 'Cuti bersyarat'],
        ['cuti_menjelang_bebas', 'Cuti menjelang bebas'],
      ],
    }),
    bool('bimbinganBapas', 'Masih dalam pembimbingan Bapas', true),
    f('bapas', { label: 'Bapas dan pembimbing kemasyarakatan', widget: 'text' }),
    f('tanggalBebas', { label: 'Tanggal keluar lapas/rutan', widget: 'date' }),
    f('penerimaanKeluarga', {
      label: 'Penerimaan keluarga',
      widget: 'select',
      required: true,
      options: opts('menerima', 'ragu_ragu', 'menolak', 'tidak_ada_keluarga'),
    }),
    f('penerimaanMasyarakat', { label: 'Penerimaan masyarakat', widget: 'select', options: opts('menerima', 'ada_stigma', 'menolak') }),
    bool('sudahBekerja', 'Sudah bekerja atau berusaha'),
  ]),
  prse: section('prse', 'Perempuan rawan sosial ekonomi', [
    f('statusPerkawinan', {
      label: 'Status perkawinan',
      widget: 'select',
      required: true,
      options: opts('belum_kawin', 'kawin', 'cerai_hidup', 'cerai_mati'),
    }),
    bool('kepalaKeluarga', 'Menjadi kepala keluarga', true),
    f('jumlahTanggungan', { label: 'Jumlah tanggungan', widget: 'number', min: 0, max: 30 }),
    f('penghasilanBulanan', { label: 'Penghasilan sebulan (Rp)', widget: 'number', min: 0, max: 100_000_000 }),
    f('keterampilan', { label: 'Keterampilan dan usaha yang dimiliki', widget: 'text' }),
    bool('aksesModal', 'Pernah mendapat modal atau pelatihan usaha'),
  ]),
  // Fakir miskin (UU 13/2011): the DTSEN decile (Inpres 4/2025) and the social assistance received.
  fm: section('fm', 'Fakir miskin', [
    bool('terdaftarDtsen', 'Terdaftar di DTSEN', true),
    f('desilDtsen', {
      label: 'Desil DTSEN',
      widget: 'number',
      min: 1,
      max: 10,
      help: 'Peringkat kesejahteraan 1 (terendah) sampai 10 pada Data Tunggal Sosial dan Ekonomi Nasional',
    }),
    f('bansosDiterima', {
      label: 'Bantuan sosial yang diterima',
      widget: 'multiselect',
      required: true,
      options: [
        ['pkh', 'PKH'],
        ['sembako', 'Sembako/BPNT'],
        ['pbi_jkn', 'PBI JKN'],
        ['pip', 'PIP'],
        ['blt', 'BLT'],
        ['atensi', 'ATENSI'],
        ['lainnya', 'Lainnya'],
        ['tidak_ada', 'Tidak ada'],
      ],
    }),
    f('jumlahAnggotaKeluarga', { label: 'Jumlah anggota keluarga', widget: 'number', min: 1, max: 30 }),
    f('penghasilanBulanan', { label: 'Penghasilan keluarga sebulan (Rp)', widget: 'number', min: 0, max: 100_000_000 }),
    f('kondisiRumah', { label: 'Kondisi rumah', widget: 'select', options: opts('layak', 'tidak_layak_huni', 'menumpang', 'tidak_punya') }),
  ]),
  // Keluarga bermasalah sosial psikologis; domestic violence as UU 23/2004 (PKDRT) Pasal 5 lists it.
  kbsp: section('kbsp', 'Keluarga bermasalah sosial psikologis', [
    f('masalahKeluarga', {
      label: 'Masalah dalam keluarga',
      widget: 'multiselect',
      required: true,
      options: opts(
        'konflik_pasangan',
        'kekerasan_dalam_rumah_tangga',
        'perceraian',
        'pengasuhan_anak',
        'kecanduan_anggota_keluarga',
        'ekonomi',
        'lainnya',
      ),
    }),
    f('jenisKekerasan', {
      label: 'Kekerasan dalam rumah tangga (UU 23/2004 Pasal 5)',
      widget: 'multiselect',
      options: opts('fisik', 'psikis', 'seksual', 'penelantaran_rumah_tangga'),
    }),
    bool('korbanAman', 'Korban saat ini aman', true),
    bool('anakTerdampak', 'Ada anak yang terdampak'),
    bool('dilaporkan', 'Sudah melapor (kepolisian, UPTD PPA)'),
    f('anggotaBersedia', { label: 'Anggota keluarga yang bersedia ikut konseling', widget: 'text' }),
  ]),
  // Komunitas adat terpencil: Perpres 186/2014 tentang Pemberdayaan Sosial terhadap KAT.
  kat: section('kat', 'Komunitas adat terpencil', [
    f('namaKomunitas', { label: 'Nama komunitas dan lokasi', widget: 'text', required: true }),
    f('jumlahKepalaKeluarga', { label: 'Jumlah kepala keluarga', widget: 'number', min: 1, max: 10_000 }),
    f('aksesLokasi', {
      label: 'Akses ke lokasi',
      widget: 'select',
      required: true,
      options: opts('jalan_darat', 'sungai_atau_laut', 'jalan_kaki', 'terisolasi'),
    }),
    f('layananTerjangkau', {
      label: 'Layanan dasar yang terjangkau',
      widget: 'multiselect',
      options: opts('sekolah', 'puskesmas', 'air_bersih', 'listrik', 'pencatatan_sipil', 'tidak_ada'),
    }),
    f('kepemilikanDokumen', {
      label: 'Warga yang memiliki NIK/KK',
      widget: 'select',
      required: true,
      options: opts('sebagian_besar', 'sebagian_kecil', 'hampir_tidak_ada'),
    }),
    bool('pemberdayaanSebelumnya', 'Pernah mendapat program pemberdayaan KAT'),
  ]),
};

/** Version 2: every category carries a section. */
const SECTION_OF_PPKS_V2: Record<string, string> = {
  '01': 'anak',
  '02': 'anak',
  '04': 'anak',
  '03': 'abh',
  '07': 'ampk',
  '06': 'kekerasan',
  '19': 'kekerasan',
  '18': 'kpo',
  '20': 'pmbs',
  '17': 'napza',
  '16': 'odha',
  '08': 'lansia',
  '21': 'bencana',
  '22': 'bencana',
  '05': 'disabilitas',
  '09': 'disabilitas',
  '10': 'tunaSusila',
  '11': 'gepeng',
  '12': 'gepeng',
  '13': 'pemulung',
  '14': 'minoritas',
  '15': 'bwblp',
  '23': 'prse',
  '24': 'fm',
  '25': 'kbsp',
  '26': 'kat',
};

/** Every published version: its sections and which section each category carried. */
const VERSIONS: Record<number, { sections: Record<string, FormSection>; ofPpks: Record<string, string> }> = {
  1: { sections: SPECIFIC_V1, ofPpks: SECTION_OF_PPKS_V1 },
  2: { sections: SPECIFIC_V2, ofPpks: SECTION_OF_PPKS_V2 },
};

/** The version new assessments are filled against. */
export const ASSESSMENT_FORM_VERSION = 2;

function fieldSchema(field: FormField): Record<string, unknown> {
  const values = field.options?.map(([code]) => code);
  switch (field.widget) {
    case 'text':
      return { type: 'string', maxLength: 500 };
    case 'textarea':
      return { type: 'string', maxLength: 5000 };
    case 'select':
      return { type: 'string', enum: values };
    case 'multiselect':
      return { type: 'array', items: { type: 'string', enum: values }, uniqueItems: true, ...(field.required ? { minItems: 1 } : {}) };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return {
        type: 'number',
        ...(field.min !== undefined ? { minimum: field.min } : {}),
        ...(field.max !== undefined ? { maximum: field.max } : {}),
      };
    case 'date':
      return { type: 'string', format: 'date' };
  }
}

function schemaOf(sections: readonly FormSection[]): Record<string, unknown> {
  const fields = sections.flatMap((s) => s.fields);
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(fields.map((fl) => [fl.name, fieldSchema(fl)])),
    required: fields.filter((fl) => fl.required).map((fl) => fl.name),
  };
}

function build(specific: FormSection | undefined, versi: number): AssessmentForm {
  const layout = specific ? [CORE, specific] : [CORE];
  return {
    kode: specific ? `asesmen-${specific.kode}` : 'asesmen-umum',
    versi,
    judul: specific ? `Asesmen ${specific.judul.toLowerCase()}` : 'Asesmen umum',
    schema: schemaOf(layout),
    layout,
  };
}

/** The assessment form a case of this category is assessed with now. */
export function assessmentForm(ppks: string): AssessmentForm {
  const { sections, ofPpks } = VERSIONS[ASSESSMENT_FORM_VERSION]!;
  const key = ofPpks[ppks];
  return build(key ? sections[key] : undefined, ASSESSMENT_FORM_VERSION);
}

/**
 * A form as it was published (code and version as a stored assessment names them), to read old
 * answers with their own labels; undefined for a code or version never published.
 */
export function assessmentFormVersion(kode: string, versi: number): AssessmentForm | undefined {
  const version = VERSIONS[versi];
  if (!version) return undefined;
  if (kode === 'asesmen-umum') return Object.values(version.ofPpks).length < 26 ? build(undefined, versi) : undefined;
  const specific = Object.values(version.sections).find((section) => `asesmen-${section.kode}` === kode);
  return specific ? build(specific, versi) : undefined;
}

/** Section codes of the current version (every category has one since version 2). */
export const SPECIFIC_ASSESSMENT_SECTIONS = Object.keys(VERSIONS[ASSESSMENT_FORM_VERSION]!.sections);
