import { sql, type Kysely } from 'kysely';

/**
 * Photo evidence of field work: photos of an activity entry, and the optional selfie of a
 * check-in. Kept in PostgreSQL (small, size-limited images) so every node serves them, backups
 * hold them, and access follows the owning record's area like every other read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table evidence_photos (
      id uuid primary key default gen_random_uuid(),
      owner_type text not null check (owner_type in ('activity', 'attendance')),
      owner_id uuid not null,
      user_id uuid not null references users (id),
      wilayah text not null,
      mime text not null check (mime in ('image/jpeg', 'image/png', 'image/webp')),
      ukuran integer not null check (ukuran between 1 and 2097152),
      bytes bytea not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index evidence_photos_owner_idx on evidence_photos (owner_type, owner_id)`.execute(db);
}
