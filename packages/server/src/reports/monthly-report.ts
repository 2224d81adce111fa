import { monthName, monthsBefore, type AttendanceRecapRow, type DashboardOverview } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { dashboardOverview, type CaseloadLimits } from '../dashboard/overview.js';
import type { DB } from '../db/schema.js';
import { attendanceRecap } from '../workforce/attendance-recap.js';

export interface MonthlyReport {
  bulan: string;
  judul: string;
  overview: DashboardOverview;
  /** The month's own flow (opened, resolved, closed). */
  bulanIni: { dibuat: number; terselesaikan: number; ditutup: number };
  presensi: AttendanceRecapRow[];
  ppksNama: Map<string, string>;
  dibuatPada: Date;
}

/**
 * Everything the monthly report shows, from the same summary tables as the dashboard, so the
 * document and the screen give the same numbers. Stocks (the funnel, backlog) are as of
 * generation; flows and medians are those of the month and the eleven before it.
 */
export async function monthlyReport(
  db: Kysely<DB>,
  actor: Actor,
  wilayah: string | null,
  bulan: string,
  limits: CaseloadLimits,
  now: Date,
): Promise<MonthlyReport> {
  const query = { wilayah: wilayah ?? undefined, dari: monthsBefore(bulan, 11), sampai: bulan };
  const [overview, presensi, ppks] = await Promise.all([
    dashboardOverview(db, actor, query, limits, now),
    attendanceRecap(db, actor, bulan, wilayah ?? undefined, now.toISOString().slice(0, 10)),
    db.selectFrom('ppks').select(['kode', 'nama']).execute(),
  ]);
  const month = overview.tren.find((t) => t.bulan === bulan);
  return {
    bulan,
    judul: `Laporan Bulanan Rehabilitasi Sosial - ${overview.nama} - ${monthName(bulan)}`,
    overview,
    bulanIni: { dibuat: month?.dibuat ?? 0, terselesaikan: month?.terselesaikan ?? 0, ditutup: month?.ditutup ?? 0 },
    presensi,
    ppksNama: new Map(ppks.map((p) => [p.kode, p.nama])),
    dibuatPada: now,
  };
}
