import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-reference-data.js';
import * as m0003 from './migrations/0003-beneficiaries.js';
import * as m0004 from './migrations/0004-import-reports.js';
import * as m0005 from './migrations/0005-cases.js';
import * as m0006 from './migrations/0006-stage-targets.js';
import * as m0007 from './migrations/0007-workforce.js';
import * as m0008 from './migrations/0008-worker-monthly.js';
import * as m0009 from './migrations/0009-case-stats.js';
import * as m0010 from './migrations/0010-reports.js';
import * as m0011 from './migrations/0011-evidence-photos.js';
import * as m0012 from './migrations/0012-case-work.js';
import * as m0013 from './migrations/0013-name-words.js';
import * as m0014 from './migrations/0014-cheaper-reference-checks.js';
import * as m0015 from './migrations/0015-protected-people.js';
import * as m0016 from './migrations/0016-sign-in.js';
import * as m0017 from './migrations/0017-people-without-documents.js';
import * as m0018 from './migrations/0018-ppks-official-names.js';
import * as m0019 from './migrations/0019-audit-chain-and-two-factor.js';
import * as m0020 from './migrations/0020-trainings.js';
import * as m0021 from './migrations/0021-idempotency.js';
import * as m0022 from './migrations/0022-acted-time.js';
import * as m0023 from './migrations/0023-disasters.js';
import * as m0024 from './migrations/0024-working-calendar.js';
import * as m0025 from './migrations/0025-tracing-aid.js';
import * as m0026 from './migrations/0026-device-sync-status.js';
import * as m0027 from './migrations/0027-device-keys.js';
import * as m0028 from './migrations/0028-skp-periodic-evaluation.js';
import * as m0029 from './migrations/0029-processing-bases.js';
import * as m0030 from './migrations/0030-caseload-limits.js';
import * as m0031 from './migrations/0031-two-factor-policy.js';
import * as m0032 from './migrations/0032-deployment-field-work.js';
import * as m0033 from './migrations/0033-training-checkin.js';
import * as m0034 from './migrations/0034-training-tests.js';
import * as m0035 from './migrations/0035-retention.js';
import * as m0037 from './migrations/0037-training-invitation-replies.js';
import * as m0038 from './migrations/0038-training-programmes.js';
import * as m0039 from './migrations/0039-import-jobs.js';

/**
 * Forward-only: a migration never changes once it has landed, and there is no `down`.
 * Listed statically so the compiled server needs no file-system scan.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-reference-data': m0002,
  '0003-beneficiaries': m0003,
  '0004-import-reports': m0004,
  '0005-cases': m0005,
  '0006-stage-targets': m0006,
  '0007-workforce': m0007,
  '0008-worker-monthly': m0008,
  '0009-case-stats': m0009,
  '0010-reports': m0010,
  '0011-evidence-photos': m0011,
  '0012-case-work': m0012,
  '0013-name-words': m0013,
  '0014-cheaper-reference-checks': m0014,
  '0015-protected-people': m0015,
  '0016-sign-in': m0016,
  '0017-people-without-documents': m0017,
  '0018-ppks-official-names': m0018,
  '0019-audit-chain-and-two-factor': m0019,
  '0020-trainings': m0020,
  '0021-idempotency': m0021,
  '0022-acted-time': m0022,
  '0023-disasters': m0023,
  '0024-working-calendar': m0024,
  '0025-tracing-aid': m0025,
  '0026-device-sync-status': m0026,
  '0027-device-keys': m0027,
  '0028-skp-periodic-evaluation': m0028,
  '0029-processing-bases': m0029,
  '0030-caseload-limits': m0030,
  '0031-two-factor-policy': m0031,
  '0032-deployment-field-work': m0032,
  '0033-training-checkin': m0033,
  '0034-training-tests': m0034,
  '0035-retention': m0035,
  '0037-training-invitation-replies': m0037,
  '0038-training-programmes': m0038,
  '0039-import-jobs': m0039,
};

/** Names of every migration, in order. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface MigrateResult {
  applied: string[];
}

/**
 * Runs pending migrations in one transaction. Kysely takes a PostgreSQL advisory lock first, so
 * two servers starting at once run them once; the second waits, then finds nothing to do.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrateResult> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
