import { sql, type Kysely } from 'kysely';

/**
 * SKP as the regulation runs it (issue 19): behaviour is rated per periodic evaluation, month or
 * quarter, on the seven BerAKHLAK values; the rating official may set the work-result rating
 * against the computed one, but only with a written reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table skp_behaviour_ratings (
      user_id uuid not null references users (id),
      tahun integer not null check (tahun between 2000 and 2100),
      periode text not null check (periode ~ '^(B(0[1-9]|1[0-2])|TW[1-4])$'),
      nilai jsonb not null,
      rating text not null check (rating in ('di_atas', 'sesuai', 'di_bawah')),
      catatan text,
      rated_by uuid references users (id),
      rated_at timestamptz not null default now(),
      primary key (user_id, tahun, periode)
    )`.execute(db);
  await sql`
    alter table skp_plans
      add column hasil_kerja_penyesuaian text check (hasil_kerja_penyesuaian in ('di_atas', 'sesuai', 'di_bawah')),
      add column hasil_kerja_alasan text,
      add column hasil_kerja_oleh uuid references users (id),
      add column hasil_kerja_pada timestamptz,
      add constraint skp_plans_penyesuaian_alasan check (
        hasil_kerja_penyesuaian is null or length(btrim(coalesce(hasil_kerja_alasan, ''))) >= 10
      )`.execute(db);
}
