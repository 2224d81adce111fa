import { parseJenisKelamin, parseKategoriPpks, parseTanggal, type JenisKelamin } from './beneficiary-fields.js';
import { cleanNik, nikMatchesBirthDate, nikProblem, parseNik } from './nik.js';

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
  | 'WILAYAH_OUTSIDE_SCOPE';

export type ImportRowWarning = 'NIK_EXISTS' | 'NIK_REGENCY_UNKNOWN';

/** A cell as read from the file: text, or a Date from a spreadsheet's date cell. */
export type RawRow = Partial<Record<ImportColumn, string | Date>>;

export interface BeneficiaryInput {
  nik: string;
  noKk: string | null;
  nama: string;
  jenisKelamin: JenisKelamin;
  tempatLahir: string | null;
  tanggalLahir: string;
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

const REQUIRED: readonly ImportColumn[] = ['nik', 'nama', 'jenis_kelamin', 'tanggal_lahir', 'kode_desa'];

const text = (v: string | Date | undefined): string => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '').trim());
const optional = (v: string | Date | undefined): string | null => text(v) || null;

export function checkImportRow(raw: RawRow, areas: AreaLookup, today: Date = new Date()): RowCheck {
  const errors: ImportRowError[] = [];
  const warnings: ImportRowWarning[] = [];
  const add = (code: ImportRowError) => {
    if (!errors.includes(code)) errors.push(code);
  };

  if (IMPORT_COLUMNS.some((c) => text(raw[c]).length > MAX_FIELD_LENGTH)) add('FIELD_TOO_LONG');
  if (REQUIRED.some((c) => text(raw[c]) === '')) add('REQUIRED_MISSING');

  const nikRaw = text(raw.nik);
  const nikIssue = nikRaw === '' ? null : nikProblem(nikRaw);
  if (nikIssue) add(nikIssue);

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

  if (errors.length > 0 || !parsed || !tanggal || !sex) return { errors, warnings };
  return {
    errors,
    warnings,
    value: {
      nik: parsed.nik,
      noKk: noKkClean,
      nama: text(raw.nama).replace(/\s+/g, ' '),
      jenisKelamin: sex,
      tempatLahir: optional(raw.tempat_lahir),
      tanggalLahir: tanggal,
      alamat: optional(raw.alamat),
      kodeDesa,
      kategoriPpks: kategori ?? null,
      telepon: optional(raw.telepon),
    },
  };
}
