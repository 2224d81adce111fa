import { stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { BeneficiaryRecord, CaseRecord } from '@tuntas/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-chain.js';
import { QUEUES } from '../src/jobs/job-queue.js';
import { retentionDeps } from '../src/privacy/retention-job.js';
import { runRetention } from '../src/privacy/retention-run.js';
import { scheduleFromEnv } from '../src/privacy/retention-schedule.js';
import { auditDetails, buildCase, buildDisaster, buildPerson, buildTracing } from './support/factories.js';
import { createTestApp, signIn, type Session, type TestContext } from './support/test-app.js';

let ctx: TestContext;
let owner: Session;
let koordinator: Session;
let direktorat: Session;
let admin: Session;

/** The case's day where it is (Kab. Banyuwangi, WIB): a note may not be dated before the case opened. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const deps = () => retentionDeps(ctx.database.db, ctx.config);
const api = (s: Session, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  s.request({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

/**
 * Time passing: every timestamp of a person, their cases and the cases' timelines moved back by
 * `years`, in one transaction with triggers off (the timeline is append-only), as if the work
 * had been done then.
 */
async function ageRecords(person: BeneficiaryRecord, years: number): Promise<void> {
  const shift = sql`make_interval(years => ${years})`;
  await ctx.database.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`update beneficiaries set created_at = created_at - ${shift}, updated_at = updated_at - ${shift} where id = ${person.id}`.execute(
      trx,
    );
    await sql`update cases set created_at = created_at - ${shift}, updated_at = updated_at - ${shift}, tahapan_sejak = tahapan_sejak - ${shift}
      where beneficiary_id = ${person.id}`.execute(trx);
    await sql`update case_events set at = at - ${shift} where case_id in (select id from cases where beneficiary_id = ${person.id})`.execute(
      trx,
    );
  });
}

/** A closed case with a note, an attachment and a consent: free text and a file to anonymise. */
async function closedCase(spec: { child?: boolean } = {}): Promise<{ person: BeneficiaryRecord; kase: CaseRecord }> {
  const person = await buildPerson(owner, { nama: 'Sulastri Handayani', noKk: '3510010101200777', alamat: 'Dusun Krajan RT 01', ...spec });
  const kase = await buildCase(owner, { person, ringkasan: 'Sulastri kehilangan pekerjaan di pabrik' });
  const ok = (r: { statusCode: number; body: string }) => expect(r.statusCode, r.body).toBeLessThan(300);
  ok(
    await api(owner, 'POST', `/cases/${kase.id}/services`, {
      jenis: 'catatan',
      tanggal: today(),
      tempat: 'Rumah Bu Sulastri',
      uraian: 'Bu Sulastri bercerita tentang utangnya',
    }),
  );
  ok(
    await owner.request({
      method: 'POST',
      url: `/api/v1/cases/${kase.id}/attachments?nama=${encodeURIComponent('KTP Sulastri.pdf')}`,
      payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
      headers: { 'content-type': 'application/pdf' },
    }),
  );
  ok(
    await api(owner, 'POST', `/beneficiaries/${person.id}/consents`, {
      tujuan: 'pendampingan',
      pemberiNama: 'Sulastri Handayani',
      hubungan: spec.child ? 'orang_tua' : 'diri_sendiri',
      diberikanPada: '2026-10-01T08:00:00Z',
    }),
  );
  const closed = await api(owner, 'POST', `/cases/${kase.id}/close`, { alasan: 'pindah', catatan: 'Pindah ke rumah adiknya di Jember' });
  ok(closed);
  return { person, kase: closed.json() };
}

const personRow = (id: string) => ctx.database.db.selectFrom('beneficiaries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const caseRow = (id: string) => ctx.database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = (caseId: string) =>
  ctx.database.db
    .selectFrom('case_events')
    .select(['id', 'jenis', 'at', 'catatan', 'data'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
const stats = async () =>
  (
    await sql<{
      s: string;
    }>`select string_agg(concat_ws(':', tingkat, kode, ppks, status, tahapan, n), ',' order by tingkat, kode, ppks, status, tahapan) as s
    from case_stats where n <> 0`.execute(ctx.database.db)
  ).rows[0]!.s;
/** Everything held about a person and their cases, for "did not change". */
const snapshot = async (person: BeneficiaryRecord) => {
  const cases = await ctx.database.db.selectFrom('cases').selectAll().where('beneficiary_id', '=', person.id).execute();
  const ids = cases.map((c) => c.id);
  return JSON.stringify({
    person: await personRow(person.id),
    cases,
    events: await ctx.database.db.selectFrom('case_events').selectAll().where('case_id', 'in', ids).orderBy('id').execute(),
    services: await ctx.database.db.selectFrom('case_services').selectAll().where('case_id', 'in', ids).execute(),
    files: await ctx.database.db.selectFrom('case_attachments').select(['id', 'ukuran']).where('case_id', 'in', ids).execute(),
  });
};

beforeAll(async () => {
  ctx = await createTestApp();
  [owner, koordinator, direktorat, admin] = await Promise.all([
    signIn(ctx, 'pendamping', '35.10'),
    signIn(ctx, 'koordinator', '35'),
    signIn(ctx, 'direktorat', null),
    signIn(ctx, 'admin', null),
  ]);
});
afterAll(() => ctx.close());

describe('retention (UU 27/2022)', () => {
  it('anonymises what is due, keeps what is not or is held, keeps the counts, and the audit chain still verifies', async () => {
    const due = await closedCase();
    const recent = await closedCase();
    const held = await closedCase();
    const child = await closedCase({ child: true });
    const open = await buildPerson(owner, { nama: 'Ratna Kumalasari' });
    const openCase = await buildCase(owner, { person: open });
    for (const p of [due.person, held.person, child.person, open]) await ageRecords(p, 6);
    await ageRecords(recent.person, 3);

    // A koordinator holds the third case; the same again is refused, and a pendamping may not.
    const hold = await api(koordinator, 'POST', `/cases/${held.kase.id}/legal-holds`, { alasan: 'Perkara No. 12/Pdt.G/2026/PN Byw' });
    expect(hold.statusCode, hold.body).toBe(201);
    expect((await api(koordinator, 'POST', `/cases/${held.kase.id}/legal-holds`, { alasan: 'Perkara lain' })).json().error.code).toBe(
      'LEGAL_HOLD_ACTIVE',
    );
    expect((await api(owner, 'POST', `/beneficiaries/${held.person.id}/legal-holds`, { alasan: 'Perkara lain' })).statusCode).toBe(403);
    expect((await api(koordinator, 'POST', `/beneficiaries/${held.person.id}/legal-holds`, { alasan: '      ' })).json().error.code).toBe(
      'LEGAL_HOLD_REASON_REQUIRED',
    );
    expect(await auditDetails(ctx, 'retention.hold', held.kase.id)).toEqual([{ holdId: hold.json().id }]);

    const kept = await Promise.all([recent, held, child].map((r) => snapshot(r.person)).concat(snapshot(open)));
    const statsBefore = await stats();
    const eventsBefore = await eventsOf(due.kase.id);
    const stageSince = (await caseRow(due.kase.id)).tahapan_sejak.toISOString();

    // The dry run (and the direktorat's screen) count the same, and change nothing.
    const dry = await runRetention(deps(), { dryRun: true });
    expect(dry.jumlah).toMatchObject({ penerimaManfaat: 1, kasus: 1, lampiran: 1, ditahan: 1 });
    const screen = await api(direktorat, 'GET', '/retention');
    expect(screen.statusCode, screen.body).toBe(200);
    expect(screen.json().jumlah).toMatchObject({ penerimaManfaat: 1, ditahan: 1 });
    expect(screen.json().jadwal.find((r: { jenis: string }) => r.jenis === 'kasus')).toMatchObject({ hari: 1825, toConfirm: true });
    expect((await api(owner, 'GET', '/retention')).statusCode).toBe(403);
    expect((await personRow(due.person.id)).nik).toBe(due.person.nik);

    const run = await runRetention(deps(), { dryRun: false });
    expect(run.jumlah).toMatchObject({ penerimaManfaat: 1, kasus: 1, lampiran: 1, ditahan: 1, penelusuran: 0 });

    // The due person: no identity left, the aggregates' fields as they were.
    const person = await personRow(due.person.id);
    expect(person).toMatchObject({
      nik: null,
      no_kk: null,
      nomor_sementara: null,
      nama: '(dianonimkan)',
      nama_kunci: '',
      alamat: null,
      telepon: null,
      tempat_lahir: null,
      tanggal_lahir: '1980-01-01',
      jenis_kelamin: due.person.jenisKelamin,
      kode_desa: due.person.kodeDesa,
    });
    expect(person.dianonimkan_pada).toBeInstanceOf(Date);
    const kase = await caseRow(due.kase.id);
    expect(kase).toMatchObject({ ringkasan: null, status: 'ditutup', ditutup_alasan: 'pindah', tahapan: due.kase.tahapan, ppks: '24' });
    expect(kase.tahapan_sejak.toISOString()).toBe(stageSince);
    const events = await eventsOf(due.kase.id);
    expect(events.map((e) => [e.id, e.jenis, e.at.toISOString()])).toEqual(eventsBefore.map((e) => [e.id, e.jenis, e.at.toISOString()]));
    expect(events.every((e) => e.catatan === null)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('KTP Sulastri');
    const services = await ctx.database.db.selectFrom('case_services').selectAll().where('case_id', '=', due.kase.id).execute();
    expect(services.map((s) => [s.jenis, s.tanggal, s.uraian, s.tempat])).toEqual([['catatan', today(), '', null]]);
    expect(await ctx.database.db.selectFrom('case_attachments').select('id').where('case_id', '=', due.kase.id).execute()).toEqual([]);
    const consents = await ctx.database.db
      .selectFrom('beneficiary_consents')
      .selectAll()
      .where('beneficiary_id', '=', due.person.id)
      .execute();
    expect(consents.map((c) => [c.pemberi_nama, c.kode_tujuan])).toEqual([['', consents[0]!.kode_tujuan]]);

    // Everything else exactly as it was; the dashboards' counts too.
    expect(await Promise.all([recent, held, child].map((r) => snapshot(r.person)).concat(snapshot(open)))).toEqual(kept);
    expect((await caseRow(openCase.id)).status).not.toBe('ditutup');
    expect(await stats()).toBe(statsBefore);

    // Audited by ids and counts alone; no audit row ever held the person's values, and the chain verifies.
    expect(await auditDetails(ctx, 'retention.anonymise', due.person.id)).toEqual([{ kasus: 1 }]);
    const leaks = await sql<{ n: number }>`select count(*)::int as n from audit_events
      where details::text like ${'%' + due.person.nik + '%'} or details::text like '%Sulastri%' or details::text like '%3510010101200777%'`.execute(
      ctx.database.db,
    );
    expect(leaks.rows[0]!.n).toBe(0);
    expect(await verifyAuditChain(ctx.database.db)).toMatchObject({ ok: true });

    // Idempotent: a second run finds nothing more.
    const again = await runRetention(deps(), { dryRun: false });
    expect(again.jumlah).toMatchObject({ penerimaManfaat: 0, kasus: 0, lampiran: 0, ditahan: 1 });

    // Released, the held case goes at the next run.
    const released = await api(koordinator, 'POST', `/legal-holds/${hold.json().id}/release`, { alasan: 'Perkara sudah diputus' });
    expect(released.statusCode, released.body).toBe(200);
    expect((await api(koordinator, 'POST', `/legal-holds/${hold.json().id}/release`, { alasan: 'Sekali lagi' })).json().error.code).toBe(
      'LEGAL_HOLD_RELEASED',
    );
    expect((await runRetention(deps(), { dryRun: false })).jumlah).toMatchObject({ penerimaManfaat: 1, ditahan: 0 });
    expect((await personRow(held.person.id)).nik).toBeNull();
    expect((await personRow(child.person.id)).nik).toBe(child.person.nik);
    expect(await verifyAuditChain(ctx.database.db)).toMatchObject({ ok: true });
  });

  it('holds a protected person only by whoever may see who they are, and lists holds in scope', async () => {
    const child = await buildPerson(owner, { child: true, nama: 'Bagas Pratama' });
    expect(
      (await api(direktorat, 'POST', `/beneficiaries/${child.id}/legal-holds`, { alasan: 'Surat Polres 123' })).json().error.code,
    ).toBe('IDENTITY_PROTECTED');
    expect((await api(admin, 'POST', `/beneficiaries/${child.id}/legal-holds`, { alasan: 'Surat Polres 123' })).statusCode).toBe(403);
    const hold = await api(koordinator, 'POST', `/beneficiaries/${child.id}/legal-holds`, { alasan: 'Surat Polres 123' });
    expect(hold.statusCode, hold.body).toBe(201);
    const jakarta = await signIn(ctx, 'koordinator', '31');
    expect((await api(jakarta, 'GET', '/legal-holds')).json()).toEqual([]);
    expect((await api(jakarta, 'POST', `/legal-holds/${hold.json().id}/release`, { alasan: 'Bukan wilayah saya' })).statusCode).toBe(404);
    const mine = (await api(koordinator, 'GET', '/legal-holds')).json() as Array<{ id: string; beneficiaryId: string }>;
    expect(mine.map((h) => h.beneficiaryId)).toContain(child.id);
  });

  it('anonymises closed tracing records and deletes field photos past their period, and nothing younger', async () => {
    const disaster = await buildDisaster(direktorat);
    const close = (id: string) => api(owner, 'POST', `/disasters/${disaster.id}/tracing/${id}/close`, { alasan: 'ditarik_pelapor' });
    const [old, recent, open] = [
      await buildTracing(owner, disaster),
      await buildTracing(owner, disaster),
      await buildTracing(owner, disaster),
    ];
    expect((await close(old.id)).statusCode).toBe(200);
    expect((await close(recent.id)).statusCode).toBe(200);
    await sql`update disaster_tracing set ditutup_pada = ditutup_pada - interval '6 years' where id = ${old.id}`.execute(ctx.database.db);
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const activity = (await api(owner, 'POST', '/activities', { tanggal: today(), jenis: 'kunjungan_rumah', durasiMenit: 30 })).json();
    const photo = () =>
      owner.request({
        method: 'POST',
        url: `/api/v1/activities/${activity.id}/photos`,
        payload: PNG,
        headers: { 'content-type': 'image/png' },
      });
    const [oldPhoto, newPhoto] = [(await photo()).json(), (await photo()).json()];
    await sql`update evidence_photos set created_at = created_at - interval '3 years' where id = ${oldPhoto.id}`.execute(ctx.database.db);
    const tracing = (id: string) =>
      ctx.database.db.selectFrom('disaster_tracing').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const untouched = JSON.stringify([await tracing(recent.id), await tracing(open.id)]);

    const run = await runRetention(deps(), { dryRun: false });
    expect(run.jumlah).toMatchObject({ penelusuran: 1, fotoBukti: 1 });
    expect(await tracing(old.id)).toMatchObject({
      nama: null,
      nama_kunci: null,
      tanggal_lahir: null,
      perkiraan_umur: 7,
      tempat: null,
      ciri_ciri: null,
      pelapor_nama: '-',
      pelapor_kontak: null,
      status: 'ditutup',
      alasan_tutup: 'ditarik_pelapor',
      jenis: old.jenis,
      kode_desa: '35.10.01.2001',
    });
    expect(JSON.stringify([await tracing(recent.id), await tracing(open.id)])).toBe(untouched);
    const photos = await ctx.database.db.selectFrom('evidence_photos').select('id').where('owner_id', '=', activity.id).execute();
    expect(photos.map((p) => p.id)).toEqual([newPhoto.id]);
    expect(await verifyAuditChain(ctx.database.db)).toMatchObject({ ok: true });
  });

  it('deletes an import’s row report (names, NIKs) once past its keeping time, and nothing younger', async () => {
    const csv = 'nik,nama,jenis_kelamin,tanggal_lahir,kode_desa\n123,Budi Santoso,L,1980-01-01,35.10.01.2001\n';
    const upload = async () => {
      const r = await owner.request({
        method: 'POST',
        url: '/api/v1/imports/beneficiaries?dryRun=true&fileName=data.csv',
        payload: Buffer.from(csv),
        headers: { 'content-type': 'text/csv' },
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { id: string; reportUrl: string };
    };
    const [old, fresh] = [await upload(), await upload()];
    const file = (id: string) => path.join(ctx.config.importUpload.reportsDir, `${id}.xlsx`);
    // Two days old: past a one-day schedule, younger than the week after which an upload sweeps it itself.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await utimes(file(old.id), twoDaysAgo, twoDaysAgo);
    const oneDay = { ...deps(), schedule: scheduleFromEnv('laporan_impor=1') };

    expect((await runRetention(oneDay, { dryRun: true })).jumlah.berkasLaporanImpor).toBeGreaterThanOrEqual(1);
    expect((await stat(file(old.id))).isFile()).toBe(true);
    await runRetention(oneDay, { dryRun: false });
    await expect(stat(file(old.id))).rejects.toThrow();
    expect((await stat(file(fresh.id))).isFile()).toBe(true);
    expect((await owner.request({ method: 'GET', url: fresh.reportUrl })).statusCode).toBe(200);
  });

  it('ends ended sessions after their period, and runs daily as a job in the database', async () => {
    const ended = await signIn(ctx, 'pendamping', '35.10');
    await sql`update sessions set expires_at = now() - interval '40 days', last_seen_at = now() - interval '40 days'
      where user_id = ${ended.user.id}`.execute(ctx.database.db);
    const runs = async () =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from audit_events where action = 'retention.run'`.execute(ctx.database.db))
          .rows[0]!.n,
      );
    const before = await runs();
    await ctx.jobs.send(QUEUES.retention.name, {});
    ctx.jobs.wake(QUEUES.retention.name);
    await ctx.jobs.settled();
    expect(await runs()).toBe(before + 1);
    expect(await ctx.database.db.selectFrom('sessions').select('id').where('user_id', '=', ended.user.id).execute()).toEqual([]);
    expect((await api(owner, 'GET', '/auth/session')).statusCode).toBe(200);
    const schedule = await sql<{
      cron: string;
      timezone: string;
    }>`select cron, timezone from pgboss.schedule where name = 'retention'`.execute(ctx.database.db);
    expect(schedule.rows).toEqual([{ cron: '30 2 * * *', timezone: 'Asia/Jakarta' }]);
  });
});
