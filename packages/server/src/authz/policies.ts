import { supervises, writesRecords, type Role } from '@tuntas/domain';
import type { Actor } from './actor.js';
import { hidesIdentity, type IdentityFlags } from './identity-protection.js';
import { canSeeWilayah } from './scope.js';

/** What deciding on a case needs: its owner, and whether the caller may see who it is about. */
export type CaseAccess = { pendamping_id: string | null } & Pick<IdentityFlags, 'terlindungi' | 'terbuka'>;

/**
 * Per-resource policies as small pure predicates. Routes ask them; the browser only shows what
 * the server says a user may do.
 */
export const userPolicy = {
  /** Admins, and a koordinator with an area (for its pendamping). */
  list: (actor: Actor) => actor.role === 'admin' || (actor.role === 'koordinator' && actor.wilayah !== null),
  /** A lost authenticator is reset by an admin (of the account's area), never by a koordinator. */
  resetTwoFactor: (actor: Actor) => actor.role === 'admin',
  /** The roles an actor may give: an admin any (inside their scope), a koordinator only pendamping. */
  grants: (actor: Actor, role: Role) =>
    actor.role === 'admin' || (actor.role === 'koordinator' && actor.wilayah !== null && role === 'pendamping'),
  /**
   * An admin manages accounts inside their own scope only, and never widens a scope beyond it; a
   * koordinator the pendamping of their own area.
   */
  manage: (actor: Actor, target: { role: Role; wilayah: string | null }) =>
    (actor.role === 'admin' && canSeeWilayah(actor, target.wilayah)) ||
    (actor.role === 'koordinator' && actor.wilayah !== null && target.role === 'pendamping' && canSeeWilayah(actor, target.wilayah)),
};

/** The registry: everyone reads inside their scope; field and area staff write; audit stays read-only. */
export const beneficiaryPolicy = {
  read: (_actor: Actor) => true,
  write: (actor: Actor) => writesRecords(actor.role),
  /** Merging people and judging duplicates is a supervisor's call. */
  resolveDuplicates: (actor: Actor) => supervises(actor.role),
  export: (actor: Actor) => actor.role !== 'pendamping',
};

/**
 * Cases: everyone reads inside their scope. The owning pendamping works the case; a koordinator or
 * admin in scope may act for them — but nobody works the case of a protected person whose
 * identity they may not see (an admin manages data, not clients). Verifying a resolution,
 * reopening and reassigning are the koordinator's (supervision must not be self-service).
 */
export const casePolicy = {
  create: (actor: Actor) => writesRecords(actor.role),
  work: (actor: Actor, kase: CaseAccess) =>
    !hidesIdentity(kase) && (supervises(actor.role) || (actor.role === 'pendamping' && kase.pendamping_id === actor.id)),
  supervise: (actor: Actor) => supervises(actor.role),
  /** Supervising one case (verify, reopen): a supervisor who may see who it is about. */
  superviseCase: (actor: Actor, kase: CaseAccess) => supervises(actor.role) && !hidesIdentity(kase),
};

/** Stage deadlines are national rules: only a national admin changes them. */
export const stageTargetPolicy = {
  manage: (actor: Actor) => actor.role === 'admin' && actor.wilayah === null,
};

/** Which roles must use two factors is national: only a national admin sets it. */
export const twoFactorPolicyRule = {
  manage: (actor: Actor) => actor.role === 'admin' && actor.wilayah === null,
};

/** The caseload limits are national reference data: only a national admin sets them. */
export const caseloadLimitPolicy = {
  manage: (actor: Actor) => actor.role === 'admin' && actor.wilayah === null,
};

/** The working calendar (holidays, cuti bersama, Ramadan hours) is national: only a national admin keeps it. */
export const calendarPolicy = {
  manage: (actor: Actor) => actor.role === 'admin' && actor.wilayah === null,
};

/**
 * Workforce records (attendance, activities, performance) belong to one worker. The worker sees
 * their own; supervisors, the directorate and auditors see those of workers in their scope.
 * Judging a record is a supervisor's, and never of their own.
 */
export const workforcePolicy = {
  /** Who keeps presensi and a daily report: field and area staff with an assigned area. */
  attends: (actor: Actor) => (actor.role === 'pendamping' || actor.role === 'koordinator') && actor.wilayah !== null,
  readOthers: (actor: Actor) => actor.role !== 'pendamping',
  review: (actor: Actor) => supervises(actor.role),
};

/**
 * Capacity building: the direktorat and a national admin run events, record attendance and
 * scores, and issue or revoke certificates. Others see the events their scope takes part in; a
 * pendamping only their own. Judging a pendamping's competency is a supervisor's, never their own.
 */
export const trainingPolicy = {
  manage: (actor: Actor) => (actor.role === 'direktorat' || actor.role === 'admin') && actor.wilayah === null,
  readOthers: (actor: Actor) => actor.role !== 'pendamping',
  assess: (actor: Actor) => supervises(actor.role),
};

/**
 * Retention: a legal hold (keeping a person or case out of anonymisation) is placed and released by
 * a koordinator, the direktorat or an admin, in their scope; the schedule and what is due (national
 * counts) are the direktorat's and a national admin's to read.
 */
export const retentionPolicy = {
  hold: (actor: Actor) => hasRole(actor, 'koordinator', 'direktorat', 'admin'),
  readSchedule: (actor: Actor) => hasRole(actor, 'direktorat', 'admin') && actor.wilayah === null,
};

export const auditPolicy = {
  read: (actor: Actor) => actor.role === 'admin' || actor.role === 'auditor',
};

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.includes(actor.role);
}
