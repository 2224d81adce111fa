import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { auditPolicy } from '../authz/policies.js';
import { inScopeOrNational } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keys that once carried identifying values (events written before details held ids only). */
const IDENTIFYING = new Set(['nik', 'noKk', 'no_kk', 'nama', 'tanggalLahir', 'tanggal_lahir', 'tempatLahir', 'alamat', 'telepon', 'kodeDesa', 'pemberiNama']);

/** The reader masks as the rest of the API does: identifying values never leave the trail. */
export function withoutIdentity(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdentity);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !IDENTIFYING.has(k)).map(([k, v]) => [k, withoutIdentity(v)]));
}

export async function listAuditEvents(db: Kysely<DB>, actor: Actor, query: AuditQuery) {
  if (!auditPolicy.read(actor)) throw new AppError('FORBIDDEN');
  let base = db.selectFrom('audit_events').where((eb) => inScopeOrNational(eb, eb.ref('wilayah'), actor));
  if (query.action) base = base.where('action', '=', query.action);
  if (query.entityType) base = base.where('entity_type', '=', query.entityType);
  // "Who looked at this person": an id matches the record acted on or the person it concerns.
  const entityId = query.entityId;
  if (entityId) base = base.where((eb) => (UUID.test(entityId) ? eb.or([eb('entity_id', '=', entityId), eb('subject_id', '=', entityId)]) : eb('entity_id', '=', entityId)));
  if (query.actorId) base = base.where('actor_id', '=', query.actorId);
  const [items, count] = await Promise.all([
    base
      .select([
        'id',
        'at',
        'actor_id as actorId',
        'actor_username as actorUsername',
        'action',
        'entity_type as entityType',
        'entity_id as entityId',
        'wilayah',
        'ip',
        'request_id as requestId',
        'details',
        'subject_id as subjectId',
      ])
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((e) => ({ ...e, at: e.at.toISOString(), details: withoutIdentity(e.details) })), total: count.n };
}
