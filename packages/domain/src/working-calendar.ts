/**
 * The working calendar (issue 19): which days are working days and what the hours are, for
 * presensi (TL/PSW), the monthly recap, SKP's attendance and the dashboard. One rule for the
 * server and the browser; the holidays and special hours come from the database (an admin keeps
 * them), passed in as a `KalenderKerja`.
 */

/** National holidays (libur nasional) and collective leave (cuti bersama), SKB 3 Menteri each year. */
export const JENIS_HARI_LIBUR = ['libur_nasional', 'cuti_bersama'] as const;
export type JenisHariLibur = (typeof JENIS_HARI_LIBUR)[number];

export interface HariLibur {
  tanggal: string;
  jenis: JenisHariLibur;
  nama: string;
}

export interface JamKerjaHarian {
  /** Minutes since local midnight. */
  masuk: number;
  pulang: number;
  /** Friday ends later (the longer Friday-prayer break). */
  pulangJumat: number;
}

/** Special working hours for a period (Ramadan), inclusive dates. */
export interface JamKerjaKhusus extends JamKerjaHarian {
  nama: string;
  mulai: string;
  selesai: string;
}

export interface KalenderKerja {
  libur: readonly HariLibur[];
  jamKhusus: readonly JamKerjaKhusus[];
}

/** No holidays known: Monday to Friday at the normal hours. */
export const KALENDER_KOSONG: KalenderKerja = { libur: [], jamKhusus: [] };

/**
 * The five-day week of 37.5 hours (Perpres 21/2023 on working days and hours of state
 * employees): 07.30–16.00 (Friday to 16.30) less the breaks, in the province's own time zone.
 */
export const WORKING_HOURS: JamKerjaHarian = { masuk: 7 * 60 + 30, pulang: 16 * 60, pulangJumat: 16 * 60 + 30 };

/**
 * Ramadan: 08.00–15.00, Friday 08.00–15.30 — 32.5 hours a week less the breaks, as the Minister of PANRB's
 * circular sets each Ramadan under Perpres 21/2023 Pasal 5 (the dates follow the government's
 * start of Ramadan, so the admin enters the period each year).
 */
export const RAMADAN_HOURS: JamKerjaHarian = { masuk: 8 * 60, pulang: 15 * 60, pulangJumat: 15 * 60 + 30 };

/** ISO weekday 1 (Monday) … 7 (Sunday) of a `YYYY-MM-DD`. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The holiday on a day, if any. */
export function holidayOn(date: string, cal: KalenderKerja = KALENDER_KOSONG): HariLibur | undefined {
  return cal.libur.find((h) => h.tanggal === date);
}

/** Monday to Friday, and neither a national holiday nor cuti bersama. */
export function isWorkingDay(date: string, cal: KalenderKerja = KALENDER_KOSONG): boolean {
  return isoWeekday(date) <= 5 && !holidayOn(date, cal);
}

/** The hours that hold on a day: a special period's (Ramadan) or the normal ones. */
export function workingHoursOn(date: string, cal: KalenderKerja = KALENDER_KOSONG): JamKerjaHarian {
  return cal.jamKhusus.find((k) => k.mulai <= date && date <= k.selesai) ?? WORKING_HOURS;
}

/**
 * TL (terlambat) and PSW (pulang sebelum waktunya): the abbreviations the civil-service attendance
 * rules and their tunjangan-kinerja deductions use for coming in after the start and leaving before
 * the end of the working day (PP 94/2021 on discipline: "masuk kerja dan menaati ketentuan jam kerja").
 * Nobody is late on a day that is not a working day.
 * TL: checked in after the start of that day's working hours.
 */
export function isLate(date: string, minutesLocal: number, cal: KalenderKerja = KALENDER_KOSONG): boolean {
  return isWorkingDay(date, cal) && minutesLocal > workingHoursOn(date, cal).masuk;
}

/** PSW: checked out before the end of that day's working hours (Friday later). */
export function isEarlyLeave(date: string, minutesLocal: number, cal: KalenderKerja = KALENDER_KOSONG): boolean {
  if (!isWorkingDay(date, cal)) return false;
  const hours = workingHoursOn(date, cal);
  return minutesLocal < (isoWeekday(date) === 5 ? hours.pulangJumat : hours.pulang);
}

/** Working days from `from` to `to` inclusive: weekdays less holidays and cuti bersama. */
export function workingDays(from: string, to: string, cal: KalenderKerja = KALENDER_KOSONG): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (isWorkingDay(day, cal)) days.push(day);
  }
  return days;
}
