import type { Kysely } from 'kysely';
import { writeAuditCheckpoint } from '../audit/audit-chain.js';
import type { DB } from '../db/schema.js';
import { QUEUES, type JobQueue } from '../jobs/job-queue.js';
import { refreshBacklog } from './backlog-refresh.js';
import { refreshOverviewSnapshots } from './overview-snapshots.js';
import type { CaseloadLimits } from './overview.js';

export interface RefreshJobDeps {
  db: Kysely<DB>;
  /** Read at each refresh, so a change on Data referensi needs no restart. */
  limits: () => Promise<CaseloadLimits>;
  log: (message: string, details: Record<string, unknown>) => void;
}

/**
 * The minute's refresh as a job in the database: pg-boss's cron queues one a minute across all
 * nodes, whichever node is free works it, and then the dashboard snapshots and the audit chain's
 * checkpoint follow. The advisory lock inside `refreshBacklog` stays as a second guard (a seed or
 * a test refreshing at the same moment).
 */
export function registerRefreshJob(jobs: JobQueue, deps: RefreshJobDeps): void {
  jobs.handle(QUEUES.dashboardRefresh.name, async () => {
    if (!(await refreshBacklog(deps.db))) return;
    await refreshOverviewSnapshots(deps.db, await deps.limits());
    // The audit chain's head, kept apart from the events (a table and the log), so a rewrite of the whole chain shows.
    const checkpoint = await writeAuditCheckpoint(deps.db);
    if (checkpoint) deps.log('audit chain head', { auditChainHead: checkpoint });
  });
  jobs.every(QUEUES.dashboardRefresh.name, '* * * * *');
}

/** A refresh now rather than at the next minute (a server starting on a folder whose figures are old). */
export async function refreshSoon(jobs: JobQueue): Promise<void> {
  await jobs.send(QUEUES.dashboardRefresh.name, {});
  jobs.wake(QUEUES.dashboardRefresh.name);
}
