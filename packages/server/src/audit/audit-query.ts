import { sql, type Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { auditPolicy } from '../authz/policies.js';
import { inScope, inScopeOrNational } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { tableFile } from '../files/table-file.js';
import { AppError } from '../http/app-error.js';
import { recordAudit } from './audit-log.js';

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  /** The acting person's username (case-insensitive). */
  actorUsername?: string | undefined;
  /** An area prefix inside the caller's scope. */
  wilayah?: string | undefined;
  /** From this instant on (inclusive). */
  from?: string | undefined;
  /** Before this instant (exclusive). */
  to?: string | undefined;
  /** Only reads of protected people (and break-glass openings). */
  protectedReads?: boolean | undefined;
}

/** A read of a protected person: an event about someone that only looked (or opened by break-glass). */
export function isProtectedRead(e: { action: string; subjectId: string | null }): boolean {
  return e.subjectId !== null && /\.(read|search|break_glass)$/.test(e.action);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keys that once carried identifying values (events written before details held ids only). */
const IDENTIFYING = new Set([
  'nik',
  'noKk',
  'no_kk',
  'nama',
  'tanggalLahir',
  'tanggal_lahir',
  'tempatLahir',
  'alamat',
  'telepon',
  'kodeDesa',
  'pemberiNama',
]);

/** The reader masks as the rest of the API does: identifying values never leave the trail. */
export function withoutIdentity(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdentity);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !IDENTIFYING.has(k))
      .map(([k, v]) => [k, withoutIdentity(v)]),
  );
}

function filtered(db: Kysely<DB>, actor: Actor, query: Omit<AuditQuery, 'page' | 'pageSize'>) {
  let base = db.selectFrom('audit_events').where((eb) => inScopeOrNational(eb, eb.ref('wilayah'), actor));
  if (query.action) base = base.where('action', '=', query.action);
  if (query.entityType) base = base.where('entity_type', '=', query.entityType);
  // "Who looked at this person": an id matches the record acted on or the person it concerns.
  const entityId = query.entityId;
  if (entityId)
    base = base.where((eb) =>
      UUID.test(entityId) ? eb.or([eb('entity_id', '=', entityId), eb('subject_id', '=', entityId)]) : eb('entity_id', '=', entityId),
    );
  if (query.actorId) base = base.where('actor_id', '=', query.actorId);
  if (query.actorUsername) base = base.where(sql`lower(actor_username)`, '=', query.actorUsername.toLowerCase());
  if (query.wilayah) base = base.where((eb) => inScope(eb, eb.ref('wilayah'), { wilayah: query.wilayah! }));
  if (query.from) base = base.where('at', '>=', new Date(query.from));
  if (query.to) base = base.where('at', '<', new Date(query.to));
  if (query.protectedReads) {
    base = base
      .where('subject_id', 'is not', null)
      .where((eb) => eb.or([eb('action', 'like', '%.read'), eb('action', 'like', '%.search'), eb('action', 'like', '%.break_glass')]));
  }
  return base;
}

const COLUMNS = [
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
] as const;

export async function listAuditEvents(db: Kysely<DB>, actor: Actor, query: AuditQuery) {
  if (!auditPolicy.read(actor)) throw new AppError('FORBIDDEN');
  const base = filtered(db, actor, query);
  const [items, count] = await Promise.all([
    base
      .select(COLUMNS)
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((e) => ({ ...e, at: e.at.toISOString(), details: withoutIdentity(e.details), protectedRead: isProtectedRead(e) })),
    total: count.n,
  };
}

/** The most events one export holds (newest first); a larger selection is narrowed by its filters. */
export const AUDIT_EXPORT_LIMIT = 50_000;

/** The filtered trail as a formula-safe CSV; the export itself is an audit event (audit.export). */
export async function exportAuditEvents(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  query: Omit<AuditQuery, 'page' | 'pageSize'>,
): Promise<{ csv: Buffer; rows: number; truncated: boolean }> {
  if (!auditPolicy.read(actor)) throw new AppError('FORBIDDEN');
  const rows = await filtered(db, actor, query)
    .select(COLUMNS)
    .orderBy('id', 'desc')
    .limit(AUDIT_EXPORT_LIMIT + 1)
    .execute();
  const truncated = rows.length > AUDIT_EXPORT_LIMIT;
  const kept = truncated ? rows.slice(0, AUDIT_EXPORT_LIMIT) : rows;
  const header = [
    'id',
    'waktu',
    'pelaku_id',
    'pelaku',
    'tindakan',
    'jenis_data',
    'id_data',
    'id_orang',
    'wilayah',
    'ip',
    'id_permintaan',
    'bacaan_terlindungi',
    'rincian',
  ];
  const csv = await tableFile(
    'csv',
    'Jejak audit',
    header,
    kept.map((e) => [
      e.id,
      e.at.toISOString(),
      e.actorId,
      e.actorUsername,
      e.action,
      e.entityType,
      e.entityId,
      e.subjectId,
      e.wilayah,
      e.ip,
      e.requestId,
      isProtectedRead(e) ? 'ya' : 'tidak',
      e.details === null ? null : JSON.stringify(withoutIdentity(e.details)),
    ]),
  );
  const filters = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
  await recordAudit(db, actor, origin, {
    action: 'audit.export',
    entityType: 'audit_events',
    wilayah: actor.wilayah,
    details: { filters, rows: kept.length, truncated },
  });
  return { csv, rows: kept.length, truncated };
}
