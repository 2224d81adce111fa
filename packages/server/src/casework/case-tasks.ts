import type { CaseTasks, OverdueByPendamping, RiskyAssessment } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { expressionBuilder, sql } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { casePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import { overdueJoined, stageTargets } from '../cases/case-deadline-sql.js';
import type { DB } from '../db/schema.js';
import { plansWaiting } from './intervention-plans.js';
import { legalDeadlineTasks } from './legal-deadline-tasks.js';
import { referralsWaiting } from './referrals.js';
import { transfersWaiting } from './transfers.js';

/**
 * What needs doing: a pendamping's own overdue stages, legal deadlines running, unanswered referrals, follow-up visits due
 * within a week and plans returned to them; a koordinator's inbox (plans and transfers to decide)
 * and the overdue items of each pendamping of the area.
 */
export async function caseTasks(db: Kysely<DB>, actor: Actor, today: string): Promise<CaseTasks> {
  const own = actor.role === 'pendamping' ? actor.id : undefined;
  const weekAhead = new Date(`${today}T00:00:00Z`);
  weekAhead.setUTCDate(weekAhead.getUTCDate() + 7);

  let followups = db
    .selectFrom('case_followups as f')
    .innerJoin('cases', 'cases.id', 'f.case_id')
    .select(['f.id', 'f.case_id', 'cases.nomor', 'f.jadwal'])
    .where('f.status', '=', 'terjadwal')
    .where('f.jadwal', '<=', weekAhead.toISOString().slice(0, 10))
    .where((eb) => inScope(eb, eb.ref('cases.wilayah'), actor));
  if (own) followups = followups.where('cases.pendamping_id', '=', own);

  let returned = db
    .selectFrom('case_plans as p')
    .innerJoin('cases', 'cases.id', 'p.case_id')
    .select(['cases.id', 'cases.nomor', 'p.komentar'])
    .where('p.status', '=', 'dikembalikan')
    .where((eb) => inScope(eb, eb.ref('cases.wilayah'), actor));
  if (own) returned = returned.where('cases.pendamping_id', '=', own);

  // A koordinator's province has tens of thousands of open cases: stage targets joined once.
  const inArea = inScope(expressionBuilder<DB, 'cases'>(), sql.ref<string>('cases.wilayah'), actor);
  const overdueCount = sql<{ n: number }>`
    select count(*)::int as n from cases ${stageTargets}
    where cases.status in ('terdata', 'tertangani') and ${overdueJoined()} and ${inArea}${own ? sql` and cases.pendamping_id = ${own}` : sql``}`;

  const [stages, legal, referrals, due, back, plans, transfers, perPendamping, risky] = await Promise.all([
    overdueCount.execute(db).then((r) => r.rows[0]!),
    legalDeadlineTasks(db, actor, own),
    referralsWaiting(db, actor, { pendampingId: own, limit: 100 }),
    followups.orderBy('f.jadwal').limit(100).execute(),
    returned.limit(100).execute(),
    plansWaiting(db, actor),
    transfersWaiting(db, actor),
    casePolicy.supervise(actor) ? overdueByPendamping(db, actor, today) : Promise.resolve([]),
    casePolicy.supervise(actor) ? riskyAssessments(db, actor) : Promise.resolve([]),
  ]);
  return {
    tahapanTerlambat: Number(stages.n),
    batasHukum: legal,
    rujukanMenunggu: referrals,
    bimbinganJatuhTempo: due.map((f) => ({ id: f.id, caseId: f.case_id, nomor: f.nomor, jadwal: f.jadwal, terlambat: f.jadwal < today })),
    rencanaDikembalikan: back.map((p) => ({ caseId: p.id, nomor: p.nomor, komentar: p.komentar })),
    rencanaMenunggu: plans,
    asesmenBerisiko: risky,
    pengalihanMenunggu: transfers,
    perPendamping,
  };
}

/**
 * Overdue stages (from `pendamping_load`, refreshed each minute), referrals past their agreed days
 * and missed follow-ups, per pendamping in scope: three grouped reads, not a subquery per person.
 */
async function overdueByPendamping(db: Kysely<DB>, actor: Actor, today: string): Promise<OverdueByPendamping[]> {
  const [people, referrals, followups] = await Promise.all([
    db
      .selectFrom('users as u')
      .leftJoin('pendamping_load as l', 'l.user_id', 'u.id')
      .select(['u.id', 'u.username', 'u.nama_lengkap', 'l.terlambat'])
      .where('u.role', '=', 'pendamping')
      .where('u.disabled_at', 'is', null)
      .where((eb) => inScope(eb, eb.ref('u.wilayah'), actor))
      .execute(),
    db
      .selectFrom('rujukan as r')
      .innerJoin('cases', 'cases.id', 'r.case_id')
      .select(['cases.pendamping_id', sql<number>`count(*)`.as('n')])
      .where('r.status', 'in', ['dikirim', 'diterima'])
      .where(sql<boolean>`r.dikirim_pada + make_interval(days => r.batas_hari) < now()`)
      .where((eb) => inScope(eb, eb.ref('r.wilayah'), actor))
      .groupBy('cases.pendamping_id')
      .execute(),
    db
      .selectFrom('case_followups as f')
      .innerJoin('cases', 'cases.id', 'f.case_id')
      .select(['cases.pendamping_id', sql<number>`count(*)`.as('n')])
      .where('f.status', '=', 'terjadwal')
      .where('f.jadwal', '<', today)
      .where((eb) => inScope(eb, eb.ref('cases.wilayah'), actor))
      .groupBy('cases.pendamping_id')
      .execute(),
  ]);
  const late = (rows: Array<{ pendamping_id: string | null; n: number }>) => new Map(rows.map((r) => [r.pendamping_id, Number(r.n)]));
  const lateReferrals = late(referrals);
  const lateFollowups = late(followups);
  return people
    .map((p) => ({
      pendampingId: p.id,
      nama: p.nama_lengkap ?? p.username,
      tahapan: Number(p.terlambat ?? 0),
      rujukan: lateReferrals.get(p.id) ?? 0,
      bimbingan: lateFollowups.get(p.id) ?? 0,
    }))
    .filter((r) => r.tahapan + r.rujukan + r.bimbingan > 0)
    .sort((a, b) => b.tahapan + b.rujukan + b.bimbingan - (a.tahapan + a.rujukan + a.bimbingan));
}

/**
 * Signs of violence or a high risk level call for the koordinator at once (UU 35/2014 Pasal 59A:
 * rapid handling of child victims; Permensos 16/2019 on case conferences): the latest assessment
 * of an open case stays on the koordinator's list until a case conference is recorded after it.
 */
const VIOLENCE = sql<boolean>`(coalesce((a.data ->> 'tandaKekerasan')::boolean, false)
  or (jsonb_typeof(a.data -> 'jenisKekerasan') = 'array' and jsonb_array_length(a.data -> 'jenisKekerasan') > 0))`;

async function riskyAssessments(db: Kysely<DB>, actor: Actor): Promise<RiskyAssessment[]> {
  const rows = await db
    .selectFrom('case_assessments as a')
    .innerJoin('cases', 'cases.id', 'a.case_id')
    .select(['cases.id', 'cases.nomor', 'a.risiko', 'a.created_at'])
    .select(VIOLENCE.as('kekerasan'))
    .where('cases.status', 'in', ['terdata', 'tertangani'])
    .where((eb) => inScope(eb, eb.ref('cases.wilayah'), actor))
    .where(sql<boolean>`(a.risiko = 'tinggi' or ${VIOLENCE})`)
    .where(
      sql<boolean>`not exists (select 1 from case_assessments later where later.case_id = a.case_id and later.created_at > a.created_at)`,
    )
    .where(sql<boolean>`not exists (select 1 from case_conferences k where k.case_id = a.case_id and k.created_at >= a.created_at)`)
    .orderBy('a.created_at')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    caseId: r.id,
    nomor: r.nomor,
    risiko: r.risiko,
    tandaKekerasan: r.kekerasan,
    dicatatPada: r.created_at.toISOString(),
  }));
}
