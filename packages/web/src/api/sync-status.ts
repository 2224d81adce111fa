import { useQuery } from '@tanstack/react-query';
import type { TeamSyncStatusRow } from '@tuntas/domain';
import { useEffect } from 'react';
import { api } from './client.js';
import { useOutbox, type OutboxEntry } from './outbox.js';
import { useSyncState } from './sync.js';

/**
 * What this device's outbox holds, told to the server (issue 17: the koordinator sees who of the
 * team has unsent or conflicting work; only the phone knows its outbox). Reported a few seconds
 * after the outbox changes or a sync round ends, while online; a failed report is simply made
 * again at the next change — it is a status line, never the user's work, so it is not queued.
 */

const REPORT_DELAY_MS = 5_000;
const DEVICE_KEY = 'tuntas.perangkat';

/** Made once per browser profile and kept: the server keeps one line per user and device. */
function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export interface OutboxCounts {
  menunggu: number;
  konflik: number;
  ditolak: number;
  menungguSejak: string | null;
}

/** A write being sent right now has not reached the server yet: it counts as waiting. */
export function outboxCounts(entries: readonly OutboxEntry[]): OutboxCounts {
  const waiting = entries.filter((e) => e.status === 'menunggu' || e.status === 'mengirim');
  const oldest = waiting.reduce<string | null>((min, e) => (min === null || e.actedAt < min ? e.actedAt : min), null);
  return {
    menunggu: waiting.length,
    konflik: entries.filter((e) => e.status === 'konflik').length,
    ditolak: entries.filter((e) => e.status === 'ditolak').length,
    menungguSejak: oldest === null ? null : new Date(oldest).toISOString(),
  };
}

let lastSent: string | null = null;

async function report(userId: string, counts: OutboxCounts, syncAt: number | null): Promise<void> {
  if (!navigator.onLine) return;
  // The same counts after the same sync round say nothing new; a new round does (the last sync time).
  const signature = JSON.stringify([userId, counts, syncAt]);
  if (signature === lastSent) return;
  lastSent = signature;
  try {
    await api('/sync/status', { method: 'PUT', json: { perangkatId: deviceId(), ...counts } });
  } catch {
    lastSent = null;
  }
}

/** A pendamping's device reports while signed in (AppShell); never waits on it, never shows a failure. */
export function useSyncStatusReport(me: { id: string; role: string }): void {
  const entries = useOutbox();
  const { at } = useSyncState(me.id);
  const pendamping = me.role === 'pendamping';
  useEffect(() => {
    if (!pendamping) return;
    const counts = outboxCounts(entries);
    const timer = setTimeout(() => void report(me.id, counts, at), REPORT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [entries, at, me.id, pendamping]);
}

export const syncStatusKeys = { team: ['sync', 'team-status'] as const };

/** The koordinator's Tim page: each pendamping's unsent, conflicting and refused work. */
export function useTeamSyncStatus() {
  return useQuery({
    queryKey: syncStatusKeys.team,
    queryFn: () => api<TeamSyncStatusRow[]>('/sync/team-status'),
    refetchInterval: 60_000,
  });
}
