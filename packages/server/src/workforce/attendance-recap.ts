import { workingDays, type AttendanceRecapRow, type TeamDayRow } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { isWithinScope } from '@tuntas/domain';
import { toAttendanceView, type AttendanceRow } from './attendance-view.js';
import { loadCalendar } from './working-calendar.js';

function team(db: Kysely<DB>, actor: Actor, wilayah: string | undefined) {
  if (!workforcePolicy.readOthers(actor)) throw new AppError('FORBIDDEN');
  if (wilayah && !isWithinScope(actor.wilayah, wilayah)) throw notFound();
  let people = db
    .selectFrom('users')
    .where('users.role', '=', 'pendamping')
    .where('users.disabled_at', 'is', null)
    .where((eb) => inScope(eb, eb.ref('users.wilayah'), actor));
  if (wilayah) people = people.where((eb) => inScope(eb, eb.ref('users.wilayah'), { wilayah }));
  return people;
}

/** Every pendamping of the area with their presensi of one day (none yet is a row too). */
export async function teamDay(db: Kysely<DB>, actor: Actor, tanggal: string, wilayah: string | undefined): Promise<TeamDayRow[]> {
  const rows = await team(db, actor, wilayah)
    .leftJoin('attendance', (j) => j.onRef('attendance.user_id', '=', 'users.id').on('attendance.tanggal', '=', tanggal))
    .leftJoin('pendamping_profiles as p', 'p.user_id', 'users.id')
    .leftJoin('disasters', 'disasters.id', 'attendance.disaster_id')
    .selectAll('attendance')
    .select([
      'users.id as uid',
      'users.username',
      'users.nama_lengkap',
      'users.wilayah as uwilayah',
      'p.lokasi_lat',
      'p.lokasi_lng',
      'disasters.nama as kejadian_nama',
    ])
    .orderBy('users.wilayah')
    .orderBy('users.username')
    .execute();
  return rows.map((r) => ({
    userId: r.uid,
    username: r.username,
    nama: r.nama_lengkap,
    wilayah: r.uwilayah!,
    lokasiTugas: r.lokasi_lat === null || r.lokasi_lng === null ? null : { lat: r.lokasi_lat, lng: r.lokasi_lng },
    presensi: r.id === null ? null : toAttendanceView(r as unknown as AttendanceRow),
  }));
}

function monthRange(bulan: string, today: string): { from: string; to: string } {
  const [y, m] = bulan.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: `${bulan}-01`, to: last < today ? last : today };
}

/**
 * The monthly recap of every pendamping in the area: one GROUP BY over the month's attendance.
 * Working days (the calendar's: no holidays, no cuti bersama) run to today for the current month;
 * approved leave is not held against anyone.
 */
export async function attendanceRecap(
  db: Kysely<DB>,
  actor: Actor,
  bulan: string,
  wilayah: string | undefined,
  today: string,
): Promise<AttendanceRecapRow[]> {
  const { from, to } = monthRange(bulan, today);
  const hariKerja = from > to ? 0 : workingDays(from, to, await loadCalendar(db, from, to)).length;
  const weekday = sql`tuntas_hari_kerja(attendance.tanggal)`;
  const approvedLeave = sql`attendance.status in ('izin', 'sakit', 'cuti') and attendance.persetujuan = 'disetujui'`;
  const rows = await team(db, actor, wilayah)
    .leftJoin('attendance', (j) =>
      j.onRef('attendance.user_id', '=', 'users.id').on('attendance.tanggal', '>=', from).on('attendance.tanggal', '<=', to),
    )
    .select(['users.id', 'users.username', 'users.nama_lengkap', 'users.wilayah'])
    .select([
      sql<number>`count(*) filter (where attendance.status = 'hadir')::int`.as('hadir'),
      sql<number>`count(*) filter (where attendance.status = 'dinas_luar')::int`.as('dinas_luar'),
      sql<number>`count(*) filter (where attendance.terlambat)::int`.as('terlambat'),
      sql<number>`count(*) filter (where attendance.pulang_cepat)::int`.as('pulang_cepat'),
      sql<number>`count(*) filter (where attendance.status = 'izin' and attendance.persetujuan = 'disetujui')::int`.as('izin'),
      sql<number>`count(*) filter (where attendance.status = 'sakit' and attendance.persetujuan = 'disetujui')::int`.as('sakit'),
      sql<number>`count(*) filter (where attendance.status = 'cuti' and attendance.persetujuan = 'disetujui')::int`.as('cuti'),
      sql<number>`count(*) filter (where attendance.status in ('hadir', 'dinas_luar') and ${weekday})::int`.as('hadir_kerja'),
      sql<number>`count(*) filter (where ${approvedLeave} and ${weekday})::int`.as('cuti_kerja'),
    ])
    .groupBy(['users.id', 'users.username', 'users.nama_lengkap', 'users.wilayah'])
    .orderBy('users.wilayah')
    .orderBy('users.username')
    .execute();
  return rows.map((r) => {
    const expected = hariKerja - r.cuti_kerja;
    return {
      userId: r.id,
      username: r.username,
      nama: r.nama_lengkap,
      wilayah: r.wilayah!,
      hariKerja,
      hadir: r.hadir,
      dinasLuar: r.dinas_luar,
      terlambat: r.terlambat,
      pulangCepat: r.pulang_cepat,
      izin: r.izin,
      sakit: r.sakit,
      cuti: r.cuti,
      tanpaKeterangan: Math.max(0, expected - r.hadir_kerja),
      tingkatKehadiran: expected <= 0 ? 100 : Math.round((Math.min(r.hadir_kerja, expected) / expected) * 1000) / 10,
    };
  });
}

export const RECAP_HEADER = [
  'Nama pengguna',
  'Nama',
  'Wilayah',
  'Hari kerja',
  'Hadir',
  'Dinas luar',
  'TL (terlambat)',
  'PSW (pulang sebelum waktunya)',
  'Izin',
  'Sakit',
  'Cuti',
  'Tanpa keterangan',
  'Tingkat kehadiran (%)',
];

export const recapCells = (r: AttendanceRecapRow) => [
  r.username,
  r.nama,
  r.wilayah,
  r.hariKerja,
  r.hadir,
  r.dinasLuar,
  r.terlambat,
  r.pulangCepat,
  r.izin,
  r.sakit,
  r.cuti,
  r.tanpaKeterangan,
  r.tingkatKehadiran,
];
