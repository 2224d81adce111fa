import { SKOR_MINIMUM_KECOCOKAN, skorKecocokan, umurPada, type TracingCandidate, type TracingRecord } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { loadDisaster, loadForRecording } from './disaster-service.js';
import { loadActable, loadTracing } from './tracing-service.js';
import { auditTracingReads, presentTracing, selectTracing, type TracingRow } from './tracing-view.js';

/** Candidates looked at per record (by name similarity first), and offered. */
const LOOKED_AT = 200;
const OFFERED = 10;

const features = (r: TracingRow) => ({
  jenisKelamin: r.jenis_kelamin,
  umur: r.tanggal_lahir ? umurPada(r.tanggal_lahir) : r.perkiraan_umur,
  kodeDesa: r.kode_desa ?? r.linked_kode_desa,
});

/**
 * Open records of the other direction in the same event, of the same sex, scored by the domain's
 * `skorKecocokan`: name similarity (pg_trgm on the registry's name search keys, on both engines),
 * age within a band, same or nearby area. Masked candidates keep their score and reasons only.
 */
export async function tracingCandidates(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  tracingId: string,
  now: Date,
): Promise<TracingCandidate[]> {
  const event = await loadDisaster(db, actor, disasterId, now);
  const me = await loadTracing(db, actor, disasterId, tracingId);
  if (me.status !== 'terbuka') return [];
  const pool = await db
    .selectFrom('disaster_tracing as c')
    .select('c.id')
    .select(sql<number | null>`similarity(c.nama_kunci, ${me.nama_kunci})`.as('mirip'))
    .where('c.disaster_id', '=', disasterId)
    .where('c.arah', '!=', me.arah)
    .where('c.status', '=', 'terbuka')
    .where('c.jenis_kelamin', '=', me.jenis_kelamin)
    .orderBy(sql`similarity(c.nama_kunci, ${me.nama_kunci}) desc nulls last`)
    .orderBy('c.id')
    .limit(LOOKED_AT)
    .execute();
  if (pool.length === 0) return [];
  const mirip = new Map(pool.map((p) => [p.id, p.mirip === null ? null : Number(p.mirip)]));
  const rows = await selectTracing(db, actor)
    .where(
      't.id',
      'in',
      pool.map((p) => p.id),
    )
    .execute();
  const scored = rows
    .map((row) => ({ row, fit: skorKecocokan(features(me), features(row), mirip.get(row.id) ?? null) }))
    .filter((c): c is { row: TracingRow; fit: NonNullable<typeof c.fit> } => c.fit !== null && c.fit.skor >= SKOR_MINIMUM_KECOCOKAN)
    .sort((a, b) => b.fit.skor - a.fit.skor || a.row.id.localeCompare(b.row.id))
    .slice(0, OFFERED);
  await auditTracingReads(
    db,
    actor,
    origin,
    event,
    scored.map((c) => c.row),
  );
  return scored.map((c) => ({ skor: c.fit.skor, alasan: c.fit.alasan, record: presentTracing(actor, event, c.row) }));
}

/**
 * A person confirms that a sought and a found record are one person: both become `cocok`, each
 * naming the other. Both must be open, of this event and of opposite directions; of two people
 * confirming at once one wins (the update is conditional on `terbuka`), the other gets 409.
 */
export async function confirmMatch(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  tracingId: string,
  pasanganId: string,
  now: Date,
): Promise<TracingRecord> {
  const event = await loadForRecording(db, actor, disasterId, now);
  if (pasanganId === tracingId) throw new AppError('TRACING_MATCH_INVALID', [{ field: 'pasanganId', code: 'diri_sendiri' }]);
  const me = await loadTracing(db, actor, disasterId, tracingId);
  const other = await loadTracing(db, actor, disasterId, pasanganId).catch(() => {
    throw new AppError('TRACING_MATCH_INVALID', [{ field: 'pasanganId', code: 'tidak_dikenal' }]);
  });
  await loadActable(db, actor, event, disasterId, [tracingId, pasanganId]);
  if (me.arah === other.arah) throw new AppError('TRACING_MATCH_INVALID', [{ field: 'pasanganId', code: 'arah_sama' }]);
  if (me.status !== 'terbuka' || other.status !== 'terbuka')
    throw new AppError('TRACING_STATUS_INVALID', { status: me.status, statusPasangan: other.status });
  await db.transaction().execute(async (trx) => {
    const pairs = [
      [tracingId, pasanganId],
      [pasanganId, tracingId],
    ] as const;
    for (const [id, partner] of pairs) {
      const updated = await trx
        .updateTable('disaster_tracing')
        .set({ status: 'cocok', pasangan_id: partner, cocok_oleh: actor.id, cocok_pada: now, version: sql<number>`version + 1` })
        .where('id', '=', id)
        .where('status', '=', 'terbuka')
        .returning('id')
        .executeTakeFirst();
      if (!updated) throw new AppError('TRACING_STATUS_INVALID');
    }
    await recordAudit(trx, actor, origin, {
      action: 'disaster.tracing.match',
      entityType: 'disaster_tracing',
      entityId: tracingId,
      subjectId: me.linked_id ?? other.linked_id ?? null,
      wilayah: me.kode_desa ?? other.kode_desa ?? event.wilayah[0]!,
      details: { disasterId, pasanganId },
    });
  });
  return presentTracing(actor, event, await loadTracing(db, actor, disasterId, tracingId));
}
