import type { Role } from '@tuntas/domain';

/** Who is asking: every record query takes one, and its scope becomes a WHERE on wilayah codes. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  /** Area-code prefix, or null for national scope. */
  wilayah: string | null;
}

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  ip: string | null;
  requestId: string | null;
}

export const CLI_ORIGIN: RequestOrigin = { ip: null, requestId: 'cli' };

/** The CLI acts with full authority; its actions are audited as `system`. */
export const SYSTEM_ACTOR: Actor = { id: '00000000-0000-0000-0000-000000000000', username: 'system', role: 'admin', wilayah: null };
