import { parseJenisKelamin, parseKategoriPpks, parseTanggal, type JenisKelamin } from './beneficiary-fields.js';
import { cleanNik, nikMatchesBirthDate, nikProblem, parseNik } from './nik.js';
import { parseAlasanTanpaNik, parsePerkiraanUmur, perkiraanTanggalLahir, type AlasanTanpaNik } from './people-without-documents.js';

/**
 * The contract's row rules for a beneficiary import (CONTRACT.md, "Beneficiary import"), pure so
 * the browser can pre-check a file before upload. File-level rules (a NIK repeated in the file,
 * a NIK already registered) belong to the importer, which sees more than one row.
 */
export const IMPORT_COLUMNS = [
  'nik',
  'no_kk',
  'nama',
  'jenis_kelamin',
  'tempat_lahir',
  'tanggal_lahir',
  'alamat',
  'kode_desa',
  'kategori_ppks',
  'telepon',
  // Optional: a person without NIK, registered only when the file says why (people-without-documents.ts).
  'alasan_tanpa_nik',
  'perkiraan_umur',
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export type ImportRowError =
  | 'REQUIRED_MISSING'
  | 'NIK_MANGLED'
  | 'NIK_FORMAT'
  | 'DATE_INVALID'
  | 'NIK_REGION_UNKNOWN'
  | 'NIK_DOB_MISMATCH'
  | 'NIK_SEX_MISMATCH'
  | 'WILAYAH_UNKNOWN'
  | 'PMKS_UNKNOWN'
  | 'JENIS_KELAMIN_INVALID'
  | 'NO_KK_FORMAT'
  | 'FIELD_TOO_LONG'
  | 'NIK_DUPLICATE_IN_FILE'
  | 'WILAYAH_OUTSIDE_SCOPE'
  | 'ROW_NOT_PERMITTED'
  | 'ALASAN_TANPA_NIK_UNKNOWN'
  | 'PERKIRAAN_UMUR_INVALID';

export type ImportRowWarning = 'NIK_EXISTS' | 'NIK_REGENCY_UNKNOWN' | 'TANPA_NIK_EXISTS';

/** What each row code means, in the words an operator fixing the sheet needs (id) or English. */
export const IMPORT_ROW_MESSAGES: Record<ImportRowError | ImportRowWarning, { id: string; en: string }> = {
  REQUIRED_MISSING: {
    id: 'Kolom wajib kosong (nik — atau alasan_tanpa_nik —, nama, jenis_kelamin, tanggal_lahir — atau perkiraan_umur bila tanpa NIK —, kode_desa)',
    en: 'A required column is empty (nik — or alasan_tanpa_nik —, nama, jenis_kelamin, tanggal_lahir — or perkiraan_umur without NIK —, kode_desa)',
  },
  NIK_MANGLED: {
    id: 'NIK rusak oleh Excel (format ilmiah seperti 3.57E+15); ketik ulang sebagai teks',
    en: 'NIK mangled into scientific notation by a spreadsheet',
  },
  NIK_FORMAT: { id: 'NIK harus 16 angka dan nomor urut bukan 0000', en: 'NIK must be 16 digits with a serial other than 0000' },
  DATE_INVALID: {
    id: 'Tanggal lahir bukan tanggal yang sah (YYYY-MM-DD, DD/MM/YYYY atau DD-MM-YYYY)',
    en: 'Birth date is not a real date',
  },
  NIK_REGION_UNKNOWN: { id: 'Dua angka pertama NIK bukan kode provinsi', en: 'The first two NIK digits are no province code' },
  NIK_DOB_MISMATCH: {
    id: 'Tanggal lahir di NIK tidak sama dengan kolom tanggal_lahir',
    en: 'Birth date digits of the NIK differ from tanggal_lahir',
  },
  NIK_SEX_MISMATCH: {
    id: 'Jenis kelamin tidak cocok dengan NIK (tanggal +40 untuk perempuan)',
    en: 'Sex does not match the NIK (day + 40 for women)',
  },
  WILAYAH_UNKNOWN: { id: 'kode_desa bukan kode desa/kelurahan yang terdaftar', en: 'kode_desa is no village code' },
  PMKS_UNKNOWN: { id: 'kategori_ppks bukan salah satu dari 26 kategori PPKS', en: 'kategori_ppks is none of the 26 categories' },
  JENIS_KELAMIN_INVALID: { id: 'jenis_kelamin harus L/P atau Laki-laki/Perempuan', en: 'jenis_kelamin must be L/P or Laki-laki/Perempuan' },
  NO_KK_FORMAT: { id: 'No. KK harus 16 angka', en: 'No. KK must be 16 digits' },
  FIELD_TOO_LONG: { id: 'Isi kolom terlalu panjang (lebih dari 500 karakter)', en: 'A field is longer than 500 characters' },
  NIK_DUPLICATE_IN_FILE: {
    id: 'NIK sudah muncul di baris sebelumnya dalam berkas ini',
    en: 'The NIK appeared on an earlier line of this file',
  },
  WILAYAH_OUTSIDE_SCOPE: { id: 'Orang ini berada di luar wilayah tugas Anda', en: 'This person is outside your area' },
  ROW_NOT_PERMITTED: {
    id: 'Baris ini tidak dapat disimpan dengan akun Anda; minta admin atau koordinator wilayah memeriksanya',
    en: 'This row cannot be saved with your account; ask an administrator or the area coordinator to check it',
  },
  ALASAN_TANPA_NIK_UNKNOWN: {
    id: 'alasan_tanpa_nik bukan salah satu alasan yang dikenal (mis. tidak_punya_dokumen, dokumen_ditahan, dokumen_hilang_bencana, bayi_belum_tercatat, komunitas_adat)',
    en: 'alasan_tanpa_nik is none of the known reasons (e.g. tidak_punya_dokumen, dokumen_ditahan, dokumen_hilang_bencana, bayi_belum_tercatat, komunitas_adat)',
  },
  PERKIRAAN_UMUR_INVALID: {
    id: 'perkiraan_umur harus bilangan bulat tahun, 0 sampai 120',
    en: 'perkiraan_umur must be whole years, 0 to 120',
  },
  NIK_EXISTS: { id: 'NIK sudah terdaftar; baris ini memperbarui datanya', en: 'NIK already registered; this row updates the record' },
  TANPA_NIK_EXISTS: {
    id: 'Orang tanpa NIK dengan nama, jenis kelamin, umur dan desa yang sama sudah terdaftar; baris ini tidak menambah orang baru',
    en: 'A person without NIK with the same name, sex, age and village is already registered; this row adds no one',
  },
  NIK_REGENCY_UNKNOWN: {
    id: 'Kode kabupaten/kota di NIK sudah tidak berlaku (NIK tetap sah)',
    en: 'The regency code in the NIK no longer exists (the NIK stays valid)',
  },
};

/** A cell as read from the file: text, or a Date from a spreadsheet's date cell. */
export type RawRow = Partial<Record<ImportColumn, string | Date>>;

export interface BeneficiaryInput {
  /** Null for a person without NIK, who then has `alasanTanpaNik`. */
  nik: string | null;
  alasanTanpaNik: AlasanTanpaNik | null;
  noKk: string | null;
  nama: string;
  jenisKelamin: JenisKelamin;
  tempatLahir: string | null;
  tanggalLahir: string;
  /** The birth date was computed from an estimated age (only without NIK). */
  tanggalLahirPerkiraan: boolean;
  alamat: string | null;
  kodeDesa: string;
  kategoriPpks: string | null;
  telepon: string | null;
}

export interface AreaLookup {
  isVillage(code: string): boolean;
  isRegency(code: string): boolean;
}

export interface RowCheck {
  errors: ImportRowError[];
  warnings: ImportRowWarning[];
  /** Present only when there are no errors. */
  value?: BeneficiaryInput;
}

/** Longest text a field may hold; a 10 MB cell is a broken file, not a name. */
export const MAX_FIELD_LENGTH = 500;

const REQUIRED: readonly ImportColumn[] = ['nama', 'jenis_kelamin', 'kode_desa'];

const text = (v: string | Date | undefined): string => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '').trim());
const optional = (v: string | Date | undefined): string | null => text(v) || null;

export function checkImportRow(raw: RawRow, areas: AreaLookup, today: Date = new Date()): RowCheck {
  const errors: ImportRowError[] = [];
  const warnings: ImportRowWarning[] = [];
  const add = (code: ImportRowError) => {
    if (!errors.includes(code)) errors.push(code);
  };

  if (IMPORT_COLUMNS.some((c) => text(raw[c]).length > MAX_FIELD_LENGTH)) add('FIELD_TOO_LONG');
  const nikRaw = text(raw.nik);
  // Without NIK only when the row says why; the birth date may then be an estimated age. With a
  // NIK, both reason and age are beside the point and the NIK rules are as strict as ever.
  const alasanRaw = nikRaw === '' ? text(raw.alasan_tanpa_nik) : '';
  const umurRaw = nikRaw === '' ? text(raw.perkiraan_umur) : '';
  const tanggalMissing = text(raw.tanggal_lahir) === '' && umurRaw === '';
  if (REQUIRED.some((c) => text(raw[c]) === '') || (nikRaw === '' && alasanRaw === '') || tanggalMissing) add('REQUIRED_MISSING');

  const nikIssue = nikRaw === '' ? null : nikProblem(nikRaw);
  if (nikIssue) add(nikIssue);
  const alasan = alasanRaw === '' ? undefined : parseAlasanTanpaNik(alasanRaw);
  if (alasanRaw !== '' && alasan === undefined) add('ALASAN_TANPA_NIK_UNKNOWN');
  const umur = umurRaw === '' ? undefined : parsePerkiraanUmur(umurRaw);
  if (umurRaw !== '' && umur === undefined) add('PERKIRAAN_UMUR_INVALID');

  const tanggalRaw = raw.tanggal_lahir;
  const tanggal = tanggalRaw instanceof Date || text(tanggalRaw) !== '' ? parseTanggal(tanggalRaw ?? '', today) : undefined;
  if (text(tanggalRaw) !== '' && tanggal === undefined) add('DATE_INVALID');

  const sexRaw = text(raw.jenis_kelamin);
  const sex = sexRaw === '' ? undefined : parseJenisKelamin(sexRaw);
  if (sexRaw !== '' && sex === undefined) add('JENIS_KELAMIN_INVALID');

  const parsed = nikRaw === '' || nikIssue ? undefined : parseNik(nikRaw);
  if (parsed && tanggal && !nikMatchesBirthDate(parsed, tanggal)) add('NIK_DOB_MISMATCH');
  if (parsed && sex && parsed.jenisKelamin !== sex) add('NIK_SEX_MISMATCH');
  if (parsed && !areas.isRegency(parsed.kabupaten)) warnings.push('NIK_REGENCY_UNKNOWN');

  const kodeDesa = text(raw.kode_desa);
  if (kodeDesa !== '' && !areas.isVillage(kodeDesa)) add('WILAYAH_UNKNOWN');

  const kategoriRaw = text(raw.kategori_ppks);
  const kategori = kategoriRaw === '' ? null : parseKategoriPpks(kategoriRaw);
  if (kategori === undefined) add('PMKS_UNKNOWN');

  const noKk = optional(raw.no_kk);
  const noKkClean = noKk === null ? null : cleanNik(noKk);
  if (noKkClean !== null && !/^[0-9]{16}$/.test(noKkClean)) add('NO_KK_FORMAT');

  const perkiraan = tanggal === undefined && umur !== undefined ? perkiraanTanggalLahir(umur, today) : undefined;
  const identified = parsed !== undefined || alasan !== undefined;
  const born = tanggal ?? perkiraan;
  if (errors.length > 0 || !identified || !born || !sex) return { errors, warnings };
  return {
    errors,
    warnings,
    value: {
      nik: parsed?.nik ?? null,
      alasanTanpaNik: parsed ? null : alasan!,
      noKk: noKkClean,
      nama: text(raw.nama).replace(/\s+/g, ' '),
      jenisKelamin: sex,
      tempatLahir: optional(raw.tempat_lahir),
      tanggalLahir: born,
      tanggalLahirPerkiraan: tanggal === undefined,
      alamat: optional(raw.alamat),
      kodeDesa,
      kategoriPpks: kategori ?? null,
      telepon: optional(raw.telepon),
    },
  };
}
