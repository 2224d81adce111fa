import { nameSearchKey, type AlasanTutupPenelusuran, type TracingRecord } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError, versionConflict } from '../http/app-error.js';
import { eventToday, loadForRecording } from './disaster-service.js';
import { affectedToLink, loadActable, loadTracing, tracingInvalid } from './tracing-service.js';
import { presentTracing } from './tracing-view.js';

export interface ReunificationInput {
  tanggal: string;
  tempat: string;
  diserahkanKepada: string;
  catatan?: string | null | undefined;
}

/**
 * The reunification of a confirmed pair: when, where, to whom the person was handed over. Recorded
 * once for the pair; both records become `dipersatukan` in the same transaction.
 */
export async function recordReunification(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  tracingId: string,
  input: ReunificationInput,
  now: Date,
): Promise<TracingRecord> {
  const event = await loadForRecording(db, actor, disasterId, now);
  const me = await loadTracing(db, actor, disasterId, tracingId);
  if (me.status !== 'cocok' || me.pasangan_id === null) throw new AppError('TRACING_STATUS_INVALID', { status: me.status });
  const [, partner] = await loadActable(db, actor, event, disasterId, [tracingId, me.pasangan_id]);
  if (input.tanggal > eventToday(event, now)) throw tracingInvalid('tanggal', 'masa_depan');
  if (input.tanggal < event.mulai) throw tracingInvalid('tanggal', 'sebelum_kejadian');
  const [dicari, ditemukan] = me.arah === 'dicari' ? [me, partner!] : [partner!, me];
  await db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('disaster_tracing')
      .set({ status: 'dipersatukan', dipersatukan_pada: now, version: sql<number>`version + 1` })
      .where('id', 'in', [dicari.id, ditemukan.id])
      .where('status', '=', 'cocok')
      .returning('id')
      .execute();
    if (moved.length !== 2) throw new AppError('TRACING_STATUS_INVALID');
    await trx
      .insertInto('disaster_reunifications')
      .values({
        disaster_id: disasterId,
        dicari_id: dicari.id,
        ditemukan_id: ditemukan.id,
        tanggal: input.tanggal,
        tempat: input.tempat.trim(),
        diserahkan_kepada: input.diserahkanKepada.trim(),
        catatan: input.catatan?.trim() || null,
        dicatat_oleh: actor.id,
        dicatat_pada: now,
      })
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'disaster.tracing.reunify',
      entityType: 'disaster_tracing',
      entityId: tracingId,
      subjectId: ditemukan.linked_id ?? dicari.linked_id ?? null,
      wilayah: ditemukan.kode_desa ?? dicari.kode_desa ?? event.wilayah[0]!,
      details: { disasterId, dicariId: dicari.id, ditemukanId: ditemukan.id },
    });
  });
  return presentTracing(actor, event, await loadTracing(db, actor, disasterId, tracingId));
}

/** Closes an open record with a reason (`lainnya` needs a note); a confirmed pair is reunited instead. */
export async function closeTracing(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  tracingId: string,
  input: { alasan: AlasanTutupPenelusuran; catatan?: string | null | undefined },
  now: Date,
): Promise<TracingRecord> {
  const event = await loadForRecording(db, actor, disasterId, now);
  await loadActable(db, actor, event, disasterId, [tracingId]);
  const catatan = input.catatan?.trim() || null;
  if (input.alasan === 'lainnya' && catatan === null) throw tracingInvalid('catatan', 'wajib_untuk_lainnya');
  await db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable('disaster_tracing')
      .set({
        status: 'ditutup',
        alasan_tutup: input.alasan,
        catatan_tutup: catatan,
        ditutup_oleh: actor.id,
        ditutup_pada: now,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', tracingId)
      .where('status', '=', 'terbuka')
      .returning(['id', 'kode_desa'])
      .executeTakeFirst();
    if (!closed) throw new AppError('TRACING_STATUS_INVALID');
    await recordAudit(trx, actor, origin, {
      action: 'disaster.tracing.close',
      entityType: 'disaster_tracing',
      entityId: tracingId,
      wilayah: closed.kode_desa ?? event.wilayah[0]!,
      details: { disasterId, alasan: input.alasan },
    });
  });
  return presentTracing(actor, event, await loadTracing(db, actor, disasterId, tracingId));
}

/**
 * A found person recorded before they were registered, later linked to the affected person of
 * the event they are (issue 18): what the record lacks (name, sex, village) is taken from the
 * registration, what it has is kept; the version read guards a concurrent change. Not for a
 * sought record, nor one already linked or closed.
 */
export async function linkTracingToAffected(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  tracingId: string,
  input: { affectedId: string; version: number },
  now: Date,
): Promise<TracingRecord> {
  const event = await loadForRecording(db, actor, disasterId, now);
  const [me] = await loadActable(db, actor, event, disasterId, [tracingId]);
  if (me!.arah !== 'ditemukan') throw tracingInvalid('affectedId', 'hanya_untuk_ditemukan');
  if (me!.affected_id !== null) throw tracingInvalid('affectedId', 'sudah_terhubung');
  if (me!.status === 'ditutup') throw new AppError('TRACING_STATUS_INVALID', { status: me!.status });
  const person = await affectedToLink(db, actor, event, input.affectedId);
  const nama = me!.nama ?? person.nama;
  await db.transaction().execute(async (trx) => {
    const linked = await trx
      .updateTable('disaster_tracing')
      .set({
        affected_id: person.id,
        nama,
        nama_kunci: nameSearchKey(nama),
        kode_desa: me!.kode_desa ?? person.kode_desa,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', tracingId)
      .where('version', '=', input.version)
      .where('affected_id', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!linked) throw versionConflict(presentTracing(actor, event, await loadTracing(trx, actor, disasterId, tracingId)));
    await recordAudit(trx, actor, origin, {
      action: 'disaster.tracing.link',
      entityType: 'disaster_tracing',
      entityId: tracingId,
      subjectId: person.beneficiary_id,
      wilayah: person.kode_desa,
      details: { disasterId, affectedId: person.id },
    });
  });
  return presentTracing(actor, event, await loadTracing(db, actor, disasterId, tracingId));
}
