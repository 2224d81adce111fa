import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { SessionRecord } from '@tuntas/domain';
import type { Actor } from '../authz/actor.js';
import type { DB } from '../db/schema.js';

export const SESSION_COOKIE = 'tuntas_sid';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** Only the hash of a token is stored: a leaked sessions table opens no account. */
export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<DB>,
  userId: string,
  policy: SessionPolicy,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      id: tokenId(token),
      user_id: userId,
      last_seen_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/** Last-seen is written at most once a minute, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

/** The signed-in user behind a session, and whether they must replace an admin-set password first. */
export interface SessionUser {
  actor: Actor;
  mustChangePassword: boolean;
  /** Two-factor sign-in is on for this user. */
  twoFactorEnabled: boolean;
  /** When this session ends unless used again: the idle limit from its last use, at most the absolute limit. */
  expiresAt: Date;
}

export async function resolveSession(db: Kysely<DB>, token: string, policy: SessionPolicy): Promise<SessionUser | null> {
  const id = tokenId(token);
  const idleCutoff = new Date(Date.now() - policy.idleMinutes * 60_000);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('user_totp', 'user_totp.user_id', 'users.id')
    .select([
      'users.id',
      'users.username',
      'users.role',
      'users.wilayah',
      'users.must_change_password',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'user_totp.enabled_at as totp_enabled_at',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('sessions.last_seen_at', '>', idleCutoff)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  let lastSeen = row.last_seen_at;
  if (Date.now() - lastSeen.getTime() > TOUCH_INTERVAL_MS) {
    lastSeen = new Date();
    await db.updateTable('sessions').set({ last_seen_at: lastSeen }).where('id', '=', id).execute();
  }
  const idleEnd = lastSeen.getTime() + policy.idleMinutes * 60_000;
  return {
    actor: { id: row.id, username: row.username, role: row.role, wilayah: row.wilayah },
    mustChangePassword: row.must_change_password,
    twoFactorEnabled: row.totp_enabled_at !== null,
    expiresAt: new Date(Math.min(idleEnd, row.expires_at.getTime())),
  };
}

/**
 * Whether a token the server no longer honours was ended on purpose (revoked, or its account
 * disabled) rather than by time: the device then erases its PIN (issue 17), since the PIN must not
 * open the work of an account an admin closed. Only the holder of a real token learns this.
 */
export async function sessionRevoked(db: Kysely<DB>, token: string): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select('sessions.id')
    .where('sessions.id', '=', tokenId(token))
    .where((eb) => eb.or([eb('sessions.revoked_at', 'is not', null), eb('users.disabled_at', 'is not', null)]))
    .executeTakeFirst();
  return row !== undefined;
}

export async function revokeSession(db: Kysely<DB>, token: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId(token))
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every session of the user; answers how many were still open (not yet revoked). */
export async function revokeUserSessions(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends every session of the user except the one holding `keepToken` (after a password change). */
export async function revokeOtherSessions(db: Kysely<DB>, userId: string, keepToken: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('id', '<>', tokenId(keepToken))
    .where('revoked_at', 'is', null)
    .execute();
}

/** A user's open sessions (not revoked, not expired), newest first, as clients see them: a handle, never the token's hash. */
export async function openSessionsOf(db: Kysely<DB>, userId: string): Promise<Array<SessionRecord & { hash: string }>> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    hash: r.id,
    id: r.id.slice(0, 16),
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    ip: r.ip,
    userAgent: r.user_agent,
  }));
}
