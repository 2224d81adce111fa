import type { TransferView } from '@tuntas/domain';
import { isWithinScope, type TransferStatus } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { casePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import { loadCase } from '../cases/case-service.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, notFound } from '../http/app-error.js';
import { caseForWork, recordCaseWork, caseForReading } from './case-work-access.js';

function transfers(db: Kysely<DB>) {
  return db
    .selectFrom('case_transfers as t')
    .innerJoin('cases as c', 'c.id', 't.case_id')
    .innerJoin('users as ke', 'ke.id', 't.ke_pendamping')
    .leftJoin('users as dari', 'dari.id', 't.dari_pendamping')
    .selectAll('t')
    .select(['c.nomor', 'c.wilayah as case_wilayah'])
    .select((eb) => [
      eb.fn.coalesce('ke.nama_lengkap', 'ke.username').as('ke_nama'),
      eb.fn.coalesce('dari.nama_lengkap', 'dari.username').as('dari_nama'),
    ]);
}

type TransferRow = Awaited<ReturnType<ReturnType<typeof transfers>['executeTakeFirstOrThrow']>>;

const toView = (r: TransferRow): TransferView => ({
  id: r.id,
  caseId: r.case_id,
  nomor: r.nomor,
  dariPendamping: r.dari_nama,
  kePendampingId: r.ke_pendamping,
  kePendamping: r.ke_nama,
  keWilayah: r.ke_wilayah,
  alasan: r.alasan,
  status: r.status,
  diajukanPada: r.diajukan_pada.toISOString(),
  diputusPada: r.diputus_pada?.toISOString() ?? null,
  catatan: r.catatan,
});

export async function listTransfers(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, caseId: string): Promise<TransferView[]> {
  const kase = await caseForReading(db, actor, origin, caseId, 'transfer');
  return (await transfers(db).where('t.case_id', '=', kase.id).orderBy('t.diajukan_pada', 'desc').execute()).map(toView);
}

/**
 * Proposes handing the case to another pendamping (and, when the person moved, another area of the
 * same province). The receiving pendamping or a koordinator of the area accepts or declines; until
 * then the case stays with its owner.
 */
export async function proposeTransfer(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  caseId: string,
  input: { kePendampingId: string; keWilayah?: string | undefined; alasan: string },
): Promise<TransferView> {
  const kase = await caseForWork(db, actor, caseId);
  const target = await db
    .selectFrom('users')
    .select(['id', 'role', 'wilayah', 'disabled_at'])
    .where('id', '=', input.kePendampingId)
    .executeTakeFirst();
  const province = kase.wilayah.slice(0, 2);
  const invalid = (code: string) => fieldError('TRANSFER_INVALID', code === 'WILAYAH' ? 'keWilayah' : 'kePendampingId', code);
  if (!target || target.role !== 'pendamping' || target.disabled_at !== null) throw invalid('BUKAN_PENDAMPING_AKTIF');
  if (target.id === kase.pendamping_id) throw invalid('PENDAMPING_SAMA');
  // A case stays in its province: crossing provinces is a new case at the receiving office.
  if (!target.wilayah || target.wilayah.slice(0, 2) !== province || !isWithinScope(actor.wilayah?.slice(0, 2) ?? null, target.wilayah))
    throw invalid('DI_LUAR_WILAYAH');
  if (input.keWilayah !== undefined) {
    const area = await db.selectFrom('wilayah').select('kode').where('kode', '=', input.keWilayah).executeTakeFirst();
    if (!area || !isWithinScope(target.wilayah, input.keWilayah)) throw invalid('WILAYAH');
  } else if (!isWithinScope(target.wilayah, kase.wilayah)) {
    throw invalid('WILAYAH');
  }
  const alasan = input.alasan.trim();
  if (!alasan) throw fieldError('TRANSFER_INVALID', 'alasan', 'WAJIB');
  const id = await db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('case_transfers')
      .select('id')
      .where('case_id', '=', kase.id)
      .where('status', '=', 'diajukan')
      .executeTakeFirst();
    if (open) throw new AppError('TRANSFER_STATE', { id: open.id });
    const row = await trx
      .insertInto('case_transfers')
      .values({
        case_id: kase.id,
        dari_pendamping: kase.pendamping_id,
        ke_pendamping: target.id,
        ke_wilayah: input.keWilayah ?? null,
        alasan,
        diajukan_oleh: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordCaseWork(
      trx,
      actor,
      origin,
      kase,
      {
        jenis: 'pengalihan',
        catatan: alasan,
        data: { pengalihan: row.id, aksi: 'diajukan', ke: target.id, keWilayah: input.keWilayah ?? null },
      },
      { action: 'case.transfer.propose', details: { transfer: row.id } },
    );
    return row.id;
  });
  return toView(await transfers(db).where('t.id', '=', id).executeTakeFirstOrThrow());
}

/** Accept or decline (the receiver or a koordinator of the case's area), or withdraw (who may work the case). */
export async function decideTransfer(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: { keputusan: 'terima' | 'tolak' | 'batalkan'; catatan?: string | undefined },
): Promise<TransferView> {
  const row = await transfers(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const receiver = row.ke_pendamping === actor.id;
  // The receiver sees the proposal even when the case is not yet in their area.
  const kase = receiver ? null : await loadCase(db, actor, row.case_id);
  if (input.keputusan === 'batalkan') {
    if (!kase || !casePolicy.work(actor, kase)) throw new AppError('FORBIDDEN');
  } else if (!receiver && !casePolicy.supervise(actor)) {
    throw new AppError('FORBIDDEN');
  }
  if (row.status !== 'diajukan') throw new AppError('TRANSFER_STATE', { status: row.status });
  const catatan = input.catatan?.trim() || null;
  if (input.keputusan === 'tolak' && !catatan) throw fieldError('TRANSFER_INVALID', 'catatan', 'WAJIB_SAAT_DITOLAK');
  const status: TransferStatus = input.keputusan === 'terima' ? 'diterima' : input.keputusan === 'tolak' ? 'ditolak' : 'dibatalkan';
  await db.transaction().execute(async (trx) => {
    const decided = await trx
      .updateTable('case_transfers')
      .set({ status, diputus_oleh: actor.id, diputus_pada: new Date(), catatan })
      .where('id', '=', id)
      .where('status', '=', 'diajukan')
      .returning('id')
      .executeTakeFirst();
    if (!decided) throw new AppError('TRANSFER_STATE', { status: 'diputus' });
    const wilayah = row.ke_wilayah ?? row.case_wilayah;
    if (status === 'diterima') {
      await trx
        .updateTable('cases')
        .set({
          pendamping_id: row.ke_pendamping,
          wilayah,
          provinsi: wilayah.slice(0, 2),
          updated_by: actor.id,
          updated_at: new Date(),
          version: sql<number>`version + 1`,
        })
        .where('id', '=', row.case_id)
        .execute();
    }
    const event = {
      jenis: 'pengalihan' as const,
      catatan,
      data: { pengalihan: id, aksi: status, ke: row.ke_pendamping, keWilayah: row.ke_wilayah },
    };
    await recordCaseWork(trx, actor, origin, { id: row.case_id, wilayah: row.case_wilayah }, event, {
      action: `case.transfer.${status}`,
      details: { transfer: id },
    });
  });
  return toView(await transfers(db).where('t.id', '=', id).executeTakeFirstOrThrow());
}

/** Proposals waiting for the caller: addressed to them, or (koordinator) any in their area. */
export async function transfersWaiting(db: Kysely<DB>, actor: Actor): Promise<TransferView[]> {
  let rows = transfers(db).where('t.status', '=', 'diajukan');
  rows = casePolicy.supervise(actor)
    ? rows.where((eb) => inScope(eb, eb.ref('c.wilayah'), actor))
    : rows.where('t.ke_pendamping', '=', actor.id);
  return (await rows.orderBy('t.diajukan_pada').limit(200).execute()).map(toView);
}
