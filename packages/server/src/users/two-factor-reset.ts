import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { revokeUserSessions } from '../auth/sessions.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { userPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { auditRefusals, loadManaged } from './user-service.js';

/**
 * A user who lost their authenticator cannot prove a second factor, so an admin of their area
 * removes it, with the reason in writing: the secret and recovery codes go, every session ends,
 * and a role that requires two factors sets them up again at the next sign-in. Never one's own
 * (another admin must do it), always audited.
 */
export async function resetTwoFactor(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  alasan: string,
): Promise<{ ended: number }> {
  return auditRefusals(db, actor, origin, 'user.2fa_reset', id, {}, async () => {
    if (!userPolicy.resetTwoFactor(actor)) throw new AppError('FORBIDDEN');
    const target = await loadManaged(db, actor, id);
    if (target.id === actor.id) throw new AppError('TWO_FACTOR_RESET_OWN');
    return db.transaction().execute(async (trx) => {
      // One row per user: deleting it when enabled removes the secret and any pending setup with it.
      const removed = await trx.deleteFrom('user_totp').where('user_id', '=', id).where('enabled_at', 'is not', null).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) throw new AppError('TWO_FACTOR_NOT_ENABLED');
      await trx.deleteFrom('user_recovery_codes').where('user_id', '=', id).execute();
      const ended = await revokeUserSessions(trx, id);
      await recordAudit(trx, actor, origin, {
        action: 'user.2fa_reset',
        entityType: 'user',
        entityId: id,
        wilayah: target.wilayah,
        details: { alasan: alasan.trim() },
      });
      return { ended };
    });
  });
}
