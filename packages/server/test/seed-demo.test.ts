import {
  deriveStatus,
  distanceKm,
  isWorkingDay,
  nikMatchesBirthDate,
  nikProblem,
  parseNik,
  parseNip,
  skorKecocokan,
  type TahapanCode,
} from '@tuntas/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { seedDemo, type SeedDemoResult } from '../src/seed/seed-demo.js';
import { createTestDatabase } from './support/test-database.js';

let database: Database;
let first: SeedDemoResult;
const NOW = new Date('2026-11-01T00:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  first = await seedDemo(database, { password: 'tuntas-demo', scale: 1500, seed: 7, now: NOW, worklogMonths: 2 });
});
afterAll(() => database.close());

describe('seed demo', () => {
  it('creates the contract’s accounts, a koordinator per province and 635 pendamping', async () => {
    expect(first).toMatchObject({ cases: 1500, beneficiaries: 1500, pendamping: 635 });
    const staff = await database.db
      .selectFrom('users')
      .select(['role', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('role')
      .execute();
    expect(Object.fromEntries(staff.map((s) => [s.role, Number(s.n)]))).toMatchObject({ pendamping: 635, koordinator: 38 });
    const demo = await database.db
      .selectFrom('users')
      .leftJoin('cases', 'cases.pendamping_id', 'users.id')
      .select(['users.username', (eb) => eb.fn.count<string>('cases.id').as('n')])
      .where('users.username', 'in', ['pendamping.35.10', 'pendamping.31.71'])
      .groupBy('users.username')
      .execute();
    for (const d of demo) expect(Number(d.n), d.username).toBeGreaterThan(0);
  });

  it('puts back every index and foreign key it set aside for the bulk load, validated', async () => {
    const catalog = async (d: Database) =>
      (
        await sql<{ line: string }>`
          select indexdef as line from pg_indexes where schemaname = current_schema()
          union all
          select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated from pg_constraint where connamespace = current_schema()::regnamespace
          order by 1`.execute(d.db)
      ).rows.map((r) => r.line);
    const fresh = await createTestDatabase();
    try {
      expect(await catalog(database)).toEqual(await catalog(fresh));
    } finally {
      await fresh.close();
    }
  });

  it('fills the referral directory and the work inside cases: referrals in the case’s province and area, plans, follow-ups', async () => {
    const db = database.db;
    const perProvince = await db
      .selectFrom('lembaga')
      .select(['wilayah', (eb) => eb.fn.countAll<string>().as('n')])
      .where('wilayah', 'is not', null)
      .groupBy('wilayah')
      .execute();
    expect(perProvince).toHaveLength(38);
    for (const p of perProvince) expect(Number(p.n)).toBe(8);
    const referrals = await db
      .selectFrom('rujukan as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .innerJoin('lembaga as l', 'l.id', 'r.lembaga_id')
      .select([
        'r.status',
        'r.wilayah',
        'c.wilayah as case_wilayah',
        'l.wilayah as lembaga_wilayah',
        'c.status as case_status',
        'c.tahapan',
        'r.dikirim_pada',
      ])
      .execute();
    expect(referrals.length).toBeGreaterThan(20);
    for (const r of referrals) {
      expect(r.wilayah).toBe(r.case_wilayah);
      expect(r.lembaga_wilayah).toBe(r.case_wilayah.slice(0, 2));
      expect(['intervensi', 'resosialisasi', 'terminasi', 'bimbingan_lanjut']).toContain(r.tahapan);
      expect(r.dikirim_pada.getTime()).toBeLessThanOrEqual(NOW.getTime());
      if (r.status === 'dikirim' || r.status === 'diterima') expect(['terdata', 'tertangani']).toContain(r.case_status);
    }
    expect(referrals.some((r) => r.status === 'dikirim' || r.status === 'diterima')).toBe(true);
    const plans = await db
      .selectFrom('case_plans as p')
      .innerJoin('cases as c', 'c.id', 'p.case_id')
      .select(['p.status', 'c.tahapan'])
      .execute();
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) expect(p.status).toBe(p.tahapan === 'rencana' ? 'diajukan' : 'disetujui');
    const followups = await db
      .selectFrom('case_followups as f')
      .innerJoin('cases as c', 'c.id', 'f.case_id')
      .select(['c.tahapan'])
      .execute();
    for (const f of followups) expect(f.tahapan).toBe('bimbingan_lanjut');
  });

  it('gives every person a valid NIK that agrees with their birth date, sex and village', async () => {
    // Disaster victims registered without documents (issue 18) carry a temporary number instead.
    const people = await database.db
      .selectFrom('beneficiaries')
      .select(['nik', 'tanggal_lahir', 'jenis_kelamin', 'kode_desa'])
      .where('nik', 'is not', null)
      .execute();
    expect(people.length).toBeGreaterThanOrEqual(1500);
    for (const p of people) {
      const nik = p.nik ?? '';
      expect(nikProblem(nik), nik).toBeNull();
      const parsed = parseNik(nik)!;
      expect(nikMatchesBirthDate(parsed, p.tanggal_lahir), nik).toBe(true);
      expect(parsed.jenisKelamin).toBe(p.jenis_kelamin);
      expect(p.kode_desa.replace(/\./g, '').slice(0, 6)).toBe(nik.slice(0, 6));
    }
  });

  it('stores each case’s status as the workflow derives it from its timeline, within the last 24 months', async () => {
    const cases = await database.db
      .selectFrom('cases')
      .select(['id', 'tahapan', 'status', 'diverifikasi_pada', 'created_at', 'updated_at'])
      .execute();
    const events = await database.db.selectFrom('case_events').select(['case_id', 'jenis', 'ke_tahapan', 'at']).orderBy('id').execute();
    const byCase = new Map<string, typeof events>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    const statuses = new Set<string>();
    for (const c of cases) {
      const timeline = byCase.get(c.id) ?? [];
      expect(timeline[0]?.jenis).toBe('dibuat');
      let tahapan: TahapanCode = 'pendekatan_awal';
      let closed = false;
      let verified = false;
      for (const e of timeline) {
        if (e.jenis === 'tahapan') tahapan = e.ke_tahapan as TahapanCode;
        if (e.jenis === 'ditutup') closed = true;
        if (e.jenis === 'diverifikasi') verified = true;
        expect(e.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
      expect(c.tahapan).toBe(tahapan);
      expect(c.status).toBe(deriveStatus({ tahapan, closed, verified }));
      expect(c.diverifikasi_pada !== null).toBe(verified);
      expect(c.created_at.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 731 * 86_400_000);
      statuses.add(c.status);
    }
    expect([...statuses].sort()).toEqual(['ditutup', 'terdata', 'terselesaikan', 'tertangani']);
  });

  it('adds a closed flood in Jawa Timur and an active one in Jakarta, with pendamping.35.10 deployed to it today', async () => {
    const db = database.db;
    const events = await db.selectFrom('disasters').select(['id', 'status', 'selesai']).orderBy('mulai').execute();
    expect(events.map((e) => e.status)).toEqual(['selesai', 'tanggap_darurat']);
    const active = events[1]!.id;
    const today = '2026-11-01';
    const deployed = await db
      .selectFrom('disaster_deployments as d')
      .innerJoin('users as u', 'u.id', 'd.user_id')
      .select(['u.username', 'u.wilayah'])
      .where('d.disaster_id', '=', active)
      .where('d.mulai', '<=', today)
      .where('d.selesai', '>=', today)
      .execute();
    expect(deployed.map((d) => d.username)).toContain('pendamping.35.10');
    expect(new Set(deployed.map((d) => d.wilayah!.slice(0, 2))).size).toBeGreaterThanOrEqual(3);
    const people = await db
      .selectFrom('disaster_affected as a')
      .innerJoin('beneficiaries as b', 'b.id', 'a.beneficiary_id')
      .select([
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.count<number>('b.nik').as('nik'),
        (eb) => eb.fn.count<number>('a.keluarga_id').as('keluarga'),
      ])
      .where('a.disaster_id', '=', active)
      .executeTakeFirstOrThrow();
    expect(Number(people.n)).toBeGreaterThan(2000);
    expect(Number(people.nik)).toBeLessThan(Number(people.n) / 2);
    expect(Number(people.keluarga)).toBeGreaterThan(Number(people.n) / 2);
    const history = await db
      .selectFrom('disaster_affected_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('disaster_id', '=', active)
      .where('berlaku', '>', NOW)
      .executeTakeFirstOrThrow();
    expect(Number(history.n)).toBe(0);
    const sessions = await db
      .selectFrom('disaster_ldp_sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('disaster_id', '=', active)
      .executeTakeFirstOrThrow();
    expect(Number(sessions.n)).toBeGreaterThan(0);
  });

  it('adds family tracing in every state to the active flood, with one likely match the deployed demo account can confirm, and aid with one recipient per BAST', async () => {
    const db = database.db;
    const [closed, active] = (await db.selectFrom('disasters').select('id').orderBy('mulai').execute()).map((e) => e.id);
    const tracing = await db
      .selectFrom('disaster_tracing as t')
      .leftJoin('users as u', 'u.id', 't.dicatat_oleh')
      .select([
        't.id',
        't.arah',
        't.status',
        't.nama',
        't.nama_kunci',
        't.jenis_kelamin',
        't.perkiraan_umur',
        't.kode_desa',
        't.pasangan_id',
        'u.username',
      ])
      .select(sql<number | null>`t.dicatat_pada <= ${NOW}`.as('past'))
      .where('t.disaster_id', '=', active!)
      .execute();
    expect(new Set(tracing.map((t) => t.status))).toEqual(new Set(['terbuka', 'cocok', 'dipersatukan', 'ditutup']));
    expect(tracing.every((t) => t.past)).toBe(true);
    for (const t of tracing.filter((r) => r.pasangan_id !== null)) {
      const partner = tracing.find((r) => r.id === t.pasangan_id)!;
      expect([partner.pasangan_id, partner.status, partner.arah !== t.arah]).toEqual([t.id, t.status, true]);
    }
    const reunited = await db.selectFrom('disaster_reunifications').select('dicari_id').where('disaster_id', '=', active!).execute();
    expect(reunited).toHaveLength(tracing.filter((t) => t.status === 'dipersatukan').length / 2);
    // The likely match: an open sought and an open found child of the demo account, scored above the threshold.
    const open = tracing.filter((t) => t.status === 'terbuka' && t.username === 'pendamping.35.10');
    const sought = open.find((t) => t.arah === 'dicari')!;
    const found = open.find((t) => t.arah === 'ditemukan')!;
    const similar = await sql<{ s: number }>`select similarity(${sought.nama_kunci}, ${found.nama_kunci}) as s`.execute(db);
    const fit = skorKecocokan(
      { jenisKelamin: sought.jenis_kelamin, umur: sought.perkiraan_umur, kodeDesa: sought.kode_desa },
      { jenisKelamin: found.jenis_kelamin, umur: found.perkiraan_umur, kodeDesa: found.kode_desa },
      Number(similar.rows[0]!.s),
    );
    expect(fit!.skor).toBeGreaterThanOrEqual(0.6);
    expect(await db.selectFrom('disaster_tracing').select('id').where('disaster_id', '=', closed!).execute()).toHaveLength(0);

    const aid = await db
      .selectFrom('disaster_aid')
      .select(['disaster_id', 'bast_kunci', 'affected_id', 'keluarga_id', 'nilai_rupiah'])
      .execute();
    for (const id of [closed, active]) expect(aid.filter((g) => g.disaster_id === id).length, id).toBeGreaterThan(5);
    const recipients = new Map<string, string>();
    for (const g of aid) {
      const key = `${g.disaster_id} ${g.bast_kunci}`;
      const who = g.affected_id ?? g.keluarga_id!;
      expect(recipients.get(key) ?? who, key).toBe(who);
      recipients.set(key, who);
      expect(Number(g.nilai_rupiah)).toBeGreaterThan(0);
    }
    const households = await db
      .selectFrom('disaster_aid as g')
      .leftJoin('disaster_affected as a', (j) =>
        j.onRef('a.keluarga_id', '=', 'g.keluarga_id').onRef('a.disaster_id', '=', 'g.disaster_id'),
      )
      .select(['g.id', 'a.id as member'])
      .where('g.keluarga_id', 'is not', null)
      .execute();
    expect(households.every((h) => h.member !== null)).toBe(true);
  });

  it('does not add a second data set when run again', async () => {
    const again = await seedDemo(database, { password: 'tuntas-demo', scale: 1500, seed: 7, now: NOW });
    expect(again.cases).toBe(0);
    const n = await database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1500);
  });

  it('gives the pendamping valid NIPs and two months of presensi and reports, the last week awaiting review', async () => {
    const profiles = await database.db.selectFrom('pendamping_profiles').select(['nip', 'lokasi_lat']).execute();
    expect(profiles).toHaveLength(635);
    for (const p of profiles) expect(parseNip(p.nip!, '2026-11-01', 'pppk').ok, p.nip!).toBe(true);
    // Duty locations lie in the pendamping's own regency (Banyuwangi's islands), not at the province capital.
    const banyuwangi = await database.db
      .selectFrom('pendamping_profiles')
      .innerJoin('users', 'users.id', 'pendamping_profiles.user_id')
      .select(['lokasi_lat', 'lokasi_lng'])
      .where('users.username', '=', 'pendamping.35.10')
      .executeTakeFirstOrThrow();
    expect(distanceKm({ lat: banyuwangi.lokasi_lat!, lng: banyuwangi.lokasi_lng! }, { lat: -8.22, lng: 114.37 })).toBeLessThan(100);
    const days = await database.db.selectFrom('attendance').select(['tanggal', 'status', 'persetujuan']).execute();
    expect(first.attendance).toBe(days.length);
    expect(days.every((d) => isWorkingDay(d.tanggal) && d.tanggal < '2026-11-01')).toBe(true);
    expect(days.filter((d) => ['izin', 'sakit', 'cuti'].includes(d.status)).every((d) => d.persetujuan === 'disetujui')).toBe(true);
    // ~43 working days × 635 people, most of them present.
    expect(days.length).toBeGreaterThan(635 * 43 * 0.85);
    const statuses = await database.db.selectFrom('activities').select(['status', 'tanggal']).execute();
    expect(first.activities).toBe(statuses.length);
    expect(statuses.filter((a) => a.tanggal < '2026-10-25').every((a) => a.status === 'disetujui')).toBe(true);
    expect(statuses.some((a) => a.status === 'diajukan')).toBe(true);
  });
});
