import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../src/audit/audit-log.js';
import { writeAuditCheckpoint } from '../src/audit/audit-chain.js';
import { openDatabase } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { createTestApp, createTestUser, signIn, type Session, type TestContext } from './support/test-app.js';
import { createCliTarget } from './support/test-database.js';

let ctx: TestContext;
let auditor: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  auditor = await signIn(ctx, 'auditor', null);
  for (let i = 0; i < 6; i += 1) await createTestUser(ctx.database, 'pendamping', '35.10');
});
afterAll(() => ctx.close());

interface Verdict {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

async function verify(session: Session = auditor): Promise<Verdict> {
  const response = await session.request({ method: 'GET', url: '/api/v1/audit-events/verify' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Verdict;
}

/** As a database superuser would: the table's own triggers (append-only, chain) set aside for one transaction. */
async function behindTheTriggersBack(db: Kysely<DB>, change: (trx: Kysely<DB>) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger user`.execute(trx);
    await change(trx);
    await sql`alter table audit_events enable trigger user`.execute(trx);
  });
}

async function eventIds(): Promise<number[]> {
  const rows = await ctx.database.db.selectFrom('audit_events').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** A whole row, to be put back exactly as it was after a test tampered with it (the time to the microsecond). */
async function rowOf(id: number) {
  const { rows } = await sql<Record<string, unknown>>`select *, at::text as at_text from audit_events where id = ${id}`.execute(
    ctx.database.db,
  );
  return rows[0]!;
}

async function putBack(trx: Kysely<DB>, row: Record<string, unknown>): Promise<void> {
  await sql`delete from audit_events where id = ${row.id as number}`.execute(trx);
  await sql`
    insert into audit_events (id, at, actor_id, actor_username, action, entity_type, entity_id, wilayah, ip, request_id, details, subject_id, hash)
    values (${row.id}, ${row.at_text}::timestamptz, ${row.actor_id}, ${row.actor_username}, ${row.action}, ${row.entity_type}, ${row.entity_id}, ${row.wilayah},
      ${row.ip}, ${row.request_id}, ${row.details === null ? null : JSON.stringify(row.details)}::jsonb, ${row.subject_id}, ${row.hash})`.execute(
    trx,
  );
}

/** Recomputes every hash from the event `from` on, and the head, as a thorough superuser would. */
async function rechainFrom(trx: Kysely<DB>, from: number): Promise<void> {
  await sql`
    do $$
    declare e audit_events; prev bytea;
    begin
      select hash into prev from audit_events where id < ${sql.lit(from)} order by id desc limit 1;
      for e in select * from audit_events where id >= ${sql.lit(from)} order by id loop
        prev := sha256(prev || audit_event_content(e));
        update audit_events set hash = prev where id = e.id;
      end loop;
      update audit_chain_head set hash = prev, last_id = (select max(id) from audit_events);
    end $$`.execute(trx);
}

/** The forged event as an audit_events row, to hash as the trigger would. */
function forged(id: number) {
  return sql`jsonb_populate_record(null::audit_events, jsonb_build_object('id', ${id}::bigint, 'at', now(), 'action', 'user.create', 'entity_type', 'user'))`;
}

describe('tamper-evident audit trail', () => {
  it('chains every event, however it is written, and verifies the whole chain', async () => {
    const ids = await eventIds();
    expect(ids.length).toBeGreaterThan(7);
    expect(await verify()).toEqual({ ok: true, checked: ids.length, brokenAt: null });
    const head = await ctx.database.db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
    expect(head.last_id).toBe((await eventIds()).at(-1));
    // The check itself is on the record.
    const events = (await auditor.request({ method: 'GET', url: '/api/v1/audit-events?action=audit.verify' })).json() as {
      items: Array<{ details: Verdict }>;
    };
    expect(events.items[0]?.details).toMatchObject({ ok: true });
  });

  it('names an event edited behind the trigger’s back', async () => {
    const ids = await eventIds();
    const target = ids[3]!;
    const original = await rowOf(target);
    await behindTheTriggersBack(ctx.database.db, (trx) =>
      sql`update audit_events set actor_username = 'orang-lain' where id = ${target}`.execute(trx),
    );
    expect(await verify()).toEqual({ ok: false, checked: 4, brokenAt: target });
    // Even a change the eye would not see (the time, by a microsecond) breaks the link.
    await behindTheTriggersBack(ctx.database.db, (trx) => putBack(trx, original));
    await behindTheTriggersBack(ctx.database.db, (trx) =>
      sql`update audit_events set at = at + interval '1 microsecond' where id = ${target}`.execute(trx),
    );
    expect((await verify()).brokenAt).toBe(target);
    await behindTheTriggersBack(ctx.database.db, (trx) => putBack(trx, original));
    expect((await verify()).ok).toBe(true);
  });

  it('names the event after one deleted, and the deleted last event', async () => {
    const ids = await eventIds();
    const middle = await rowOf(ids[2]!);
    await behindTheTriggersBack(ctx.database.db, (trx) => sql`delete from audit_events where id = ${ids[2]!}`.execute(trx));
    expect(await verify()).toMatchObject({ ok: false, brokenAt: ids[3] });
    await behindTheTriggersBack(ctx.database.db, (trx) => putBack(trx, middle));

    // The tail: every remaining link holds, but the head the trigger kept names an event that is gone.
    const lastId = (await eventIds()).at(-1)!;
    const last = await rowOf(lastId);
    await behindTheTriggersBack(ctx.database.db, (trx) => sql`delete from audit_events where id = ${lastId}`.execute(trx));
    const ids2 = await eventIds();
    expect(await verify()).toEqual({ ok: false, checked: ids2.length, brokenAt: lastId });
    await behindTheTriggersBack(ctx.database.db, (trx) => putBack(trx, last));
    expect((await verify()).ok).toBe(true);
  });

  it('names an event inserted behind the trigger’s back, even with a hash forged to fit', async () => {
    const db = ctx.database.db;
    // A forged event at the end, its hash wrong.
    const next = (await eventIds()).at(-1)! + 1000;
    await behindTheTriggersBack(db, (trx) =>
      sql`insert into audit_events (id, action, entity_type, hash) values (${next}, 'user.create', 'user', sha256('palsu'::bytea))`.execute(
        trx,
      ),
    );
    expect(await verify()).toMatchObject({ ok: false, brokenAt: next });
    await behindTheTriggersBack(db, (trx) => sql`delete from audit_events where id = ${next}`.execute(trx));

    // Forged to fit the chain's last link: the head the trigger kept never saw it.
    await behindTheTriggersBack(db, (trx) =>
      sql`insert into audit_events (id, action, entity_type, hash)
          select ${next}, 'user.create', 'user', sha256(h.hash || audit_event_content(${forged(next)}))
          from audit_chain_head h`.execute(trx),
    );
    expect(await verify()).toMatchObject({ ok: false, brokenAt: next });
    await behindTheTriggersBack(db, (trx) => sql`delete from audit_events where id = ${next}`.execute(trx));

    // In a gap the sequence left (a rolled-back write), forged to fit: its successor's link fails.
    const gap = await db
      .transaction()
      .execute(async (trx) => {
        await recordAudit(trx, null, { ip: null, requestId: null }, { action: 'test.rolled_back', entityType: 'test' });
        const { rows } = await sql<{ id: number }>`select max(id) as id from audit_events`.execute(trx);
        throw Object.assign(new Error('rollback'), { gapId: rows[0]!.id });
      })
      .catch((error: { gapId: number }) => error.gapId);
    await createTestUser(ctx.database, 'pendamping', '35.10');
    const after = (await eventIds()).find((id) => id > gap)!;
    await behindTheTriggersBack(db, (trx) =>
      sql`insert into audit_events (id, action, entity_type, hash)
          select ${gap}, 'user.create', 'user', sha256(p.hash || audit_event_content(${forged(gap)}))
          from (select hash from audit_events where id < ${gap} order by id desc limit 1) p`.execute(trx),
    );
    expect(await verify()).toMatchObject({ ok: false, brokenAt: after });
    await behindTheTriggersBack(db, (trx) => sql`delete from audit_events where id = ${gap}`.execute(trx));
    expect((await verify()).ok).toBe(true);
  });

  it('catches a chain rewritten from an event onwards against an earlier head', async () => {
    const db = ctx.database.db;
    const checkpoint = await writeAuditCheckpoint(db);
    expect(checkpoint?.eventId).toBe((await eventIds()).at(-1));
    // A thorough superuser edits an event and recomputes every hash after it, and the head too.
    const ids = await eventIds();
    const target = ids[1]!;
    const originals = await Promise.all(ids.filter((id) => id >= target).map(rowOf));
    await behindTheTriggersBack(db, async (trx) => {
      await sql`update audit_events set details = '{"role":"admin"}' where id = ${target}`.execute(trx);
      await rechainFrom(trx, target);
    });
    expect(await verify()).toMatchObject({ ok: false, brokenAt: checkpoint!.eventId });
    // Put back, and chain the verification's own event (written onto the forged head) again.
    await behindTheTriggersBack(db, async (trx) => {
      for (const row of originals) await putBack(trx, row);
      await rechainFrom(trx, ids.at(-1)! + 1);
    });
    expect((await verify()).ok).toBe(true);
  });

  it('stays one chain under 50 parallel audited writes', async () => {
    const db = ctx.database.db;
    const origin = { ip: '127.0.0.1', requestId: null };
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await recordAudit(trx, null, origin, { action: 'test.parallel', entityType: 'test', entityId: String(i) });
          await sql`select pg_sleep(0.002)`.execute(trx);
          await recordAudit(trx, null, origin, { action: 'test.parallel', entityType: 'test', entityId: `${i}b` });
        }),
      ),
    );
    // And through the API: 20 sign-ins at once, each an audit event.
    const users = await Promise.all(Array.from({ length: 20 }, () => createTestUser(ctx.database, 'pendamping', '35.10')));
    const logins = await Promise.all(
      users.map((u) =>
        ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'kata-sandi-uji-123' } }),
      ),
    );
    expect(logins.map((r) => r.statusCode)).toEqual(users.map(() => 200));
    const verdict = await verify();
    expect(verdict).toEqual({ ok: true, checked: (await eventIds()).length - 1, brokenAt: null });
    const parallel = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'test.parallel')
      .executeTakeFirstOrThrow();
    expect(parallel.n).toBe(100);
  });

  it('is closed to pendamping, koordinator and direktorat; open to an admin', async () => {
    for (const role of ['pendamping', 'koordinator', 'direktorat'] as const) {
      const session = await signIn(ctx, role, role === 'direktorat' ? null : '35.10');
      expect((await session.request({ method: 'GET', url: '/api/v1/audit-events/verify' })).statusCode, role).toBe(403);
    }
    expect((await verify(await signIn(ctx, 'admin', null))).ok).toBe(true);
  });
});

describe('tuntas audit verify', () => {
  const BIN = fileURLToPath(new URL('../bin/tuntas.js', import.meta.url));

  it('prints the verdict and exits 1 when the chain is broken', async () => {
    const cli = await createCliTarget();
    const { env, dataDir: dir } = cli;
    const tuntas = (args: string[]) =>
      spawnSync(process.execPath, [BIN, ...args], {
        env: { ...env, TUNTAS_PASSWORD: 'kata-sandi-kuat-1' },
        encoding: 'utf8',
        timeout: 120_000,
      });
    try {
      expect(tuntas(['user', 'add', '--username', 'saksi', '--role', 'auditor']).status).toBe(0);
      const good = tuntas(['audit', 'verify']);
      expect(good.status, good.stderr).toBe(0);
      expect(JSON.parse(good.stdout)).toEqual({ ok: true, checked: 1, brokenAt: null });

      const target = await openDatabase(dir ? { dataDir: dir } : { databaseUrl: env.DATABASE_URL!, poolSize: 1 });
      const first = await target.db.selectFrom('audit_events').select('id').orderBy('id').executeTakeFirstOrThrow();
      await behindTheTriggersBack(target.db, (trx) =>
        sql`update audit_events set action = 'user.update' where id = ${first.id}`.execute(trx),
      );
      await target.close();

      const bad = tuntas(['audit', 'verify']);
      expect(bad.status).toBe(1);
      expect(JSON.parse(bad.stdout)).toEqual({ ok: false, checked: 1, brokenAt: first.id });
    } finally {
      await cli.close();
    }
  }, 240_000);
});
