import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR, type Actor, type RequestOrigin } from '../authz/actor.js';
import type { IdentityFlags } from '../authz/identity-protection.js';
import type { DB } from '../db/schema.js';

export interface ProtectedRead {
  entityType: string;
  entityId: string;
  /** The person the record is about. */
  subjectId: string;
  wilayah: string;
  flags: Pick<IdentityFlags, 'terlindungi' | 'pemilik'>;
}

/**
 * Reads of protected people by anyone but their own pendamping are events (UU 27/2022 Pasal 16:
 * processing of specific data is accountable), masked or not, one row per person so "who looked
 * at this person" is a filter on the subject. One statement per request, whatever the page size.
 */
export async function auditProtectedReads(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  action: string,
  reads: readonly ProtectedRead[],
  details?: Record<string, unknown>,
): Promise<void> {
  const due = reads.filter((r) => r.flags.terlindungi && !r.flags.pemilik);
  if (due.length === 0) return;
  await db
    .insertInto('audit_events')
    .values(
      due.map((r) => ({
        actor_id: actor.id === SYSTEM_ACTOR.id ? null : actor.id,
        actor_username: actor.username,
        action,
        entity_type: r.entityType,
        entity_id: r.entityId,
        subject_id: r.subjectId,
        wilayah: r.wilayah,
        ip: origin.ip,
        request_id: origin.requestId,
        details: details ? JSON.stringify(details) : null,
      })),
    )
    .execute();
}
