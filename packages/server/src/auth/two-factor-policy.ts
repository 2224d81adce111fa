import { ROLES, type Role } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { twoFactorPolicyRule } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';

/** How long a node trusts what it read: every request asks, so a change reaches other nodes within this. */
const CACHE_MS = 5_000;
const cache = new WeakMap<Kysely<DB>, { at: number; overrides: Map<Role, boolean> }>();

async function overrides(db: Kysely<DB>): Promise<Map<Role, boolean>> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.overrides;
  const rows = await db.selectFrom('two_factor_policy').select(['role', 'wajib']).execute();
  const fresh = new Map(rows.map((r) => [r.role, r.wajib]));
  cache.set(db, { at: Date.now(), overrides: fresh });
  return fresh;
}

export interface TwoFactorRoleSetting {
  role: Role;
  wajib: boolean;
  /** `pengaturan`: the server's default (TUNTAS_2FA_ROLES); `pengguna`: set by an admin on Pengguna. */
  sumber: 'pengaturan' | 'pengguna';
}

/** Must this role sign in with two factors now? The admin's setting for the role, else the server's default. */
export async function twoFactorRequired(db: Kysely<DB>, defaults: readonly Role[], role: Role): Promise<boolean> {
  return (await overrides(db)).get(role) ?? defaults.includes(role);
}

export async function twoFactorPolicy(db: Kysely<DB>, defaults: readonly Role[]): Promise<TwoFactorRoleSetting[]> {
  const set = await overrides(db);
  return ROLES.map((role) => ({
    role,
    wajib: set.get(role) ?? defaults.includes(role),
    sumber: set.has(role) ? 'pengguna' : 'pengaturan',
  }));
}

/**
 * A national admin turns the requirement on or off for a role; it holds from that role's next
 * request: an open session of someone without a second factor is sent to set it up.
 */
export async function setTwoFactorRequired(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  change: { role: Role; wajib: boolean },
  defaults: readonly Role[],
): Promise<TwoFactorRoleSetting[]> {
  if (!twoFactorPolicyRule.manage(actor)) throw new AppError('FORBIDDEN');
  const before = await twoFactorRequired(db, defaults, change.role);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('two_factor_policy')
      .values({ role: change.role, wajib: change.wajib, updated_by: actor.id })
      .onConflict((oc) => oc.column('role').doUpdateSet({ wajib: change.wajib, updated_by: actor.id, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'auth.2fa.policy',
      entityType: 'two_factor_policy',
      entityId: change.role,
      details: { wajib: change.wajib, sebelumnya: before },
    });
  });
  cache.delete(db);
  return twoFactorPolicy(db, defaults);
}
