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

export async function listAuditEvents(db: Kysely<DB>, actor: Actor, query: AuditQuery) {
  if (!auditPolicy.read(actor)) throw new AppError('FORBIDDEN');
  let base = db.selectFrom('audit_events').where((eb) => inScopeOrNational(eb, eb.ref('wilayah'), actor));
  if (query.action) base = base.where('action', '=', query.action);
  if (query.entityType) base = base.where('entity_type', '=', query.entityType);
  if (query.entityId) base = base.where('entity_id', '=', query.entityId);
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
      ])
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((e) => ({ ...e, at: e.at.toISOString() })), total: count.n };
}
