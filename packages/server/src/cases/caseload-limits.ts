import type { CaseloadLimitsView } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { caseloadLimitPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import type { CaseloadLimits } from '../dashboard/overview.js';
import { AppError } from '../http/app-error.js';

/** The server's settings, which hold until Data referensi sets the limits. */
export function settingsLimits(config: Pick<Config, 'caseloadRecommended' | 'caseloadMaximum'>): CaseloadLimits {
  return { rekomendasi: config.caseloadRecommended, maksimum: config.caseloadMaximum };
}

/** The limits in force now: the row kept on Data referensi, else the server's settings. Read at each use, so a change needs no restart. */
export async function caseloadLimits(db: Kysely<DB>, fallback: CaseloadLimits): Promise<CaseloadLimitsView> {
  const row = await db.selectFrom('caseload_limits').select(['rekomendasi', 'maksimum', 'updated_at']).executeTakeFirst();
  return row
    ? { rekomendasi: row.rekomendasi, maksimum: row.maksimum, sumber: 'referensi', diubahPada: row.updated_at.toISOString() }
    : { ...fallback, sumber: 'pengaturan', diubahPada: null };
}

export async function setCaseloadLimits(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: CaseloadLimits,
  fallback: CaseloadLimits,
): Promise<CaseloadLimitsView> {
  if (!caseloadLimitPolicy.manage(actor)) throw new AppError('FORBIDDEN');
  if (input.rekomendasi > input.maksimum) throw new AppError('CASELOAD_LIMITS_INVALID');
  await db.transaction().execute(async (trx) => {
    const before = await caseloadLimits(trx, fallback);
    const values = { rekomendasi: input.rekomendasi, maksimum: input.maksimum, updated_by: actor.id, updated_at: new Date() };
    await trx
      .insertInto('caseload_limits')
      .values(values)
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'caseload-limits.set',
      entityType: 'caseload_limits',
      entityId: 'nasional',
      details: { ...input, sebelumnya: { rekomendasi: before.rekomendasi, maksimum: before.maksimum } },
    });
  });
  return caseloadLimits(db, fallback);
}
