import type { ImportStatusView } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { canSeeWilayah } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../http/app-error.js';

/**
 * An upload's row for whoever ran the import or supervises its area (koordinator, admin); anyone
 * else is told it does not exist.
 */
export async function readableImport(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await db
    .selectFrom('import_reports')
    .select([
      'created_by',
      'wilayah',
      'file_name',
      'dry_run',
      'status',
      'progres',
      'baris',
      'summary',
      'galat',
      'created_at',
      'selesai_pada',
    ])
    .select((eb) => eb('report_xlsx', 'is not', null).as('has_xlsx'))
    .where('id', '=', id)
    .executeTakeFirst();
  const supervises = (actor.role === 'koordinator' || actor.role === 'admin') && row !== undefined && canSeeWilayah(actor, row.wilayah);
  if (!row || (row.created_by !== actor.id && !supervises)) throw notFound();
  return row;
}

export async function importStatus(db: Kysely<DB>, actor: Actor, id: string): Promise<ImportStatusView> {
  const row = await readableImport(db, actor, id);
  const s = row.summary as Partial<ImportStatusView>;
  const baris = row.baris;
  return {
    id,
    status: row.status,
    progres: row.status === 'selesai' ? 100 : baris ? Math.min(100, Math.floor((row.progres * 100) / baris)) : 0,
    barisSelesai: row.progres,
    baris,
    dryRun: row.dry_run,
    total: s.total ?? 0,
    accepted: s.accepted ?? 0,
    rejected: s.rejected ?? 0,
    inserted: s.inserted ?? 0,
    updated: s.updated ?? 0,
    rows: s.rows ?? [],
    rowsListed: s.rowsListed ?? 0,
    reportUrl: row.has_xlsx ? `/api/v1/imports/${id}/report.xlsx` : null,
    galat: row.galat,
    dibuatPada: row.created_at.toISOString(),
    selesaiPada: row.selesai_pada?.toISOString() ?? null,
  };
}
