import { gainTes, NILAI_LULUS_BAKU, nilaiTes, type TestResults } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { loadTraining, visibleParticipant } from './training-service.js';
import { testKinds } from './test-service.js';

const displayName = (u: { nama_lengkap: string | null; username: string }) => u.nama_lengkap ?? u.username;
const mean = (xs: number[]) => (xs.length === 0 ? null : Math.round(xs.reduce((s, x) => s + x, 0) / xs.length));

/**
 * The gain per participant and per unit (issue 22), from the scored submissions: what the
 * organiser reads to see which theme landed. Each caller sees the participants of their scope
 * (a koordinator their area's, a pendamping themself), as in the participant list.
 */
export async function testResults(db: Kysely<DB>, actor: Actor, id: string): Promise<TestResults> {
  const training = await loadTraining(db, actor, id);
  const kinds = await testKinds(db, id);
  const units = await db.selectFrom('training_units').select(['kode', 'nama']).where('training_id', '=', id).orderBy('urutan').execute();
  const people = await db
    .selectFrom('training_participants as p')
    .innerJoin('users', 'users.id', 'p.user_id')
    .select(['p.user_id', 'users.nama_lengkap', 'users.username', 'users.wilayah'])
    .where('p.training_id', '=', id)
    .where((eb) => visibleParticipant(eb, actor))
    .orderBy('users.wilayah')
    .orderBy('users.nama_lengkap')
    .execute();
  const ids = people.map((p) => p.user_id);
  const subs = ids.length
    ? await db
        .selectFrom('training_test_submissions')
        .select(['user_id', 'jenis', 'nilai'])
        .where('training_id', '=', id)
        .where('user_id', 'in', ids)
        .execute()
    : [];
  const answers = ids.length
    ? await db
        .selectFrom('training_test_answers as a')
        .innerJoin('training_questions as q', 'q.id', 'a.question_id')
        .select(['a.user_id', 'a.jenis', 'q.unit'])
        .select((eb) => eb.fn.countAll<number>().as('jumlah'))
        .select((eb) => eb.fn.sum<number>(eb.case().when('a.benar', '=', true).then(1).else(0).end()).as('benar'))
        .where('a.training_id', '=', id)
        .where('a.user_id', 'in', ids)
        .groupBy(['a.user_id', 'a.jenis', 'q.unit'])
        .execute()
    : [];
  const score = new Map(subs.map((s) => [`${s.user_id}|${s.jenis}`, s.nilai]));
  const unitScore = new Map(answers.map((a) => [`${a.user_id}|${a.jenis}|${a.unit}`, nilaiTes(Number(a.benar), Number(a.jumlah))]));
  const peserta = people.map((p) => {
    const pre = score.get(`${p.user_id}|pre`) ?? null;
    const post = score.get(`${p.user_id}|post`) ?? null;
    return {
      userId: p.user_id,
      nama: displayName(p),
      wilayah: p.wilayah ?? '',
      pre,
      post,
      gain: gainTes(pre, post),
      perUnit: units.map((u) => ({
        unit: u.kode,
        pre: unitScore.get(`${p.user_id}|pre|${u.kode}`) ?? null,
        post: unitScore.get(`${p.user_id}|post|${u.kode}`) ?? null,
      })),
    };
  });
  return {
    nilaiLulus: kinds.has('post') ? (training.nilai_lulus ?? NILAI_LULUS_BAKU) : training.nilai_lulus,
    peserta,
    units: units.map((u, i) => {
      const cells = peserta.map((p) => p.perUnit[i]!);
      const pre = mean(cells.flatMap((c) => (c.pre === null ? [] : [c.pre])));
      const post = mean(cells.flatMap((c) => (c.post === null ? [] : [c.post])));
      // The unit's gain over those who took both, so a late joiner does not skew it.
      const both = cells.filter((c) => c.pre !== null && c.post !== null);
      return {
        unit: u.kode,
        nama: u.nama,
        pre,
        post,
        gain: both.length ? mean(both.map((c) => c.post! - c.pre!)) : null,
        peserta: both.length,
      };
    }),
  };
}
