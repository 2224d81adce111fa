import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { QUEUES, type JobQueue } from '../jobs/job-queue.js';
import { runRetention, type RetentionDeps } from './retention-run.js';

/** Daily, at 02.30 WIB: the quietest hour of the working day's country, after the night's backups. */
export const RETENTION_CRON = '30 2 * * *';
export const RETENTION_TZ = 'Asia/Jakarta';

/**
 * The retention run as a job in the database: queued once a day across all nodes by pg-boss's
 * cron, worked by whichever node takes it; one that crashes half-way is retried, and the run
 * picks up where it stopped (what it anonymised is marked).
 */
export function registerRetentionJob(jobs: JobQueue, deps: RetentionDeps, log: (message: string, details: object) => void): void {
  jobs.handle(QUEUES.retention.name, async () => {
    const result = await runRetention(deps, { dryRun: false, origin: { ip: null, requestId: 'job:retention' } });
    log('retention run', result.jumlah);
  });
  jobs.every(QUEUES.retention.name, RETENTION_CRON, RETENTION_TZ);
}

/** What a run needs from the configuration (the server, its job and the CLI alike). */
export function retentionDeps(db: Kysely<DB>, config: Pick<Config, 'retention' | 'importUpload'>): RetentionDeps {
  return {
    db,
    schedule: config.retention,
    importReports: { dir: config.importUpload.reportsDir, keepHours: config.importUpload.reportsKeepHours },
  };
}
