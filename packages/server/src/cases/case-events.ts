import type { Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { draftActivityFromCaseEvent } from '../workforce/activity-drafts.js';

export type CaseEventKind =
  | 'dibuat'
  | 'tahapan'
  | 'ditutup'
  | 'dibuka_kembali'
  | 'diverifikasi'
  | 'diubah'
  | 'asesmen'
  | 'temu_bahas'
  | 'rencana'
  | 'layanan'
  | 'catatan'
  | 'lampiran'
  | 'rujukan'
  | 'rujukan_status'
  | 'pengalihan'
  | 'hasil'
  | 'bimbingan';

export interface CaseEventInput {
  jenis: CaseEventKind;
  dariTahapan?: string | null;
  keTahapan?: string | null;
  catatan?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Appends to the case's timeline; call inside the transaction that makes the change. Field work
 * also lands in the pendamping's draft daily report.
 */
export async function appendCaseEvent(db: Kysely<DB>, caseId: string, actor: Actor, event: CaseEventInput): Promise<void> {
  await db
    .insertInto('case_events')
    .values({
      case_id: caseId,
      actor_id: actor.id,
      actor_username: actor.username,
      jenis: event.jenis,
      dari_tahapan: event.dariTahapan ?? null,
      ke_tahapan: event.keTahapan ?? null,
      catatan: event.catatan ?? null,
      data: event.data ? JSON.stringify(event.data) : null,
    })
    .execute();
  await draftActivityFromCaseEvent(db, actor, caseId, { jenis: event.jenis, keTahapan: event.keTahapan ?? null, data: event.data ?? null });
}
