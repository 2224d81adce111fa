import type { PlanServiceRow, PlanView, WaitingPlan } from '@tuntas/domain';
import { isAtensiCode, planEditable, planReviewable } from '@tuntas/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { hidesIdentity, identitySelections, maskName } from '../authz/identity-protection.js';
import { casePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import { loadCase } from '../cases/case-service.js';
import type { CasePlansTable, DB } from '../db/schema.js';
import { AppError, fieldError, versionConflict } from '../http/app-error.js';
import { caseForReading, caseForWork, recordCaseWork } from './case-work-access.js';

export interface PlanInput {
  tujuan: string[];
  layanan: PlanServiceRow[];
  version?: number | undefined;
}

function toView(row: Selectable<CasePlansTable>, actor: Actor, works: boolean): PlanView {
  return {
    id: row.id,
    caseId: row.case_id,
    tujuan: row.tujuan,
    layanan: row.layanan,
    status: row.status,
    revisi: row.revisi,
    komentar: row.komentar,
    diajukanPada: row.diajukan_pada?.toISOString() ?? null,
    diputusPada: row.diputus_pada?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    tindakan: {
      ubah: works && (planEditable(row.status) || row.status === 'disetujui'),
      ajukan: works && planEditable(row.status),
      putuskan: casePolicy.supervise(actor) && planReviewable(row.status) && row.updated_by !== actor.id,
    },
  };
}

function checkPlan(input: PlanInput): { tujuan: string[]; layanan: PlanServiceRow[] } {
  const tujuan = input.tujuan.map((t) => t.trim()).filter(Boolean);
  if (tujuan.length === 0) throw fieldError('PLAN_INVALID', 'tujuan', 'WAJIB');
  if (input.layanan.length === 0) throw fieldError('PLAN_INVALID', 'layanan', 'WAJIB');
  const layanan = input.layanan.map((l, i) => {
    if (!isAtensiCode(l.atensi)) throw fieldError('PLAN_INVALID', `layanan/${i}/atensi`, 'TIDAK_DIKENAL');
    if (!l.uraian.trim()) throw fieldError('PLAN_INVALID', `layanan/${i}/uraian`, 'WAJIB');
    if (!l.pelaksana.trim()) throw fieldError('PLAN_INVALID', `layanan/${i}/pelaksana`, 'WAJIB');
    return { atensi: l.atensi, uraian: l.uraian.trim(), pelaksana: l.pelaksana.trim(), batas: l.batas };
  });
  return { tujuan, layanan };
}

export async function getPlan(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string): Promise<PlanView | null> {
  const kase = await caseForReading(db, actor, origin, caseId, 'plan');
  const row = await db.selectFrom('case_plans').selectAll().where('case_id', '=', kase.id).executeTakeFirst();
  return row ? toView(row, actor, casePolicy.work(actor, kase) && kase.status !== 'ditutup') : null;
}

/**
 * Writes the plan. A plan under review cannot change; an approved plan may be revised only when
 * the case is back at rencana, which starts a new revision that needs approval again.
 */
export async function savePlan(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string, input: PlanInput): Promise<PlanView> {
  const kase = await caseForWork(db, actor, caseId);
  const plan = checkPlan(input);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('case_plans').selectAll().where('case_id', '=', kase.id).forUpdate().executeTakeFirst();
    if (!current) {
      await trx
        .insertInto('case_plans')
        .values({
          case_id: kase.id,
          tujuan: JSON.stringify(plan.tujuan),
          layanan: JSON.stringify(plan.layanan),
          status: 'draf',
          updated_by: actor.id,
        })
        .execute();
    } else {
      if (input.version !== undefined && input.version !== current.version)
        throw versionConflict(toView(current, actor, casePolicy.work(actor, kase)));
      const revises = current.status === 'disetujui';
      if (revises ? kase.tahapan !== 'rencana' : !planEditable(current.status)) throw new AppError('PLAN_NOT_EDITABLE');
      await trx
        .updateTable('case_plans')
        .set({
          tujuan: JSON.stringify(plan.tujuan),
          layanan: JSON.stringify(plan.layanan),
          ...(revises ? { status: 'draf', revisi: sql<number>`revisi + 1`, komentar: null, diputus_oleh: null, diputus_pada: null } : {}),
          updated_at: new Date(),
          updated_by: actor.id,
          version: sql<number>`version + 1`,
        })
        .where('id', '=', current.id)
        .execute();
    }
    await recordCaseWork(trx, actor, origin, kase, { jenis: 'rencana', data: { aksi: 'disimpan' } }, { action: 'case.plan.save' });
  });
  return (await getPlan(db, actor, origin, caseId))!;
}

export async function submitPlan(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  version: number | undefined,
): Promise<PlanView> {
  const kase = await caseForWork(db, actor, caseId);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('case_plans').selectAll().where('case_id', '=', kase.id).forUpdate().executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND');
    if (version !== undefined && version !== current.version) throw versionConflict(toView(current, actor, casePolicy.work(actor, kase)));
    if (!planEditable(current.status)) throw new AppError('PLAN_NOT_EDITABLE');
    await trx
      .updateTable('case_plans')
      .set({
        status: 'diajukan',
        diajukan_pada: new Date(),
        updated_at: new Date(),
        updated_by: actor.id,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', current.id)
      .execute();
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: 'rencana', data: { aksi: 'diajukan', revisi: current.revisi, tujuan: current.tujuan, layanan: current.layanan } },
      { action: 'case.plan.submit' },
    );
  });
  return (await getPlan(db, actor, origin, caseId))!;
}

/** The koordinator's decision; never on a plan they submitted themselves, and a return says why. */
export async function reviewPlan(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  input: { keputusan: 'setujui' | 'kembalikan'; komentar?: string | undefined; version?: number | undefined },
): Promise<PlanView> {
  const kase = await loadCase(db, actor, caseId);
  if (!casePolicy.supervise(actor)) throw new AppError('FORBIDDEN');
  const komentar = input.komentar?.trim() || null;
  if (input.keputusan === 'kembalikan' && !komentar) throw fieldError('PLAN_INVALID', 'komentar', 'WAJIB_SAAT_DIKEMBALIKAN');
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('case_plans').selectAll().where('case_id', '=', kase.id).forUpdate().executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND');
    if (input.version !== undefined && input.version !== current.version)
      throw versionConflict(toView(current, actor, casePolicy.work(actor, kase) && kase.status !== 'ditutup'));
    if (!planReviewable(current.status)) throw new AppError('PLAN_NOT_SUBMITTED');
    // Four eyes: whoever wrote or submitted this revision of the plan does not decide on it.
    const authored = await trx
      .selectFrom('case_events')
      .select('id')
      .where('case_id', '=', kase.id)
      .where('jenis', '=', 'rencana')
      .where('actor_id', '=', actor.id)
      .where(sql<boolean>`data ->> 'aksi' in ('disimpan', 'diajukan')`)
      .where('at', '>', current.diputus_pada ?? new Date(0))
      .executeTakeFirst();
    if (authored) throw new AppError('FOUR_EYES_REQUIRED');
    if (current.updated_by === actor.id) throw new AppError('OWN_REPORT');
    const status = input.keputusan === 'setujui' ? 'disetujui' : 'dikembalikan';
    await trx
      .updateTable('case_plans')
      .set({ status, komentar, diputus_oleh: actor.id, diputus_pada: new Date(), version: sql<number>`version + 1` })
      .where('id', '=', current.id)
      .execute();
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: 'rencana', catatan: komentar, data: { aksi: status, revisi: current.revisi } },
      { action: `case.plan.${status}` },
    );
  });
  return (await getPlan(db, actor, origin, caseId))!;
}

/** The koordinator's inbox: plans in scope waiting for a decision, oldest first. */
export async function plansWaiting(db: Kysely<DB>, actor: Actor): Promise<WaitingPlan[]> {
  if (!casePolicy.supervise(actor)) return [];
  const rows = await db
    .selectFrom('case_plans as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .innerJoin('beneficiaries as b', 'b.id', 'c.beneficiary_id')
    .leftJoin('users as u', 'u.id', 'c.pendamping_id')
    .select(['c.id', 'c.nomor', 'b.nama', 'u.nama_lengkap', 'u.username', 'p.revisi', 'p.diajukan_pada', 'p.updated_by'])
    .select(identitySelections(actor, 'b'))
    .where('p.status', '=', 'diajukan')
    .where((eb) => inScope(eb, eb.ref('c.wilayah'), actor))
    .orderBy('p.diajukan_pada')
    .limit(200)
    .execute();
  return rows
    .filter((r) => r.updated_by !== actor.id)
    .map((r) => ({
      caseId: r.id,
      nomor: r.nomor,
      beneficiaryNama: hidesIdentity(r) ? maskName(r.nama) : r.nama,
      pendampingNama: r.nama_lengkap ?? r.username,
      revisi: r.revisi,
      diajukanPada: r.diajukan_pada!.toISOString(),
    }));
}
