import {
  checkImportRow,
  IMPORT_COLUMNS,
  IMPORT_ROW_MESSAGES,
  MAX_FIELD_LENGTH,
  type AreaLookup,
  type BeneficiaryInput,
  type ImportRowError,
  type ImportRowWarning,
} from './beneficiary-import.js';
import { KELOMPOK_RENTAN, KONDISI_KORBAN, type KelompokRentan, type KondisiKorban } from './disaster.js';

/**
 * A posko's spreadsheet of affected people (issue 18): the registry's columns and row rules for
 * who the person is, then where they are and how. Pure, like the registry's rules, so a browser
 * could pre-check a file; rules that need more than one row (a NIK twice in the file, a household)
 * belong to the importer.
 */
export const AFFECTED_IMPORT_COLUMNS = [
  ...IMPORT_COLUMNS,
  'kondisi',
  // The shelter's name as registered for the event (or its id); empty for people not in a shelter.
  'posko',
  // Several, separated by commas or semicolons: "balita; ibu menyusui".
  'kelompok_rentan',
  'kebutuhan',
  // Rows with the same label (a KK number, "KEL-01") are one household; without it, the same no_kk.
  'keluarga',
] as const;

export type AffectedImportColumn = (typeof AFFECTED_IMPORT_COLUMNS)[number];

/** Columns a posko file must have in its header (cells may be empty where the rules allow). */
export const AFFECTED_IMPORT_REQUIRED_COLUMNS: readonly AffectedImportColumn[] = ['nama', 'jenis_kelamin', 'kode_desa'];

export type AffectedImportError =
  ImportRowError | 'KONDISI_UNKNOWN' | 'POSKO_UNKNOWN' | 'KELOMPOK_RENTAN_UNKNOWN' | 'KELOMPOK_RENTAN_SEX' | 'WILAYAH_OUTSIDE_EVENT';

export type AffectedImportWarning = ImportRowWarning | 'NIK_LINKED' | 'KEMUNGKINAN_GANDA';

export const AFFECTED_IMPORT_MESSAGES: Record<AffectedImportError | AffectedImportWarning, { id: string; en: string }> = {
  ...IMPORT_ROW_MESSAGES,
  KONDISI_UNKNOWN: {
    id: 'kondisi harus salah satu dari: mengungsi, luka, meninggal, hilang, di rumah (boleh kosong bila posko diisi: mengungsi)',
    en: 'kondisi must be one of: mengungsi, luka, meninggal, hilang, di rumah (may be empty with a posko: mengungsi)',
  },
  POSKO_UNKNOWN: {
    id: 'posko bukan nama pengungsian/posko yang terdaftar untuk kejadian ini; daftarkan dulu di tab Posko',
    en: 'posko is not a shelter registered for this event; register it on the Posko tab first',
  },
  KELOMPOK_RENTAN_UNKNOWN: {
    id: 'kelompok_rentan berisi nilai yang tidak dikenal (ibu hamil, ibu menyusui, balita, anak tanpa pendamping, lansia, disabilitas, sakit kronis)',
    en: 'kelompok_rentan holds an unknown value (ibu hamil, ibu menyusui, balita, anak tanpa pendamping, lansia, disabilitas, sakit kronis)',
  },
  KELOMPOK_RENTAN_SEX: {
    id: 'ibu hamil dan ibu menyusui hanya untuk perempuan',
    en: 'ibu hamil and ibu menyusui apply to women only',
  },
  WILAYAH_OUTSIDE_EVENT: {
    id: 'kode_desa berada di luar wilayah terdampak kejadian ini',
    en: 'kode_desa lies outside the areas affected by this event',
  },
  NIK_LINKED: {
    id: 'NIK sudah ada di registri; baris ini ditautkan ke orang tersebut, tidak dibuat ganda',
    en: 'The NIK is already in the registry; the row is linked to that person, not duplicated',
  },
  KEMUNGKINAN_GANDA: {
    id: 'Mungkin orang yang sama dengan pendataan lain di kejadian ini (posko lain atau nama mirip); periksa di tab Korban',
    en: 'Possibly the same person as another registration in this event (another shelter or a similar name); check the Korban tab',
  },
};

export type AffectedRaw = Partial<Record<AffectedImportColumn, string | Date>>;

export interface AffectedRowValue {
  person: BeneficiaryInput;
  kondisi: KondisiKorban;
  /** The shelter's id, found by name or id among the event's shelters. */
  shelterId: string | null;
  kelompokRentan: KelompokRentan[];
  kebutuhan: string | null;
  /** The household's label within the file, if any. */
  keluarga: string | null;
}

export interface AffectedRowCheck {
  errors: AffectedImportError[];
  warnings: AffectedImportWarning[];
  value?: AffectedRowValue;
}

export interface AffectedRowContext {
  areas: AreaLookup;
  /** The event's shelters by lower-cased name and by id. */
  shelter(nameOrId: string): string | undefined;
  inEvent(kodeDesa: string): boolean;
  today: Date;
}

const cell = (v: string | Date | undefined): string => (v instanceof Date ? '' : (v ?? '').trim());
/** "Ibu Hamil", "ibu-hamil" and "ibu_hamil" are one value. */
const code = (v: string): string => v.toLowerCase().replace(/[\s-]+/g, '_');

function parseKondisi(raw: string, withShelter: boolean): KondisiKorban | undefined {
  if (raw === '') return withShelter ? 'mengungsi' : undefined;
  const c = code(raw);
  return (KONDISI_KORBAN as readonly string[]).includes(c) ? (c as KondisiKorban) : undefined;
}

function parseGroups(raw: string): KelompokRentan[] | undefined {
  const parts = raw
    .split(/[;,]/)
    .map((p) => code(p.trim()).replace(/^penyandang_/, ''))
    .filter(Boolean);
  if (parts.some((p) => !(KELOMPOK_RENTAN as readonly string[]).includes(p))) return undefined;
  return [...new Set(parts as KelompokRentan[])];
}

export function checkAffectedRow(raw: AffectedRaw, context: AffectedRowContext): AffectedRowCheck {
  const person = checkImportRow(raw, context.areas, context.today);
  const errors: AffectedImportError[] = [...person.errors];
  const extra = ['kondisi', 'posko', 'kelompok_rentan', 'kebutuhan', 'keluarga'] as const;
  if (!errors.includes('FIELD_TOO_LONG') && extra.some((c) => cell(raw[c]).length > MAX_FIELD_LENGTH)) errors.push('FIELD_TOO_LONG');
  const warnings: AffectedImportWarning[] = [...person.warnings];
  const posko = cell(raw.posko);
  const shelterId = posko === '' ? null : (context.shelter(posko) ?? undefined);
  if (shelterId === undefined) errors.push('POSKO_UNKNOWN');
  const kondisi = parseKondisi(cell(raw.kondisi), posko !== '');
  if (kondisi === undefined) errors.push('KONDISI_UNKNOWN');
  const groups = parseGroups(cell(raw.kelompok_rentan));
  if (groups === undefined) errors.push('KELOMPOK_RENTAN_UNKNOWN');
  const sex = person.value?.jenisKelamin;
  if (groups && sex === 'L' && groups.some((g) => g === 'ibu_hamil' || g === 'ibu_menyusui')) errors.push('KELOMPOK_RENTAN_SEX');
  if (person.value && !context.inEvent(person.value.kodeDesa)) errors.push('WILAYAH_OUTSIDE_EVENT');
  if (errors.length > 0 || !person.value || shelterId === undefined || !kondisi || !groups) return { errors, warnings };
  const keluarga = cell(raw.keluarga) || person.value.noKk;
  return {
    errors,
    warnings,
    value: {
      person: person.value,
      kondisi,
      shelterId,
      kelompokRentan: groups,
      kebutuhan: cell(raw.kebutuhan) || null,
      keluarga: keluarga || null,
    },
  };
}
