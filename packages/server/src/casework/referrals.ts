import type { ReferralView, WaitingReferral } from '@tuntas/domain';
import { canMoveReferral, isReferralOverdue, referralBasis, type DasarPemrosesan, type ReferralStatus } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { isChildSql } from '../authz/identity-protection.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, notFound, versionConflict } from '../http/app-error.js';
import { caseForReading, caseForWork, recordCaseWork } from './case-work-access.js';
import { loadLembaga } from './lembaga-directory.js';

function referrals(db: Kysely<DB>) {
  return db
    .selectFrom('rujukan as r')
    .innerJoin('lembaga as l', 'l.id', 'r.lembaga_id')
    .selectAll('r')
    .select(['l.nama as lembaga_nama', 'l.jenis as lembaga_jenis']);
}

type ReferralRow = Awaited<ReturnType<ReturnType<typeof referrals>['executeTakeFirstOrThrow']>>;

function toView(r: ReferralRow, now: Date): ReferralView {
  return {
    id: r.id,
    caseId: r.case_id,
    lembagaId: r.lembaga_id,
    lembagaNama: r.lembaga_nama,
    lembagaJenis: r.lembaga_jenis,
    layanan: r.layanan,
    alasan: r.alasan,
    batasHari: r.batas_hari,
    status: r.status,
    dikirimPada: r.dikirim_pada.toISOString(),
    diterimaPada: r.diterima_pada?.toISOString() ?? null,
    dijawabPada: r.dijawab_pada?.toISOString() ?? null,
    selesaiPada: r.selesai_pada?.toISOString() ?? null,
    petugasLembaga: r.petugas_lembaga,
    catatan: r.catatan,
    terlambat: isReferralOverdue(r.status, r.dikirim_pada, r.batas_hari, now),
    version: r.version,
    dasarBerbagi: r.dasar_berbagi,
  };
}

export async function listReferrals(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  now = new Date(),
): Promise<ReferralView[]> {
  const kase = await caseForReading(db, actor, origin, caseId, 'referral');
  const rows = await referrals(db).where('r.case_id', '=', kase.id).orderBy('r.dikirim_pada', 'desc').execute();
  return rows.map((r) => toView(r, now));
}

export interface NewReferral {
  lembagaId: string;
  layanan: string;
  alasan: string;
  batasHari?: number | undefined;
  dasarBerbagi?: DasarPemrosesan | undefined;
}

/**
 * The basis the referral shares the person's data on: as stated, else the domain's default. On
 * consent it needs a consent to share with referral institutions that is still active.
 */
async function sharingBasis(db: Kysely<DB>, beneficiaryId: string, stated: DasarPemrosesan | undefined): Promise<DasarPemrosesan> {
  if (stated && stated !== 'persetujuan') return stated;
  if (!stated) {
    const person = await db
      .selectFrom('beneficiaries as b')
      .select(isChildSql('b').as('anak'))
      .where('b.id', '=', beneficiaryId)
      .executeTakeFirstOrThrow();
    return referralBasis(person.anak);
  }
  const consent = await db
    .selectFrom('beneficiary_consents')
    .select('id')
    .where('beneficiary_id', '=', beneficiaryId)
    .where('kode_tujuan', '=', 'rujukan')
    .where('dicabut_pada', 'is', null)
    .executeTakeFirst();
  if (!consent) throw new AppError('REFERRAL_CONSENT_MISSING');
  return 'persetujuan';
}

/** A referral sent to an institution of the directory the caller can see. */
export async function sendReferral(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  input: NewReferral,
): Promise<ReferralView> {
  const kase = await caseForWork(db, actor, caseId);
  const lembaga = await loadLembaga(db, actor, input.lembagaId).catch(() => {
    throw fieldError('REFERRAL_INVALID', 'lembagaId', 'TIDAK_DIKENAL');
  });
  if (!lembaga.aktif) throw fieldError('REFERRAL_INVALID', 'lembagaId', 'TIDAK_AKTIF');
  const alasan = input.alasan.trim();
  const layanan = input.layanan.trim();
  if (!alasan) throw fieldError('REFERRAL_INVALID', 'alasan', 'WAJIB');
  if (!layanan) throw fieldError('REFERRAL_INVALID', 'layanan', 'WAJIB');
  const dasar = await sharingBasis(db, kase.beneficiary_id, input.dasarBerbagi);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('rujukan')
      .values({
        case_id: kase.id,
        lembaga_id: lembaga.id,
        layanan,
        alasan,
        batas_hari: input.batasHari ?? lembaga.batasHari,
        dikirim_oleh: actor.id,
        dasar_berbagi: dasar,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      { jenis: 'rujukan', catatan: alasan, data: { rujukan: row.id, lembaga: lembaga.nama, layanan, status: 'dikirim' } },
      { action: 'case.referral.send', details: { referral: row.id, lembaga: lembaga.id, dasarBerbagi: dasar } },
    );
    return row.id;
  });
  return toView(await referrals(db).where('r.id', '=', id).executeTakeFirstOrThrow(), new Date());
}

export interface ReferralUpdate {
  status: ReferralStatus;
  petugasLembaga?: string | undefined;
  catatan?: string | undefined;
  version: number;
}

const STAMP: Partial<
  Record<ReferralStatus, { at: 'diterima_pada' | 'dijawab_pada' | 'selesai_pada'; by: 'diterima_oleh' | 'dijawab_oleh' | 'selesai_oleh' }>
> = {
  diterima: { at: 'diterima_pada', by: 'diterima_oleh' },
  disetujui: { at: 'dijawab_pada', by: 'dijawab_oleh' },
  ditolak: { at: 'dijawab_pada', by: 'dijawab_oleh' },
  selesai: { at: 'selesai_pada', by: 'selesai_oleh' },
};

/**
 * Records the institution's answer (received, accepted or rejected, completed) or the sender's
 * cancellation. Each step may happen once: answering twice is a 409, and the UPDATE names the
 * version read so two people recording at once cannot both win.
 */
export async function updateReferral(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: ReferralUpdate,
): Promise<ReferralView> {
  const current = await db.selectFrom('rujukan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound();
  const kase = await caseForWork(db, actor, current.case_id);
  if (input.version !== current.version)
    throw versionConflict(toView(await referrals(db).where('r.id', '=', id).executeTakeFirstOrThrow(), new Date()));
  if (!canMoveReferral(current.status, input.status)) throw new AppError('REFERRAL_STATE', { status: current.status, ke: input.status });
  const catatan = input.catatan?.trim() || null;
  if ((input.status === 'ditolak' || input.status === 'dibatalkan') && !catatan)
    throw fieldError('REFERRAL_INVALID', 'catatan', 'WAJIB_DENGAN_ALASAN');
  const stamp = STAMP[input.status];
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('rujukan')
      .set({
        status: input.status,
        ...(stamp ? { [stamp.at]: new Date(), [stamp.by]: actor.id } : {}),
        ...(input.petugasLembaga?.trim() ? { petugas_lembaga: input.petugasLembaga.trim() } : {}),
        ...(catatan ? { catatan } : {}),
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw versionConflict(toView(await referrals(trx).where('r.id', '=', id).executeTakeFirstOrThrow(), new Date()));
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      {
        jenis: 'rujukan_status',
        catatan,
        data: { rujukan: id, dari: current.status, ke: input.status, petugas: input.petugasLembaga ?? null },
      },
      { action: 'case.referral.update', details: { referral: id, ke: input.status } },
    );
  });
  return toView(await referrals(db).where('r.id', '=', id).executeTakeFirstOrThrow(), new Date());
}

/** Referrals in scope still waiting for an institution's answer (optionally one pendamping's), oldest first. */
export async function referralsWaiting(
  db: Kysely<DB>,
  actor: Actor,
  options: { pendampingId?: string | undefined; limit?: number } = {},
  now = new Date(),
): Promise<WaitingReferral[]> {
  let rows = db
    .selectFrom('rujukan as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .innerJoin('lembaga as l', 'l.id', 'r.lembaga_id')
    .select(['r.id', 'r.case_id', 'c.nomor', 'c.pendamping_id', 'l.nama', 'r.status', 'r.dikirim_pada', 'r.batas_hari'])
    .where('r.status', 'in', ['dikirim', 'diterima'])
    .where((eb) => inScope(eb, eb.ref('r.wilayah'), actor));
  if (options.pendampingId) rows = rows.where('c.pendamping_id', '=', options.pendampingId);
  const found = await rows
    .orderBy('r.dikirim_pada')
    .limit(options.limit ?? 200)
    .execute();
  return found.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    nomor: r.nomor,
    pendampingId: r.pendamping_id,
    lembagaNama: r.nama,
    status: r.status,
    dikirimPada: r.dikirim_pada.toISOString(),
    terlambat: isReferralOverdue(r.status, r.dikirim_pada, r.batas_hari, now),
  }));
}
