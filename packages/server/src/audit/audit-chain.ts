import type { ChainVerdict } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { auditPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { recordAudit } from './audit-log.js';

/** The hash before the first event (migration 0019). */
const GENESIS = Buffer.alloc(32);

export type { ChainVerdict };

export interface VerifyOptions {
  /** Events recomputed per query; memory stays flat whatever the trail's length. */
  pageSize?: number;
}

interface PageResult {
  n: number;
  last_id: number | null;
  last_hash: Buffer | null;
  broken: number | null;
  checked: number;
}

/** One page: each event's link recomputed from the previous event's stored hash, and the checkpoints in its range compared. */
async function verifyPage(db: Kysely<DB>, after: number, prev: Buffer, pageSize: number): Promise<PageResult> {
  const { rows } = await sql<PageResult>`
    with page as materialized (
      select e.id, e.hash, lag(e.hash, 1, ${prev}::bytea) over (order by e.id) as prev, audit_event_content(e) as content
      from audit_events e where e.id > ${after} order by e.id limit ${pageSize}
    ),
    verdict as (
      select count(*)::int as n, max(id) as last_id,
        (select hash from page order by id desc limit 1) as last_hash,
        least(
          min(id) filter (where hash is distinct from sha256(prev || content)),
          (select min(c.event_id) from audit_chain_checkpoints c left join audit_events e on e.id = c.event_id
            where c.event_id > ${after} and c.event_id <= (select max(id) from page) and e.hash is distinct from c.hash)
        ) as broken
      from page
    )
    select v.n, v.last_id, v.last_hash, v.broken,
      case when v.broken is null then v.n else (select count(*)::int from page where id <= v.broken) end as checked
    from verdict v`.execute(db);
  return rows[0]!;
}

/**
 * Recomputes the chain in id order, a page at a time, and names the first broken event. Each link
 * is `hash = sha256(previous hash || content)`, so a changed event fails its own link, a deleted
 * one its successor's, an inserted one its own (or, if its hash was forged to fit, its
 * successor's). What a rewrite of everything from some event on cannot fix is the head as it was:
 * each checkpoint must still match its event, and the head row the trigger keeps must name the
 * last event (a deleted tail, or events appended with the trigger off, disagree with it).
 */
export async function verifyAuditChain(db: Kysely<DB>, options: VerifyOptions = {}): Promise<ChainVerdict> {
  const pageSize = options.pageSize ?? 10_000;
  let after = 0;
  let prev = GENESIS;
  let checked = 0;
  // Writers keep appending while we read; each round catches up with the head read after it.
  for (let round = 0; ; round += 1) {
    for (;;) {
      const page = await verifyPage(db, after, prev, pageSize);
      if (page.broken !== null) return { ok: false, checked: checked + page.checked, brokenAt: page.broken };
      if (page.n === 0) break;
      checked += page.n;
      after = page.last_id!;
      prev = Buffer.from(page.last_hash!);
    }
    const head = await db.selectFrom('audit_chain_head').select(['last_id', 'hash']).executeTakeFirst();
    if (!head) return { ok: false, checked, brokenAt: after === 0 ? null : after };
    if (head.last_id === after) {
      if (!Buffer.from(head.hash).equals(prev)) return { ok: false, checked, brokenAt: after };
      const beyond = await db
        .selectFrom('audit_chain_checkpoints')
        .select((eb) => eb.fn.min('event_id').as('id'))
        .where('event_id', '>', after)
        .executeTakeFirst();
      if (beyond?.id != null) return { ok: false, checked, brokenAt: Number(beyond.id) };
      return { ok: true, checked, brokenAt: null };
    }
    if (head.last_id < after) {
      // Events the head never saw: appended behind the trigger's back.
      const first = await db
        .selectFrom('audit_events')
        .select('id')
        .where('id', '>', head.last_id)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return { ok: false, checked, brokenAt: first?.id ?? after };
    }
    // The head is ahead: either new events were committed since our last page, or the tail was deleted.
    const newer = await db.selectFrom('audit_events').select('id').where('id', '>', after).limit(1).executeTakeFirst();
    if (!newer || round >= 20) return { ok: false, checked, brokenAt: head.last_id };
  }
}

export interface Checkpoint {
  eventId: number;
  hash: string;
}

/** Copies the head into `audit_chain_checkpoints` when it moved since the last copy. */
export async function writeAuditCheckpoint(db: Kysely<DB>): Promise<Checkpoint | null> {
  const { rows } = await sql<{ event_id: number; hash: string }>`
    insert into audit_chain_checkpoints (event_id, hash)
    select h.last_id, h.hash from audit_chain_head h
    where h.last_id > coalesce((select max(event_id) from audit_chain_checkpoints), 0)
    returning event_id, encode(hash, 'hex') as hash`.execute(db);
  const row = rows[0];
  return row ? { eventId: row.event_id, hash: row.hash } : null;
}

/** The check as someone asks it (auditor, admin; the terminal as the system): verified, then recorded. */
export async function verifyAuditChainAs(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  options: VerifyOptions = {},
): Promise<ChainVerdict> {
  if (!auditPolicy.read(actor)) throw new AppError('FORBIDDEN');
  const verdict = await verifyAuditChain(db, options);
  await recordAudit(db, actor, origin, { action: 'audit.verify', entityType: 'audit_chain', details: { ...verdict } });
  return verdict;
}
