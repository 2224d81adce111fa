/** Indonesian month names and `YYYY-MM` arithmetic, for reports and documents. */
export const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** `2026-10` → `Oktober 2026`. */
export const monthName = (bulan: string) => `${BULAN[Number(bulan.slice(5, 7)) - 1]} ${bulan.slice(0, 4)}`;

/** The month `n` months before a `YYYY-MM` (n may be 0). */
export function monthsBefore(bulan: string, n: number): string {
  const [y, m] = bulan.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
}
