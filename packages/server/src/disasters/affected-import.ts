import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  AFFECTED_IMPORT_COLUMNS,
  AFFECTED_IMPORT_MESSAGES,
  AFFECTED_IMPORT_REQUIRED_COLUMNS,
  checkAffectedRow,
  cleanNik,
  isWithinScope,
  type AffectedImportColumn,
  type AffectedImportError,
  type AffectedImportWarning,
  type AffectedRowValue,
} from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { ImportReportWriter } from '../import/import-report-xlsx.js';
import { NikSet } from '../import/nik-set.js';
import { insertImportReport, reportFile, sweepReports } from '../import/report-files.js';
import { openSheet, type SheetLayout, type SourceRow } from '../import/spreadsheet-reader.js';
import type { UploadLimits } from '../import/upload-limits.js';
import { outOfScopeLastHour } from '../import/upload-import.js';
import { capped, withSpooledUpload } from '../import/upload-spool.js';
import { AppError } from '../http/app-error.js';
import { areaLookup } from '../reference/area-lookup.js';
import { storeAffected } from './affected-service.js';
import { loadForRecording } from './disaster-service.js';

/**
 * A posko's sheet lists the people of a few shelters — hundreds, a few thousand: more is a
 * registry import, not a shelter's list. Each row is one registration, as the form makes it.
 */
export const POSKO_MAX_ROWS = 5_000;
/** Rows per transaction: an interruption loses at most this many, and the audit chain is held this long. */
const BATCH = 100;

const LAYOUT: SheetLayout<AffectedImportColumn> = {
  columns: AFFECTED_IMPORT_COLUMNS,
  required: AFFECTED_IMPORT_REQUIRED_COLUMNS,
  missingCode: 'AFFECTED_IMPORT_COLUMNS_MISSING',
  tooManyCode: 'AFFECTED_IMPORT_TOO_MANY_ROWS',
};

export interface AffectedRowReport {
  line: number;
  errors: AffectedImportError[];
  warnings: AffectedImportWarning[];
}

export interface AffectedImportResult {
  id: string;
  total: number;
  accepted: number;
  rejected: number;
  /** People new to the registry (with a temporary number when without NIK). */
  inserted: number;
  /** Rows whose NIK the registry held: linked, not registered twice. */
  linked: number;
  dryRun: boolean;
  rows: AffectedRowReport[];
  rowsListed: number;
  hasReport: boolean;
  /** Rows linked to a person registered outside the event and the importer's area (rate-limited, as the registry's). */
  outOfScope: number;
}

interface Pending {
  source: SourceRow<AffectedImportColumn>;
  report: AffectedRowReport;
  value: AffectedRowValue | undefined;
}

/** What the rows are judged against: the registry's areas, the event's shelters and areas. */
async function rowContext(db: Kysely<DB>, disasterId: string, today: Date) {
  const [areas, shelters, wilayah] = await Promise.all([
    areaLookup(db),
    db.selectFrom('disaster_shelters').select(['id', 'nama']).where('disaster_id', '=', disasterId).execute(),
    db.selectFrom('disaster_wilayah').select('kode').where('disaster_id', '=', disasterId).execute(),
  ]);
  const byName = new Map<string, string>();
  for (const s of shelters) {
    byName.set(s.id, s.id);
    byName.set(s.nama.trim().toLowerCase(), s.id);
  }
  const codes = wilayah.map((w) => w.kode);
  return {
    areas,
    today,
    shelter: (nameOrId: string) => byName.get(nameOrId.trim().toLowerCase()),
    inEvent: (kodeDesa: string) => codes.some((c) => kodeDesa === c || kodeDesa.startsWith(`${c}.`)),
  };
}

/**
 * A posko's spreadsheet (CSV or XLSX, raw body) of affected people: each row judged by the
 * registry's rules and the event's (area, shelter, groups), each accepted row stored exactly as
 * the registration form stores one (`storeAffected`: a known NIK linked, never duplicated; the
 * same person twice in the event flagged). Rows of one household (`keluarga`, else `no_kk`) are
 * grouped. Transactions of 100 rows; the row report is the registry's (answer and XLSX).
 */
export async function importAffected(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  upload: { body: Readable; fileName: string; dryRun: boolean },
  uploadLimits: UploadLimits,
  now: Date,
): Promise<AffectedImportResult> {
  await loadForRecording(db, actor, disasterId, now);
  const limits = { ...uploadLimits, maxRows: Math.min(uploadLimits.maxRows, POSKO_MAX_ROWS) };
  await mkdir(limits.reportsDir, { recursive: true });
  const id = randomUUID();
  const partial = `${reportFile(limits, id)}.part`;
  const result: AffectedImportResult = {
    id,
    total: 0,
    accepted: 0,
    rejected: 0,
    inserted: 0,
    linked: 0,
    dryRun: upload.dryRun,
    rows: [],
    rowsListed: 0,
    hasReport: false,
    outOfScope: 0,
  };
  let started = false;
  // Lookups outside one's reach in the batch being written; a refused batch's count toward the hour too.
  let outOfScope = 0;
  try {
    await withSpooledUpload(upload.body, limits, LAYOUT, async (file) => {
      // A NIK in the file finds its person anywhere in the registry (linked, not doubled): past the
      // registry import's hourly allowance of such finds outside one's reach, the import stops (429),
      // so a sheet cannot be used to ask the whole country's registry who holds a NIK.
      const used = actor.wilayah === null || upload.dryRun ? 0 : await outOfScopeLastHour(db, actor);
      if (used >= limits.outOfScopePerHour) throw new AppError('IMPORT_SCOPE_LOOKUPS_EXCEEDED', { windowMinutes: 60 });
      void sweepReports(limits).catch(() => undefined);
      const context = await rowContext(db, disasterId, now);
      const source = await openSheet(file, LAYOUT);
      const writer = new ImportReportWriter(partial, () => source.header, 'id', AFFECTED_IMPORT_MESSAGES);
      const households = new Map<string, string>();
      const seen = new NikSet();
      const settle = (batch: Pending[]) => {
        for (const p of batch) {
          if (p.report.errors.length > 0) result.rejected += 1;
          else result.accepted += 1;
          writer.add(p.source, p.report);
          if (p.report.errors.length === 0 && p.report.warnings.length === 0) continue;
          if (result.rowsListed++ < limits.rowsInAnswer) result.rows.push(p.report);
        }
      };
      const write = async (batch: Pending[]) => {
        const accepted = batch.filter((p) => p.value);
        if (upload.dryRun || accepted.length === 0) return;
        started = true;
        const heads = new Map<string, string>();
        const counts = await db.transaction().execute(async (trx) => {
          let inserted = 0;
          let linked = 0;
          outOfScope = 0;
          for (const p of accepted) {
            const v = p.value!;
            const label = v.keluarga;
            const stored = await storeAffected(
              trx,
              actor,
              origin,
              disasterId,
              v.person,
              {
                kondisi: v.kondisi,
                shelterId: v.shelterId,
                kelompokRentan: v.kelompokRentan,
                kebutuhan: v.kebutuhan,
                keluargaId: label ? (heads.get(label) ?? households.get(label)) : null,
              },
              now,
            );
            if (label && !households.has(label) && !heads.has(label)) heads.set(label, stored.id);
            const far = stored.linkedKodeDesa;
            if (far !== null && actor.wilayah !== null && !context.inEvent(far) && !isWithinScope(actor.wilayah, far)) {
              outOfScope += 1;
              if (used + result.outOfScope + outOfScope > limits.outOfScopePerHour)
                throw new AppError('IMPORT_SCOPE_LOOKUPS_EXCEEDED', { windowMinutes: 60 });
            }
            if (stored.linked) {
              linked += 1;
              p.report.warnings.push('NIK_LINKED');
            } else inserted += 1;
            if (stored.ganda) p.report.warnings.push('KEMUNGKINAN_GANDA');
          }
          await recordAudit(trx, actor, origin, {
            action: 'disaster.affected.import',
            entityType: 'import',
            entityId: id,
            wilayah: actor.wilayah,
            details: { disasterId, lines: [batch[0]!.source.line, batch.at(-1)!.source.line], inserted, linked },
          });
          return { inserted, linked };
        });
        result.outOfScope += outOfScope;
        outOfScope = 0;
        // Only once committed: a household's head from a batch rolled back does not exist.
        for (const [label, head] of heads) households.set(label, head);
        result.inserted += counts.inserted;
        result.linked += counts.linked;
      };
      let batch: Pending[] = [];
      try {
        for await (const row of capped(source, limits.maxRows)) {
          result.total += 1;
          const check = checkAffectedRow(row.cells, context);
          const errors = [...check.errors];
          const nik = check.value?.person.nik ?? (typeof row.cells.nik === 'string' ? cleanNik(row.cells.nik) : '');
          if (nik !== '' && !seen.add(nik)) errors.push('NIK_DUPLICATE_IN_FILE');
          batch.push({
            source: row,
            report: { line: row.line, errors, warnings: [...check.warnings] },
            value: errors.length === 0 ? check.value : undefined,
          });
          if (batch.length >= BATCH) {
            await write(batch);
            settle(batch);
            batch = [];
          }
        }
        await write(batch);
        settle(batch);
      } finally {
        await writer.finish();
      }
      if (result.rowsListed > 0) await rename(partial, reportFile(limits, id));
      result.hasReport = result.rowsListed > 0;
    });
    return result;
  } finally {
    await rm(partial, { force: true });
    result.outOfScope += outOfScope;
    if (started || result.total > 0) await recordImport(db, actor, upload, result);
  }
}

/** The upload's row: who, when, counts — what the report download route checks against. */
async function recordImport(
  db: Kysely<DB>,
  actor: Actor,
  upload: { fileName: string; dryRun: boolean },
  result: AffectedImportResult,
): Promise<void> {
  const { total, accepted, rejected, inserted, linked, outOfScope } = result;
  await insertImportReport(db, actor, {
    id: result.id,
    kind: 'disaster_affected',
    fileName: upload.fileName,
    dryRun: upload.dryRun,
    summary: { total, accepted, rejected, inserted, linked, outOfScope },
  });
}
