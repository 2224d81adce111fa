import {
  canClose,
  canReopen,
  canVerify,
  isOverdue,
  nextTahapan,
  stageDueAt,
  stageRequirements,
  type CaseRecord,
  type CaseState,
  type StageFacts,
} from '@tuntas/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { hidesIdentity, identitySelections, maskName, regencyOf, type IdentityFlags } from '../authz/identity-protection.js';
import { casePolicy } from '../authz/policies.js';
import type { CasesTable, DB } from '../db/schema.js';
import { targetDays } from './case-deadline-sql.js';

export type CaseRow = Selectable<CasesTable> &
  IdentityFlags & {
    beneficiary_nama: string;
    pendamping_nama: string | null;
    batas_hari: number | null;
    ada_asesmen: boolean;
    rencana_disetujui: boolean;
  };

/** The facts the stage gates read, selected with the case so every view and every move agree. */
function gateFacts() {
  return [
    sql<boolean>`exists (select 1 from case_assessments ga where ga.case_id = cases.id)`.as('ada_asesmen'),
    sql<boolean>`exists (select 1 from case_plans gp where gp.case_id = cases.id and gp.status = 'disetujui')`.as('rencana_disetujui'),
  ] as const;
}

export function stageFacts(row: Pick<CaseRow, 'ada_asesmen' | 'rencana_disetujui'>): StageFacts {
  return { asesmenTercatat: row.ada_asesmen, rencanaDisetujui: row.rencana_disetujui };
}

/**
 * Cases joined with what a list shows next to them — the person's name and the pendamping's — and
 * the caller's identity flags for that person (the rule of `identity-protection.ts`).
 */
export function casesWithNames(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('cases')
    .innerJoin('beneficiaries as b', 'b.id', 'cases.beneficiary_id')
    .leftJoin('users as p', 'p.id', 'cases.pendamping_id')
    .selectAll('cases')
    .select(['b.nama as beneficiary_nama'])
    .select(identitySelections(actor, 'b'))
    .select((eb) => eb.fn.coalesce('p.nama_lengkap', 'p.username').as('pendamping_nama'))
    .select(targetDays().as('batas_hari'))
    .select(gateFacts());
}

export function caseState(row: Pick<Selectable<CasesTable>, 'tahapan' | 'status' | 'diverifikasi_pada'>): CaseState {
  return { tahapan: row.tahapan, closed: row.status === 'ditutup', verified: row.diverifikasi_pada !== null };
}

export function toCaseView(row: CaseRow, actor: Actor): CaseRecord {
  const state = caseState(row);
  const terlindungi = hidesIdentity(row);
  const works = casePolicy.work(actor, row);
  const supervises = casePolicy.supervise(actor) && !terlindungi;
  const facts = stageFacts(row);
  const gated = works ? nextTahapan(state).map((to) => ({ tahapan: to, kurang: stageRequirements(to, facts) })) : [];
  return {
    id: row.id,
    nomor: row.nomor,
    beneficiaryId: row.beneficiary_id,
    beneficiaryNama: terlindungi ? maskName(row.beneficiary_nama) : row.beneficiary_nama,
    ppks: row.ppks,
    wilayah: terlindungi ? regencyOf(row.wilayah) : row.wilayah,
    pendampingId: row.pendamping_id,
    pendampingNama: row.pendamping_nama,
    tahapan: row.tahapan,
    status: row.status,
    tahapanSejak: row.tahapan_sejak.toISOString(),
    batasTahapan: stageDueAt(row.tahapan_sejak, row.batas_hari)?.toISOString() ?? null,
    terlambat: isOverdue(state, row.tahapan_sejak, row.batas_hari),
    ditutupAlasan: row.ditutup_alasan,
    diverifikasiPada: row.diverifikasi_pada?.toISOString() ?? null,
    ringkasan: terlindungi ? null : row.ringkasan,
    sensitif: row.terlindungi,
    identitasTerlindungi: terlindungi,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    tindakan: {
      tahapan: gated.filter((g) => g.kurang.length === 0).map((g) => g.tahapan),
      syarat: gated.filter((g) => g.kurang.length > 0),
      tutup: works && canClose(state),
      verifikasi: supervises && canVerify(state),
      bukaKembali: supervises && canReopen(state),
      ubah: works,
    },
  };
}
