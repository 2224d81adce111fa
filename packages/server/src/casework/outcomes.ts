import type { OutcomeView } from '@tuntas/domain';
import { outcomeCriteria, unmetCriteria, type OutcomeCheck } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError } from '../http/app-error.js';
import { caseForReading, caseForWork, recordCaseWork } from './case-work-access.js';

/** Stages at which the outcome is being reached and can be evidenced. */
const EVIDENCE_STAGES = new Set(['resosialisasi', 'terminasi']);

export async function listOutcomes(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
): Promise<{ items: OutcomeView[]; belumTerpenuhi: string[] }> {
  const kase = await caseForReading(db, actor, origin, caseId, 'outcome');
  const rows = await db.selectFrom('case_outcomes').selectAll().where('case_id', '=', kase.id).execute();
  const byCode = new Map(rows.map((r) => [r.kriteria, r]));
  const items = outcomeCriteria(kase.ppks).map((k) => {
    const r = byCode.get(k.kode);
    return {
      kode: k.kode,
      teks: k.teks,
      terpenuhi: r?.terpenuhi ?? false,
      bukti: r?.bukti ?? null,
      updatedAt: r?.updated_at.toISOString() ?? null,
    };
  });
  return {
    items,
    belumTerpenuhi: unmetCriteria(
      kase.ppks,
      rows.map((r) => ({ kriteria: r.kriteria, terpenuhi: r.terpenuhi, bukti: r.bukti })),
    ),
  };
}

/** The pendamping's account, criterion by criterion, of what was reached and the evidence for it. */
export async function saveOutcomes(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  checks: OutcomeCheck[],
): Promise<{ items: OutcomeView[]; belumTerpenuhi: string[] }> {
  const kase = await caseForWork(db, actor, caseId);
  if (!EVIDENCE_STAGES.has(kase.tahapan) || kase.diverifikasi_pada !== null) throw new AppError('CASE_ACTION_NOT_ALLOWED');
  const known = new Set(outcomeCriteria(kase.ppks).map((k) => k.kode));
  checks.forEach((c, i) => {
    if (!known.has(c.kriteria)) throw fieldError('CASE_INVALID', `kriteria/${i}/kriteria`, 'TIDAK_DIKENAL');
    if (c.terpenuhi && !c.bukti?.trim()) throw fieldError('CASE_INVALID', `kriteria/${i}/bukti`, 'WAJIB_BILA_TERPENUHI');
  });
  await db.transaction().execute(async (trx) => {
    for (const c of checks) {
      const values = { terpenuhi: c.terpenuhi, bukti: c.bukti?.trim() || null, updated_at: new Date(), updated_by: actor.id };
      await trx
        .insertInto('case_outcomes')
        .values({ case_id: kase.id, kriteria: c.kriteria, ...values })
        .onConflict((oc) => oc.columns(['case_id', 'kriteria']).doUpdateSet(values))
        .execute();
    }
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: 'hasil', data: { kriteria: checks.map((c) => ({ kode: c.kriteria, terpenuhi: c.terpenuhi })) } },
      { action: 'case.outcomes' },
    );
  });
  return listOutcomes(db, actor, origin, caseId);
}

/** What verification needs: every criterion of the category met with evidence. */
export async function unmetOutcomes(db: Kysely<DB>, caseId: string, ppks: string): Promise<string[]> {
  const rows = await db.selectFrom('case_outcomes').select(['kriteria', 'terpenuhi', 'bukti']).where('case_id', '=', caseId).execute();
  return unmetCriteria(ppks, rows);
}
