import { IANA_ZONE, PROVINCE_CODES, zonaWaktu, type IndicatorCode } from '@tuntas/domain';
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';

const zoneCase = (() => {
  const byZone = new Map<string, string[]>();
  for (const p of PROVINCE_CODES) byZone.set(IANA_ZONE[zonaWaktu(p)], [...(byZone.get(IANA_ZONE[zonaWaktu(p)]) ?? []), p]);
  return byZone;
})();

/** The IANA zone of a worker's area, in SQL: months are counted on the worker's own calendar. */
export function zoneSql(wilayah: Expression<string | null>): RawBuilder<string> {
  const branches = [...zoneCase.entries()].map(([zone, provinces]) => sql`when left(${wilayah}, 2) in (${sql.join(provinces)}) then ${zone}`);
  return sql<string>`(case ${sql.join(branches, sql` `)} else 'Asia/Jakarta' end)`;
}

export type Monthly = Record<IndicatorCode, number[]>;

/** Per worker and month (index 0–11): the counts that realise the SKP indicators. */
export interface WorkerRealisation {
  counts: Monthly;
  /** Present working days and approved-leave working days per month (kehadiran is computed from them). */
  hadirKerja: number[];
  cutiKerja: number[];
}

const empty = (): WorkerRealisation => ({
  counts: { dijangkau: z(), diasesmen: z(), rencana: z(), terselesaikan: z(), rujukan: z(), ldp: z(), kehadiran: z(), jam_kegiatan: z() },
  hadirKerja: z(),
  cutiKerja: z(),
});
function z(): number[] {
  return Array.from({ length: 12 }, () => 0);
}

/**
 * Four GROUP BYs over one year for a set of workers (one person, or a whole province): their own
 * case events, cases verified as resolved, approved activities, and attendance.
 */
export async function realisation(db: Kysely<DB>, userIds: string[], tahun: number): Promise<Map<string, WorkerRealisation>> {
  const result = new Map<string, WorkerRealisation>(userIds.map((id) => [id, empty()]));
  if (userIds.length === 0) return result;
  const ids = sql`(${sql.join(userIds.map((id) => sql`${id}::uuid`))})`;
  // A day's margin on both sides of the year; the zone-aware month decides.
  const from = new Date(Date.UTC(tahun, 0, 1) - 86_400_000);
  const to = new Date(Date.UTC(tahun + 1, 0, 1) + 86_400_000);
  const local = (col: RawBuilder<unknown>) => sql`(${col} at time zone ${zoneSql(sql.ref('u.wilayah'))})`;

  const [events, resolved, acts, attendance] = await Promise.all([
    sql<{ uid: string; m: number; dijangkau: number; diasesmen: number; rencana: number }>`
      select e.actor_id as uid, extract(month from ${local(sql.ref('e.at'))})::int as m,
        count(*) filter (where e.jenis = 'dibuat')::int as dijangkau,
        count(*) filter (where e.jenis = 'tahapan' and e.ke_tahapan = 'asesmen')::int as diasesmen,
        count(*) filter (where e.jenis = 'tahapan' and e.ke_tahapan = 'intervensi')::int as rencana
      from case_events e join users u on u.id = e.actor_id
      where e.actor_id in ${ids} and e.at >= ${from} and e.at < ${to}
        and extract(year from ${local(sql.ref('e.at'))}) = ${tahun}
      group by 1, 2`.execute(db),
    sql<{ uid: string; m: number; n: number }>`
      select c.pendamping_id as uid, extract(month from ${local(sql.ref('c.diverifikasi_pada'))})::int as m, count(*)::int as n
      from cases c join users u on u.id = c.pendamping_id
      where c.pendamping_id in ${ids} and c.diverifikasi_pada >= ${from} and c.diverifikasi_pada < ${to}
        and extract(year from ${local(sql.ref('c.diverifikasi_pada'))}) = ${tahun}
      group by 1, 2`.execute(db),
    sql<{ uid: string; m: number; rujukan: number; ldp: number; menit: number }>`
      select a.user_id as uid, extract(month from a.tanggal)::int as m,
        count(*) filter (where a.jenis = 'pendampingan_rujukan')::int as rujukan,
        count(*) filter (where a.jenis = 'dukungan_psikososial')::int as ldp,
        sum(a.durasi_menit)::int as menit
      from activities a
      where a.user_id in ${ids} and a.status = 'disetujui'
        and a.tanggal >= make_date(${tahun}, 1, 1) and a.tanggal < make_date(${tahun} + 1, 1, 1)
      group by 1, 2`.execute(db),
    sql<{ uid: string; m: number; hadir: number; cuti: number }>`
      select a.user_id as uid, extract(month from a.tanggal)::int as m,
        count(*) filter (where a.status in ('hadir', 'dinas_luar'))::int as hadir,
        count(*) filter (where a.status in ('izin', 'sakit', 'cuti') and a.persetujuan = 'disetujui')::int as cuti
      from attendance a
      where a.user_id in ${ids} and extract(isodow from a.tanggal) <= 5
        and a.tanggal >= make_date(${tahun}, 1, 1) and a.tanggal < make_date(${tahun} + 1, 1, 1)
      group by 1, 2`.execute(db),
  ]);
  const at = (uid: string) => result.get(uid)!;
  for (const r of events.rows) {
    const c = at(r.uid).counts;
    c.dijangkau[r.m - 1] = r.dijangkau;
    c.diasesmen[r.m - 1] = r.diasesmen;
    c.rencana[r.m - 1] = r.rencana;
  }
  for (const r of resolved.rows) at(r.uid).counts.terselesaikan[r.m - 1] = r.n;
  for (const r of acts.rows) {
    const c = at(r.uid).counts;
    c.rujukan[r.m - 1] = r.rujukan;
    c.ldp[r.m - 1] = r.ldp;
    c.jam_kegiatan[r.m - 1] = Math.round((r.menit / 60) * 10) / 10;
  }
  for (const r of attendance.rows) {
    at(r.uid).hadirKerja[r.m - 1] = r.hadir;
    at(r.uid).cutiKerja[r.m - 1] = r.cuti;
  }
  return result;
}
