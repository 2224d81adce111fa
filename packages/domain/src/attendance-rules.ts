import { IANA_ZONE, provinceOf, zonaWaktu } from './wilayah.js';

// Working days and hours (holidays, cuti bersama, Ramadan) are in working-calendar.ts.

/** Day statuses of presensi. hadir and dinas luar are present; the rest are absences a koordinator approves. */
export const ATTENDANCE_STATUSES = ['hadir', 'dinas_luar', 'izin', 'sakit', 'cuti'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ABSENCE_STATUSES = ['izin', 'sakit', 'cuti'] as const satisfies readonly AttendanceStatus[];
export type AbsenceStatus = (typeof ABSENCE_STATUSES)[number];
export const PRESENT_STATUSES: readonly AttendanceStatus[] = ['hadir', 'dinas_luar'];

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Beyond this from the duty location a check-in is flagged for the koordinator (never refused). */
export const DEFAULT_DUTY_RADIUS_KM = 30;

/**
 * Province capitals: the duty location of a pendamping whose profile has none yet, and the
 * anchor of each province on the dashboard's tile map.
 */
export const PROVINCE_CAPITALS: Record<string, { kota: string; lat: number; lng: number }> = {
  '11': { kota: 'Banda Aceh', lat: 5.55, lng: 95.32 },
  '12': { kota: 'Medan', lat: 3.59, lng: 98.67 },
  '13': { kota: 'Padang', lat: -0.95, lng: 100.35 },
  '14': { kota: 'Pekanbaru', lat: 0.51, lng: 101.45 },
  '15': { kota: 'Jambi', lat: -1.61, lng: 103.61 },
  '16': { kota: 'Palembang', lat: -2.98, lng: 104.76 },
  '17': { kota: 'Bengkulu', lat: -3.8, lng: 102.27 },
  '18': { kota: 'Bandar Lampung', lat: -5.43, lng: 105.26 },
  '19': { kota: 'Pangkalpinang', lat: -2.13, lng: 106.11 },
  '21': { kota: 'Tanjungpinang', lat: 0.92, lng: 104.45 },
  '31': { kota: 'Jakarta', lat: -6.18, lng: 106.83 },
  '32': { kota: 'Bandung', lat: -6.91, lng: 107.61 },
  '33': { kota: 'Semarang', lat: -6.97, lng: 110.42 },
  '34': { kota: 'Yogyakarta', lat: -7.8, lng: 110.36 },
  '35': { kota: 'Surabaya', lat: -7.25, lng: 112.75 },
  '36': { kota: 'Serang', lat: -6.12, lng: 106.15 },
  '51': { kota: 'Denpasar', lat: -8.65, lng: 115.22 },
  '52': { kota: 'Mataram', lat: -8.58, lng: 116.12 },
  '53': { kota: 'Kupang', lat: -10.18, lng: 123.61 },
  '61': { kota: 'Pontianak', lat: -0.03, lng: 109.33 },
  '62': { kota: 'Palangka Raya', lat: -2.21, lng: 113.92 },
  '63': { kota: 'Banjarbaru', lat: -3.44, lng: 114.83 },
  '64': { kota: 'Samarinda', lat: -0.5, lng: 117.15 },
  '65': { kota: 'Tanjung Selor', lat: 2.84, lng: 117.37 },
  '71': { kota: 'Manado', lat: 1.47, lng: 124.84 },
  '72': { kota: 'Palu', lat: -0.9, lng: 119.87 },
  '73': { kota: 'Makassar', lat: -5.15, lng: 119.43 },
  '74': { kota: 'Kendari', lat: -3.97, lng: 122.51 },
  '75': { kota: 'Gorontalo', lat: 0.54, lng: 123.06 },
  '76': { kota: 'Mamuju', lat: -2.68, lng: 118.89 },
  '81': { kota: 'Ambon', lat: -3.7, lng: 128.18 },
  '82': { kota: 'Sofifi', lat: 0.74, lng: 127.56 },
  '91': { kota: 'Jayapura', lat: -2.53, lng: 140.72 },
  '92': { kota: 'Manokwari', lat: -0.86, lng: 134.06 },
  '93': { kota: 'Merauke', lat: -8.5, lng: 140.4 },
  '94': { kota: 'Nabire', lat: -3.37, lng: 135.5 },
  '95': { kota: 'Wamena', lat: -4.1, lng: 138.95 },
  '96': { kota: 'Sorong', lat: -0.88, lng: 131.26 },
};

export function provinceCapital(code: string): { lat: number; lng: number } | undefined {
  return PROVINCE_CAPITALS[provinceOf(code)];
}

/** The local calendar day and minutes since midnight of an instant in an IANA zone. */
const clocks = new Map<string, Intl.DateTimeFormat>();

export function localClock(at: Date, ianaZone: string): { tanggal: string; menit: number } {
  // Building a formatter costs far more than using one: one per zone, kept.
  let clock = clocks.get(ianaZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', {
      timeZone: ianaZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(ianaZone, clock);
  }
  const parts = clock.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { tanggal: `${get('year')}-${get('month')}-${get('day')}`, menit: Number(get('hour')) * 60 + Number(get('minute')) };
}

/**
 * "Today" and the time of day where a worker works: their province's zone (WIB for a national
 * user). The one rule the server and the browser both use, so a WIT pendamping's form offers
 * their own today before 09.00 WIB as well.
 */
export function wilayahClock(wilayah: string | null, now: Date = new Date()): { tanggal: string; menit: number } {
  return localClock(now, IANA_ZONE[wilayah ? zonaWaktu(wilayah) : 'WIB']);
}
