/** Day arithmetic and batched inserts shared by the disaster demo seeders. */

export const DAY = 86_400_000;

export const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** A moment on `iso` (local WIB day) at `hour` o'clock WIB. */
export const at = (iso: string, hour: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + (hour - 7) * 3_600_000);

export async function chunked<T>(rows: T[], size: number, write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}
