export type Role = 'pendamping' | 'koordinator' | 'direktorat' | 'admin' | 'auditor';

export const ROLES: readonly Role[] = ['pendamping', 'koordinator', 'direktorat', 'admin', 'auditor'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
