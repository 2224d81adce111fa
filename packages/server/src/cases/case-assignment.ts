import { isWithinScope } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { casePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { overdue } from './case-deadline-sql.js';
import { appendCaseEvent } from './case-events.js';
import { assertPendamping } from './case-service.js';

export interface Caseload {
  pendampingId: string;
  username: string;
  nama: string | null;
  wilayah: string;
  /** Open cases (terdata, tertangani). */
  aktif: number;
  terlambat: number;
}

/** Every active pendamping in the caller's scope (or a narrower area) with their open and overdue cases. */
export async function caseloads(db: Kysely<DB>, actor: Actor, wilayah: string | undefined): Promise<Caseload[]> {
  // A colleague's caseload is the office's to read; a pendamping handing a case over learns only
  // names, from GET /cases/{id}/transfer-candidates.
  if (!casePolicy.supervise(actor) && actor.role !== 'direktorat') throw new AppError('FORBIDDEN');
  if (wilayah && !isWithinScope(actor.wilayah, wilayah)) throw new AppError('NOT_FOUND');
  let people = db
    .selectFrom('users')
    .where('users.role', '=', 'pendamping')
    .where('users.disabled_at', 'is', null)
    .where((eb) => inScope(eb, eb.ref('users.wilayah'), actor));
  if (wilayah) people = people.where((eb) => inScope(eb, eb.ref('users.wilayah'), { wilayah }));
  const rows = await people
    .leftJoin('cases', (join) => join.onRef('cases.pendamping_id', '=', 'users.id').on('cases.status', 'in', ['terdata', 'tertangani']))
    .select(['users.id', 'users.username', 'users.nama_lengkap', 'users.wilayah'])
    .select((eb) => [eb.fn.count<string>('cases.id').as('aktif'), sql<string>`count(*) filter (where ${overdue()})`.as('terlambat')])
    .groupBy(['users.id', 'users.username', 'users.nama_lengkap', 'users.wilayah'])
    .orderBy('users.wilayah')
    .orderBy('users.username')
    .execute();
  return rows.map((r) => ({
    pendampingId: r.id,
    username: r.username,
    nama: r.nama_lengkap,
    wilayah: r.wilayah!,
    aktif: Number(r.aktif),
    terlambat: Number(r.terlambat),
  }));
}

/**
 * Gives many cases to one pendamping at once (a koordinator's Monday). All or nothing: a case
 * outside the caller's scope answers 404, one outside the pendamping's area 422, and then no case
 * moves.
 */
export async function assignCases(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseIds: string[],
  pendampingId: string,
): Promise<{ updated: number }> {
  if (!casePolicy.supervise(actor)) throw new AppError('FORBIDDEN');
  const ids = [...new Set(caseIds)];
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'wilayah', 'pendamping_id'])
    .where('id', 'in', ids)
    .where((eb) => inScope(eb, eb.ref('cases.wilayah'), actor))
    .execute();
  if (cases.length !== ids.length) throw new AppError('NOT_FOUND');
  for (const c of cases) await assertPendamping(db, pendampingId, c.wilayah);
  const moving = cases.filter((c) => c.pendamping_id !== pendampingId);
  await db.transaction().execute(async (trx) => {
    if (moving.length === 0) return;
    await trx
      .updateTable('cases')
      .set({ pendamping_id: pendampingId, updated_by: actor.id, updated_at: new Date(), version: sql<number>`version + 1` })
      .where(
        'id',
        'in',
        moving.map((c) => c.id),
      )
      .execute();
    for (const c of moving) {
      await appendCaseEvent(trx, c.id, actor, {
        jenis: 'diubah',
        data: { perubahan: { pendamping_id: { dari: c.pendamping_id, ke: pendampingId } } },
      });
    }
    await recordAudit(trx, actor, origin, {
      action: 'case.assign',
      entityType: 'case',
      wilayah: actor.wilayah,
      details: { pendampingId, cases: moving.map((c) => c.id) },
    });
  });
  return { updated: moving.length };
}
