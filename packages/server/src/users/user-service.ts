import { checkPassword, type Role } from '@tuntas/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { hashPassword } from '../auth/password-hash.js';
import { revokeUserSessions } from '../auth/sessions.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { userPolicy } from '../authz/policies.js';
import { inScopeOrNational } from '../authz/scope.js';
import type { DB, UsersTable } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';

/** What clients see of an account: never the hash. */
export interface UserView {
  id: string;
  username: string;
  role: Role;
  wilayah: string | null;
  namaLengkap: string | null;
  disabled: boolean;
  /** An admin set the password; the user replaces it at first sign-in. */
  mustChangePassword: boolean;
  createdAt: string;
}

export function toUserView(row: Selectable<UsersTable>): UserView {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    wilayah: row.wilayah,
    namaLengkap: row.nama_lengkap,
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at.toISOString(),
  };
}

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
  if (!userPolicy.manage(actor, { wilayah: input.wilayah })) {
    throw new AppError(actor.role === 'admin' ? 'SCOPE_OUTSIDE_OWN' : 'FORBIDDEN');
  }
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
async function loadManaged(db: Kysely<DB>, actor: Actor, id: string): Promise<Selectable<UsersTable>> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !userPolicy.manage(actor, row)) throw notFound();
  return row;
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<Selectable<UsersTable> | undefined> {
  return db.selectFrom('users').selectAll().where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
}

export async function getUser(db: Kysely<DB>, actor: Actor, id: string): Promise<UserView> {
  if (!userPolicy.list(actor)) throw new AppError('FORBIDDEN');
  return toUserView(await loadManaged(db, actor, id));
}

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  role?: Role | undefined;
}

export async function listUsers(db: Kysely<DB>, actor: Actor, query: UserListQuery): Promise<{ items: UserView[]; total: number }> {
  if (!userPolicy.list(actor)) throw new AppError('FORBIDDEN');
  let base = db.selectFrom('users').where((eb) => inScopeOrNational(eb, eb.ref('wilayah'), actor));
  if (query.role) base = base.where('role', '=', query.role);
  if (query.q) base = base.where('username', 'ilike', `%${query.q.replace(/[\\%_]/g, '\\$&')}%`);
  const [items, count] = await Promise.all([
    base
      .selectAll()
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

export async function updateUser(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  change: UserChange,
): Promise<UserView> {
  const current = await loadManaged(db, actor, id);
  const role = change.role ?? current.role;
  const wilayah = change.wilayah === undefined ? current.wilayah : change.wilayah;
  if (!userPolicy.manage(actor, { wilayah })) throw new AppError('SCOPE_OUTSIDE_OWN');
  if (change.role !== undefined || change.wilayah !== undefined) await assertWilayah(db, role, wilayah);
  if (change.disabled && current.id === actor.id) throw new AppError('CONFLICT', { reason: 'SELF_DISABLE' });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({
        role,
        wilayah,
        nama_lengkap: change.namaLengkap === undefined ? current.nama_lengkap : change.namaLengkap,
        disabled_at: change.disabled === undefined ? current.disabled_at : change.disabled ? new Date() : null,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // A narrower role or scope, or a disabled account, must not live on in open sessions.
    if (change.disabled || change.role !== undefined || change.wilayah !== undefined) await revokeUserSessions(trx, id);
    await recordAudit(trx, actor, origin, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      wilayah: row.wilayah ?? current.wilayah,
      details: {
        before: { role: current.role, wilayah: current.wilayah, disabled: current.disabled_at !== null },
        after: { role: row.role, wilayah: row.wilayah, disabled: row.disabled_at !== null },
      },
    });
    return toUserView(row);
  });
}

export async function resetPassword(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  password: string,
  setting: PasswordSetting = BY_OPERATOR,
): Promise<void> {
  const current = await loadManaged(db, actor, id);
  assertPassword(password, current.username);
  const passwordHash = await hashPassword(password);
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
      details: { mustChangePassword: setting.mustChangePassword },
    });
  });
}
