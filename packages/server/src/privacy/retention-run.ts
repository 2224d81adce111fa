import { readdir, rm, stat } from 'node:fs/promises';
import type { RetentionCounts, RetentionResult } from '@tuntas/domain';
import path from 'node:path';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { CLI_ORIGIN, SYSTEM_ACTOR, type Actor, type RequestOrigin } from '../authz/actor.js';
import { retentionPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { cutoff, personDueSql, personHeldSql, tracingDueSql } from './retention-due.js';
import type { RetentionSchedule } from './retention-schedule.js';

/**
 * The retention job: what the schedule says is due is anonymised, not deleted, so the
 * directorate's counts stay true — a person keeps their sex, category, village, birth year and
 * disaster records' codes; a case its category, stages and their dates, status and area. Gone:
 * NIK, No. KK, temporary number, name, birth place and day, address, phone, every free text of
 * the person and their cases, and the case's files. Photos of field work, ended sessions and
 * import error files past their time are deleted. The audit trail is not touched: its events hold
 * ids and codes, never personal values, so the chain still verifies; the job appends its own.
 * Idempotent: what it anonymised is marked and never selected again, and a second run finds
 * nothing; persons go in batches, each in its own transaction.
 */

export type { RetentionCounts, RetentionResult };

export interface RetentionDeps {
  db: Kysely<DB>;
  schedule: RetentionSchedule;
  /** Where web imports keep their row reports on disk (import/upload-limits.ts), and for how long. */
  importReports: { dir: string; keepHours: number };
}

const BATCH = 500;
/** Keys of case events' data that carry text people typed (plan goals, file names, participants, officers, changed values). */
const FREE_TEXT_KEYS = ['tujuan', 'layanan', 'nama', 'perubahan', 'petugas', 'peserta'];

const count = async (db: Kysely<DB>, query: RawBuilder<unknown>): Promise<number> =>
  Number((await sql<{ n: number }>`select count(*)::int as n from (${query}) x`.execute(db)).rows[0]!.n);

const duePeople = (schedule: RetentionSchedule, held: boolean) =>
  sql`select b.id from beneficiaries b where ${personDueSql(schedule)} and ${held ? sql`` : sql`not`} ${personHeldSql()}`;

async function oldImportFiles(deps: RetentionDeps): Promise<string[]> {
  const days = deps.schedule.find((r) => r.jenis === 'laporan_impor')!.hari;
  const before = Date.now() - Math.min(deps.importReports.keepHours, days * 24) * 3600_000;
  const old: string[] = [];
  for (const name of await readdir(deps.importReports.dir).catch(() => [] as string[])) {
    const file = path.join(deps.importReports.dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile() && info.mtimeMs < before) old.push(file);
  }
  return old;
}

const sessionsDue = (s: RetentionSchedule) =>
  sql`select id from sessions where coalesce(revoked_at, expires_at) < ${cutoff(s, 'sesi')} or last_seen_at < ${cutoff(s, 'sesi')}`;

/** The schedule and what is due now, for the direktorat and a national admin (counts only). */
export async function retentionOverview(deps: RetentionDeps, actor: Actor): Promise<RetentionResult> {
  if (!retentionPolicy.readSchedule(actor)) throw new AppError('FORBIDDEN');
  return retentionDue(deps);
}

/** What a run would do now, counted without changing anything. */
export async function retentionDue(deps: RetentionDeps): Promise<RetentionResult> {
  const { db, schedule: s } = deps;
  const people = duePeople(s, false);
  const [penerimaManfaat, ditahan, kasus, lampiran, penelusuran, fotoBukti, laporanImpor, sesi, percobaanMasuk, jejakAuditLewatMasa] =
    await Promise.all([
      count(db, people),
      count(db, duePeople(s, true)),
      count(db, sql`select id from cases where beneficiary_id in (${people})`),
      count(db, sql`select a.id from case_attachments a join cases c on c.id = a.case_id where c.beneficiary_id in (${people})`),
      count(db, sql`select t.id from disaster_tracing t where ${tracingDueSql(s)}`),
      count(db, sql`select id from evidence_photos where created_at < ${cutoff(s, 'foto_bukti')}`),
      count(db, sql`select id from import_reports where report_xlsx is not null and created_at < ${cutoff(s, 'laporan_impor')}`),
      count(db, sessionsDue(s)),
      count(db, sql`select username from login_throttle where last_attempt_at < ${cutoff(s, 'sesi')}`),
      count(db, sql`select id from audit_events where at < ${cutoff(s, 'jejak_audit')}`),
    ]);
  const berkasLaporanImpor = (await oldImportFiles(deps)).length;
  return {
    dryRun: true,
    jadwal: [...s],
    jumlah: {
      penerimaManfaat,
      ditahan,
      kasus,
      lampiran,
      penelusuran,
      fotoBukti,
      laporanImpor,
      berkasLaporanImpor,
      sesi,
      percobaanMasuk,
      jejakAuditLewatMasa,
    },
  };
}

/** Clears every free text of these cases and deletes their files; returns how many files went. */
async function anonymiseCases(trx: Transaction<DB>, caseIds: string[]): Promise<number> {
  const ids = sql.join(caseIds);
  await sql`update cases set ringkasan = null, dianonimkan_pada = now(), version = version + 1 where id in (${ids})`.execute(trx);
  await sql`update case_assessments set data = '{}'::jsonb where case_id in (${ids})`.execute(trx);
  await sql`update case_conferences set peserta = '{}', ringkasan = '', keputusan = '' where case_id in (${ids})`.execute(trx);
  // A plan keeps its services' ATENSI codes and deadlines, not what was written about them.
  await sql`update case_plans set tujuan = '[]'::jsonb, komentar = null,
      layanan = (select coalesce(jsonb_agg(l - 'uraian' - 'pelaksana'), '[]'::jsonb) from jsonb_array_elements(layanan) l)
    where case_id in (${ids})`.execute(trx);
  await sql`update case_services set tempat = null, pelaksana = null, uraian = '' where case_id in (${ids})`.execute(trx);
  await sql`update rujukan set alasan = '', catatan = null, petugas_lembaga = null where case_id in (${ids})`.execute(trx);
  await sql`update case_transfers set alasan = '', catatan = null where case_id in (${ids})`.execute(trx);
  await sql`update case_outcomes set bukti = null where case_id in (${ids})`.execute(trx);
  await sql`update case_followups set hasil = null where case_id in (${ids})`.execute(trx);
  // Allowed by the append-only trigger only in this transaction (migration 0035); kinds, stages and times stay.
  await sql`select set_config('tuntas.anonimisasi', 'ya', true)`.execute(trx);
  const keys = sql`array[${sql.join(FREE_TEXT_KEYS)}]::text[]`;
  await sql`update case_events set catatan = null, data = case when data is null then null else data - ${keys} end
    where case_id in (${ids}) and (catatan is not null or data ?| ${keys})`.execute(trx);
  await sql`select set_config('tuntas.anonimisasi', '', true)`.execute(trx);
  const deleted = await sql`delete from case_attachments where case_id in (${ids}) returning 1`.execute(trx);
  return deleted.rows.length;
}

/**
 * One batch of due persons after `after` in id order (each batch walks on from the last, never over
 * the ones done), locked: a case opened for one meanwhile waits, then finds them as they are.
 */
async function anonymisePeopleBatch(
  deps: RetentionDeps,
  after: string,
): Promise<{ people: number; cases: number; files: number; last: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string; kode_desa: string }>`
      select b.id, b.kode_desa from beneficiaries b
      where b.id > ${after}::uuid and ${personDueSql(deps.schedule)} and not ${personHeldSql()}
      order by b.id limit ${BATCH} for update of b skip locked`.execute(trx);
    if (rows.length === 0) return { people: 0, cases: 0, files: 0, last: after };
    const ids = sql.join(rows.map((r) => r.id));
    const cases = await sql<{
      id: string;
      beneficiary_id: string;
    }>`select id, beneficiary_id from cases where beneficiary_id in (${ids})`.execute(trx);
    const files = cases.rows.length
      ? await anonymiseCases(
          trx,
          cases.rows.map((c) => c.id),
        )
      : 0;
    // The birth date keeps its year (1 January: nobody becomes younger, so no adult turns back into a child).
    await sql`update beneficiaries set nik = null, no_kk = null, nomor_sementara = null, nama = '(dianonimkan)', nama_kunci = '',
        tempat_lahir = null, tanggal_lahir = make_date(extract(year from tanggal_lahir)::int, 1, 1), tanggal_lahir_perkiraan = true,
        alamat = null, telepon = null, disabilitas = null, catatan = null,
        dianonimkan_pada = now(), updated_at = now(), updated_by = null, version = version + 1
      where id in (${ids})`.execute(trx);
    await sql`update beneficiary_consents set pemberi_nama = '' where beneficiary_id in (${ids})`.execute(trx);
    await sql`update disaster_affected set kebutuhan = null where beneficiary_id in (${ids})`.execute(trx);
    const casesOf = new Map<string, number>();
    for (const c of cases.rows) casesOf.set(c.beneficiary_id, (casesOf.get(c.beneficiary_id) ?? 0) + 1);
    await trx
      .insertInto('audit_events')
      .values(
        rows.map((r) => ({
          actor_id: null,
          actor_username: SYSTEM_ACTOR.username,
          action: 'retention.anonymise',
          entity_type: 'beneficiary',
          entity_id: r.id,
          subject_id: r.id,
          wilayah: r.kode_desa,
          ip: null,
          request_id: CLI_ORIGIN.requestId,
          details: JSON.stringify({ kasus: casesOf.get(r.id) ?? 0 }),
        })),
      )
      .execute();
    return { people: rows.length, cases: cases.rows.length, files, last: rows.at(-1)!.id };
  });
}

/** Closed tracing records past their period: names, birth dates (an age instead), places, descriptions and reporters go. */
async function anonymiseTracing(db: Kysely<DB>, schedule: RetentionSchedule): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`
      update disaster_tracing t set nama = null, nama_kunci = null,
        perkiraan_umur = coalesce(t.perkiraan_umur, extract(year from age(t.tanggal, t.tanggal_lahir))::int), tanggal_lahir = null,
        tempat = null, ciri_ciri = null, pelapor_kontak = null, catatan_tutup = null,
        pelapor_nama = case when t.arah = 'dicari' then '-' else null end,
        dianonimkan_pada = now(), version = t.version + 1
      where ${tracingDueSql(schedule)}
      returning t.id`.execute(trx);
    if (rows.length === 0) return 0;
    const ids = sql.join(rows.map((r) => r.id));
    await sql`update disaster_reunifications set tempat = '-', diserahkan_kepada = '-', catatan = null
      where dicari_id in (${ids}) or ditemukan_id in (${ids})`.execute(trx);
    return rows.length;
  });
}

/**
 * Anonymises and deletes what is due (or only counts it, `dryRun`), then appends one audit event
 * with the counts. Run daily by the `retention` job and by `tuntas retention run`.
 */
export async function runRetention(deps: RetentionDeps, options: { dryRun: boolean; origin?: RequestOrigin }): Promise<RetentionResult> {
  if (options.dryRun) return retentionDue(deps);
  const { db, schedule: s } = deps;
  const held = await count(db, duePeople(s, true));
  let people = 0;
  let cases = 0;
  let files = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await anonymisePeopleBatch(deps, after);
    after = batch.last;
    people += batch.people;
    cases += batch.cases;
    files += batch.files;
    if (batch.people < BATCH) break;
  }
  const penelusuran = await anonymiseTracing(db, s);
  // Counted from `returning`: both drivers report the rows, not every driver the affected count.
  const affected = async (query: RawBuilder<unknown>) => (await sql`${query} returning 1`.execute(db)).rows.length;
  const fotoBukti = await affected(sql`delete from evidence_photos where created_at < ${cutoff(s, 'foto_bukti')}`);
  const laporanImpor = await affected(
    sql`update import_reports set report_xlsx = null where report_xlsx is not null and created_at < ${cutoff(s, 'laporan_impor')}`,
  );
  const sesi = await affected(sql`delete from sessions where id in (${sessionsDue(s)})`);
  const percobaanMasuk = await affected(sql`delete from login_throttle where last_attempt_at < ${cutoff(s, 'sesi')}`);
  const oldFiles = await oldImportFiles(deps);
  for (const file of oldFiles) await rm(file, { force: true });
  const jejakAuditLewatMasa = await count(db, sql`select id from audit_events where at < ${cutoff(s, 'jejak_audit')}`);
  const jumlah: RetentionCounts = {
    penerimaManfaat: people,
    ditahan: held,
    kasus: cases,
    lampiran: files,
    penelusuran,
    fotoBukti,
    laporanImpor,
    berkasLaporanImpor: oldFiles.length,
    sesi,
    percobaanMasuk,
    jejakAuditLewatMasa,
  };
  await recordAudit(db, SYSTEM_ACTOR, options.origin ?? CLI_ORIGIN, {
    action: 'retention.run',
    entityType: 'retention',
    details: { ...jumlah },
  });
  return { dryRun: false, jadwal: [...s], jumlah };
}
