import { createHash } from 'node:crypto';
import { ASSESSMENT_FORM_VERSION, type SyncChanges, type SyncWorkingFile } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { hidesIdentity } from '../authz/identity-protection.js';
import { workforcePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import { auditPeopleRead, peopleInScope } from '../beneficiaries/beneficiary-service.js';
import { toBeneficiaryView, type BeneficiaryRow } from '../beneficiaries/beneficiary-view.js';
import { auditCaseReads } from '../cases/case-service.js';
import { casesWithNames, toCaseView, type CaseRow } from '../cases/case-view.js';
import { listAssessments } from '../casework/assessments.js';
import { caseTasks } from '../casework/case-tasks.js';
import { listFollowUps } from '../casework/followups.js';
import { getPlan } from '../casework/intervention-plans.js';
import { listLembaga } from '../casework/lembaga-directory.js';
import { listOutcomes } from '../casework/outcomes.js';
import { listReferrals } from '../casework/referrals.js';
import { listServices } from '../casework/services-notes.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { stampPull } from './device-sync-status.js';
import { listActivities } from '../workforce/activity-service.js';
import { myAttendanceToday } from '../workforce/attendance-service.js';
import { workerClock } from '../workforce/worker.js';

/**
 * The delta pull of an offline device (issue 17): every record of the caller's working set that
 * changed since the cursor (none: the whole set), never anything outside their scope, people
 * through the one identity rule (`toBeneficiaryView` masks whom the caller may not identify).
 *
 * - pendamping: their open cases, those cases' people and working files (assessments, plan,
 *   services and notes, referrals, outcomes, follow-ups), their tasks, today's presensi and
 *   activities, and the versions of the reference data;
 * - koordinator: the open cases of their area and those cases' people;
 * - everyone else: only the reference versions (they keep no caseload).
 *
 * A case counts as changed when the case, its person or anything on its timeline changed (every
 * change inside a case appends a `case_events` row in the same transaction); a changed case comes
 * with its whole working file. Cases are paged (`more`), ordered by (updated_at, id).
 *
 * The cursor is opaque (base64url JSON): the watermark `since` of this round, its end `until`
 * and, while paging, the last case given. `until` is the database's clock, moved back to the start
 * of the oldest write transaction still running, so a write that commits after this read but was
 * stamped before it is not skipped by the next round (a record may come twice, never never).
 */

const PAGE_SIZE: Record<'pendamping' | 'koordinator', number> = { pendamping: 100, koordinator: 200 };
/** Cases with a change since the watermark but no longer in the working set, as ids only (the device drops them). */
const REMOVED_LIMIT = 500;

interface Cursor {
  v: 1;
  since: string | null;
  until: string;
  after?: { u: string; i: string };
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(text: string): Cursor {
  const invalid = () => new AppError('VALIDATION_FAILED', [{ path: 'querystring/since', message: 'not a cursor of this server' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const c = parsed as Partial<Cursor> | null;
  if (!c || c.v !== 1 || typeof c.until !== 'string' || !TIMESTAMP.test(c.until)) throw invalid();
  if (c.since !== null && (typeof c.since !== 'string' || !TIMESTAMP.test(c.since))) throw invalid();
  if (
    c.after !== undefined &&
    (typeof c.after?.u !== 'string' || !TIMESTAMP.test(c.after.u) || typeof c.after.i !== 'string' || !UUID.test(c.after.i))
  )
    throw invalid();
  return { v: 1, since: c.since, until: c.until, ...(c.after ? { after: { u: c.after.u, i: c.after.i } } : {}) };
}

/** Now by the database, moved back to the start of the oldest other transaction that has written. */
async function watermark(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ t: string }>`
    select least(now(), coalesce((select min(xact_start) from pg_stat_activity
      where backend_xid is not null and pid <> pg_backend_pid()), now()))::text as t`.execute(db);
  return rows[0]!.t;
}

const ts = (text: string) => sql<Date>`${text}::timestamptz`;

/** The case, its person or its timeline changed at or after `since`. */
function changedSince(since: string) {
  return sql<boolean>`(cases.updated_at >= ${ts(since)} or b.updated_at >= ${ts(since)}
    or exists (select 1 from case_events ce where ce.case_id = cases.id and ce.at >= ${ts(since)}))`;
}

function workingSetCases(db: Kysely<DB>, actor: Actor) {
  let q = casesWithNames(db, actor)
    .where((eb) => inScope(eb, eb.ref('cases.wilayah'), actor))
    .where('cases.status', 'in', ['terdata', 'tertangani']);
  if (actor.role === 'pendamping') q = q.where('cases.pendamping_id', '=', actor.id);
  return q;
}

/** Versions of what the screens need besides the caseload: a change of any answers a new version. */
async function referenceVersions(db: Kysely<DB>, actor: Actor): Promise<Record<string, string>> {
  const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
  const table = async (name: 'ppks' | 'tahapan' | 'atensi_layanan' | 'tahapan_target') => {
    const { rows } = await sql<{
      h: string | null;
    }>`select md5(string_agg(t::text, '|' order by t::text)) as h from ${sql.table(name)} t`.execute(db);
    return rows[0]?.h?.slice(0, 16) ?? '';
  };
  const [ppks, tahapan, atensi, target, lembaga] = await Promise.all([
    table('ppks'),
    table('tahapan'),
    table('atensi_layanan'),
    table('tahapan_target'),
    listLembaga(db, actor, {}),
  ]);
  return { ppks, tahapan, atensi, tahapanTarget: target, formulir: String(ASSESSMENT_FORM_VERSION), lembaga: digest(lembaga) };
}

async function workingFile(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, kase: CaseRow): Promise<SyncWorkingFile> {
  const id = kase.id;
  // Sequential: a PGlite connection serves one query at a time anyway, and a PostgreSQL pool is shared.
  const assessments = await listAssessments(db, actor, origin, id);
  const plan = await getPlan(db, actor, origin, id);
  const services = await listServices(db, actor, origin, id);
  const referrals = await listReferrals(db, actor, origin, id);
  const outcomes = await listOutcomes(db, actor, origin, id);
  const followUps = await listFollowUps(db, actor, origin, id);
  return { caseId: id, assessments, plan, services, referrals, outcomes, followUps };
}

export interface SyncOptions {
  now?: Date;
  /** Cases per answer (tests); the role's default otherwise. */
  pageSize?: number;
}

export async function syncChanges(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  sinceCursor: string | undefined,
  options: SyncOptions = {},
): Promise<SyncChanges> {
  const now = options.now ?? new Date();
  const previous = sinceCursor ? decodeCursor(sinceCursor) : null;
  // Paging inside a round keeps its watermark; a new round starts where the last one ended.
  const paging = previous?.after !== undefined;
  const since = previous ? (paging ? previous.since : previous.until) : null;
  const until = paging ? previous!.until : await watermark(db);
  const role = actor.role === 'pendamping' || actor.role === 'koordinator' ? actor.role : null;

  const result: SyncChanges = {
    cursor: '',
    more: false,
    full: since === null,
    cases: [],
    beneficiaries: [],
    workingFiles: [],
    removed: { cases: [] },
    tasks: null,
    attendance: null,
    activities: null,
    reference: null,
  };
  let after: Cursor['after'];

  if (role) {
    let q = workingSetCases(db, actor);
    if (since !== null) q = q.where(changedSince(since));
    if (previous?.after) {
      const a = previous.after;
      q = q.where(sql<boolean>`(cases.updated_at, cases.id) > (${ts(a.u)}, ${a.i}::uuid)`);
    }
    const limit = options.pageSize ?? PAGE_SIZE[role];
    const rows = (await q
      .select(sql<string>`cases.updated_at::text`.as('updated_at_text'))
      .orderBy('cases.updated_at')
      .orderBy('cases.id')
      .limit(limit + 1)
      .execute()) as Array<CaseRow & { updated_at_text: string }>;
    result.more = rows.length > limit;
    const page = rows.slice(0, limit);
    if (result.more) after = { u: page[page.length - 1]!.updated_at_text, i: page[page.length - 1]!.id };
    await auditCaseReads(db, actor, origin, 'sync.case.read', page);
    result.cases = page.map((r) => toCaseView(r, actor));

    const personIds = [...new Set(page.map((r) => r.beneficiary_id))];
    let people = peopleInScope(db, actor);
    if (role === 'pendamping' && !paging) {
      // People they registered who have no case yet (registered offline, the case still queued).
      const own = peopleInScope(db, actor)
        .where('beneficiaries.created_by', '=', actor.id)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('cases as oc').select('oc.id').whereRef('oc.beneficiary_id', '=', 'beneficiaries.id'))),
        );
      const fresh = (await (since === null ? own : own.where('beneficiaries.updated_at', '>=', ts(since)))
        .select('beneficiaries.id as pid')
        .execute()) as Array<{ pid: string }>;
      personIds.push(...fresh.map((r) => r.pid).filter((id) => !personIds.includes(id)));
    }
    if (personIds.length > 0) {
      people = people.where('beneficiaries.id', 'in', personIds);
      const rowsOfPeople = (await people.orderBy('beneficiaries.id').execute()) as BeneficiaryRow[];
      await auditPeopleRead(db, actor, origin, 'sync.beneficiary.read', rowsOfPeople);
      result.beneficiaries = rowsOfPeople.map(toBeneficiaryView);
    }

    if (role === 'pendamping') {
      for (const kase of page) if (!hidesIdentity(kase)) result.workingFiles.push(await workingFile(db, actor, origin, kase));
    }

    if (since !== null && !paging) {
      // Cases touched since the watermark that left the working set (closed, reassigned): ids only, in scope.
      let gone = db
        .selectFrom('cases')
        .select('cases.id')
        .where((eb) => inScope(eb, eb.ref('cases.wilayah'), actor))
        .where('cases.updated_at', '>=', ts(since))
        .where((eb) =>
          eb.or([
            eb('cases.status', '=', 'ditutup'),
            ...(role === 'pendamping' ? [eb('cases.pendamping_id', 'is', null), eb('cases.pendamping_id', '!=', actor.id)] : []),
          ]),
        );
      if (role === 'pendamping') {
        // Only those that were theirs: they worked on it, it was reassigned or transferred off them.
        gone = gone.where(sql<boolean>`(cases.pendamping_id = ${actor.id}
          or exists (select 1 from case_events ge where ge.case_id = cases.id and ge.actor_id = ${actor.id})
          or exists (select 1 from case_events ge where ge.case_id = cases.id and ge.jenis = 'diubah' and ge.data -> 'perubahan' -> 'pendamping_id' ->> 'dari' = ${actor.id}::text)
          or exists (select 1 from case_transfers gt where gt.case_id = cases.id and gt.dari_pendamping = ${actor.id}))`);
      }
      result.removed.cases = (await gone.orderBy('cases.id').limit(REMOVED_LIMIT).execute()).map((r) => r.id);
    }
  }

  if (!paging) {
    if (actor.role === 'pendamping') {
      const today = workerClock(actor.wilayah ?? '31', now).tanggal;
      result.tasks = await caseTasks(db, actor, today);
    }
    if (workforcePolicy.attends(actor)) {
      const presensi = await myAttendanceToday(db, actor, now);
      result.attendance = presensi;
      result.activities = (await listActivities(db, actor, { userId: actor.id, tanggal: presensi.tanggal, page: 1, pageSize: 200 })).items;
    }
    result.reference = await referenceVersions(db, actor);
  }

  result.cursor = encodeCursor(after ? { v: 1, since, until, after } : { v: 1, since: until, until });
  // The supervisor's "last sync" of this pendamping (team-status): stamped once the answer is ready.
  await stampPull(db, actor, now);
  return result;
}
