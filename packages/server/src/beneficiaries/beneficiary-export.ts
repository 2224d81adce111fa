import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { dayCell, writeCells, type Cell } from '../files/table-file.js';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { identitySelections } from '../authz/identity-protection.js';
import { beneficiaryPolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { safeCell } from '../import/safe-cell.js';
import { toBeneficiaryView, type BeneficiaryRow } from './beneficiary-view.js';

/** The import's columns first, so an export can be edited and imported again. */
const COLUMNS = [
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
  'alasan_tanpa_nik',
  'nomor_sementara',
  'tanggal_lahir_perkiraan',
  'disabilitas',
  'catatan',
] as const;

const PAGE = 2000;
const BORN = COLUMNS.indexOf('tanggal_lahir');

/** Everyone is exported as the caller sees them on screen: protected people masked by the same rule. */
function cells(row: BeneficiaryRow): string[] {
  const view = toBeneficiaryView(row);
  const shown: Record<(typeof COLUMNS)[number], string | null> = {
    nik: view.nik,
    no_kk: view.noKk,
    nama: view.nama,
    jenis_kelamin: view.jenisKelamin,
    tempat_lahir: view.tempatLahir,
    tanggal_lahir: view.tanggalLahir,
    alamat: view.alamat,
    kode_desa: view.kodeDesa,
    kategori_ppks: view.kategoriPpks,
    telepon: view.telepon,
    // A re-import of the export keeps people without NIK as they are (found again, not doubled).
    alasan_tanpa_nik: view.alasanTanpaNik,
    nomor_sementara: view.nomorSementara,
    tanggal_lahir_perkiraan: view.tanggalLahirPerkiraan ? 'ya' : null,
    disabilitas: view.disabilitas,
    catatan: view.catatan,
  };
  return COLUMNS.map((c) => safeCell(shown[c] ?? ''));
}

/** Keyset pages in id order: constant memory, and a steady cost per page however deep the export. */
async function* scopedRows(db: Kysely<DB>, actor: Actor, wilayah: string | undefined): AsyncGenerator<BeneficiaryRow> {
  let after: string | null = null;
  for (;;) {
    let q = db
      .selectFrom('beneficiaries')
      .selectAll('beneficiaries')
      .select(identitySelections(actor, 'beneficiaries'))
      .where((eb) => inScope(eb, eb.ref('kode_desa'), actor));
    if (wilayah) q = q.where((eb) => inScope(eb, eb.ref('kode_desa'), { wilayah }));
    if (after) q = q.where('id', '>', after);
    const rows = await q.orderBy('id').limit(PAGE).execute();
    yield* rows as BeneficiaryRow[];
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}

export type ExportFormat = 'csv' | 'xlsx';

/** Streams the registry inside the caller's scope; the export itself is an audited event. */
export async function exportBeneficiaries(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  format: ExportFormat,
  wilayah: string | undefined,
): Promise<Readable> {
  if (!beneficiaryPolicy.export(actor)) throw new AppError('FORBIDDEN');
  await recordAudit(db, actor, origin, {
    action: 'beneficiary.export',
    entityType: 'beneficiary',
    wilayah: wilayah ?? actor.wilayah,
    details: { format, wilayah: wilayah ?? null },
  });
  const rows = scopedRows(db, actor, wilayah);
  if (format === 'csv') {
    const csv = stringify({ header: true, columns: [...COLUMNS], bom: true });
    Readable.from(
      (async function* () {
        for await (const row of rows) yield cells(row);
      })(),
    ).pipe(csv);
    return csv;
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('Penerima manfaat');
  sheet.addRow([...COLUMNS]).commit();
  void (async () => {
    try {
      for await (const row of rows) {
        const values: Cell[] = cells(row);
        // The birth date as a real date (Excel sorts and filters it; the import reads it back).
        values[BORN] = dayCell(values[BORN] as string);
        writeCells(sheet.addRow([]), values).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
