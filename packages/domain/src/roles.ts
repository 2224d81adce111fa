export type Role = 'pendamping' | 'koordinator' | 'direktorat' | 'admin' | 'auditor';

export const ROLES: readonly Role[] = ['pendamping', 'koordinator', 'direktorat', 'admin', 'auditor'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Field and area staff write people and cases; direktorat and auditor only read. */
export function writesRecords(role: Role): boolean {
  return role === 'pendamping' || role === 'koordinator' || role === 'admin';
}

/** Supervision (verifying, reopening, assigning, merging duplicates) is the koordinator's, and the admin's. */
export function supervises(role: Role): boolean {
  return role === 'koordinator' || role === 'admin';
}
