import { sql, type Kysely } from 'kysely';

/**
 * Legal bases per processing purpose (UU 27/2022 Pasal 20, issue 19). A consent names the purpose
 * it was given for and keeps what was told to the person with it (basis, retention, rights:
 * Pasal 21); a referral keeps the basis on which it shared the person's data. Rows from before
 * keep a null purpose and statement, and their referrals the public task they were sent under.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table beneficiary_consents
      add column kode_tujuan text check (
        kode_tujuan in ('rehabilitasi_sosial', 'perlindungan_anak', 'tanggap_darurat', 'rujukan', 'dokumentasi', 'penelitian')
      ),
      add column pernyataan jsonb`.execute(db);
  await sql`
    alter table rujukan
      add column dasar_berbagi text not null default 'tugas_publik' check (
        dasar_berbagi in ('persetujuan', 'perjanjian', 'kewajiban_hukum', 'kepentingan_vital', 'tugas_publik', 'kepentingan_sah')
      )`.execute(db);
}
