import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import type { DB } from '../db/schema.js';

/**
 * The user's device key (issue 17): the phone wraps the AES key of its kept working set and outbox
 * with it, so those are readable only while the server would still hand this key to the user.
 * Made on first ask; one per user, the same on each of their devices (a pendamping may move to a
 * new phone with queued work restored from a backup of the browser profile).
 */
export async function deviceKey(db: Kysely<DB>, actor: Actor): Promise<string> {
  await db
    .insertInto('device_keys')
    .values({ user_id: actor.id, key: randomBytes(32) })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  const row = await db.selectFrom('device_keys').select('key').where('user_id', '=', actor.id).executeTakeFirstOrThrow();
  return Buffer.from(row.key).toString('base64url');
}

/** A new key: every copy kept on any of the user's devices becomes unreadable at once. */
export async function rotateDeviceKey(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('device_keys').where('user_id', '=', userId).execute();
}
