import { verifyPassword } from '../auth/password-hash.js';
import { CLI_ORIGIN, SYSTEM_ACTOR } from '../authz/actor.js';
import type { Database } from '../db/database.js';
import { createUser, findUserByUsername, resetPassword } from '../users/user-service.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { Random } from './random.js';
import { seedCases } from './seed-cases.js';
import { seedWorkforce } from './seed-workforce.js';
import { recordAudit } from '../audit/audit-log.js';

export interface SeedDemoOptions {
  password: string;
  /** Number of cases. */
  scale: number;
  /** Seed of the generator: the same seed gives the same data. */
  seed?: number;
  now?: Date;
}

export interface SeedDemoResult {
  created: string[];
  existing: string[];
  /** Zero when the database already held cases (a second run does not add more). */
  cases: number;
  beneficiaries: number;
  events: number;
  pendamping: number;
}

/** Idempotent: running it again keeps the accounts and, if changed, sets their password back to the demo one. */
export async function seedDemo(database: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const db = database.db;
  const result: SeedDemoResult = { created: [], existing: [], cases: 0, beneficiaries: 0, events: 0, pendamping: 0 };
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByUsername(db, account.username);
    if (existing) {
      if (!(await verifyPassword(existing.password_hash, options.password))) {
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
  const staff = await db.selectFrom('users').select(['id', 'username', 'role', 'wilayah', 'nama_lengkap']).where('role', 'in', ['koordinator', 'pendamping']).execute();
  const koordinators = new Map(staff.filter((u) => u.role === 'koordinator' && u.wilayah?.length === 2).map((u) => [u.wilayah!, { id: u.id, username: u.username }]));
  const workerNames = new Map(staff.map((u) => [u.id, u.username]));
  const totals = await seedCases(database, { scale: options.scale, now: options.now ?? new Date(), workers, koordinators, workerNames, random });
  await recordAudit(db, SYSTEM_ACTOR, CLI_ORIGIN, { action: 'seed.demo', entityType: 'system', details: { ...totals, pendamping: workers.length } });
  return { ...result, ...totals, pendamping: workers.length };
}
