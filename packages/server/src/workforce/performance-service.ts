import {
  capaian,
  isWithinScope,
  predikat,
  ratingOf,
  SKP_TEMPLATE,
  workingDays,
  type KalenderKerja,
  workResultRating,
  type IndicatorCode,
  type BehaviourPeriod,
  type IndicatorResult,
  perilakuTahunan,
  type PerformanceRecord,
  type Rating,
} from '@tuntas/domain';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB, SkpPlansTable } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { realisation, type WorkerRealisation } from './realisation-sql.js';
import { behaviourPeriods } from './skp-behaviour-service.js';
import { loadWorker, workerClock, type Worker } from './worker.js';
import { loadCalendar } from './working-calendar.js';

const round1 = (n: number) => Math.round(n * 10) / 10;
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** How much of the year is behind us on the worker's calendar: whole months for display, a fraction for pro-rating targets. */
function evaluatedPeriod(tahun: number, today: string, calendar: KalenderKerja): { bulan: number; fraksi: number; workdays: number[] } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const bulan = tahun < y ? 12 : tahun > y ? 0 : m;
  const daysIn = (month: number) => new Date(Date.UTC(tahun, month, 0)).getUTCDate();
  const fraksi = tahun < y ? 12 : tahun > y ? 0 : m - 1 + d / daysIn(m);
  const workdays = Array.from({ length: 12 }, (_, i) => {
    if (i + 1 > bulan) return 0;
    const mm = String(i + 1).padStart(2, '0');
    const last = i + 1 === bulan && tahun === y ? today : `${tahun}-${mm}-${String(daysIn(i + 1)).padStart(2, '0')}`;
    return workingDays(`${tahun}-${mm}-01`, last, calendar).length;
  });
  return { bulan, fraksi, workdays };
}

function quarters(monthly: number[]): number[] {
  return [0, 1, 2, 3].map((q) => round1(sum(monthly.slice(q * 3, q * 3 + 3))));
}

function evaluate(r: WorkerRealisation, targets: Record<string, number>, period: ReturnType<typeof evaluatedPeriod>): IndicatorResult[] {
  return SKP_TEMPLATE.map((t) => {
    const target = targets[t.kode] ?? t.target;
    let bulanan: number[];
    let realisasi: number;
    let triwulan: number[];
    if (t.kode === 'kehadiran') {
      const expected = period.workdays.map((w, i) => Math.max(0, w - r.cutiKerja[i]!));
      const rate = (present: number, due: number) => (due <= 0 ? 0 : round1((Math.min(present, due) / due) * 100));
      bulanan = expected.map((due, i) => (due <= 0 ? 0 : rate(r.hadirKerja[i]!, due)));
      triwulan = [0, 1, 2, 3].map((q) => rate(sum(r.hadirKerja.slice(q * 3, q * 3 + 3)), sum(expected.slice(q * 3, q * 3 + 3))));
      realisasi = sum(expected) <= 0 ? 0 : rate(sum(r.hadirKerja.map((h, i) => Math.min(h, expected[i]!))), sum(expected));
    } else {
      bulanan = r.counts[t.kode];
      triwulan = quarters(bulanan);
      realisasi = round1(sum(bulanan));
    }
    const c = period.fraksi === 0 ? 0 : capaian(t, target, realisasi, period.fraksi);
    return {
      kode: t.kode,
      hasilKerja: t.hasilKerja,
      nama: t.nama,
      satuan: t.satuan,
      target,
      bulanan,
      triwulan,
      realisasi,
      capaian: c,
      rating: ratingOf(c),
      kelompok: t.kelompok,
    };
  });
}

function record(
  worker: Worker,
  tahun: number,
  period: ReturnType<typeof evaluatedPeriod>,
  r: WorkerRealisation,
  plan: PlanRow | undefined,
  behaviour: BehaviourPeriod[],
  actor: Actor,
): PerformanceRecord {
  const indikator = evaluate(r, plan?.targets ?? {}, period);
  const hasilKerjaDihitung = workResultRating(indikator.filter((i) => i.kelompok === 'hasil_kerja').map((i) => i.capaian));
  const penyesuaian =
    plan?.hasil_kerja_penyesuaian && plan.hasil_kerja_alasan
      ? {
          rating: plan.hasil_kerja_penyesuaian,
          alasan: plan.hasil_kerja_alasan,
          oleh: plan.hasil_kerja_oleh,
          pada: (plan.hasil_kerja_pada ?? new Date(0)).toISOString(),
        }
      : null;
  const hasilKerja = penyesuaian?.rating ?? hasilKerjaDihitung;
  const perilaku = behaviour.length > 0 ? perilakuTahunan(behaviour.map((b) => b.rating)) : (plan?.perilaku ?? null);
  return {
    userId: worker.id,
    username: worker.username,
    nama: worker.nama,
    wilayah: worker.wilayah,
    tahun,
    bulanDinilai: period.bulan,
    indikator,
    hasilKerja,
    hasilKerjaDihitung,
    penyesuaian,
    perilaku,
    perilakuPeriode: behaviour,
    perilakuCatatan: plan?.perilaku_catatan ?? null,
    predikat: perilaku === null ? null : predikat(hasilKerja, perilaku),
    bolehDinilai: workforcePolicy.review(actor) && actor.id !== worker.id,
  };
}

type PlanRow = Selectable<SkpPlansTable>;

async function plans(db: Kysely<DB>, userIds: string[], tahun: number): Promise<Map<string, PlanRow>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('skp_plans').selectAll().where('tahun', '=', tahun).where('user_id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.user_id, r]));
}

/** One worker's SKP for a year: targets, realisation per month and quarter, ratings and predikat. */
export async function performanceOf(db: Kysely<DB>, actor: Actor, userId: string, tahun: number, now: Date): Promise<PerformanceRecord> {
  const worker = await loadWorker(db, actor, userId);
  const [real, plan, behaviour, calendar] = await Promise.all([
    realisation(db, [worker.id], tahun),
    plans(db, [worker.id], tahun),
    behaviourPeriods(db, [worker.id], tahun),
    loadCalendar(db, `${tahun}-01-01`, `${tahun}-12-31`),
  ]);
  const period = evaluatedPeriod(tahun, workerClock(worker.wilayah, now).tanggal, calendar);
  return record(worker, tahun, period, real.get(worker.id)!, plan.get(worker.id), behaviour.get(worker.id) ?? [], actor);
}

/** Every pendamping of the caller's area (or a narrower one) for the Tim page and the national recap. */
export async function teamPerformance(
  db: Kysely<DB>,
  actor: Actor,
  tahun: number,
  wilayah: string | undefined,
  now: Date,
): Promise<PerformanceRecord[]> {
  if (!workforcePolicy.readOthers(actor)) throw new AppError('FORBIDDEN');
  if (wilayah && !isWithinScope(actor.wilayah, wilayah)) throw notFound();
  const workers = await db
    .selectFrom('users')
    .select(['id', 'username', 'nama_lengkap', 'wilayah'])
    .where('role', '=', 'pendamping')
    .where('disabled_at', 'is', null)
    .where((eb) => inScope(eb, eb.ref('users.wilayah'), actor))
    .$if(wilayah !== undefined, (q) => q.where((eb) => inScope(eb, eb.ref('users.wilayah'), { wilayah: wilayah! })))
    .orderBy('wilayah')
    .orderBy('username')
    .execute();
  const ids = workers.map((w) => w.id);
  const [real, plan, behaviour, calendar] = await Promise.all([
    realisation(db, ids, tahun),
    plans(db, ids, tahun),
    behaviourPeriods(db, ids, tahun),
    loadCalendar(db, `${tahun}-01-01`, `${tahun}-12-31`),
  ]);
  // Three time zones give at most three different "today"s: each period is worked out once.
  const periods = new Map<string, ReturnType<typeof evaluatedPeriod>>();
  const periodOn = (today: string) => periods.get(today) ?? periods.set(today, evaluatedPeriod(tahun, today, calendar)).get(today)!;
  return workers.map((w) => {
    const worker: Worker = { id: w.id, username: w.username, nama: w.nama_lengkap, role: 'pendamping', wilayah: w.wilayah! };
    const period = periodOn(workerClock(worker.wilayah, now).tanggal);
    return record(worker, tahun, period, real.get(w.id)!, plan.get(w.id), behaviour.get(w.id) ?? [], actor);
  });
}

export interface PlanInput {
  targets?: Partial<Record<IndicatorCode, number>> | undefined;
  perilaku?: Rating | null | undefined;
  perilakuCatatan?: string | null | undefined;
  /** Sets (or with null clears) the work-result rating against the computed one; a reason is required. */
  hasilKerjaPenyesuaian?: Rating | null | undefined;
  hasilKerjaAlasan?: string | null | undefined;
}

/** The rating official may depart from the computed rating only in writing (PermenPANRB 6/2022). */
function adjustment(input: PlanInput, current: PlanRow | undefined, actor: Actor) {
  if (input.hasilKerjaPenyesuaian === undefined) {
    return {
      hasil_kerja_penyesuaian: current?.hasil_kerja_penyesuaian ?? null,
      hasil_kerja_alasan: current?.hasil_kerja_alasan ?? null,
      hasil_kerja_oleh: current?.hasil_kerja_oleh ?? null,
      hasil_kerja_pada: current?.hasil_kerja_pada ?? null,
    };
  }
  if (input.hasilKerjaPenyesuaian === null) {
    return { hasil_kerja_penyesuaian: null, hasil_kerja_alasan: null, hasil_kerja_oleh: null, hasil_kerja_pada: null };
  }
  const alasan = input.hasilKerjaAlasan?.trim() ?? '';
  if (alasan.length < 10) throw new AppError('SKP_ADJUST_REASON_REQUIRED');
  return {
    hasil_kerja_penyesuaian: input.hasilKerjaPenyesuaian,
    hasil_kerja_alasan: alasan,
    hasil_kerja_oleh: actor.id,
    hasil_kerja_pada: new Date(),
  };
}

/** The koordinator adjusts targets and rates behaviour (BerAKHLAK) of someone in their area, never their own. */
export async function updatePlan(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  userId: string,
  tahun: number,
  input: PlanInput,
  now: Date,
): Promise<PerformanceRecord> {
  const worker = await loadWorker(db, actor, userId);
  if (!workforcePolicy.review(actor)) throw new AppError('FORBIDDEN');
  if (worker.id === actor.id) throw new AppError('OWN_REPORT');
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('skp_plans')
      .selectAll()
      .where('user_id', '=', userId)
      .where('tahun', '=', tahun)
      .executeTakeFirst();
    const targets = { ...(current?.targets ?? {}), ...(input.targets ?? {}) };
    const perilaku = input.perilaku !== undefined ? input.perilaku : (current?.perilaku ?? null);
    const catatan = input.perilakuCatatan !== undefined ? input.perilakuCatatan : (current?.perilaku_catatan ?? null);
    const adjusted = adjustment(input, current, actor);
    await trx
      .insertInto('skp_plans')
      .values({
        user_id: userId,
        tahun,
        targets: JSON.stringify(targets),
        perilaku,
        perilaku_catatan: catatan,
        updated_by: actor.id,
        ...adjusted,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'tahun']).doUpdateSet({
          targets: JSON.stringify(targets),
          perilaku,
          perilaku_catatan: catatan,
          updated_by: actor.id,
          updated_at: new Date(),
          ...adjusted,
        }),
      )
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'performance.plan',
      entityType: 'user',
      entityId: userId,
      wilayah: worker.wilayah,
      details: { tahun, ...input },
    });
  });
  return performanceOf(db, actor, userId, tahun, now);
}
