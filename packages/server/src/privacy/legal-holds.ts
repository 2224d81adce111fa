import type { LegalHoldView } from '@tuntas/domain';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { hidesIdentity, type IdentityFlags } from '../authz/identity-protection.js';
import { retentionPolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import { loadBeneficiary } from '../beneficiaries/beneficiary-service.js';
import { loadCase } from '../cases/case-service.js';
import type { DB, LegalHoldsTable } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';

/**
 * Legal holds: a person or a case kept exactly as it is — never anonymised by the retention job
 * (privacy/retention-run.ts) — while a court case, an investigation or a complaint needs it. A
 * hold on a case keeps its person too, and a hold on a person all their cases. The hold is a
 * decision about someone's record, so the one identity rule applies: a protected person's record
 * is held by whoever may see who it is (their area's koordinator). The reason stays in the hold's
 * row; the audit event names the hold, never the reason (which may name people).
 */

export type { LegalHoldView };

const view = (r: Selectable<LegalHoldsTable>): LegalHoldView => ({
  id: r.id,
  beneficiaryId: r.beneficiary_id,
  caseId: r.case_id,
  wilayah: r.wilayah,
  alasan: r.alasan,
  dibuatOleh: r.dibuat_oleh,
  dibuatPada: r.dibuat_pada.toISOString(),
  dicabutOleh: r.dicabut_oleh,
  dicabutPada: r.dicabut_pada?.toISOString() ?? null,
  alasanCabut: r.alasan_cabut,
});

function reason(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length < 5 || trimmed.length > 1000) throw new AppError('LEGAL_HOLD_REASON_REQUIRED');
  return trimmed;
}

type Target = { kind: 'beneficiary'; id: string } | { kind: 'case'; id: string };

/** The held record as the caller may see it: out of scope is 404; a hidden identity may not be held or released. */
async function loadTarget(db: Kysely<DB>, actor: Actor, target: Target): Promise<{ wilayah: string; subjectId: string }> {
  if (!retentionPolicy.hold(actor)) throw new AppError('FORBIDDEN');
  const record: IdentityFlags & { wilayah: string; subjectId: string } =
    target.kind === 'beneficiary'
      ? await loadBeneficiary(db, actor, target.id).then((p) => ({ ...p, wilayah: p.kode_desa, subjectId: p.id }))
      : await loadCase(db, actor, target.id).then((c) => ({ ...c, subjectId: c.beneficiary_id }));
  if (hidesIdentity(record)) throw new AppError('IDENTITY_PROTECTED');
  return record;
}

export async function placeLegalHold(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  target: Target,
  input: { alasan: string },
): Promise<LegalHoldView> {
  const alasan = reason(input.alasan);
  return db.transaction().execute(async (trx) => {
    const record = await loadTarget(trx, actor, target);
    const column = target.kind === 'beneficiary' ? 'beneficiary_id' : 'case_id';
    const active = await trx
      .selectFrom('legal_holds')
      .select('id')
      .where(column, '=', target.id)
      .where('dicabut_pada', 'is', null)
      .executeTakeFirst();
    if (active) throw new AppError('LEGAL_HOLD_ACTIVE', { holdId: active.id });
    const row = await trx
      .insertInto('legal_holds')
      .values({ [column]: target.id, wilayah: record.wilayah, alasan, dibuat_oleh: actor.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'retention.hold',
      entityType: target.kind,
      entityId: target.id,
      wilayah: record.wilayah,
      subjectId: record.subjectId,
      details: { holdId: row.id },
    });
    return view(row);
  });
}

export async function releaseLegalHold(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: { alasan: string },
): Promise<LegalHoldView> {
  if (!retentionPolicy.hold(actor)) throw new AppError('FORBIDDEN');
  const alasan = reason(input.alasan);
  return db.transaction().execute(async (trx) => {
    const hold = await trx
      .selectFrom('legal_holds')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, eb.ref('wilayah'), actor))
      .forUpdate()
      .executeTakeFirst();
    if (!hold) throw notFound();
    const target: Target = hold.beneficiary_id ? { kind: 'beneficiary', id: hold.beneficiary_id } : { kind: 'case', id: hold.case_id! };
    const record = await loadTarget(trx, actor, target);
    if (hold.dicabut_pada) throw new AppError('LEGAL_HOLD_RELEASED');
    const row = await trx
      .updateTable('legal_holds')
      .set({ dicabut_oleh: actor.id, dicabut_pada: new Date(), alasan_cabut: alasan })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'retention.hold_release',
      entityType: target.kind,
      entityId: target.id,
      wilayah: hold.wilayah,
      subjectId: record.subjectId,
      details: { holdId: id },
    });
    return view(row);
  });
}

/** Holds in the caller's scope, newest first; only those in force unless `semua`. */
export async function listLegalHolds(db: Kysely<DB>, actor: Actor, options: { semua: boolean }): Promise<LegalHoldView[]> {
  if (!retentionPolicy.hold(actor)) throw new AppError('FORBIDDEN');
  let query = db
    .selectFrom('legal_holds')
    .selectAll()
    .where((eb) => inScope(eb, eb.ref('wilayah'), actor));
  if (!options.semua) query = query.where('dicabut_pada', 'is', null);
  const rows = await query.orderBy('dibuat_pada', 'desc').limit(1000).execute();
  return rows.map(view);
}
