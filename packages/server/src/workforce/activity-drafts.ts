import { draftFromCaseEvent, MAX_ACTIVITY_MINUTES } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { workerClock } from './worker.js';

/**
 * Case work becomes the day's report without typing: a visit, an assessment, a service, a
 * conference, a referral or a follow-up adds the case to that day's automatic draft of the matching
 * type (one draft per type and day) with a line saying what was done, and a typical duration the
 * pendamping corrects before submitting. Runs inside the case change's
 * transaction, so a draft exists exactly when the case event does.
 */
export async function draftActivityFromCaseEvent(
  trx: Kysely<DB>,
  actor: Actor,
  caseId: string,
  event: { jenis: string; keTahapan?: string | null; data?: Record<string, unknown> | null },
  now: Date = new Date(),
): Promise<void> {
  if (actor.role !== 'pendamping' || !workforcePolicy.attends(actor)) return;
  const draft = draftFromCaseEvent(event);
  if (!draft) return;
  const { tanggal } = workerClock(actor.wilayah!, now);
  // The line names the case by its number, not the person: the report travels further (koordinator,
  // SKP, exports) than the person's identity may; names are shown at read time, as each viewer may see them.
  const { nomor } = await trx.selectFrom('cases').select('nomor').where('id', '=', caseId).executeTakeFirstOrThrow();
  const line = `${draft.apa}: ${nomor}`;
  await trx
    .insertInto('activities')
    .values({
      user_id: actor.id,
      wilayah: actor.wilayah!,
      tanggal,
      jenis: draft.jenis,
      durasi_menit: draft.durasiMenit,
      case_ids: [caseId],
      uraian: line,
      sumber: 'otomatis',
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'tanggal', 'jenis'])
        .where('sumber', '=', 'otomatis')
        .where('status', '=', 'draf')
        .doUpdateSet({
          case_ids: sql<
            string[]
          >`case when ${caseId}::uuid = any(activities.case_ids) then activities.case_ids else activities.case_ids || ${caseId}::uuid end`,
          durasi_menit: sql<number>`case when ${caseId}::uuid = any(activities.case_ids) then activities.durasi_menit else least(${MAX_ACTIVITY_MINUTES}, activities.durasi_menit + ${draft.durasiMenit}) end`,
          // One line per piece of work; the same work twice (a repeated save) is told once.
          uraian: sql<string>`case when activities.uraian is null or activities.uraian = '' then ${line}::text
            when strpos(activities.uraian, ${line}::text) > 0 then activities.uraian
            else activities.uraian || E'\n' || ${line}::text end`,
          updated_at: now,
          version: sql<number>`activities.version + 1`,
        }),
    )
    .execute();
}
