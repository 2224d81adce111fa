import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR, type Actor, type RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The area of the record acted on, which decides who may read this entry. */
  wilayah?: string | null;
  /** The person the event concerns, when it is about someone (never their name or NIK). */
  subjectId?: string | null;
  /** Ids, codes and field names only: never a name, NIK or other identifying value. */
  details?: Record<string, unknown>;
}

/**
 * Appends one event. Call it inside the same transaction as the change it describes, so a
 * change is never without its record (the table refuses UPDATE and DELETE).
 */
export async function recordAudit(
  db: Kysely<DB>,
  actor: Pick<Actor, 'id' | 'username'> | null,
  origin: RequestOrigin,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_id: actor === null || actor.id === SYSTEM_ACTOR.id ? null : actor.id,
      actor_username: actor?.username ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      subject_id: entry.subjectId ?? (entry.entityType === 'beneficiary' ? (entry.entityId ?? null) : null),
      wilayah: entry.wilayah ?? null,
      ip: origin.ip,
      request_id: origin.requestId,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}
