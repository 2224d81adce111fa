import { parseNip, type JenisAsn, type NipProblem } from './nip.js';
import { ROLES, type Role } from './roles.js';

/**
 * The staff list an admin uploads to open many accounts at once (issue 20): one row per person
 * with NIP or NI PPPK, name, role and area. Each row is judged alone; a bad row is reported with
 * its reasons in Indonesian and never stops the good ones.
 */
export const STAFF_COLUMNS = ['nip', 'nama', 'peran', 'wilayah', 'jenis_asn', 'nama_pengguna'] as const;
export type StaffColumn = (typeof STAFF_COLUMNS)[number];

/** Headers as people write them, normalised (lower case, spaces and slashes to `_`). */
const HEADER_ALIASES: Record<string, StaffColumn> = {
  nip: 'nip',
  nip_ni_pppk: 'nip',
  ni_pppk: 'nip',
  nip_atau_ni_pppk: 'nip',
  nama: 'nama',
  nama_lengkap: 'nama',
  peran: 'peran',
  jabatan: 'peran',
  wilayah: 'wilayah',
  kode_wilayah: 'wilayah',
  jenis_asn: 'jenis_asn',
  status_asn: 'jenis_asn',
  nama_pengguna: 'nama_pengguna',
  username: 'nama_pengguna',
};

export function staffColumnOf(header: string): StaffColumn | null {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s/]+/g, '_')
    .replace(/[^a-z0-9_]/g, '');
  return HEADER_ALIASES[key] ?? null;
}

export const REQUIRED_STAFF_COLUMNS: readonly StaffColumn[] = ['nip', 'nama', 'peran', 'wilayah'];

const ROLE_WORDS: Record<string, Role> = {
  ...Object.fromEntries(ROLES.map((r) => [r, r])),
  'pendamping rehabilitasi sosial': 'pendamping',
  'koordinator wilayah': 'koordinator',
  'koordinator provinsi': 'koordinator',
};

export interface StaffRow {
  nip: string;
  jenisAsn: JenisAsn;
  nama: string;
  role: Role;
  /** Null: national (admin, direktorat, auditor only). */
  wilayah: string | null;
  username: string;
}

export interface StaffRowError {
  kolom: StaffColumn;
  pesan: string;
}

const NIP_PROBLEM: Record<NipProblem, string> = {
  format: 'NIP/NI PPPK harus 18 angka',
  tanggal_lahir: 'tanggal lahir dalam NIP/NI PPPK tidak sah',
  tmt: 'tahun/bulan pengangkatan dalam NIP/NI PPPK tidak sah',
  jenis_kelamin: 'digit jenis kelamin dalam NIP/NI PPPK harus 1 atau 2',
  urut: 'nomor urut dalam NIP/NI PPPK tidak boleh 000',
  usia_pengangkatan: 'usia saat pengangkatan di bawah batas minimal (PNS 18, PPPK 20 tahun)',
};

/** One row of the staff list, judged by the same NIP rule as the profile (`parseNip`), on the uploader's today. */
export function parseStaffRow(cells: Partial<Record<StaffColumn, string>>, today: string): { row: StaffRow } | { errors: StaffRowError[] } {
  const errors: StaffRowError[] = [];
  const nipRaw = (cells.nip ?? '').replace(/\s+/g, '');
  const jenisRaw = (cells.jenis_asn ?? '').trim().toLowerCase();
  const jenis: JenisAsn | null = jenisRaw === 'pns' ? 'pns' : jenisRaw === 'pppk' ? 'pppk' : null;
  if (jenisRaw && !jenis) errors.push({ kolom: 'jenis_asn', pesan: 'jenis ASN harus PNS atau PPPK' });
  const nip = parseNip(nipRaw, today, jenis);
  if (!nip.ok) errors.push({ kolom: 'nip', pesan: NIP_PROBLEM[nip.problem] });
  const nama = (cells.nama ?? '').trim();
  if (nama.length < 2) errors.push({ kolom: 'nama', pesan: 'nama wajib diisi' });
  const role = ROLE_WORDS[(cells.peran ?? '').trim().toLowerCase()];
  if (!role) errors.push({ kolom: 'peran', pesan: 'peran harus pendamping, koordinator, direktorat, admin atau auditor' });
  const wilayahRaw = (cells.wilayah ?? '').trim();
  const wilayah = wilayahRaw === '' || wilayahRaw.toLowerCase() === 'nasional' ? null : wilayahRaw;
  if (wilayah !== null && !/^\d{2}(\.\d{2}){0,3}$/.test(wilayah))
    errors.push({ kolom: 'wilayah', pesan: 'kode wilayah tidak sah (mis. 35 atau 35.10)' });
  const username = (cells.nama_pengguna ?? '').trim() || nipRaw;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(username))
    errors.push({ kolom: 'nama_pengguna', pesan: 'nama pengguna hanya huruf, angka, titik, garis bawah atau tanda hubung (3–64)' });
  if (errors.length > 0 || !nip.ok || !role) return { errors };
  return { row: { nip: nipRaw, jenisAsn: nip.value.jenis, nama, role, wilayah, username } };
}

/** The answer of `POST /users/import`, one line per data row. */
export interface StaffImportRow {
  baris: number;
  username: string | null;
  nama: string | null;
  /** `valid`: a dry run would create it; `dibuat`: created, with its temporary password shown this once. */
  status: 'valid' | 'dibuat' | 'ditolak';
  temporaryPassword: string | null;
  errors: StaffRowError[];
}

export interface StaffImportResult {
  dryRun: boolean;
  total: number;
  dibuat: number;
  ditolak: number;
  rows: StaffImportRow[];
}
