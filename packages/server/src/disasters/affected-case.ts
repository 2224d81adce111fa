import { deriveStatus, ppksKorbanBencana, type AffectedRecord } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { assertAgeFitsCategory, assertNoOtherOpenCase } from '../cases/case-service.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { getAffected } from './affected-service.js';
import { identityOpen, presentAffected } from './affected-view.js';
import { loadForRecording } from './disaster-service.js';

const MAX_RINGKASAN = 4000;

/** What was recorded of the person in the event, carried into the case so nobody types it twice. */
async function summary(
  db: Kysely<DB>,
  affectedId: string,
  event: { nama: string; jenis: string },
  note: string | null | undefined,
): Promise<string> {
  const a = await db
    .selectFrom('disaster_affected')
    .select(['kondisi', 'kelompok_rentan', 'kebutuhan'])
    .where('id', '=', affectedId)
    .executeTakeFirstOrThrow();
  const sessions = await db
    .selectFrom('disaster_ldp_peserta as p')
    .innerJoin('disaster_ldp_sessions as s', 's.id', 'p.session_id')
    .select(['s.tanggal', 's.jenis', 's.catatan'])
    .where('p.affected_id', '=', affectedId)
    .orderBy('s.tanggal')
    .execute();
  const lines = [
    `Korban ${event.jenis.replaceAll('_', ' ')}: ${event.nama}.`,
    `Kondisi: ${a.kondisi.replaceAll('_', ' ')}.`,
    a.kelompok_rentan.length ? `Kelompok rentan: ${a.kelompok_rentan.map((k) => k.replaceAll('_', ' ')).join(', ')}.` : null,
    a.kebutuhan ? `Kebutuhan: ${a.kebutuhan}` : null,
    ...sessions.map((s) => `LDP ${s.tanggal} (${s.jenis.replaceAll('_', ' ')})${s.catatan ? `: ${s.catatan}` : ''}`),
    note?.trim() ? `Catatan rujukan: ${note.trim()}` : null,
  ];
  const text = lines.filter(Boolean).join('\n');
  return text.length > MAX_RINGKASAN ? `${text.slice(0, MAX_RINGKASAN - 1)}…` : text;
}

/**
 * Opens a rehabilitation case (21 Korban Bencana Alam / 22 Korban Bencana Sosial) for a person
 * who needs more than the shelter gives, carrying what the event recorded into its summary.
 *
 * The case is opened in the person's own (host) area and left UNASSIGNED, whoever opens it. A
 * deployed pendamping comes from another province: owning a host case would give them that
 * province's case records (the case, its person, its work) through the ordinary case routes,
 * beyond the event and after the deployment ends — the one thing the deployment must not do. So
 * the host koordinator assigns it to one of their own pendamping (it appears among their
 * unassigned cases); the event keeps the link (`caseId`) and the audit trail who opened it. The
 * case event is written directly, not through `appendCaseEvent`, so no draft activity of the
 * opener carries the host case either.
 */
export async function openCaseFromEvent(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  affectedId: string,
  input: { ppks?: '21' | '22' | undefined; catatan?: string | null | undefined },
  now: Date,
): Promise<AffectedRecord> {
  const event = await loadForRecording(db, actor, disasterId, now);
  const current = await getAffected(db, actor, disasterId, affectedId);
  if (current.case_id) throw new AppError('AFFECTED_CASE_EXISTS', { caseId: current.case_id });
  if (!identityOpen(actor, current)) throw new AppError('IDENTITY_PROTECTED');
  if (current.kondisi === 'meninggal') throw new AppError('AFFECTED_INVALID', [{ field: 'kondisi', code: 'meninggal' }]);
  const ppks = input.ppks ?? ppksKorbanBencana(event.jenis);
  const wilayah = current.kode_desa;
  assertAgeFitsCategory(ppks, current.tanggal_lahir, wilayah, now);
  const ringkasan = await summary(db, affectedId, event, input.catatan);
  await db.transaction().execute(async (trx) => {
    // Taken in turn per record, so a repeated tap opens one case.
    const locked = await trx
      .selectFrom('disaster_affected')
      .select('case_id')
      .where('id', '=', affectedId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (locked.case_id) throw new AppError('AFFECTED_CASE_EXISTS', { caseId: locked.case_id });
    await assertNoOtherOpenCase(trx, current.beneficiary_id, ppks, null);
    const kase = await trx
      .insertInto('cases')
      .values({
        beneficiary_id: current.beneficiary_id,
        ppks,
        wilayah,
        provinsi: wilayah.slice(0, 2),
        pendamping_id: null,
        tahapan: 'pendekatan_awal',
        status: deriveStatus({ tahapan: 'pendekatan_awal', closed: false, verified: false }),
        ringkasan,
        created_by: actor.id,
        updated_by: actor.id,
      })
      .returning(['id', 'nomor'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('case_events')
      .values({
        case_id: kase.id,
        actor_id: actor.id,
        actor_username: actor.username,
        jenis: 'dibuat',
        dari_tahapan: null,
        ke_tahapan: 'pendekatan_awal',
        catatan: null,
        data: JSON.stringify({ ppks, pendampingId: null, disasterId, affectedId }),
      })
      .execute();
    await trx.updateTable('disaster_affected').set({ case_id: kase.id }).where('id', '=', affectedId).execute();
    await recordAudit(trx, actor, origin, {
      action: 'case.create',
      entityType: 'case',
      entityId: kase.id,
      wilayah,
      subjectId: current.beneficiary_id,
      details: { nomor: kase.nomor, disasterId, affectedId },
    });
    await recordAudit(trx, actor, origin, {
      action: 'disaster.affected.case',
      entityType: 'disaster_affected',
      entityId: affectedId,
      subjectId: current.beneficiary_id,
      wilayah,
      details: { disasterId, caseId: kase.id, ppks },
    });
  });
  return presentAffected(actor, await getAffected(db, actor, disasterId, affectedId));
}
