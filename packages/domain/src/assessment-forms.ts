import { ATENSI_LAYANAN } from './atensi.js';

/**
 * Assessment forms as versioned data: a common core every case answers, plus a section specific to
 * the category, written from social-work practice (Permensos 7/2022 ATENSI; SNI 8807:2022 for NAPZA;
 * UU SPPA for ABH). Each form is published as a JSON Schema (what the server validates) and a layout
 * (what a screen draws), both derived from one field list so they cannot disagree. A stored
 * assessment names the form code and version it was filled against; a new version never rewrites
 * old answers.
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
    f('sumberInformasi', { label: 'Sumber informasi', widget: 'select', required: true, options: opts('datang_sendiri', 'laporan_masyarakat', 'rujukan_lembaga', 'penjangkauan', 'lainnya') }),
    f('kondisiFisik', { label: 'Kondisi fisik dan kesehatan', widget: 'textarea', required: true }),
    f('kondisiPsikologis', { label: 'Kondisi psikologis dan emosi', widget: 'textarea', required: true }),
    f('kondisiSosial', { label: 'Relasi keluarga dan lingkungan', widget: 'textarea', required: true }),
    f('kondisiEkonomi', { label: 'Kondisi ekonomi', widget: 'textarea' }),
    f('kondisiSpiritual', { label: 'Kondisi mental spiritual', widget: 'textarea' }),
    f('kebutuhanUtama', { label: 'Kebutuhan layanan (ATENSI)', widget: 'multiselect', required: true, options: ATENSI_LAYANAN.map((l) => [l.kode, l.nama] as const) }),
    f('kekuatan', { label: 'Kekuatan dan potensi klien', widget: 'textarea', help: 'Apa yang sudah berjalan baik, keterampilan, harapan' }),
    f('sumberDukungan', { label: 'Sumber dukungan keluarga dan masyarakat', widget: 'textarea' }),
    f('tingkatRisiko', { label: 'Tingkat risiko', widget: 'select', required: true, options: [['rendah', 'Rendah'], ['sedang', 'Sedang'], ['tinggi', 'Tinggi']] }),
    f('alasanRisiko', { label: 'Alasan penilaian risiko', widget: 'textarea' }),
  ],
};

function section(kode: string, judul: string, fields: FormField[]): FormSection {
  return { kode, judul, fields };
}

const SPECIFIC: Record<string, FormSection> = {
  anak: section('anak', 'Anak terlantar', [
    f('pengasuhSaatIni', { label: 'Pengasuh saat ini', widget: 'select', required: true, options: opts('orang_tua', 'kerabat', 'orang_tua_asuh', 'lks', 'tidak_ada') }),
    f('statusSekolah', { label: 'Status pendidikan', widget: 'select', required: true, options: opts('sekolah', 'putus_sekolah', 'belum_sekolah') }),
    bool('aktaKelahiran', 'Memiliki akta kelahiran'),
    bool('tandaKekerasan', 'Ada tanda kekerasan atau penelantaran', true),
    f('riwayatPenelantaran', { label: 'Riwayat penelantaran', widget: 'textarea' }),
  ]),
  abh: section('abh', 'Anak berhadapan dengan hukum', [
    f('peran', { label: 'Posisi anak', widget: 'select', required: true, options: opts('pelaku', 'korban', 'saksi') }),
    f('tahapHukum', { label: 'Tahap proses hukum', widget: 'select', required: true, options: opts('penyelidikan', 'penyidikan', 'penuntutan', 'persidangan', 'putusan', 'diversi') }),
    bool('pendampinganHukum', 'Didampingi penasihat hukum'),
    bool('litmasBapas', 'Litmas Bapas sudah dibuat'),
    f('tanggalSidang', { label: 'Tanggal sidang berikutnya', widget: 'date' }),
  ]),
  kekerasan: section('kekerasan', 'Korban tindak kekerasan', [
    f('jenisKekerasan', { label: 'Jenis kekerasan', widget: 'multiselect', required: true, options: opts('fisik', 'psikis', 'seksual', 'penelantaran', 'ekonomi') }),
    f('hubunganPelaku', { label: 'Hubungan dengan pelaku', widget: 'select', required: true, options: opts('keluarga', 'pasangan', 'kenalan', 'orang_asing', 'lainnya') }),
    bool('amanDariPelaku', 'Saat ini aman dari pelaku', true),
    bool('dilaporkan', 'Sudah dilaporkan ke polisi'),
    bool('visum', 'Visum sudah dilakukan'),
  ]),
  trafficking: section('trafficking', 'Korban perdagangan orang', [
    f('modus', { label: 'Bentuk eksploitasi', widget: 'select', required: true, options: opts('kerja_paksa', 'eksploitasi_seksual', 'pernikahan_paksa', 'pengambilan_organ', 'lainnya') }),
    f('tujuan', { label: 'Negara atau daerah tujuan', widget: 'text' }),
    bool('dokumenDitahan', 'Dokumen identitas ditahan'),
    bool('jeratanUtang', 'Terjerat utang'),
    bool('laporanPolisi', 'Sudah ada laporan polisi'),
  ]),
  napza: section('napza', 'Korban penyalahgunaan NAPZA', [
    f('zatUtama', { label: 'Zat utama', widget: 'select', required: true, options: opts('opioid', 'metamfetamin', 'ganja', 'alkohol', 'inhalan', 'lainnya') }),
    f('lamaPenggunaanTahun', { label: 'Lama penggunaan (tahun)', widget: 'number', min: 0, max: 80 }),
    f('caraPakai', { label: 'Cara pakai', widget: 'select', options: opts('oral', 'hisap', 'suntik', 'lainnya') }),
    f('skriningAssist', { label: 'Hasil skrining ASSIST', widget: 'select', required: true, options: [['rendah', 'Risiko rendah'], ['sedang', 'Risiko sedang'], ['tinggi', 'Risiko tinggi']] }),
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
    f('kemandirianAdl', { label: 'Kemandirian aktivitas sehari-hari', widget: 'select', required: true, options: opts('mandiri', 'sebagian_dibantu', 'bergantung_penuh') }),
    f('tinggalDengan', { label: 'Tinggal dengan', widget: 'select', required: true, options: opts('sendiri', 'keluarga', 'lks', 'lainnya') }),
    f('penyakitKronis', { label: 'Penyakit kronis', widget: 'textarea' }),
    bool('jaminanKesehatan', 'Memiliki jaminan kesehatan'),
    bool('penghasilanTetap', 'Memiliki penghasilan tetap'),
  ]),
  bencana: section('bencana', 'Korban bencana', [
    f('jenisBencana', { label: 'Jenis bencana', widget: 'select', required: true, options: opts('gempa', 'banjir', 'tanah_longsor', 'erupsi', 'tsunami', 'kebakaran', 'kekeringan', 'konflik_sosial', 'lainnya') }),
    f('kondisiRumah', { label: 'Kondisi tempat tinggal', widget: 'select', required: true, options: opts('utuh', 'rusak_ringan', 'rusak_berat', 'hilang') }),
    f('lokasiSaatIni', { label: 'Tinggal saat ini di', widget: 'select', required: true, options: opts('rumah', 'pengungsian', 'keluarga', 'hunian_sementara') }),
    bool('kehilanganKeluarga', 'Kehilangan anggota keluarga'),
    f('dokumenHilang', { label: 'Dokumen yang hilang', widget: 'multiselect', options: opts('ktp', 'kk', 'akta', 'ijazah', 'sertifikat') }),
  ]),
  disabilitas: section('disabilitas', 'Penyandang disabilitas', [
    f('ragam', { label: 'Ragam disabilitas', widget: 'multiselect', required: true, options: opts('fisik', 'intelektual', 'mental', 'sensorik_netra', 'sensorik_rungu_wicara') }),
    f('alatBantuDimiliki', { label: 'Alat bantu yang dimiliki', widget: 'text' }),
    f('alatBantuDibutuhkan', { label: 'Alat bantu yang dibutuhkan', widget: 'text' }),
    bool('kartuDisabilitas', 'Memiliki kartu penyandang disabilitas'),
  ]),
};

/** Which specific section a PPKS category's assessment carries (none: the core alone). */
const SECTION_OF_PPKS: Record<string, keyof typeof SPECIFIC> = {
  '01': 'anak', '02': 'anak', '04': 'anak', '07': 'anak',
  '03': 'abh',
  '06': 'kekerasan', '19': 'kekerasan',
  '18': 'trafficking', '20': 'trafficking',
  '17': 'napza',
  '16': 'odha',
  '08': 'lansia',
  '21': 'bencana', '22': 'bencana',
  '05': 'disabilitas', '09': 'disabilitas',
};

export const ASSESSMENT_FORM_VERSION = 1;

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
      return { type: 'number', ...(field.min !== undefined ? { minimum: field.min } : {}), ...(field.max !== undefined ? { maximum: field.max } : {}) };
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

/** The assessment form a case of this category is assessed with. */
export function assessmentForm(ppks: string): AssessmentForm {
  const specific = SECTION_OF_PPKS[ppks];
  const layout = specific ? [CORE, SPECIFIC[specific]!] : [CORE];
  return {
    kode: specific ? `asesmen-${specific}` : 'asesmen-umum',
    versi: ASSESSMENT_FORM_VERSION,
    judul: specific ? `Asesmen ${SPECIFIC[specific]!.judul.toLowerCase()}` : 'Asesmen umum',
    schema: schemaOf(layout),
    layout,
  };
}

/** Categories with a specific assessment section (the issue asks for at least eight). */
export const SPECIFIC_ASSESSMENT_SECTIONS = Object.keys(SPECIFIC);
