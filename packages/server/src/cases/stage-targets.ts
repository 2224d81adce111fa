import type { StageTarget } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { stageTargetPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';

export async function listStageTargets(db: Kysely<DB>): Promise<StageTarget[]> {
  return db.selectFrom('tahapan_target').select(['tahapan', 'ppks', 'hari']).orderBy('tahapan').orderBy('ppks', 'asc').execute();
}

/** Sets (or replaces) one target: the stage default when `ppks` is null, else a category's. */
export async function setStageTarget(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, target: StageTarget): Promise<StageTarget> {
  if (!stageTargetPolicy.manage(actor)) throw new AppError('FORBIDDEN');
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .deleteFrom('tahapan_target')
      .where('tahapan', '=', target.tahapan)
      .where(sql<boolean>`coalesce(ppks, '') = ${target.ppks ?? ''}`)
      .returning('hari')
      .executeTakeFirst();
    await trx.insertInto('tahapan_target').values(target).execute();
    await recordAudit(trx, actor, origin, {
      action: 'stage-target.set',
      entityType: 'tahapan_target',
      entityId: `${target.tahapan}:${target.ppks ?? '*'}`,
      details: { hari: target.hari, sebelumnya: previous?.hari ?? null },
    });
    return target;
  });
}
