import {
  errorMessage,
  parseStaffRow,
  REQUIRED_STAFF_COLUMNS,
  staffColumnOf,
  type ErrorCode,
  type StaffColumn,
  type StaffImportResult,
  type StaffImportRow,
} from '@tuntas/domain';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { userPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { createUser, temporaryPassword } from './user-service.js';

export const STAFF_IMPORT_MAX_ROWS = 2_000;
const REFUSAL_COLUMN: Partial<Record<string, StaffColumn>> = { USERNAME_TAKEN: 'nama_pengguna', ROLE_NOT_GRANTABLE: 'peran' };
/** 18 digits typed as a number in Excel lose their last digits: the cell must be text. */
const DIGITS_LOST = 1e15;

async function readSheet(
  file: Buffer,
): Promise<Array<{ baris: number; cells: Partial<Record<StaffColumn, string>>; numericNip: boolean }>> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_FILE_UNREADABLE');
  const columns = new Map<number, StaffColumn>();
  sheet.getRow(1).eachCell((cell, col) => {
    const column = staffColumnOf(cell.text);
    if (column) columns.set(col, column);
  });
  const found = new Set(columns.values());
  const missing = REQUIRED_STAFF_COLUMNS.filter((c) => !found.has(c));
  if (missing.length > 0) throw new AppError('STAFF_IMPORT_COLUMNS_MISSING', { missing });
  if (sheet.actualRowCount - 1 > STAFF_IMPORT_MAX_ROWS) throw new AppError('STAFF_IMPORT_TOO_MANY_ROWS');
  const rows: Array<{ baris: number; cells: Partial<Record<StaffColumn, string>>; numericNip: boolean }> = [];
  sheet.eachRow((row, baris) => {
    if (baris === 1) return;
    const cells: Partial<Record<StaffColumn, string>> = {};
    let numericNip = false;
    for (const [col, column] of columns) {
      const cell = row.getCell(col);
      if (column === 'nip' && typeof cell.value === 'number' && cell.value > DIGITS_LOST) numericNip = true;
      cells[column] = cell.text.trim();
    }
    if (Object.values(cells).some((v) => v)) rows.push({ baris, cells, numericNip });
  });
  return rows;
}

/**
 * Opens an account per valid row of the staff list (XLSX), each as `POST /users` would (the
 * same policy, scope, username and password rules, each refusal audited), keeps the NIP in the
 * pendamping's profile, and reports every row. `dryRun` judges the rows and creates nothing.
 */
export async function importStaff(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  file: Buffer,
  options: { dryRun: boolean; today: string },
): Promise<StaffImportResult> {
  if (!userPolicy.list(actor)) throw new AppError('FORBIDDEN');
  const sheet = await readSheet(file);
  const seen = { nip: new Set<string>(), username: new Set<string>() };
  const rows: StaffImportRow[] = [];
  for (const { baris, cells, numericNip } of sheet) {
    const parsed = parseStaffRow(cells, options.today);
    const errors = 'errors' in parsed ? [...parsed.errors] : [];
    if (numericNip)
      errors.unshift({ kolom: 'nip', pesan: 'NIP/NI PPPK tertulis sebagai angka dan kehilangan digit: format selnya sebagai teks' });
    const row = 'row' in parsed ? parsed.row : null;
    if (row) {
      const repeatedNip = seen.nip.has(row.nip);
      if (repeatedNip) errors.push({ kolom: 'nip', pesan: 'NIP/NI PPPK sama dengan baris sebelumnya' });
      else if (seen.username.has(row.username.toLowerCase()))
        errors.push({ kolom: 'nama_pengguna', pesan: 'nama pengguna sama dengan baris sebelumnya' });
      seen.nip.add(row.nip);
      seen.username.add(row.username.toLowerCase());
      const owner = repeatedNip
        ? undefined
        : await db.selectFrom('pendamping_profiles').select('user_id').where('nip', '=', row.nip).executeTakeFirst();
      if (owner) errors.push({ kolom: 'nip', pesan: 'NIP/NI PPPK sudah dipakai akun lain' });
    }
    const result: StaffImportRow = {
      baris,
      username: row?.username ?? null,
      nama: row?.nama ?? cells.nama ?? null,
      status: 'ditolak',
      temporaryPassword: null,
      errors,
    };
    rows.push(result);
    if (!row || errors.length > 0) continue;
    if (options.dryRun) {
      const refusal = dryRunRefusal(actor, row);
      const taken = await db
        .selectFrom('users')
        .select('id')
        .where('username', 'ilike', row.username.replace(/[\\%_]/g, '\\$&'))
        .executeTakeFirst();
      if (refusal) errors.push({ kolom: refusal.kolom, pesan: errorMessage(refusal.code) });
      if (taken) errors.push({ kolom: 'nama_pengguna', pesan: errorMessage('USERNAME_TAKEN') });
      const area =
        row.wilayah === null ? true : await db.selectFrom('wilayah').select('kode').where('kode', '=', row.wilayah).executeTakeFirst();
      if (!area) errors.push({ kolom: 'wilayah', pesan: errorMessage('WILAYAH_UNKNOWN') });
      if (errors.length === 0) result.status = 'valid';
      continue;
    }
    const password = temporaryPassword(row.username);
    try {
      const user = await createUser(
        db,
        actor,
        origin,
        { username: row.username, password, role: row.role, wilayah: row.wilayah, namaLengkap: row.nama },
        { mustChangePassword: true },
      );
      await db
        .insertInto('pendamping_profiles')
        .values({ user_id: user.id, nip: row.nip, jenis_asn: row.jenisAsn })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ nip: row.nip, jenis_asn: row.jenisAsn }))
        .execute();
      result.status = 'dibuat';
      result.temporaryPassword = password;
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      errors.push({ kolom: REFUSAL_COLUMN[error.code] ?? 'wilayah', pesan: errorMessage(error.code as ErrorCode) });
    }
  }
  const dibuat = rows.filter((r) => r.status === 'dibuat').length;
  const ditolak = rows.filter((r) => r.status === 'ditolak').length;
  await recordAudit(db, actor, origin, {
    action: 'user.import',
    entityType: 'user',
    entityId: null,
    wilayah: actor.wilayah,
    details: {
      dryRun: options.dryRun,
      total: rows.length,
      dibuat,
      ditolak,
      barisDitolak: rows.filter((r) => r.status === 'ditolak').map((r) => r.baris),
    },
  });
  return { dryRun: options.dryRun, total: rows.length, dibuat, ditolak, rows };
}

/** What `createUser` would refuse before touching the database, for a dry run. */
function dryRunRefusal(
  actor: Actor,
  row: { role: Parameters<typeof userPolicy.grants>[1]; wilayah: string | null },
): { kolom: StaffColumn; code: ErrorCode } | null {
  if (!userPolicy.grants(actor, row.role)) return { kolom: 'peran', code: 'ROLE_NOT_GRANTABLE' };
  if (!userPolicy.manage(actor, { role: row.role, wilayah: row.wilayah })) return { kolom: 'wilayah', code: 'SCOPE_OUTSIDE_OWN' };
  return null;
}
