import { verifyPassword } from '../auth/password-hash.js';
import { CLI_ORIGIN, SYSTEM_ACTOR } from '../authz/actor.js';
import type { Database } from '../db/database.js';
import { createUser, findUserByUsername, resetPassword } from '../users/user-service.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { Random } from './random.js';
import { seedCases } from './seed-cases.js';
import { seedWorkforce } from './seed-workforce.js';
import { seedWorklog } from './seed-worklog.js';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { refreshBacklog } from '../dashboard/backlog-refresh.js';
import { withDeferredIndexes } from './bulk-load-window.js';
import { seedCaseWork } from './seed-casework.js';
import { seedTrainings } from './seed-trainings.js';
import { seedDisasters } from './seed-disasters.js';

export interface SeedDemoOptions {
  password: string;
  /** Number of cases. */
  scale: number;
  /** Seed of the generator: the same seed gives the same data. */
  seed?: number;
  now?: Date;
  /** Months of presensi and daily reports before today (default 3: the demo starts in seconds; benchmarks ask for 12). */
  worklogMonths?: number;
}

export interface SeedDemoResult {
  created: string[];
  existing: string[];
  /** Zero when the database already held cases (a second run does not add more). */
  cases: number;
  beneficiaries: number;
  events: number;
  pendamping: number;
  attendance: number;
  activities: number;
}

/** Idempotent: running it again keeps the accounts and, if changed, sets their password back to the demo one. */
export async function seedDemo(database: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const db = database.db;
  const result: SeedDemoResult = {
    created: [],
    existing: [],
    cases: 0,
    beneficiaries: 0,
    events: 0,
    pendamping: 0,
    attendance: 0,
    activities: 0,
  };
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByUsername(db, account.username);
    if (existing) {
      // The demo's published password, never one waiting to be changed (an admin may have reset it).
      if (existing.must_change_password || !(await verifyPassword(existing.password_hash, options.password))) {
        await resetPassword(db, SYSTEM_ACTOR, CLI_ORIGIN, existing.id, options.password);
      }
      result.existing.push(account.username);
    } else {
      await createUser(db, SYSTEM_ACTOR, CLI_ORIGIN, { ...account, password: options.password });
      result.created.push(account.username);
    }
  }
  const hasCases = await db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  if (hasCases || options.scale === 0) return result;

  const random = new Random(options.seed ?? 20_251_117);
  const workers = await seedWorkforce(db, options.password, random);
  const staff = await db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'wilayah', 'nama_lengkap'])
    .where('role', 'in', ['koordinator', 'pendamping'])
    .execute();
  const koordinators = new Map(
    staff.filter((u) => u.role === 'koordinator' && u.wilayah?.length === 2).map((u) => [u.wilayah!, { id: u.id, username: u.username }]),
  );
  const workerNames = new Map(staff.map((u) => [u.id, u.username]));
  const now = options.now ?? new Date();
  // Per-row triggers keep worker_monthly current for live work; for a bulk load one rebuild is
  // minutes faster than millions of trigger calls.
  const triggers = [
    ['cases', 'cases_stats'],
    ['cases', 'cases_protection'],
    ['case_events', 'case_events_flow'],
    ['case_events', 'case_events_worker_monthly'],
    ['attendance', 'attendance_worker_monthly'],
    ['activities', 'activities_worker_monthly'],
  ] as const;
  for (const [table, trigger] of triggers) await sql`alter table ${sql.table(table)} disable trigger ${sql.ref(trigger)}`.execute(db);
  let totals, worklog;
  try {
    // Cases and the work log are independent: on PostgreSQL they load on separate connections at
    // once. Each has its own generator so the data stays the same whatever finishes first.
    [totals, worklog] = await withDeferredIndexes(db, ['beneficiaries', 'cases', 'case_events', 'attendance', 'activities'], () =>
      Promise.all([
        seedCases(database, { scale: options.scale, now, workers, koordinators, workerNames, random }),
        seedWorklog(database, {
          workers,
          koordinators,
          now,
          months: options.worklogMonths ?? 3,
          random: new Random((options.seed ?? 20_251_117) + 1),
        }),
      ]),
    );
  } finally {
    for (const [table, trigger] of triggers) await sql`alter table ${sql.table(table)} enable trigger ${sql.ref(trigger)}`.execute(db);
  }
  const casework = await seedCaseWork(db, now);
  await seedTrainings(db, now, new Random((options.seed ?? 20_251_117) + 2));
  const disasters = await seedDisasters(db, now, new Random((options.seed ?? 20_251_117) + 3));
  await Promise.all([
    sql`select worker_monthly_rebuild()`.execute(db),
    sql`select case_stats_rebuild()`.execute(db),
    sql`select beneficiary_protection_rebuild()`.execute(db),
  ]);
  await refreshBacklog(db);
  // After a bulk load on PostgreSQL, autovacuum would spend the next minutes visiting millions of
  // fresh rows while the first users (and the benchmark) wait behind it; one vacuum now settles the
  // visibility map and the statistics at once.
  if (database.kind === 'postgresql') await sql`vacuum analyze`.execute(db);
  else
    await sql`analyze attendance, activities, pendamping_profiles, worker_monthly, case_stats, case_flow, case_resolution_weeks, disaster_affected, disaster_affected_history`.execute(
      db,
    );
  await recordAudit(db, SYSTEM_ACTOR, CLI_ORIGIN, {
    action: 'seed.demo',
    entityType: 'system',
    details: { ...totals, ...worklog, ...casework, ...disasters, pendamping: workers.length },
  });
  return { ...result, ...totals, ...worklog, pendamping: workers.length };
}
