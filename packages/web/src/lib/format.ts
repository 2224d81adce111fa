import i18next from 'i18next';
import { IANA_ZONE, wilayahClock, zonaWaktu } from '@tuntas/domain';

const locale = () => (i18next.language === 'en' ? 'en-GB' : 'id-ID');

// Making an Intl formatter costs far more than using one (a list of 50 dates made 50 of them:
// ~80 ms of a phone's first screen at 4x CPU, 2026-12-03); one per locale and options is kept.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function kept<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  kind: string,
  options: object,
  make: (l: string) => T,
): T {
  const key = `${kind}|${locale()}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make(locale())));
  return f;
}
const dateFormat = (o: Intl.DateTimeFormatOptions) => kept('d', o, (l) => new Intl.DateTimeFormat(l, o));
const numberFormat = (o: Intl.NumberFormatOptions = {}) => kept('n', o, (l) => new Intl.NumberFormat(l, o));

/** `17 Agustus 2025` for a `YYYY-MM-DD` date (no time zone shift: a birth date is a calendar day). */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return dateFormat({ day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The day a moment fell on where the record is (`2 Des 2026`): a case opened at 00.30 WIB is that day, not the UTC day before. */
export function formatDay(iso: string, wilayah: string | null): string {
  const zone = wilayah ? zonaWaktu(wilayah) : 'WIB';
  return dateFormat({ dateStyle: 'medium', timeZone: IANA_ZONE[zone] }).format(new Date(iso));
}

/** A moment in the user's province's zone, with the zone's name: `5 Mei 2026 09.30 WITA`. */
export function formatDateTime(iso: string, wilayah: string | null): string {
  const zone = wilayah ? zonaWaktu(wilayah) : 'WIB';
  const text = dateFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone: IANA_ZONE[zone] }).format(new Date(iso));
  return `${text} ${zone}`;
}

export function formatNumber(n: number): string {
  return numberFormat().format(n);
}

/** `November 2026` for a `YYYY-MM` month (`short`: `Nov 2026`, for an axis). */
export function formatMonth(bulan: string, month: 'long' | 'short' = 'long'): string {
  const [y, m] = bulan.split('-').map(Number) as [number, number];
  return dateFormat({ month, year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A distance as the locale writes it (`62,3`), or `?` when the device gave no position. */
export function kmText(km: number | null): string {
  return km === null ? '?' : numberFormat({ maximumFractionDigits: 1 }).format(km);
}

export function ageFrom(isoDate: string, today = new Date()): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const age = today.getFullYear() - y;
  return today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d) ? age - 1 : age;
}

/** A person's age: from the birth date, or from the birth year alone in a masked view. */
export function personAge(person: { tanggalLahir: string | null; tahunLahir: number }, today = new Date()): number {
  return person.tanggalLahir ? ageFrom(person.tanggalLahir, today) : today.getFullYear() - person.tahunLahir;
}

/** Today's date (`YYYY-MM-DD`) where the user works — never the UTC day. */
export function workerToday(wilayah: string | null): string {
  return wilayahClock(wilayah).tanggal;
}

/** Whole days from a moment until now (0 on the same day). */
export function daysSince(iso: string, now = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}

/** Time of day in the province's zone with the zone's name: `07.42 WITA`. */
export function formatTime(iso: string, wilayah: string | null): string {
  const zone = wilayah ? zonaWaktu(wilayah) : 'WIB';
  return `${dateFormat({ timeStyle: 'short', timeZone: IANA_ZONE[zone] }).format(new Date(iso))} ${zone}`;
}

/** How long ago, in words of the user's language: `3 jam yang lalu`, `kemarin`. */
export function formatAgo(iso: string, now = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const rtf = kept('r', { numeric: 'auto' }, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(0, 'minute');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** Minutes since local midnight as a clock reading: `08.00` in Indonesian, `08:00` in English. */
export function formatClock(minutes: number): string {
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${hh}${i18next.language === 'en' ? ':' : '.'}${mm}`;
}
