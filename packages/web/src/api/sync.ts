import type { QueryClient } from '@tanstack/react-query';
import type { SyncChanges } from '@tuntas/domain';
import { api } from './client.js';
import { workforceKeys } from './workforce-queries.js';

/**
 * The warm-up after sign-in (issue 17): the pendamping's working set from /sync/changes goes into
 * the query cache under the keys the screens read, so their cases, the people, each working file,
 * the tasks and today's presensi and activities open without a signal even if never opened.
 */
export async function warmUp(client: QueryClient, me: { id: string; role: string }): Promise<void> {
  if (me.role !== 'pendamping') return;
  const asked = Date.now();
  const d = await api<SyncChanges>('/sync/changes');
  const set = (key: readonly unknown[], data: unknown) => {
    // The working set is as old as the moment it was asked for: a screen's own answer fetched
    // since (or being fetched) is fresher and stays — a check-out made meanwhile must not vanish.
    const state = client.getQueryState(key);
    if (state?.fetchStatus === 'fetching' || (state?.dataUpdatedAt ?? 0) >= asked) return;
    client.setQueryData(key, data, { updatedAt: asked });
  };
  for (const c of d.cases) set(['case', c.id], c);
  for (const b of d.beneficiaries) set(['beneficiary', b.id], b);
  for (const w of d.workingFiles) {
    set(['case', w.caseId, 'assessments'], w.assessments);
    set(['case', w.caseId, 'plan'], w.plan);
    set(['case', w.caseId, 'services'], w.services);
    set(['case', w.caseId, 'referrals'], w.referrals);
    set(['case', w.caseId, 'outcomes'], w.outcomes);
    set(['case', w.caseId, 'followups'], w.followUps);
  }
  // The lists of the pendamping's own first screens: Beranda and "Kasus saya".
  const open = d.cases.filter((c) => c.status === 'tertangani');
  if (!client.getQueryData(['cases', { page: 1, pageSize: 5, status: 'tertangani', pendampingId: me.id }]))
    set(['cases', { page: 1, pageSize: 5, status: 'tertangani', pendampingId: me.id }], { items: open.slice(0, 5), total: open.length });
  if (d.tasks) set(['tasks'], d.tasks);
  if (d.attendance) {
    set(workforceKeys.today, d.attendance);
    if (d.activities)
      set(workforceKeys.activities({ tanggal: d.attendance.tanggal, userId: me.id, pageSize: 100 }), {
        items: d.activities,
        total: d.activities.length,
      });
  }
}
