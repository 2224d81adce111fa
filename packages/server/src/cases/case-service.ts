import {
  deriveStatus,
  isWithinScope,
  ppksByCode,
  usiaSesuaiKategori,
  type CaseRecord,
  type CaseSort,
  type CaseStatus,
  type TahapanCode,
} from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { auditProtectedReads } from '../audit/protected-reads.js';
import { seesIdentitySql } from '../authz/identity-protection.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { casePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import { loadBeneficiary } from '../beneficiaries/beneficiary-service.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, notFound, versionConflict } from '../http/app-error.js';
import { workerClock } from '../workforce/worker.js';
import { caseFilters, caseOrder } from './case-filters.js';
import { appendCaseEvent } from './case-events.js';
import { casesWithNames, toCaseView, type CaseRow } from './case-view.js';

export interface CaseQuery {
  page: number;
  pageSize: number;
  status?: CaseStatus | undefined;
  ppks?: string | undefined;
  wilayah?: string | undefined;
  tahapan?: TahapanCode | undefined;
  pendampingId?: string | undefined;
  beneficiaryId?: string | undefined;
  terlambat?: boolean | undefined;
  tanpaPendamping?: boolean | undefined;
  urut?: CaseSort | undefined;
  arah?: 'asc' | 'desc' | undefined;
  /** Case number or the person's name. */
  q?: string | undefined;
}

function scoped(db: Kysely<DB>, actor: Actor) {
  return casesWithNames(db, actor).where((eb) => inScope(eb, eb.ref('cases.wilayah'), actor));
}

/** Reads of a protected person's cases by anyone but their pendamping are audited, one row per case. */
export function auditCaseReads(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, action: string, rows: readonly CaseRow[]) {
  const reads = rows.map((r) => ({ entityType: 'case', entityId: r.id, subjectId: r.beneficiary_id, wilayah: r.wilayah, flags: r }));
  return auditProtectedReads(db, actor, origin, action, reads);
}

export async function listCases(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  query: CaseQuery,
): Promise<{ items: CaseRecord[]; total: number }> {
  let matching = db.selectFrom('cases').where(caseFilters(actor, query));
  const q = query.q?.trim() ?? '';
  if (/^K-\d+$/i.test(q)) matching = matching.where('cases.nomor', '=', q.toUpperCase());
  else if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // A name search never answers a question about a person the caller may not identify.
    matching = matching
      .innerJoin('beneficiaries as b', 'b.id', 'cases.beneficiary_id')
      .where('b.nama', 'ilike', pattern)
      .where(seesIdentitySql(actor, 'b'));
  }
  // The page is chosen on `cases` alone (an index walk that stops at the page), then the names of
  // just those rows are joined: joining first makes PostgreSQL join a whole caseload to sort it.
  const [page, count] = await Promise.all([
    matching
      .select('cases.id')
      .orderBy(caseOrder(query))
      .orderBy('cases.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const rows =
    page.length === 0
      ? []
      : ((await casesWithNames(db, actor)
          .where(
            'cases.id',
            'in',
            page.map((r) => r.id),
          )
          .execute()) as CaseRow[]);
  // The names were joined in any order: the page keeps the order it was chosen in.
  const at = new Map(page.map((r, i) => [r.id, i]));
  rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
  await auditCaseReads(db, actor, origin, 'case.search', rows);
  return { items: rows.map((r) => toCaseView(r, actor)), total: Number(count.n) };
}

/** 409 VERSION_CONFLICT with the case as it is now, in the caller's view (nothing when it left their scope). */
export async function caseConflict(db: Kysely<DB>, actor: Actor, id: string): Promise<AppError> {
  const now = await scoped(db, actor).where('cases.id', '=', id).executeTakeFirst();
  return versionConflict(now ? toCaseView(now as CaseRow, actor) : null);
}

export async function loadCase(db: Kysely<DB>, actor: Actor, id: string): Promise<CaseRow> {
  const row = await scoped(db, actor).where('cases.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row as CaseRow;
}

/** The case as the caller may see it (after a write: the writer's own view, not a read to audit). */
export async function getCase(db: Kysely<DB>, actor: Actor, id: string): Promise<CaseRecord> {
  return toCaseView(await loadCase(db, actor, id), actor);
}

export async function readCase(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, id: string): Promise<CaseRecord> {
  const row = await loadCase(db, actor, id);
  await auditCaseReads(db, actor, origin, 'case.read', [row]);
  return toCaseView(row, actor);
}

export interface NewCase {
  /** A client-generated UUID (a case opened offline keeps it); one already used answers 409 ID_TAKEN. */
  id?: string | undefined;
  beneficiaryId: string;
  ppks: string;
  /** Defaults to the person's village. */
  wilayah?: string | undefined;
  pendampingId?: string | null | undefined;
  ringkasan?: string | null | undefined;
}

const invalid = (field: string, reason: string): AppError => fieldError('CASE_INVALID', field, reason);

/**
 * One open case per person and problem: a second one would split the history and double-count
 * the funnel. Checked on opening, recategorising and reopening; the partial unique index
 * `cases_one_open_idx` holds it against races.
 */
export async function assertNoOtherOpenCase(db: Kysely<DB>, beneficiaryId: string, ppks: string, exceptId: string | null): Promise<void> {
  let open = db
    .selectFrom('cases')
    .select(['id', 'nomor'])
    .where('beneficiary_id', '=', beneficiaryId)
    .where('ppks', '=', ppks)
    .where('status', 'in', ['terdata', 'tertangani']);
  if (exceptId) open = open.where('id', '!=', exceptId);
  const other = await open.executeTakeFirst();
  if (other) throw new AppError('CONFLICT', { reason: 'KASUS_TERBUKA_SUDAH_ADA', id: other.id, nomor: other.nomor });
}

/**
 * Age fits the category (domain `ppks-age.ts`): ABT under 5, children's categories under 18 (ABH
 * under 21), LUT 60 and over, on the local date of the case's area. Checked when a case is opened
 * and when it is moved to another category, not as the person grows older during the work.
 */
export function assertAgeFitsCategory(ppks: string, tanggalLahir: string, wilayah: string, now: Date = new Date()): void {
  const fit = usiaSesuaiKategori(ppks, tanggalLahir, workerClock(wilayah, now).tanggal);
  if (fit.ok) return;
  const { min, kurangDari, sumber } = fit.batas;
  throw new AppError('CASE_AGE_OUTSIDE_CATEGORY', [
    {
      field: 'ppks',
      code: 'USIA_TIDAK_SESUAI',
      ppks,
      usia: fit.usia,
      ...(min === undefined ? {} : { min }),
      ...(kurangDari === undefined ? {} : { kurangDari }),
      sumber,
    },
  ]);
}

/** A pendamping may own a case only inside their own area. */
export async function assertPendamping(db: Kysely<DB>, pendampingId: string, wilayah: string): Promise<void> {
  const user = await db.selectFrom('users').select(['role', 'wilayah', 'disabled_at']).where('id', '=', pendampingId).executeTakeFirst();
  if (!user || user.role !== 'pendamping' || user.disabled_at !== null) throw invalid('pendampingId', 'BUKAN_PENDAMPING_AKTIF');
  if (!isWithinScope(user.wilayah, wilayah)) throw invalid('pendampingId', 'DI_LUAR_WILAYAH_PENDAMPING');
}

async function assertWilayah(db: Kysely<DB>, actor: Actor, wilayah: string): Promise<void> {
  const area = await db.selectFrom('wilayah').select('kode').where('kode', '=', wilayah).executeTakeFirst();
  if (!area) throw new AppError('WILAYAH_UNKNOWN');
  if (!isWithinScope(actor.wilayah, wilayah)) throw new AppError('SCOPE_OUTSIDE_OWN');
}

export async function createCase(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, input: NewCase): Promise<CaseRecord> {
  if (!casePolicy.create(actor)) throw new AppError('FORBIDDEN');
  const person = await loadBeneficiary(db, actor, input.beneficiaryId);
  if (!ppksByCode(input.ppks)) throw invalid('ppks', 'KATEGORI_TIDAK_DIKENAL');
  const wilayah = input.wilayah ?? person.kode_desa;
  await assertWilayah(db, actor, wilayah);
  assertAgeFitsCategory(input.ppks, person.tanggal_lahir, wilayah);
  let pendampingId = input.pendampingId ?? null;
  if (actor.role === 'pendamping') {
    if (pendampingId !== null && pendampingId !== actor.id) throw new AppError('FORBIDDEN');
    pendampingId = actor.id;
  }
  if (pendampingId !== null) await assertPendamping(db, pendampingId, wilayah);

  const id = await db.transaction().execute(async (trx) => {
    // Whoever holds the id, in scope or not, the answer is the same and names nothing.
    if (input.id && (await trx.selectFrom('cases').select('id').where('id', '=', input.id).executeTakeFirst()))
      throw new AppError('ID_TAKEN');
    await assertNoOtherOpenCase(trx, person.id, input.ppks, null);
    const row = await trx
      .insertInto('cases')
      .values({
        ...(input.id ? { id: input.id } : {}),
        beneficiary_id: person.id,
        ppks: input.ppks,
        wilayah,
        provinsi: wilayah.slice(0, 2),
        pendamping_id: pendampingId,
        tahapan: 'pendekatan_awal',
        status: deriveStatus({ tahapan: 'pendekatan_awal', closed: false, verified: false }),
        ringkasan: input.ringkasan?.trim() || null,
        created_by: actor.id,
        updated_by: actor.id,
      })
      .returning(['id', 'nomor'])
      .executeTakeFirstOrThrow();
    await appendCaseEvent(trx, row.id, actor, { jenis: 'dibuat', keTahapan: 'pendekatan_awal', data: { ppks: input.ppks, pendampingId } });
    await recordAudit(trx, actor, origin, {
      action: 'case.create',
      entityType: 'case',
      entityId: row.id,
      wilayah,
      details: { nomor: row.nomor },
    });
    return row.id;
  });
  return getCase(db, actor, id);
}

export interface CasePatch {
  ppks?: string | undefined;
  wilayah?: string | undefined;
  pendampingId?: string | null | undefined;
  ringkasan?: string | null | undefined;
}

export async function updateCase(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  version: number,
  patch: CasePatch,
): Promise<CaseRecord> {
  const current = await loadCase(db, actor, id);
  if (!casePolicy.work(actor, current)) throw new AppError('FORBIDDEN');
  const next = {
    ppks: patch.ppks ?? current.ppks,
    wilayah: patch.wilayah ?? current.wilayah,
    pendamping_id: patch.pendampingId === undefined ? current.pendamping_id : patch.pendampingId,
    ringkasan: patch.ringkasan === undefined ? current.ringkasan : patch.ringkasan?.trim() || null,
  };
  if (!ppksByCode(next.ppks)) throw invalid('ppks', 'KATEGORI_TIDAK_DIKENAL');
  if (next.ppks !== current.ppks) {
    const person = await db
      .selectFrom('beneficiaries')
      .select('tanggal_lahir')
      .where('id', '=', current.beneficiary_id)
      .executeTakeFirstOrThrow();
    assertAgeFitsCategory(next.ppks, person.tanggal_lahir, next.wilayah);
  }
  // Moving a case to someone else or elsewhere is assignment, which supervisors decide.
  const reassigns = next.pendamping_id !== current.pendamping_id || next.wilayah !== current.wilayah;
  if (reassigns && !casePolicy.supervise(actor)) throw new AppError('FORBIDDEN');
  if (next.wilayah !== current.wilayah) await assertWilayah(db, actor, next.wilayah);
  if (next.pendamping_id !== null && reassigns) await assertPendamping(db, next.pendamping_id, next.wilayah);

  const changes: Record<string, { dari: unknown; ke: unknown }> = {};
  for (const key of Object.keys(next) as Array<keyof typeof next>) {
    if (next[key] !== current[key]) changes[key] = { dari: current[key], ke: next[key] };
  }
  await db.transaction().execute(async (trx) => {
    if (next.ppks !== current.ppks && current.status !== 'ditutup')
      await assertNoOtherOpenCase(trx, current.beneficiary_id, next.ppks, current.id);
    const updated = await trx
      .updateTable('cases')
      .set({ ...next, provinsi: next.wilayah.slice(0, 2), updated_by: actor.id, updated_at: new Date(), version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw await caseConflict(trx, actor, id);
    if (Object.keys(changes).length > 0) await appendCaseEvent(trx, id, actor, { jenis: 'diubah', data: { perubahan: changes } });
    await recordAudit(trx, actor, origin, {
      action: 'case.update',
      entityType: 'case',
      entityId: id,
      wilayah: next.wilayah,
      details: { fields: Object.keys(changes) },
    });
  });
  return getCase(db, actor, id);
}
