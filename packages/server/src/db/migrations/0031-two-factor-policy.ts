import { sql, type Kysely } from 'kysely';

/**
 * Which roles must sign in with a second factor, set by a national admin from Pengguna (issue
 * 20) without a restart. A row overrides the server's default (TUNTAS_2FA_ROLES) for its role.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table two_factor_policy (
      role text primary key check (role in ('pendamping', 'koordinator', 'direktorat', 'admin', 'auditor')),
      wajib boolean not null,
      updated_by uuid references users (id),
      updated_at timestamptz not null default now()
    )`.execute(db);
}
