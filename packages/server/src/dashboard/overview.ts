import { isWithinScope, monthsBefore, type DashboardOverview } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { childLength, levelRows, summaryServes } from './area-filter.js';
import { areaName, childAreas } from './area-names.js';
import { monthAttendanceRate } from './attendance-rate.js';
import { periodMedians, refreshedMedians } from './medians.js';
import { rate, readStock, zero } from './overview-stock.js';

export interface OverviewQuery {
  wilayah?: string | undefined;
  ppks?: string | undefined;
  /** First and last month of the trend and the resolution medians, `YYYY-MM`. */
  dari?: string | undefined;
  sampai?: string | undefined;
}

export interface CaseloadLimits {
  rekomendasi: number;
  maksimum: number;
}

const UMUR = ['0-30', '31-90', '91-180', '>180'] as const;

/**
 * One level of the dashboard, read only from summary tables (never the case table): the funnel,
 * the areas below with their own funnel (for the map and the drill-down), categories with median
 * days to resolution, the monthly trend, backlog by age, caseloads and the workforce figures.
 */
export async function dashboardOverview(
  db: Kysely<DB>,
  actor: Actor,
  query: OverviewQuery,
  limits: CaseloadLimits,
  now: Date,
): Promise<DashboardOverview> {
  if (actor.role === 'pendamping') throw new AppError('FORBIDDEN');
  const area = query.wilayah ?? actor.wilayah;
  if (query.wilayah && !isWithinScope(actor.wilayah, query.wilayah)) throw notFound();
  if (!summaryServes(area)) throw new AppError('FORBIDDEN');
  const sampai = query.sampai ?? now.toISOString().slice(0, 7);
  const dari = query.dari ?? monthsBefore(sampai, 11);
  const len = childLength(area);
  const where = () => sql`${levelRows(area)}${query.ppks ? sql` and ppks = ${query.ppks}` : sql``}`;
  const child = sql<string>`kode`;

  const [stock, flow, medians, backlog, meta, names, load, pending, areaTitle, referrals] = await Promise.all([
    readStock(db, area, query.ppks),
    sql<{ bulan: string; dibuat: number; terselesaikan: number; ditutup: number }>`
      select to_char(bulan, 'YYYY-MM') as bulan, sum(dibuat)::int as dibuat, sum(terselesaikan)::int as terselesaikan, sum(ditutup)::int as ditutup
      from case_flow where ${where()} and bulan >= ${`${dari}-01`}::date and bulan <= ${`${sampai}-01`}::date group by 1 order by 1`.execute(
      db,
    ),
    query.dari || query.sampai ? periodMedians(db, area, query.ppks, dari, sampai) : refreshedMedians(db, area, query.ppks),
    sql<{ child: string; umur: (typeof UMUR)[number]; aktif: number; terlambat: number }>`
      select ${child} as child, umur, sum(aktif)::int as aktif, sum(terlambat)::int as terlambat from case_backlog where ${where()} group by 1, 2`.execute(
      db,
    ),
    db.selectFrom('case_backlog_meta').select('refreshed_at').executeTakeFirst(),
    len === null ? Promise.resolve([]) : childAreas(db, area),
    db
      .selectFrom('pendamping_load')
      .select((eb) => [
        eb.fn.countAll<number>().as('pendamping'),
        eb.fn.coalesce(eb.fn.sum<number>('aktif'), sql<number>`0`).as('aktif'),
        sql<number>`count(*) filter (where aktif > ${limits.rekomendasi})`.as('di_atas_rekomendasi'),
        sql<number>`count(*) filter (where aktif > ${limits.maksimum})`.as('di_atas_maksimum'),
      ])
      .where((eb) => inScope(eb, eb.ref('pendamping_load.wilayah'), { wilayah: area }))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('activities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'diajukan')
      .where((eb) => inScope(eb, eb.ref('activities.wilayah'), { wilayah: area }))
      .executeTakeFirstOrThrow(),
    area === null ? Promise.resolve('Indonesia') : areaName(db, area),
    waitingReferrals(db, area, query.ppks, now),
  ]);

  const { funnel, tahapanAktif, byChild, byPpks } = stock;
  const lateByChild = new Map<string, number>();
  const backlogBy = new Map(UMUR.map((u) => [u, { umur: u, aktif: 0, terlambat: 0 }]));
  for (const r of backlog.rows) {
    const b = backlogBy.get(r.umur)!;
    b.aktif += r.aktif;
    b.terlambat += r.terlambat;
    lateByChild.set(r.child, (lateByChild.get(r.child) ?? 0) + r.terlambat);
  }
  const working = Number(load.pendamping);
  return {
    wilayah: area,
    nama: areaTitle,
    tingkatAnak: len === 2 ? 'provinsi' : len === 5 ? 'kabupaten' : null,
    funnel,
    tingkatPenyelesaian: rate(funnel),
    tahapanAktif,
    anak: names
      .map((w) => {
        const counts = byChild.get(w.kode) ?? zero();
        return { kode: w.kode, nama: w.nama, ...counts, tingkatPenyelesaian: rate(counts), terlambat: lateByChild.get(w.kode) ?? 0 };
      })
      .sort((a, b) => a.kode.localeCompare(b.kode)),
    ppks: [...byPpks.entries()]
      .map(([kode, counts]) => ({ kode, ...counts, medianHari: medians.byPpks.get(kode) ?? null }))
      .sort((a, b) => b.total - a.total),
    tren: flow.rows,
    medianHari: medians.all,
    backlog: [...backlogBy.values()],
    terlambat: [...backlogBy.values()].reduce((s, b) => s + b.terlambat, 0),
    backlogDiperbarui: meta?.refreshed_at.toISOString() ?? null,
    bebanKasus: {
      pendamping: working,
      rataRata: working === 0 ? 0 : Math.round((Number(load.aktif) / working) * 10) / 10,
      diAtasRekomendasi: Number(load.di_atas_rekomendasi),
      diAtasMaksimum: Number(load.di_atas_maksimum),
      ...limits,
    },
    tenagaKerja: {
      tingkatKehadiranBulanIni: await monthAttendanceRate(db, area, working, now),
      kegiatanMenunggu: Number(pending.n),
    },
    rujukan: referrals,
  };
}

/** Waiting referrals are few and carry their case's area: one partial index answers for any area. */
async function waitingReferrals(
  db: Kysely<DB>,
  area: string | null,
  ppks: string | undefined,
  now: Date,
): Promise<{ menunggu: number; terlambat: number }> {
  let q = db
    .selectFrom('rujukan')
    .select([
      sql<number>`count(*)`.as('menunggu'),
      sql<number>`count(*) filter (where rujukan.dikirim_pada + make_interval(days => rujukan.batas_hari) < ${now})`.as('terlambat'),
    ])
    .where('rujukan.status', 'in', ['dikirim', 'diterima'])
    .where((eb) => inScope(eb, eb.ref('rujukan.wilayah'), { wilayah: area }));
  if (ppks) q = q.innerJoin('cases', 'cases.id', 'rujukan.case_id').where('cases.ppks', '=', ppks);
  const row = await q.executeTakeFirstOrThrow();
  return { menunggu: Number(row.menunggu), terlambat: Number(row.terlambat) };
}
