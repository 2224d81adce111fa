import { checkImportRow, cleanNik, isWithinScope, type BeneficiaryInput, type ImportRowError, type ImportRowWarning } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { SYSTEM_ACTOR, type Actor, type RequestOrigin } from '../authz/actor.js';
import { inScope } from '../authz/scope.js';
import { upsertBeneficiaries, type UpsertResult } from '../beneficiaries/beneficiary-upsert.js';
import { AppError } from '../http/app-error.js';
import type { DB } from '../db/schema.js';
import { areaLookup } from '../reference/area-lookup.js';
import { NikSet } from './nik-set.js';
import type { SourceRow } from './spreadsheet-reader.js';

export interface ImportRowReport {
  line: number;
  errors: ImportRowError[];
  warnings: ImportRowWarning[];
}

/** The contract's report (`--json`), plus what the store did. */
export interface ImportReport {
  total: number;
  accepted: number;
  rejected: number;
  rows: ImportRowReport[];
  inserted: number;
  updated: number;
  dryRun: boolean;
  /** Rows refused because the NIK is registered outside the importer's scope (ROW_NOT_PERMITTED). */
  outOfScope: number;
}

export interface ImportOptions {
  actor: Actor;
  origin: RequestOrigin;
  dryRun: boolean;
  batchSize?: number;
  /** Batches written at once (PostgreSQL: one connection each; PGlite has one). */
  parallelWrites?: number;
  /** After each batch is settled; a promise returned is awaited before the next batch is settled. */
  onProgress?: (processedRows: number) => void | Promise<void>;
  /** False: `rows` stays empty and the caller takes each verdict from `onRow` (constant memory). */
  keepRows?: boolean;
  /** Receives each row with its verdict, e.g. to write the error report file. */
  onRow?: (row: SourceRow, report: ImportRowReport) => void;
  /**
   * How many rows of this import may meet a person registered outside the importer's scope; one
   * more stops the import with 429 IMPORT_SCOPE_LOOKUPS_EXCEEDED (the batch that passed it is not
   * written). Unlimited when absent.
   */
  outOfScopeAllowance?: number;
  /** Told the running count of such rows after each batch that met one, before it commits. */
  onOutOfScope?: (count: number) => void;
  /** Named in the audit events of the people this import changed (the upload's id). */
  importId?: string;
  /**
   * Rows an earlier attempt of this import already stored (a job's retry): read past, neither
   * judged nor counted again, though their NIKs still mark a later repeat as NIK_DUPLICATE_IN_FILE.
   */
  skipRows?: number;
  /**
   * Called inside the transaction that stores a batch (one is opened for a batch with nothing to
   * store), once its verdicts are final: a resumable import records its progress there, so what
   * was stored and what is recorded as stored never part. Throwing rolls the batch back.
   * Requires one write at a time (`parallelWrites` 1), so batches commit in file order.
   */
  onBatchStored?: (trx: Kysely<DB>, batch: StoredBatch) => Promise<void>;
}

/** A batch as the store left it: its rows with their final verdicts and what it changed. */
export interface StoredBatch {
  rows: ReadonlyArray<{ source: SourceRow; report: ImportRowReport }>;
  inserted: number;
  updated: number;
  /** This import's running count of rows that met a person registered outside the importer's scope. */
  outOfScope: number;
}

interface Pending {
  source: SourceRow;
  report: ImportRowReport;
  value: BeneficiaryInput | undefined;
}

/**
 * Judges every row by the contract's rules and stores the accepted ones, one transaction per
 * batch: an interruption loses at most the batch in flight, never half a row. Memory stays
 * constant but for the set of NIKs seen (for in-file duplicates, 16 bytes each) and, unless
 * `keepRows` is false, the report of faulty rows.
 */
export async function importBeneficiaries(db: Kysely<DB>, rows: AsyncIterable<SourceRow>, options: ImportOptions): Promise<ImportReport> {
  const areas = await areaLookup(db);
  const batchSize = options.batchSize ?? 2000;
  const seen = new NikSet();
  const report: ImportReport = {
    total: 0,
    accepted: 0,
    rejected: 0,
    rows: [],
    inserted: 0,
    updated: 0,
    dryRun: options.dryRun,
    outOfScope: 0,
  };
  const today = new Date();
  let batch: Pending[] = [];
  const actorId = options.actor.id === SYSTEM_ACTOR.id ? null : options.actor.id;
  const keepRows = options.keepRows ?? true;
  let settledRows = 0;

  /** The database's part of a batch: may run beside the next batch's write. */
  const write = async (current: Pending[]): Promise<void> => {
    const accepted = current.filter((p) => p.value && p.report.errors.length === 0);
    if (accepted.length === 0 || options.dryRun) {
      if (accepted.length > 0) await lookUpInScope(accepted);
      if (options.onBatchStored && current.length > 0) {
        const stored = { rows: current, inserted: 0, updated: 0, outOfScope: report.outOfScope };
        await db.transaction().execute((trx) => options.onBatchStored!(trx, stored));
      }
      return;
    }
    await db.transaction().execute(async (trx) => {
      const stored = await upsertBeneficiaries(
        trx,
        accepted.map((p) => p.value!),
        actorId,
        options.actor,
      );
      accepted.forEach((p, i) => {
        const nik = p.value!.nik;
        if (nik === null) {
          if (stored.knownWithoutNik.has(i)) p.report.warnings.push('TANPA_NIK_EXISTS');
        } else if (stored.blocked.has(nik)) p.report.errors.push('ROW_NOT_PERMITTED');
        else if (stored.existing.has(nik)) p.report.warnings.push('NIK_EXISTS');
      });
      if (stored.blocked.size > 0) {
        report.outOfScope += stored.blocked.size;
        options.onOutOfScope?.(report.outOfScope);
        if (options.outOfScopeAllowance !== undefined && report.outOfScope > options.outOfScopeAllowance) {
          throw new AppError('IMPORT_SCOPE_LOOKUPS_EXCEEDED', { windowMinutes: 60 });
        }
      }
      report.inserted += stored.inserted;
      report.updated += stored.updated;
      await recordAudit(trx, options.actor, options.origin, {
        action: 'beneficiary.import',
        entityType: 'beneficiary',
        wilayah: options.actor.wilayah,
        details: {
          lines: [current[0]!.source.line, current.at(-1)!.source.line],
          inserted: stored.inserted,
          updated: stored.updated,
          ...(options.importId ? { importId: options.importId } : {}),
        },
      });
      await recordChanges(trx, options, stored.changes);
      await options.onBatchStored?.(trx, {
        rows: current,
        inserted: stored.inserted,
        updated: stored.updated,
        outOfScope: report.outOfScope,
      });
    });
  };

  /**
   * A dry run's NIK_EXISTS. Only people the importer may see are looked up: whether a NIK is
   * registered in another area is never told by a dry run (it would answer "is this NIK
   * registered?" for the whole country). The import itself refuses such a row, counted, audited
   * and rate-limited.
   */
  const lookUpInScope = async (accepted: Pending[]): Promise<void> => {
    const niks = accepted.flatMap((p) => (p.value!.nik === null ? [] : [p.value!.nik]));
    if (niks.length === 0) return;
    const found = await db
      .selectFrom('beneficiaries')
      .select('nik')
      .where('nik', 'in', niks)
      .where((eb) => inScope(eb, eb.ref('kode_desa'), options.actor))
      .execute();
    const existing = new Set(found.map((f) => f.nik));
    for (const p of accepted) if (p.value!.nik !== null && existing.has(p.value!.nik)) p.report.warnings.push('NIK_EXISTS');
  };

  /** The report's part, strictly in file order. */
  const settle = async (current: Pending[]) => {
    for (const p of current) {
      if (p.report.errors.length > 0) report.rejected += 1;
      else report.accepted += 1;
      if (keepRows && (p.report.errors.length > 0 || p.report.warnings.length > 0)) report.rows.push(p.report);
      options.onRow?.(p.source, p.report);
    }
    settledRows += current.length;
    await options.onProgress?.(settledRows);
  };

  // Batches are read and checked while earlier ones are written; on PostgreSQL up to
  // `parallelWrites` write at once on their own connections and cores. Batches hold different NIKs
  // (a repeated NIK is refused before it reaches the store), so their transactions never collide.
  const writing: Array<{ batch: Pending[]; written: Promise<void> }> = [];
  const settleOldest = async () => {
    const oldest = writing.shift()!;
    await oldest.written;
    await settle(oldest.batch);
  };
  const submit = async (current: Pending[]) => {
    if (writing.length >= Math.max(1, options.parallelWrites ?? 1)) await settleOldest();
    const written = write(current);
    written.catch(() => undefined); // surfaced when settled, not as an unhandled rejection
    writing.push({ batch: current, written });
  };

  let skipping = options.skipRows ?? 0;
  try {
    for await (const source of rows) {
      if (skipping > 0) {
        skipping -= 1;
        const nik = typeof source.cells.nik === 'string' ? cleanNik(source.cells.nik) : '';
        if (nik !== '') seen.add(nik);
        continue;
      }
      report.total += 1;
      const check = checkImportRow(source.cells, areas, today);
      const errors = [...check.errors];
      const nik = check.value?.nik ?? (typeof source.cells.nik === 'string' ? cleanNik(source.cells.nik) : '');
      if (nik !== '' && !seen.add(nik)) errors.push('NIK_DUPLICATE_IN_FILE');
      if (check.value && !isWithinScope(options.actor.wilayah, check.value.kodeDesa)) errors.push('WILAYAH_OUTSIDE_SCOPE');
      batch.push({
        source,
        report: { line: source.line, errors, warnings: [...check.warnings] },
        value: errors.length === 0 ? check.value : undefined,
      });
      if (batch.length >= batchSize) {
        await submit(batch);
        batch = [];
      }
    }
    await submit(batch);
    while (writing.length > 0) await settleOldest();
  } finally {
    // Never leave a write running behind an error: the caller sees the store settled.
    await Promise.allSettled(writing.map((w) => w.written));
  }
  return report;
}

/**
 * One audit event per person the import changed, naming the fields that changed: ids and field
 * names only, never a value (no NIK, no name). Written in the batch's transaction.
 */
async function recordChanges(trx: Kysely<DB>, options: ImportOptions, changes: UpsertResult['changes']): Promise<void> {
  const actorId = options.actor.id === SYSTEM_ACTOR.id ? null : options.actor.id;
  // 10 parameters a row; PGlite answers nothing after a statement of more than 32,767 parameters.
  for (let i = 0; i < changes.length; i += 2000) {
    await trx
      .insertInto('audit_events')
      .values(
        changes.slice(i, i + 2000).map((c) => ({
          actor_id: actorId,
          actor_username: options.actor.username,
          action: 'beneficiary.import.update',
          entity_type: 'beneficiary',
          entity_id: c.id,
          subject_id: c.id,
          wilayah: c.kodeDesa,
          ip: options.origin.ip,
          request_id: options.origin.requestId,
          details: JSON.stringify({ fields: c.fields, ...(options.importId ? { importId: options.importId } : {}) }),
        })),
      )
      .execute();
  }
}
