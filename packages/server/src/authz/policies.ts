import type { Role } from '@tuntas/domain';
import type { Actor } from './actor.js';
import { canSeeWilayah } from './scope.js';

/**
 * Per-resource policies as small pure predicates. Routes ask them; the browser only shows what
 * the server says a user may do.
 */
export const userPolicy = {
  list: (actor: Actor) => actor.role === 'admin',
  /** An admin manages accounts inside their own scope only, and never widens a scope beyond it. */
  manage: (actor: Actor, target: { wilayah: string | null }) =>
    actor.role === 'admin' && canSeeWilayah(actor, target.wilayah),
};

export const auditPolicy = {
  read: (actor: Actor) => actor.role === 'admin' || actor.role === 'auditor',
};

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.includes(actor.role);
}
