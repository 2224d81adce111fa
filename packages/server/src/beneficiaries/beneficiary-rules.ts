import { checkImportRow, IMPORT_ROW_MESSAGES, type BeneficiaryInput, type ImportRowError, type Locale, type RawRow } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { areaLookup } from '../reference/area-lookup.js';

/** A beneficiary as the API takes it: the import's fields in camelCase, plus what only the form has. */
export interface BeneficiaryFields {
  /** Null or empty for a person without NIK, who then needs `alasanTanpaNik`. */
  nik?: string | null;
  alasanTanpaNik?: string | null;
  noKk?: string | null;
  nama: string;
  jenisKelamin: string;
  tempatLahir?: string | null;
  /** May be left out without NIK when `perkiraanUmur` is given. */
  tanggalLahir?: string | null;
  perkiraanUmur?: number | null;
  alamat?: string | null;
  kodeDesa: string;
  kategoriPpks?: string | null;
  telepon?: string | null;
  disabilitas?: string | null;
  catatan?: string | null;
}

const FIELD_OF: Record<ImportRowError, keyof BeneficiaryFields | null> = {
  REQUIRED_MISSING: null,
  NIK_MANGLED: 'nik',
  NIK_FORMAT: 'nik',
  NIK_REGION_UNKNOWN: 'nik',
  NIK_DOB_MISMATCH: 'tanggalLahir',
  NIK_SEX_MISMATCH: 'jenisKelamin',
  DATE_INVALID: 'tanggalLahir',
  WILAYAH_UNKNOWN: 'kodeDesa',
  PMKS_UNKNOWN: 'kategoriPpks',
  JENIS_KELAMIN_INVALID: 'jenisKelamin',
  NO_KK_FORMAT: 'noKk',
  FIELD_TOO_LONG: null,
  NIK_DUPLICATE_IN_FILE: 'nik',
  WILAYAH_OUTSIDE_SCOPE: 'kodeDesa',
  ROW_NOT_PERMITTED: 'nik',
  ALASAN_TANPA_NIK_UNKNOWN: 'alasanTanpaNik',
  PERKIRAAN_UMUR_INVALID: 'perkiraanUmur',
};

const blank = (v: unknown) => String(v ?? '').trim() === '';

/** The fields a REQUIRED_MISSING names: NIK or a reason for its absence, a birth date or (without NIK) an age. */
function missingFields(fields: BeneficiaryFields): Array<keyof BeneficiaryFields> {
  const missing: Array<keyof BeneficiaryFields> = (['nama', 'jenisKelamin', 'kodeDesa'] as const).filter((f) => blank(fields[f]));
  const withoutNik = blank(fields.nik);
  if (withoutNik && blank(fields.alasanTanpaNik)) missing.unshift('nik');
  if (blank(fields.tanggalLahir) && (!withoutNik || fields.perkiraanUmur === null || fields.perkiraanUmur === undefined))
    missing.push('tanggalLahir');
  return missing;
}

/**
 * The same rules as the import (one rule set for the form, the API and spreadsheets), answered
 * as 422 with one entry per field so a form can show each message beside its input.
 */
export async function validateBeneficiary(db: Kysely<DB>, fields: BeneficiaryFields, locale: Locale = 'id'): Promise<BeneficiaryInput> {
  const raw: RawRow = {
    nik: fields.nik ?? '',
    alasan_tanpa_nik: fields.alasanTanpaNik ?? '',
    perkiraan_umur: fields.perkiraanUmur === null || fields.perkiraanUmur === undefined ? '' : String(fields.perkiraanUmur),
    no_kk: fields.noKk ?? '',
    nama: fields.nama,
    jenis_kelamin: fields.jenisKelamin,
    tempat_lahir: fields.tempatLahir ?? '',
    tanggal_lahir: fields.tanggalLahir ?? '',
    alamat: fields.alamat ?? '',
    kode_desa: fields.kodeDesa,
    kategori_ppks: fields.kategoriPpks ?? '',
    telepon: fields.telepon ?? '',
  };
  const check = checkImportRow(raw, await areaLookup(db));
  if (check.value) return check.value;
  type Detail = { field: keyof BeneficiaryFields | null; code: ImportRowError; message: string };
  const details = check.errors.flatMap((code): Detail[] => {
    const message = IMPORT_ROW_MESSAGES[code][locale];
    const field = FIELD_OF[code];
    if (field) return [{ field, code, message }];
    if (code === 'REQUIRED_MISSING') {
      return missingFields(fields).map((f) => ({ field: f, code, message }));
    }
    return [{ field: null, code, message }];
  });
  throw new AppError('BENEFICIARY_INVALID', details);
}
