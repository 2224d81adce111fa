import type { Kysely } from 'kysely';
import { verifyPassword } from '../auth/password-hash.js';
import { CLI_ORIGIN, SYSTEM_ACTOR } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { createUser, findUserByUsername, resetPassword } from '../users/user-service.js';
import { DEMO_ACCOUNTS } from './demo-accounts.js';

export interface SeedDemoOptions {
  password: string;
  /** Number of cases; used once case management lands. */
  scale: number;
}

export interface SeedDemoResult {
  created: string[];
  existing: string[];
}

/** Idempotent: running it again keeps the accounts and, if changed, sets their password back to the demo one. */
export async function seedDemo(db: Kysely<DB>, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const result: SeedDemoResult = { created: [], existing: [] };
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
  return result;
}
