/**
 * When a worker acted, as their phone recorded it, against when the server received it (issue 17:
 * work done without a signal arrives later). The phone's clock decides the day and the lateness
 * of an offline check-in, but it is not trusted blindly: a phone ahead of the server gets the
 * server's time (a fast clock must not refuse a check-in), one older than an offline stretch is
 * refused, and a late arrival is flagged for the koordinator with both times, not hidden.
 */
export const ACTED_TIME = {
  /** The longest offline stretch a queued check-in or check-out may come from. */
  maxDelayMs: 72 * 3600_000,
  /** Received this much later than acted: flagged for the koordinator. */
  flagAfterMs: 15 * 60_000,
} as const;

export type ActedTime = { ok: true; at: Date; tertunda: boolean } | { ok: false; reason: 'TERLALU_LAMA' };

export function actedTime(device: string | undefined, received: Date): ActedTime {
  if (device === undefined) return { ok: true, at: received, tertunda: false };
  const at = new Date(device);
  const delay = received.getTime() - at.getTime();
  // A phone ahead of the server (or an unreadable time) gets the server's: never a time in the future.
  if (Number.isNaN(at.getTime()) || delay < 0) return { ok: true, at: received, tertunda: false };
  if (delay > ACTED_TIME.maxDelayMs) return { ok: false, reason: 'TERLALU_LAMA' };
  return { ok: true, at, tertunda: delay > ACTED_TIME.flagAfterMs };
}
