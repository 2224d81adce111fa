import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshBacklog } from '../src/dashboard/backlog-refresh.js';
import { buildApp } from '../src/app.js';
import { meetAllOutcomes } from './support/case-outcomes.js';
import { satisfyGate } from './support/factories.js';
import { createTestApp, login, signIn, type Session, type TestContext } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';

let ctx: TestContext;
let direktorat: Session;
let koordinatorJatim: Session;
let koordinatorJakarta: Session;
let pendamping: Session[];
let villages: string[];
const REGENCIES = ['35.10', '35.78', '31.71'];
const PPKS = ['01', '24', '26'];

beforeAll(async () => {
  ctx = await createTestApp();
  [direktorat, koordinatorJatim, koordinatorJakarta, ...pendamping] = await Promise.all([
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'koordinator', '31'),
    ...REGENCIES.map((r) => signIn(ctx, 'pendamping', r)),
  ]);
  villages = await Promise.all(
    REGENCIES.map(
      async (r) =>
        (
          await ctx.database.db
            .selectFrom('wilayah')
            .select('kode')
            .where('tingkat', '=', 4)
            .where('kode', 'like', `${r}.%`)
            .orderBy('kode')
            .executeTakeFirstOrThrow()
        ).kode,
    ),
  );
});
afterAll(() => ctx.close());

type Op = { kind: 'open'; regency: number; ppks: number } | { kind: 'advance' | 'close' | 'reopen' | 'verify'; pick: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), regency: fc.nat(2), ppks: fc.nat(2) }),
  fc.record({ kind: fc.constantFrom('advance' as const, 'close' as const, 'reopen' as const, 'verify' as const), pick: fc.nat() }),
);

const cases: Array<{ id: string; owner: Session; supervisor: Session }> = [];
let serial = 0;
const ORDER = ['pendekatan_awal', 'asesmen', 'rencana', 'intervensi', 'resosialisasi', 'terminasi', 'bimbingan_lanjut'];

async function apply(o: Op): Promise<void> {
  if (o.kind === 'open') {
    serial += 1;
    const owner = pendamping[o.regency]!;
    const village = villages[o.regency]!;
    // Age fits the category: an ABT case is for a toddler.
    const born = PPKS[o.ppks] === '01' ? new Date().getUTCFullYear() - 2 : 1980 + (serial % 20);
    const person = await owner.request({
      method: 'POST',
      url: '/api/v1/beneficiaries',
      payload: {
        nik: `${village.replace(/\./g, '').slice(0, 6)}0101${String(born % 100).padStart(2, '0')}${String(serial).padStart(4, '0')}`,
        nama: `Warga ${serial}`,
        jenisKelamin: 'L',
        tanggalLahir: `${born}-01-01`,
        kodeDesa: village,
      },
    });
    expect(person.statusCode, person.body).toBe(201);
    const kase = await owner.request({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { beneficiaryId: person.json().id, ppks: PPKS[o.ppks] },
    });
    expect(kase.statusCode, kase.body).toBe(201);
    // The area's koordinator supervises: an admin may not act on a child's case it cannot identify.
    cases.push({ id: kase.json().id, owner, supervisor: REGENCIES[o.regency]!.startsWith('31') ? koordinatorJakarta : koordinatorJatim });
    return;
  }
  if (cases.length === 0) return;
  const { id, owner, supervisor } = cases[o.pick % cases.length]!;
  const actor = o.kind === 'verify' || o.kind === 'reopen' ? supervisor : owner;
  const kase = (await actor.request({ method: 'GET', url: `/api/v1/cases/${id}` })).json();
  const body = { version: kase.version };
  let response;
  if (o.kind === 'advance') {
    const gated = kase.tindakan.syarat.map((g: { tahapan: string }) => g.tahapan);
    const forward = [...kase.tindakan.tahapan, ...gated].find((t: string) => ORDER.indexOf(t) > ORDER.indexOf(kase.tahapan));
    if (!forward) return;
    // The work a gate asks for (assessment, approved plan) is done first, as a pendamping would.
    if (gated.includes(forward)) await satisfyGate(owner, supervisor, kase, forward);
    const current = (await actor.request({ method: 'GET', url: `/api/v1/cases/${id}` })).json();
    response = await actor.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/transitions`,
      payload: { version: current.version, to: forward },
    });
  } else if (o.kind === 'close') {
    if (!kase.tindakan.tutup) return;
    response = await actor.request({ method: 'POST', url: `/api/v1/cases/${id}/close`, payload: { ...body, alasan: 'pindah' } });
  } else if (o.kind === 'reopen') {
    if (!kase.tindakan.bukaKembali) return;
    response = await actor.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/reopen`,
      payload: { ...body, alasan: 'Keluarga kembali ke desa' },
    });
  } else {
    if (!kase.tindakan.verifikasi) return;
    await meetAllOutcomes(actor, id, kase.ppks);
    response = await actor.request({ method: 'POST', url: `/api/v1/cases/${id}/verify`, payload: body });
  }
  expect(response.statusCode, response.body).toBe(200);
}

/** The same figures counted straight from the base tables, written independently of the summary tables. */
async function fromBaseTables(area: string | null, ppks: string | undefined) {
  const db = ctx.database.db;
  const filter = sql`${area === null ? sql`true` : sql`(c.wilayah = ${area} or c.wilayah like ${`${area}.%`})`} and ${ppks ? sql`c.ppks = ${ppks}` : sql`true`}`;
  const childLen = area === null ? 2 : 5;
  const stock = await sql<{ child: string; status: string; n: number }>`
    select left(c.wilayah, ${sql.lit(childLen)}) as child, c.status, count(*)::int as n from cases c where ${filter} group by 1, 2`.execute(
    db,
  );
  const flow = await sql<{ dibuat: number; terselesaikan: number; ditutup: number }>`
    select count(*) filter (where e.jenis = 'dibuat')::int as dibuat, count(*) filter (where e.jenis = 'diverifikasi')::int as terselesaikan,
      count(*) filter (where e.jenis = 'ditutup')::int as ditutup
    from case_events e join cases c on c.id = e.case_id where ${filter}`.execute(db);
  const open = await sql<{ n: number; late: number }>`
    select count(*)::int as n, count(*) filter (where c.tahapan_sejak + make_interval(days => coalesce(
      (select t.hari from tahapan_target t where t.tahapan = c.tahapan and t.ppks = c.ppks),
      (select t.hari from tahapan_target t where t.tahapan = c.tahapan and t.ppks is null))) < now())::int as late
    from cases c where ${filter} and c.status in ('terdata', 'tertangani')`.execute(db);
  const funnel: Record<string, number> = { terdata: 0, tertangani: 0, terselesaikan: 0, ditutup: 0, total: 0 };
  const children: Record<string, Record<string, number>> = {};
  for (const r of stock.rows) {
    funnel[r.status]! += r.n;
    funnel.total! += r.n;
    const c = (children[r.child] ??= { terdata: 0, tertangani: 0, terselesaikan: 0, ditutup: 0, total: 0 });
    c[r.status]! += r.n;
    c.total! += r.n;
  }
  return { funnel, children, flow: flow.rows[0]!, open: open.rows[0]! };
}

describe('dashboard', () => {
  it('every figure equals the same figure counted from the base tables, after any history of case work', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) await apply(o);
        await refreshBacklog(ctx.database.db);
        for (const area of [null, '35', '35.10', '31.71']) {
          for (const ppks of [undefined, '24']) {
            const url = `/api/v1/dashboard/overview?${new URLSearchParams({ ...(area && { wilayah: area }), ...(ppks && { ppks }) })}`;
            const response = await direktorat.request({ method: 'GET', url });
            expect(response.statusCode, response.body).toBe(200);
            const got = response.json();
            const want = await fromBaseTables(area, ppks);
            expect(got.funnel).toEqual(want.funnel);
            for (const child of got.anak) {
              const { terdata, tertangani, terselesaikan, ditutup, total } = child;
              expect({ terdata, tertangani, terselesaikan, ditutup, total }).toEqual(
                want.children[child.kode] ?? { terdata: 0, tertangani: 0, terselesaikan: 0, ditutup: 0, total: 0 },
              );
            }
            const sumTrend = (k: 'dibuat' | 'terselesaikan' | 'ditutup') =>
              got.tren.reduce((s: number, m: Record<string, number>) => s + m[k]!, 0);
            expect({ dibuat: sumTrend('dibuat'), terselesaikan: sumTrend('terselesaikan'), ditutup: sumTrend('ditutup') }).toEqual(
              want.flow,
            );
            expect(got.backlog.reduce((s: number, b: { aktif: number }) => s + b.aktif, 0)).toBe(want.open.n);
            expect(got.terlambat).toBe(want.open.late);
            if (want.flow.terselesaikan > 0) expect(got.medianHari).toBe(3); // all resolved within the first week
          }
        }
        // The contract's summary still equals the case list.
        const summary = (await direktorat.request({ method: 'GET', url: '/api/v1/dashboard/summary?wilayah=35' })).json();
        const list = (await direktorat.request({ method: 'GET', url: '/api/v1/cases?wilayah=35&pageSize=1' })).json();
        expect(Object.values(summary.byStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(list.total);
      }),
      { numRuns: 8 },
    );
    // Trigger-kept tables equal a rebuild from the base tables.
    const snapshot = async () => (await sql`select * from case_stats where n <> 0 order by 1, 2, 3, 4, 5, 6`.execute(ctx.database.db)).rows;
    const flows = async () => (await sql`select * from case_flow order by 1, 2, 3, 4, 5`.execute(ctx.database.db)).rows;
    const weeks = async () => (await sql`select * from case_resolution_weeks order by 1, 2, 3, 4, 5, 6`.execute(ctx.database.db)).rows;
    const [stats, flow, histogram] = [await snapshot(), await flows(), await weeks()];
    await sql`select case_stats_rebuild()`.execute(ctx.database.db);
    expect(await snapshot()).toEqual(stats);
    expect(await flows()).toEqual(flow);
    expect(await weeks()).toEqual(histogram);
  });

  it('lets many moves in one province run at once without deadlocking on the shared counters', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      await apply({ kind: 'open', regency: i % 2, ppks: 1 });
      ids.push(cases.at(-1)!.id);
    }
    const owners = new Map(cases.map((c) => [c.id, c.owner]));
    // Half go forward, half come back, all at once: old and new counter rows cross.
    for (const id of ids.slice(0, 4)) {
      await owners.get(id)!.request({ method: 'POST', url: `/api/v1/cases/${id}/transitions`, payload: { to: 'asesmen' } });
      await satisfyGate(owners.get(id)!, koordinatorJatim, { id, ppks: PPKS[1]! }, 'rencana');
    }
    const moves = await Promise.all(
      ids.map((id, n) =>
        owners.get(id)!.request({ method: 'POST', url: `/api/v1/cases/${id}/transitions`, payload: { to: n < 4 ? 'rencana' : 'asesmen' } }),
      ),
    );
    expect(moves.map((m) => m.statusCode)).toEqual(ids.map(() => 200));
    const stats = await sql<{ n: number }>`select coalesce(sum(n), 0)::int as n from case_stats where tingkat = 1`.execute(ctx.database.db);
    const base = await sql<{ n: number }>`select count(*)::int as n from cases`.execute(ctx.database.db);
    expect(stats.rows[0]!.n).toBe(base.rows[0]!.n);
  });

  it('shows each caller only their scope: a koordinator their province, a pendamping no dashboard', async () => {
    const own = await koordinatorJatim.request({ method: 'GET', url: '/api/v1/dashboard/overview' });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ wilayah: '35', tingkatAnak: 'kabupaten' });
    expect(own.json().anak.every((a: { kode: string }) => a.kode.startsWith('35.'))).toBe(true);
    expect((await koordinatorJatim.request({ method: 'GET', url: '/api/v1/dashboard/overview?wilayah=31' })).statusCode).toBe(404);
    expect((await pendamping[0]!.request({ method: 'GET', url: '/api/v1/dashboard/overview' })).statusCode).toBe(403);
    const national = (await direktorat.request({ method: 'GET', url: '/api/v1/dashboard/overview' })).json();
    expect(national.anak).toHaveLength(38);
    expect(national.tingkatAnak).toBe('provinsi');
  });

  it('reads dashboards from the read replica when one is configured, writes stay on the primary', async () => {
    const replica = await createTestDatabase(); // a separate database with no cases in it
    const app = await buildApp({ database: ctx.database, replica, config: ctx.config, logger: false });
    try {
      const viaReplica = await login(app, direktorat.user);
      const primaryTotal = (await direktorat.request({ method: 'GET', url: '/api/v1/dashboard/overview' })).json().funnel.total;
      expect(primaryTotal).toBeGreaterThan(0);
      expect((await viaReplica.request({ method: 'GET', url: '/api/v1/dashboard/overview' })).json().funnel.total).toBe(0);
      // The case list (not a dashboard) still reads the primary.
      expect((await viaReplica.request({ method: 'GET', url: '/api/v1/cases?pageSize=1' })).json().total).toBe(primaryTotal);
    } finally {
      await app.close();
      await replica.close();
    }
  });
});
