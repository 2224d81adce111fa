import { canClose, canReopen, canVerify, isOverdue, nextTahapan, ppksByCode, stageDueAt, type CaseRecord, type CaseState } from '@tuntas/domain';
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { maskName, seesCaseIdentity } from '../authz/identity-protection.js';
import { casePolicy } from '../authz/policies.js';
import { ageOn } from '../beneficiaries/beneficiary-view.js';
import type { CasesTable, DB } from '../db/schema.js';
import { targetDays } from './case-deadline-sql.js';

export type CaseRow = Selectable<CasesTable> & { beneficiary_nama: string; beneficiary_lahir: string; pendamping_nama: string | null; batas_hari: number | null };

/** Cases joined with what a list shows next to them: the person's name and the pendamping's. */
export function casesWithNames(db: Kysely<DB>) {
  return db
    .selectFrom('cases')
    .innerJoin('beneficiaries as b', 'b.id', 'cases.beneficiary_id')
    .leftJoin('users as p', 'p.id', 'cases.pendamping_id')
    .selectAll('cases')
    .select(['b.nama as beneficiary_nama', 'b.tanggal_lahir as beneficiary_lahir'])
    .select((eb) => eb.fn.coalesce('p.nama_lengkap', 'p.username').as('pendamping_nama'))
    .select(targetDays().as('batas_hari'));
}

export function caseState(row: Pick<Selectable<CasesTable>, 'tahapan' | 'status' | 'diverifikasi_pada'>): CaseState {
  return { tahapan: row.tahapan, closed: row.status === 'ditutup', verified: row.diverifikasi_pada !== null };
}

export function toCaseView(row: CaseRow, actor: Actor, breakGlass = false): CaseRecord {
  const state = caseState(row);
  const sensitif = ageOn(row.beneficiary_lahir) < 18 || ppksByCode(row.ppks)?.dataSpesifik === true;
  const terlindungi = sensitif && !seesCaseIdentity(actor, { pendampingId: row.pendamping_id }, breakGlass);
  const works = casePolicy.work(actor, { pendampingId: row.pendamping_id });
  const supervises = casePolicy.supervise(actor);
  return {
    id: row.id,
    nomor: row.nomor,
    beneficiaryId: row.beneficiary_id,
    beneficiaryNama: terlindungi ? maskName(row.beneficiary_nama) : row.beneficiary_nama,
    ppks: row.ppks,
    wilayah: row.wilayah,
    pendampingId: row.pendamping_id,
    pendampingNama: row.pendamping_nama,
    tahapan: row.tahapan,
    status: row.status,
    tahapanSejak: row.tahapan_sejak.toISOString(),
    batasTahapan: stageDueAt(row.tahapan_sejak, row.batas_hari)?.toISOString() ?? null,
    terlambat: isOverdue(state, row.tahapan_sejak, row.batas_hari),
    ditutupAlasan: row.ditutup_alasan,
    diverifikasiPada: row.diverifikasi_pada?.toISOString() ?? null,
    ringkasan: row.ringkasan,
    sensitif,
    identitasTerlindungi: terlindungi,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    tindakan: {
      tahapan: works ? nextTahapan(state) : [],
      tutup: works && canClose(state),
      verifikasi: supervises && canVerify(state),
      bukaKembali: supervises && canReopen(state),
      ubah: works,
    },
  };
}
