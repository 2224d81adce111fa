import { randomInt } from 'node:crypto';
import { checkPassword, type LastSignIn, type Role, type SessionRecord, type UserDetailRecord, type UserRecord } from '@tuntas/domain';
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { rotateDeviceKey } from '../auth/device-key.js';
import { hashPassword } from '../auth/password-hash.js';
import { openSessionsOf, revokeUserSessions } from '../auth/sessions.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { userPolicy } from '../authz/policies.js';
import { inScope, inScopeOrNational } from '../authz/scope.js';
import type { DB, UsersTable } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';

export type UserView = UserRecord;

type UserRow = Selectable<UsersTable> & { last_sign_in_at?: Date | string | null };

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    wilayah: row.wilayah,
    namaLengkap: row.nama_lengkap,
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at.toISOString(),
    lastSignInAt: row.last_sign_in_at ? new Date(row.last_sign_in_at).toISOString() : null,
  };
}

/**
 * A refused attempt is an event too (issue 20: every attempt audited). It is written after the
 * refused transaction rolled back, so it records the code and never a changed row; it carries the
 * actor's own area, so the auditor of the area the attempt came from reads it.
 */
export async function auditRefusals<T>(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  action: string,
  entityId: string | null,
  details: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      await recordAudit(db, actor, origin, {
        action: `${action}.refused`,
        entityType: 'user',
        entityId,
        wilayah: actor.wilayah,
        details: { ...details, code: error.code },
      });
    }
    throw error;
  }
}

const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password an admin hands over (16 characters from 31, ~79 bits), replaced at first sign-in. */
export function temporaryPassword(username: string): string {
  for (;;) {
    const chars = Array.from({ length: 16 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]);
    const candidate = [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
    if (!checkPassword(candidate, username)) return candidate;
  }
}

/** The last sign-in of each account, from its sessions (one is created by every sign-in). */
const lastSignIn = sql<Date | null>`(select max(s.created_at) from sessions s where s.user_id = users.id)`;

/** Roles whose work is always tied to an area. */
const NEEDS_WILAYAH: ReadonlySet<Role> = new Set(['pendamping']);

async function assertWilayah(db: Kysely<DB>, role: Role, wilayah: string | null): Promise<void> {
  if (wilayah === null) {
    if (NEEDS_WILAYAH.has(role)) throw new AppError('SCOPE_REQUIRED');
    return;
  }
  const found = await db.selectFrom('wilayah').select('kode').where('kode', '=', wilayah).executeTakeFirst();
  if (!found) throw new AppError('WILAYAH_UNKNOWN', { wilayah });
}

function assertPassword(password: string, username: string): void {
  const problem = checkPassword(password, username);
  if (problem) throw new AppError('WEAK_PASSWORD', { reason: problem });
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  wilayah: string | null;
  namaLengkap?: string | null;
}

/**
 * How a password was set. An admin's (through the API or the web) is known to two people, so its
 * owner must replace it at first sign-in; the CLI's (`user add`, `user reset-password`) and the
 * demo seed's are set by whoever runs the server and are exempt.
 */
export interface PasswordSetting {
  mustChangePassword: boolean;
}

const BY_OPERATOR: PasswordSetting = { mustChangePassword: false };

export async function createUser(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: NewUser,
  setting: PasswordSetting = BY_OPERATOR,
): Promise<UserView> {
  return auditRefusals(db, actor, origin, 'user.create', null, { username: input.username, role: input.role, wilayah: input.wilayah }, () =>
    insertUser(db, actor, origin, input, setting),
  );
}

async function insertUser(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: NewUser,
  setting: PasswordSetting,
): Promise<UserView> {
  if (!userPolicy.list(actor)) throw new AppError('FORBIDDEN');
  if (!userPolicy.grants(actor, input.role)) throw new AppError('ROLE_NOT_GRANTABLE', { role: input.role });
  if (!userPolicy.manage(actor, { role: input.role, wilayah: input.wilayah })) throw new AppError('SCOPE_OUTSIDE_OWN');
  assertPassword(input.password, input.username);
  await assertWilayah(db, input.role, input.wilayah);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where(sql`lower(username)`, '=', input.username.toLowerCase())
      .executeTakeFirst();
    if (taken) throw new AppError('USERNAME_TAKEN');
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        password_hash: passwordHash,
        role: input.role,
        wilayah: input.wilayah,
        nama_lengkap: input.namaLengkap ?? null,
        disabled_at: null,
        must_change_password: setting.mustChangePassword,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      wilayah: row.wilayah,
      details: { username: row.username, role: row.role, wilayah: row.wilayah },
    });
    return toUserView(row);
  });
}

/** Loads an account the actor may manage; anything else is "not found", never "forbidden". */
export async function loadManaged(db: Kysely<DB>, actor: Actor, id: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().select(lastSignIn.as('last_sign_in_at')).where('id', '=', id).executeTakeFirst();
  if (!row || !userPolicy.manage(actor, row)) throw notFound();
  return row;
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<Selectable<UsersTable> | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export type UserDetail = UserDetailRecord;

export async function getUser(db: Kysely<DB>, actor: Actor, id: string): Promise<UserDetail> {
  if (!userPolicy.list(actor)) throw new AppError('FORBIDDEN');
  const row = await loadManaged(db, actor, id);
  const [history, totp] = await Promise.all([
    db
      .selectFrom('penugasan')
      .select(['wilayah', 'sejak'])
      .where('user_id', '=', id)
      .orderBy('sejak', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db.selectFrom('user_totp').select('enabled_at').where('user_id', '=', id).where('enabled_at', 'is not', null).executeTakeFirst(),
  ]);
  return {
    ...toUserView(row),
    riwayatPenugasan: history.map((h) => ({ wilayah: h.wilayah, sejak: h.sejak.toISOString() })),
    duaLangkahAktif: totp !== undefined,
  };
}

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  role?: Role | undefined;
  /** An area prefix inside the caller's scope. */
  wilayah?: string | undefined;
  /** true: enabled accounts only; false: disabled ones only. */
  aktif?: boolean | undefined;
  lastSignIn?: LastSignIn | undefined;
}

export async function listUsers(db: Kysely<DB>, actor: Actor, query: UserListQuery): Promise<{ items: UserView[]; total: number }> {
  if (!userPolicy.list(actor)) throw new AppError('FORBIDDEN');
  let base = db.selectFrom('users').where((eb) => inScopeOrNational(eb, eb.ref('wilayah'), actor));
  // A koordinator manages the pendamping of their own area, and sees only them.
  if (actor.role !== 'admin') base = base.where('role', '=', 'pendamping');
  if (query.role) base = base.where('role', '=', query.role);
  if (query.wilayah) base = base.where((eb) => inScope(eb, eb.ref('wilayah'), { wilayah: query.wilayah! }));
  if (query.aktif !== undefined) base = base.where('disabled_at', query.aktif ? 'is' : 'is not', null);
  if (query.lastSignIn) {
    const days = query.lastSignIn === 'over90d' ? 90 : 30;
    const cutoff = sql<Date>`now() - make_interval(days => ${days})`;
    const signedIn = (eb: ExpressionBuilder<DB, 'users'>, since?: typeof cutoff) =>
      eb.exists(
        eb
          .selectFrom('sessions as s')
          .select('s.id')
          .whereRef('s.user_id', '=', 'users.id')
          .$if(since !== undefined, (q) => q.where('s.created_at', '>', since!)),
      );
    if (query.lastSignIn === 'never') base = base.where((eb) => eb.not(signedIn(eb)));
    else if (query.lastSignIn === 'within30d') base = base.where((eb) => signedIn(eb, cutoff));
    else base = base.where((eb) => eb.and([signedIn(eb), eb.not(signedIn(eb, cutoff))]));
  }
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
    base = base.where((eb) => eb.or([eb('username', 'ilike', like), eb('nama_lengkap', 'ilike', like)]));
  }
  const [items, count] = await Promise.all([
    base
      .selectAll()
      .select(lastSignIn.as('last_sign_in_at'))
      .orderBy('username')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(toUserView), total: count.n };
}

export interface UserChange {
  role?: Role;
  /** undefined: unchanged; null: national. */
  wilayah?: string | null;
  disabled?: boolean;
  namaLengkap?: string | null;
}

export async function updateUser(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, id: string, change: UserChange): Promise<UserView> {
  return auditRefusals(db, actor, origin, 'user.update', id, { change }, () => changeUser(db, actor, origin, id, change));
}

/** Locks the enabled national admins and refuses a change that would leave none. */
async function assertNationalAdminRemains(trx: Kysely<DB>, id: string): Promise<void> {
  const admins = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('wilayah', 'is', null)
    .where('disabled_at', 'is', null)
    .forUpdate()
    .execute();
  if (!admins.some((a) => a.id !== id)) throw new AppError('LAST_NATIONAL_ADMIN');
}

async function changeUser(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, id: string, change: UserChange): Promise<UserView> {
  const current = await loadManaged(db, actor, id);
  const role = change.role ?? current.role;
  const wilayah = change.wilayah === undefined ? current.wilayah : change.wilayah;
  if (change.role !== undefined && change.role !== current.role && !userPolicy.grants(actor, change.role))
    throw new AppError('ROLE_NOT_GRANTABLE', { role: change.role });
  if (!userPolicy.manage(actor, { role, wilayah })) throw new AppError('SCOPE_OUTSIDE_OWN');
  if (change.role !== undefined || change.wilayah !== undefined) await assertWilayah(db, role, wilayah);
  if (change.disabled && current.id === actor.id) throw new AppError('SELF_DISABLE');
  const wasNationalAdmin = current.role === 'admin' && current.wilayah === null && current.disabled_at === null;
  const staysNationalAdmin = role === 'admin' && wilayah === null && !(change.disabled ?? current.disabled_at !== null);
  return db.transaction().execute(async (trx) => {
    if (wasNationalAdmin && !staysNationalAdmin) await assertNationalAdminRemains(trx, id);
    const row = await trx
      .updateTable('users')
      .set({
        role,
        wilayah,
        nama_lengkap: change.namaLengkap === undefined ? current.nama_lengkap : change.namaLengkap,
        disabled_at: change.disabled === undefined ? current.disabled_at : change.disabled ? (current.disabled_at ?? new Date()) : null,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // A narrower role or scope, or a disabled account, must not live on in open sessions.
    if (change.disabled || change.role !== undefined || change.wilayah !== undefined) await revokeUserSessions(trx, id);
    // A disabled account's phones keep nothing readable, even if it is enabled again later.
    if (change.disabled && current.disabled_at === null) await rotateDeviceKey(trx, id);
    await recordAudit(trx, actor, origin, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      wilayah: row.wilayah ?? current.wilayah,
      details: {
        before: { role: current.role, wilayah: current.wilayah, disabled: current.disabled_at !== null },
        after: { role: row.role, wilayah: row.wilayah, disabled: row.disabled_at !== null },
        ...(change.namaLengkap !== undefined && { fields: ['namaLengkap'] }),
      },
    });
    return toUserView({ ...row, last_sign_in_at: current.last_sign_in_at ?? null });
  });
}

/**
 * Sets a password an admin hands over: the one given, or (none given) a temporary one generated
 * here and returned once. Either way the owner replaces it at first sign-in (through the API) and
 * every open session of the account ends.
 */
export async function resetPassword(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  password: string | null,
  setting: PasswordSetting = BY_OPERATOR,
): Promise<{ temporaryPassword: string | null }> {
  return auditRefusals(db, actor, origin, 'user.password_reset', id, {}, async () => {
    const current = await loadManaged(db, actor, id);
    const chosen = password ?? temporaryPassword(current.username);
    assertPassword(chosen, current.username);
    const passwordHash = await hashPassword(chosen);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: setting.mustChangePassword, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await revokeUserSessions(trx, id);
      await recordAudit(trx, actor, origin, {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: id,
        wilayah: current.wilayah,
        details: { mustChangePassword: setting.mustChangePassword, generated: password === null },
      });
    });
    return { temporaryPassword: password === null ? chosen : null };
  });
}

export type SessionView = SessionRecord;

/** A user's open sessions (not revoked, not expired), newest first. */
export async function listUserSessions(db: Kysely<DB>, actor: Actor, id: string): Promise<SessionView[]> {
  if (!userPolicy.list(actor)) throw new AppError('FORBIDDEN');
  await loadManaged(db, actor, id);
  return (await openSessionsOf(db, id)).map(({ hash: _hash, ...view }) => view);
}

/** Ends one session of the user (by its handle) or, with none named, all of them; answers how many ended. */
export async function endUserSessions(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  handle: string | null,
): Promise<{ ended: number }> {
  return auditRefusals(db, actor, origin, 'user.sessions_end', id, {}, async () => {
    if (!userPolicy.list(actor)) throw new AppError('FORBIDDEN');
    const current = await loadManaged(db, actor, id);
    return db.transaction().execute(async (trx) => {
      let q = trx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null);
      if (handle !== null) q = q.where('id', 'like', `${handle}%`);
      const result = await q.executeTakeFirst();
      const ended = Number(result.numUpdatedRows);
      if (handle !== null && ended === 0) throw notFound();
      await recordAudit(trx, actor, origin, {
        action: 'user.sessions_end',
        entityType: 'user',
        entityId: id,
        wilayah: current.wilayah,
        details: { ended, all: handle === null },
      });
      return { ended };
    });
  });
}

/**
 * An account as it is now, as the actor a background job acts for (it may run long after the
 * request, on any node); null when the account is gone or disabled.
 */
export async function activeActor(db: Kysely<DB>, id: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'wilayah'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return user ? { id: user.id, username: user.username, role: user.role, wilayah: user.wilayah } : null;
}
