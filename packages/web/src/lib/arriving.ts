import { useDeferredValue } from 'react';

/** A query as far as arriving goes: TanStack Query's first-load state and whether it is on the wire. */
interface Arriving {
  isPending: boolean;
  fetchStatus: string;
}

/**
 * Whether a screen should still wait before showing its sections, so they appear at once instead
 * of each pushing the next down as its data arrives (layout shift, issue 21). Queries that are off
 * (`false`) or paused without a signal do not hold the screen: their sections say so themselves.
 */
export function stillArriving(...queries: Array<Arriving | false | undefined>): boolean {
  return queries.some((q) => q && q.isPending && q.fetchStatus === 'fetching');
}

/**
 * Whether a screen may show what became ready: true one background render after `ready`, a
 * render React interrupts every few milliseconds (a deferred value), so drawing a whole screen
 * is not one block of the phone's main thread that taps and scrolling wait behind (total
 * blocking time). Only the flag is deferred, never data: a button drawn from an older answer
 * would act on an older version.
 */
export function useReadyToShow(ready: boolean): boolean {
  return useDeferredValue(ready, false);
}

/** `stillArriving`, for a screen that then draws a lot at once: its "Memuat…" stays until it is drawn. */
export function useStillArriving(...queries: Array<Arriving | false | undefined>): boolean {
  return !useReadyToShow(!stillArriving(...queries));
}
