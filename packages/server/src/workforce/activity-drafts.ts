import { activityTooOld, draftFromCaseEvent, draftFromLdpSession, MAX_ACTIVITY_MINUTES, type DraftFromCaseEvent } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { deploymentOnDay } from '../disasters/deployment-day.js';
import { workerClock } from './worker.js';

/**
 * Case work becomes the day's report without typing: a visit, an assessment, a service, a
 * conference, a referral or a follow-up adds the case to that day's automatic draft of the
 * matching type (one draft per type and day) with a line saying what was done, and a typical
 * duration the pendamping corrects before submitting. Runs inside the case change's transaction,
 * so a draft exists exactly when the case event does.
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
  // The line names the case by its number, not the person: the report travels further (koordinator,
  // SKP, exports) than the person's identity may; names are shown at read time, as each viewer may see them.
  const { nomor } = await trx.selectFrom('cases').select('nomor').where('id', '=', caseId).executeTakeFirstOrThrow();
  await addToDraft(
    trx,
    actor,
    { ...draft, line: `${draft.apa}: ${nomor}`, tanggal: workerClock(actor.wilayah!, now).tanggal, caseId },
    now,
  );
}

/**
 * An LDP group session the pendamping recorded at a disaster: on the draft of the session's day,
 * linked to the event when they were deployed to it that day. Each session is its own work (a
 * retried request makes no second session: the route is idempotent). Older than an entry may be
 * dated, or not a pendamping's: no draft.
 */
export async function draftActivityFromLdpSession(
  trx: Kysely<DB>,
  actor: Actor,
  session: { disasterId: string; disasterNama: string; tanggal: string; jenis: string; tempat: string | null; jumlahPeserta: number },
  now: Date = new Date(),
): Promise<void> {
  if (actor.role !== 'pendamping' || !workforcePolicy.attends(actor)) return;
  if (activityTooOld(session.tanggal, workerClock(actor.wilayah!, now).tanggal)) return;
  const draft = draftFromLdpSession(session);
  const deployed = await deploymentOnDay(trx, actor.id, session.tanggal, session.disasterId);
  await addToDraft(
    trx,
    actor,
    {
      ...draft,
      line: `${draft.apa} (${session.disasterNama})`,
      tanggal: session.tanggal,
      disasterId: deployed ? session.disasterId : null,
    },
    now,
  );
}

interface DraftLine extends DraftFromCaseEvent {
  line: string;
  tanggal: string;
  /** The case the work was for: its duration and line count once per case and draft. Without a
   * case (an LDP session) each piece of work adds both. */
  caseId?: string;
  disasterId?: string | null;
}

/**
 * Adds a piece of work to the day's automatic draft of its type (one per type and day, made when
 * missing). A case's work told already (a repeated save) adds no minutes.
 */
async function addToDraft(trx: Kysely<DB>, actor: Actor, work: DraftLine, now: Date): Promise<void> {
  const told = work.caseId ? sql<boolean>`${work.caseId}::uuid = any(activities.case_ids)` : sql<boolean>`false`;
  // A case's line is told once; a session's each time (two alike sessions are two lines).
  const lineTold = work.caseId ? sql<boolean>`strpos(activities.uraian, ${work.line}::text) > 0` : sql<boolean>`false`;
  await trx
    .insertInto('activities')
    .values({
      user_id: actor.id,
      wilayah: actor.wilayah!,
      tanggal: work.tanggal,
      jenis: work.jenis,
      durasi_menit: work.durasiMenit,
      case_ids: work.caseId ? [work.caseId] : [],
      uraian: work.line,
      sumber: 'otomatis',
      disaster_id: work.disasterId ?? null,
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'tanggal', 'jenis'])
        .where('sumber', '=', 'otomatis')
        .where('status', '=', 'draf')
        .doUpdateSet({
          case_ids: work.caseId
            ? sql<string[]>`case when ${told} then activities.case_ids else activities.case_ids || ${work.caseId}::uuid end`
            : sql<string[]>`activities.case_ids`,
          durasi_menit: sql<number>`case when ${told} then activities.durasi_menit else least(${MAX_ACTIVITY_MINUTES}, activities.durasi_menit + ${work.durasiMenit}) end`,
          // One line per piece of work; the same case's work twice (a repeated save) is told once.
          uraian: sql<string>`case when activities.uraian is null or activities.uraian = '' then ${work.line}::text
            when ${lineTold} then activities.uraian
            else activities.uraian || E'\n' || ${work.line}::text end`,
          disaster_id: sql<string | null>`coalesce(activities.disaster_id, excluded.disaster_id)`,
          updated_at: now,
          version: sql<number>`activities.version + 1`,
        }),
    )
    .execute();
}
