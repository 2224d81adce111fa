import { BATAS_HUKUM, type BatasHukumKode, type LegalDeadlineTask } from '@tuntas/domain';
import { expressionBuilder, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';

/** What meets each legal deadline (see the domain's `legal-deadlines.ts` for the law). */
const MET: Record<BatasHukumKode, RawBuilder<boolean>> = {
  // The social report is written from the assessment.
  abh_laporan_sosial: sql<boolean>`exists (select 1 from case_assessments a where a.case_id = cases.id)`,
  // Rehabilitation has begun: a service given, or the case in intervensi or beyond.
  kpo_rehabilitasi: sql<boolean>`(cases.tahapan in ('intervensi', 'resosialisasi', 'terminasi', 'bimbingan_lanjut')
    or exists (select 1 from case_services s where s.case_id = cases.id and s.jenis = 'layanan'))`,
};

/**
 * Open cases whose legal deadline has not been met, soonest first: a pendamping's own, a
 * supervisor's in scope. Met deadlines are history, not tasks.
 */
export async function legalDeadlineTasks(db: Kysely<DB>, actor: Actor, own: string | undefined): Promise<LegalDeadlineTask[]> {
  const inArea = inScope(expressionBuilder<DB, 'cases'>(), sql.ref<string>('cases.wilayah'), actor);
  const owner = own ? sql` and cases.pendamping_id = ${own}` : sql``;
  const unions = BATAS_HUKUM.map(
    (rule) => sql`
      select cases.id, cases.nomor, ${rule.kode}::text as kode, cases.created_at + make_interval(hours => ${rule.jam}) as batas
      from cases
      where cases.ppks = ${rule.ppks} and cases.status in ('terdata', 'tertangani') and ${inArea}${owner} and not ${MET[rule.kode]}`,
  );
  const { rows } = await sql<{ id: string; nomor: string; kode: BatasHukumKode; batas: Date; late: boolean }>`
    select d.id, d.nomor, d.kode, d.batas, d.batas < now() as late
    from (${sql.join(unions, sql` union all `)}) d
    order by d.batas limit 100`.execute(db);
  return rows.map((r) => ({ caseId: r.id, nomor: r.nomor, kode: r.kode, batas: new Date(r.batas).toISOString(), terlambat: r.late }));
}
