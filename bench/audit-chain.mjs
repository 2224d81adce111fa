#!/usr/bin/env node
// The cost of the audit hash chain (migration 0019), against the same writes into a table shaped as
// audit_events was before it (same columns and indexes, an identity id, no chain trigger), measured
// in the same run on the same database:
//   audit-write-ms          one audited write per transaction, back to back (ms per write)
//   audit-write-10-conn     10 connections writing at once (PostgreSQL only; writes/s): the chain takes turns
//   audit-write-3000-rows   one statement of 5,000 events (ms), as the import writes them
//   audit-verify            the whole chain recomputed (events/s) against reading the same rows page by page
// `node bench/audit-chain.mjs [--quick]` (DATABASE_URL for PostgreSQL), or `npm run bench -- --only=audit`.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { row, writeResults } from './lib.mjs';

const { openDatabase } = await import('../packages/server/dist/db/database.js');
const { migrateToLatest } = await import('../packages/server/dist/db/migrate.js');
const { verifyAuditChain } = await import('../packages/server/dist/audit/audit-chain.js');
const { sql } = await import('kysely');

/** The values recordAudit writes for a typical event. */
function event(i) {
  return {
    actor_id: '6f1c2a4e-8d2b-4c1e-9a7f-3b5d6e7f8a9b',
    actor_username: 'pendamping.35.10.1',
    action: 'case.transition',
    entity_type: 'case',
    entity_id: `7d3e1f2a-4b5c-4d6e-8f9a-${String(i).padStart(12, '0')}`,
    subject_id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    wilayah: '35.10.01.2001',
    ip: '10.20.30.40',
    request_id: `req-${i}`,
    details: JSON.stringify({ from: 'asesmen', to: 'rencana', version: i % 7 }),
  };
}

async function timed(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A new database next to `url`'s, dropped afterwards, so the chain verified is this run's alone. */
async function freshDatabase(url) {
  const pg = (await import('pg')).default;
  const name = `tuntas_bench_audit_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function benchAuditChain(database, databaseUrl, { quick = false } = {}) {
  const fresh = databaseUrl ? await freshDatabase(databaseUrl) : null;
  const opened = await openDatabase({ databaseUrl: fresh?.url, poolSize: 10 });
  const { db } = opened;
  const rows = [];
  try {
    await migrateToLatest(db);
    await sql`drop table if exists bench_audit_unchained`.execute(db);
    await sql`create table bench_audit_unchained (like audit_events including defaults including indexes)`.execute(db);
    await sql`alter table bench_audit_unchained drop column hash`.execute(db);
    await sql`alter table bench_audit_unchained alter column id add generated always as identity`.execute(db);

    const writes = quick ? 300 : 1000;
    let n = 0;
    const writeOne = (table) =>
      db.transaction().execute((trx) =>
        trx
          .insertInto(table)
          .values(event((n += 1)))
          .execute(),
      );
    const sequential = async (table) =>
      timed(async () => {
        for (let i = 0; i < writes; i += 1) await writeOne(table);
      });
    await sequential('audit_events');
    await sequential('bench_audit_unchained');
    const chained = [];
    const plain = [];
    // Alternating rounds, the median of each: these machines are noisy.
    for (let round = 0; round < 5; round += 1) {
      chained.push(await sequential('audit_events'));
      plain.push(await sequential('bench_audit_unchained'));
    }
    rows.push(row('audit-write-ms', database, median(chained) / writes, 'ms', 'unchained-table', median(plain) / writes, false));

    if (opened.kind === 'postgresql') {
      const parallel = async (table) => {
        const per = Math.floor(writes / 10);
        const ms = await timed(() =>
          Promise.all(
            Array.from({ length: 10 }, async () => {
              for (let i = 0; i < per; i += 1) await writeOne(table);
            }),
          ),
        );
        return (per * 10 * 1000) / ms;
      };
      const c = [];
      const p = [];
      for (let round = 0; round < 3; round += 1) {
        c.push(await parallel('audit_events'));
        p.push(await parallel('bench_audit_unchained'));
      }
      rows.push(row('audit-write-10-conn', database, median(c), 'writes/s', 'unchained-table', median(p), true));
    }

    const many = (table) =>
      timed(() =>
        db
          .insertInto(table)
          .values(Array.from({ length: 3000 }, (_, i) => event(n + i)))
          .execute(),
      );
    const mc = [];
    const mp = [];
    for (let round = 0; round < 3; round += 1) {
      mc.push(await many('audit_events'));
      mp.push(await many('bench_audit_unchained'));
    }
    rows.push(row('audit-write-3000-rows', database, median(mc), 'ms', 'unchained-table', median(mp), false));

    // The trail at size: filled by the trigger itself (one statement per 50,000), then verified.
    const size = quick ? 100_000 : 1_000_000;
    const { rows: counted } = await sql`select count(*)::int as n from audit_events`.execute(db);
    for (let have = counted[0].n; have < size; have += 50_000) {
      await sql`
        insert into audit_events (actor_id, actor_username, action, entity_type, entity_id, subject_id, wilayah, ip, request_id, details)
        select actor_id, actor_username, action, entity_type, entity_id, subject_id, wilayah, ip, request_id || g, details
        from bench_audit_unchained, generate_series(1, ${Math.ceil(50_000 / 1000)}) g limit 50000`.execute(db);
    }
    let verdict;
    const verifyMs = await timed(async () => {
      verdict = await verifyAuditChain(db);
    });
    if (!verdict.ok) throw new Error(`the chain does not verify: ${JSON.stringify(verdict)}`);
    // Baseline: the same rows read in the same pages, nothing recomputed.
    const readMs = await timed(async () => {
      let after = 0;
      for (;;) {
        const { rows: page } = await sql`
          select count(*)::int as n, max(id) as last from (select id, hash, details from audit_events where id > ${after} order by id limit 10000) p`.execute(
          db,
        );
        if (page[0].n === 0) break;
        after = page[0].last;
      }
    });
    rows.push(
      row(
        `audit-verify-${size / 1000}k`,
        database,
        (verdict.checked / verifyMs) * 1000,
        'events/s',
        'paged-read',
        (verdict.checked / readMs) * 1000,
        true,
      ),
    );
  } finally {
    await opened.close();
    await fresh?.drop();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  const rows = [];
  if (!process.argv.includes('--postgresql-only')) rows.push(...(await benchAuditChain('pglite', undefined, { quick })));
  if (process.env.DATABASE_URL) rows.push(...(await benchAuditChain('postgresql', process.env.DATABASE_URL, { quick })));
  console.log(writeResults(rows, `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`));
}
