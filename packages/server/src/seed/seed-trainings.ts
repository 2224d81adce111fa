import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { certificateNumber } from '../trainings/completion-service.js';
import { Random } from './random.js';
import {
  LDP_PROGRAMME,
  REHSOS_PROGRAMME,
  seedProgrammes,
  seedSurabayaEvaluations,
  TPPO_PROGRAMME,
  unitsOn,
} from './seed-training-programmes.js';
import { LDP_BANK, seedBank, submissionRows, SURABAYA_BANK, TPPO_BANK } from './seed-training-tests.js';

export interface TrainingSeedResult {
  trainings: number;
  participants: number;
  certificates: number;
}

const SURABAYA_UNITS = unitsOn(REHSOS_PROGRAMME, ['2025-11-20', '2025-11-21', '2025-11-22']);
/** Who came to Surabaya: per province, how many of its pendamping (the demo accounts first). */
const SURABAYA_PROVINCES: Array<[string, number]> = [
  ['35', 8],
  ['31', 4],
  ['32', 4],
  ['33', 4],
  ['34', 3],
  ['51', 3],
  ['52', 2],
  ['73', 2],
];

const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Capacity building for the demo: the Surabaya event of 20–22 November 2025 (three themes, 30 JP,
 * participants from eight provinces, attendance, the pre- and post-test taken on their phones,
 * certificates for those who qualified), two upcoming events with their question banks and (LDP)
 * first invitees yet to answer, and a few koordinator assessments and professional certifications;
 * the three events come from their programmes, and Surabaya has its trainers and anonymous evaluations.
 * About a thousand rows in a handful of statements.
 */
export async function seedTrainings(db: Kysely<DB>, now: Date, random: Random): Promise<TrainingSeedResult> {
  const direktorat = await db.selectFrom('users').select('id').where('username', '=', 'direktorat').executeTakeFirst();
  const staff = await db
    .selectFrom('users')
    .select(['id', 'username', 'nama_lengkap', 'wilayah'])
    .where('role', '=', 'pendamping')
    .where('disabled_at', 'is', null)
    .orderBy('username')
    .execute();
  const byProvince = new Map<string, typeof staff>();
  for (const u of staff) {
    const p = u.wilayah!.slice(0, 2);
    byProvince.set(p, [...(byProvince.get(p) ?? []), u]);
  }
  // The demo's own pendamping first, so signing in as them shows a certificate.
  const DEMO = new Set(['pendamping.35.10', 'pendamping.31.71']);
  const first = (p: string) => [...(byProvince.get(p) ?? [])].sort((a, b) => Number(DEMO.has(b.username)) - Number(DEMO.has(a.username)));
  const people = SURABAYA_PROVINCES.flatMap(([p, n]) => first(p).slice(0, n));

  return db.transaction().execute(async (trx) => {
    const [rehsosId, ldpId, tppoId] = await seedProgrammes(trx, direktorat?.id ?? null);
    const [surabaya, ldp, tppo] = await trx
      .insertInto('trainings')
      .values([
        {
          nama: 'Peningkatan Kapasitas Pendamping Rehabilitasi Sosial',
          mulai: '2025-11-20',
          selesai: '2025-11-22',
          tempat: 'Hotel Bumi Surabaya, Kota Surabaya',
          wilayah: '35.78',
          penyelenggara: 'Direktorat Jenderal Rehabilitasi Sosial',
          kuota: 40,
          nilai_lulus: 70,
          completed_at: new Date('2025-11-22T09:00:00Z'),
          created_by: direktorat?.id ?? null,
          programme_id: rehsosId!,
        },
        {
          nama: 'Layanan Dukungan Psikososial (LDP) bagi Pendamping',
          mulai: addDays(now, 21),
          selesai: addDays(now, 23),
          tempat: 'Balai Besar Rehabilitasi Sosial, Kota Makassar',
          wilayah: '73.71',
          penyelenggara: 'Direktorat Jenderal Rehabilitasi Sosial',
          kuota: 30,
          nilai_lulus: 70,
          created_by: direktorat?.id ?? null,
          programme_id: ldpId!,
        },
        {
          nama: 'Penanganan Korban Tindak Pidana Perdagangan Orang',
          mulai: addDays(now, 49),
          selesai: addDays(now, 50),
          tempat: 'Aula Dinas Sosial Provinsi, Kota Kupang',
          wilayah: '53.71',
          penyelenggara: 'Direktorat Jenderal Rehabilitasi Sosial',
          kuota: 25,
          nilai_lulus: null,
          created_by: direktorat?.id ?? null,
          programme_id: tppoId!,
        },
      ])
      .returning(['id', 'nomor'])
      .execute();
    if (!surabaya || !ldp || !tppo) throw new Error('trainings not created');
    const ldpStart = addDays(now, 21);
    await trx
      .insertInto('training_units')
      .values([
        ...SURABAYA_UNITS.map((u, i) => ({ training_id: surabaya.id, urutan: i + 1, ...u })),
        ...unitsOn(LDP_PROGRAMME, [ldpStart, addDays(now, 22), addDays(now, 23)]).map((u, i) => ({
          training_id: ldp.id,
          urutan: i + 1,
          ...u,
        })),
        ...unitsOn(TPPO_PROGRAMME, [addDays(now, 49), addDays(now, 50)]).map((u, i) => ({ training_id: tppo.id, urutan: i + 1, ...u })),
      ])
      .execute();

    // Surabaya: most attended all three days and passed; a few missed a day or the pass mark.
    // The pre- and post-test were taken on the phones (10 questions): correct answers 3–6 before, 7–10 after (5–6 for a few).
    const by = direktorat?.id ?? null;
    const bankIds = await seedBank(
      trx,
      {
        trainingId: surabaya.id,
        bank: SURABAYA_BANK,
        windows: {
          pre: { dibuka: new Date('2025-11-20T00:30:00Z'), ditutup: new Date('2025-11-20T01:30:00Z') },
          post: { dibuka: new Date('2025-11-22T06:00:00Z'), ditutup: new Date('2025-11-22T08:00:00Z') },
        },
      },
      by,
    );
    const taken = people.map((u, i) => {
      const at = (iso: string) => new Date(Date.parse(iso) + random.int(5, 50) * 60_000);
      const base = { trainingId: surabaya.id, userId: u.id, bank: SURABAYA_BANK };
      return {
        pre: submissionRows({ ...base, jenis: 'pre', ids: bankIds.pre, benar: random.int(3, 6), at: at('2025-11-20T00:30:00Z') }, random),
        post: submissionRows(
          {
            ...base,
            jenis: 'post',
            ids: bankIds.post,
            benar: i % 9 === 7 ? random.int(5, 6) : random.int(7, 10),
            at: at('2025-11-22T06:00:00Z'),
          },
          random,
        ),
      };
    });
    const results = people.map((u, i) => {
      const missed = i % 11 === 5 ? 'tik' : null;
      const pre = taken[i]!.pre.nilai;
      const post = taken[i]!.post.nilai;
      return { u, missed, pre, post, lulus: missed === null && post >= 70 };
    });
    await trx
      .insertInto('training_participants')
      .values(
        results.map((r) => ({
          training_id: surabaya.id,
          user_id: r.u.id,
          nilai_pre: r.pre,
          nilai_post: r.post,
          registered_at: new Date('2025-11-01T02:00:00Z'),
        })),
      )
      .execute();
    await trx
      .insertInto('training_attendance')
      .values(
        results.flatMap((r) =>
          SURABAYA_UNITS.filter((unit) => unit.kode !== r.missed).map((unit) => ({
            training_id: surabaya.id,
            user_id: r.u.id,
            unit: unit.kode,
            recorded_at: new Date(`${unit.tanggal}T01:30:00Z`),
            recorded_by: direktorat?.id ?? null,
          })),
        ),
      )
      .execute();
    const sent = taken.flatMap((t) => [t.pre, t.post]);
    await trx
      .insertInto('training_test_submissions')
      .values(sent.map((t) => t.submission))
      .execute();
    await trx
      .insertInto('training_test_answers')
      .values(sent.flatMap((t) => t.answers))
      .execute();
    const certified = results.filter((r) => r.lulus);
    await trx
      .insertInto('training_certificates')
      .values(
        certified.map((r) => ({
          nomor: certificateNumber('2025', surabaya.nomor, (n) => random.int(0, n - 1)),
          training_id: surabaya.id,
          user_id: r.u.id,
          nama: r.u.nama_lengkap ?? r.u.username,
          jp: 30,
          issued_at: new Date('2025-11-22T09:00:00Z'),
        })),
      )
      .execute();

    // The upcoming LDP event has its first invitees: pendamping of two provinces without LDP.
    const invited = [...first('73').slice(2, 6), ...first('74').slice(0, 4)];
    if (invited.length)
      await trx
        .insertInto('training_participants')
        .values(invited.map((u) => ({ training_id: ldp.id, user_id: u.id, status: 'diundang' as const })))
        .execute();
    // Both upcoming events have their banks, open on the first morning and the last afternoon (WITA).
    const morning = (day: string) => ({ dibuka: new Date(`${day}T00:00:00Z`), ditutup: new Date(`${day}T02:00:00Z`) });
    const afternoon = (day: string) => ({ dibuka: new Date(`${day}T06:00:00Z`), ditutup: new Date(`${day}T08:00:00Z`) });
    await seedBank(trx, { trainingId: ldp.id, bank: LDP_BANK, windows: { pre: morning(ldpStart), post: afternoon(addDays(now, 23)) } }, by);
    await seedBank(
      trx,
      { trainingId: tppo.id, bank: TPPO_BANK, windows: { pre: morning(addDays(now, 49)), post: afternoon(addDays(now, 50)) } },
      by,
    );

    // The koordinator's judgement and professional certifications (one expired) for a few.
    const koordinator35 = await trx.selectFrom('users').select('id').where('username', '=', 'koordinator.35').executeTakeFirst();
    const jatim = first('35');
    const assessed = jatim.slice(0, 6).flatMap((u, i) => [
      {
        user_id: u.id,
        kompetensi: 'perlindungan_anak',
        level: 1 + (i % 3),
        catatan: null,
        assessed_by: koordinator35?.id ?? null,
        assessed_at: new Date('2026-01-15T03:00:00Z'),
      },
      {
        user_id: u.id,
        kompetensi: 'dukungan_psikososial',
        level: i % 2,
        catatan: null,
        assessed_by: koordinator35?.id ?? null,
        assessed_at: new Date('2026-01-15T03:00:00Z'),
      },
    ]);
    if (assessed.length)
      await trx
        .insertInto('competency_assessments')
        .values(assessed)
        .onConflict((oc) => oc.doNothing())
        .execute();
    const certs = jatim.slice(0, 3).map((u, i) => ({
      user_id: u.id,
      jenis: 'Sertifikasi Pekerja Sosial (LSPS)',
      nomor: `LSPS-${2021 + i}-${String(300 + i * 17).padStart(4, '0')}`,
      kompetensi: ['manajemen_kasus', 'asesmen'],
      berlaku_sampai: i === 2 ? '2025-06-30' : `${2027 + i}-12-31`,
      created_by: koordinator35?.id ?? null,
    }));
    if (certs.length) await trx.insertInto('professional_certifications').values(certs).execute();
    const attendedAll = results.filter((r) => r.missed === null).map((r) => r.u.id);
    await seedSurabayaEvaluations(trx, surabaya.id, attendedAll, random);
    return { trainings: 3, participants: results.length + invited.length, certificates: certified.length };
  });
}
