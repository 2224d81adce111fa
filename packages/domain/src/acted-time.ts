/**
 * When a worker acted, as their phone recorded it, against when the server received it (issue 17:
 * work done without a signal arrives later). The phone's clock decides the day and the lateness
 * of an offline check-in, but it is not trusted blindly: a time ahead of the server or older than
 * an offline stretch is refused, and a late arrival is flagged for the koordinator, not hidden.
 */
export const ACTED_TIME = {
  /** Clock skew tolerated ahead of the server. */
  aheadMs: 2 * 60_000,
  /** The longest offline stretch a queued check-in or check-out may come from. */
  maxDelayMs: 72 * 3600_000,
  /** Received this much later than acted: flagged for the koordinator. */
  flagAfterMs: 15 * 60_000,
} as const;

export type ActedTime = { ok: true; at: Date; tertunda: boolean } | { ok: false; reason: 'DI_DEPAN_JAM_SERVER' | 'TERLALU_LAMA' };

export function actedTime(device: string | undefined, received: Date): ActedTime {
  if (device === undefined) return { ok: true, at: received, tertunda: false };
  const at = new Date(device);
  const delay = received.getTime() - at.getTime();
  if (Number.isNaN(at.getTime()) || delay < -ACTED_TIME.aheadMs) return { ok: false, reason: 'DI_DEPAN_JAM_SERVER' };
  if (delay > ACTED_TIME.maxDelayMs) return { ok: false, reason: 'TERLALU_LAMA' };
  // Within the skew a phone a little ahead keeps the server's time: never a time in the future.
  return { ok: true, at: delay < 0 ? received : at, tertunda: delay > ACTED_TIME.flagAfterMs };
}
