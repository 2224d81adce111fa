import { wilayahClock, workingDays } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { loadCalendar } from '../workforce/working-calendar.js';

/**
 * This month's attendance rate of an area's pendamping: working days present over the working
 * days so far (the calendar's: no holidays, no cuti bersama), less approved leave. The day in
 * progress is not held against anyone: it counts only for those already present, so the card does
 * not read 0.2 % at eight in the morning (issue 19). "Today" is the area's local date.
 */
export async function monthAttendanceRate(db: Kysely<DB>, area: string | null, people: number, now: Date): Promise<number | null> {
  const today = wilayahClock(area, now).tanggal;
  const monthStart = `${today.slice(0, 7)}-01`;
  const pendamping = () =>
    db
      .selectFrom('users')
      .where('users.role', '=', 'pendamping')
      .where((eb) => inScope(eb, eb.ref('users.wilayah'), { wilayah: area }));
  const [month, todayRow, calendar] = await Promise.all([
    pendamping()
      .innerJoin('worker_monthly', 'worker_monthly.user_id', 'users.id')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>('hadir_kerja'), sql<number>`0`).as('hadir'),
        eb.fn.coalesce(eb.fn.sum<number>('cuti_kerja'), sql<number>`0`).as('cuti'),
      ])
      .where('worker_monthly.bulan', '=', monthStart)
      .executeTakeFirstOrThrow(),
    pendamping()
      .innerJoin('attendance', 'attendance.user_id', 'users.id')
      .select(
        sql<number>`count(*) filter (where attendance.status in ('hadir', 'dinas_luar') and tuntas_hari_kerja(attendance.tanggal))`.as(
          'hadir',
        ),
      )
      .where('attendance.tanggal', '=', today)
      .executeTakeFirstOrThrow(),
    loadCalendar(db, monthStart, today),
  ]);
  const daysBefore = workingDays(monthStart, today, calendar).filter((d) => d < today).length;
  const expected = people * daysBefore + Number(todayRow.hadir) - Number(month.cuti);
  return expected <= 0 ? null : Math.round((Math.min(Number(month.hadir), expected) / expected) * 1000) / 10;
}
