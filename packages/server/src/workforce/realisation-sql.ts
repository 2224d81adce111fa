import type { IndicatorCode } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export type Monthly = Record<IndicatorCode, number[]>;

/** Per worker and month (index 0–11): the counts that realise the SKP indicators. */
export interface WorkerRealisation {
  counts: Monthly;
  /** Present working days and approved-leave working days per month (kehadiran is computed from them). */
  hadirKerja: number[];
  cutiKerja: number[];
}

function z(): number[] {
  return Array.from({ length: 12 }, () => 0);
}

const empty = (): WorkerRealisation => ({
  counts: { dijangkau: z(), diasesmen: z(), rencana: z(), terselesaikan: z(), rujukan: z(), ldp: z(), kehadiran: z(), jam_kegiatan: z() },
  hadirKerja: z(),
  cutiKerja: z(),
});

/**
 * A year of realisation for a set of workers (one person, or every pendamping of the country),
 * read from `worker_monthly`, which triggers keep current with the work itself (migration 0008).
 */
export async function realisation(db: Kysely<DB>, userIds: string[], tahun: number): Promise<Map<string, WorkerRealisation>> {
  const result = new Map<string, WorkerRealisation>(userIds.map((id) => [id, empty()]));
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('worker_monthly')
    .selectAll()
    .where('user_id', 'in', userIds)
    .where('bulan', '>=', `${tahun}-01-01`)
    .where('bulan', '<', `${tahun + 1}-01-01`)
    .execute();
  for (const r of rows) {
    const w = result.get(r.user_id)!;
    const m = Number(r.bulan.slice(5, 7)) - 1;
    w.counts.dijangkau[m] = r.dijangkau;
    w.counts.diasesmen[m] = r.diasesmen;
    w.counts.rencana[m] = r.rencana;
    w.counts.terselesaikan[m] = r.terselesaikan;
    w.counts.rujukan[m] = r.rujukan;
    w.counts.ldp[m] = r.ldp;
    w.counts.jam_kegiatan[m] = Math.round((r.menit_disetujui / 60) * 10) / 10;
    w.hadirKerja[m] = r.hadir_kerja;
    w.cutiKerja[m] = r.cuti_kerja;
  }
  return result;
}
