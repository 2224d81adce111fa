import type { OwnSessionRecord } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../http/app-error.js';
import { openSessionsOf, tokenId } from './sessions.js';

/** The signed-in user's open sessions (devices), newest first; the one making the request is marked. */
export async function listOwnSessions(db: Kysely<DB>, actor: Actor, token: string): Promise<OwnSessionRecord[]> {
  const current = tokenId(token);
  return (await openSessionsOf(db, actor.id)).map(({ hash, ...view }) => ({ ...view, current: hash === current }));
}

/** Signs one of one's own devices out (a lost phone); another user's handle is simply not found. */
export async function endOwnSession(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, handle: string): Promise<void> {
  const ended = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', actor.id)
    .where('revoked_at', 'is', null)
    .where('id', 'like', `${handle}%`)
    .returning('id')
    .execute();
  if (ended.length !== 1) throw notFound();
  await recordAudit(db, actor, origin, {
    action: 'auth.session_end',
    entityType: 'user',
    entityId: actor.id,
    wilayah: actor.wilayah,
    details: { ended: 1 },
  });
}
