import { wilayahClock } from '@tuntas/domain';
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from './actor.js';

/**
 * The one rule of who reads and who records for a disaster event (issue 18). Every disaster route
 * and service asks it — as SQL, so a list is filtered by it and an event outside it is simply
 * not found (404), as everywhere else.
 *
 * - National users read every event; the direktorat and a national admin manage them (status,
 *   deployments). They do not record affected people: that is field work.
 * - A koordinator, auditor (or direktorat/admin) with an area reads the events touching it (an
 *   event area inside theirs, or theirs inside an event area). A koordinator also records for
 *   them, and manages those lying wholly inside their area (the ones they could have declared).
 * - A pendamping reads and records for an event touching their own area, or one they are
 *   deployed to on their own today (the worker's clock): the deployment opens the event and
 *   nothing else — every other route keeps the pendamping's home scope — and it closes again the
 *   day after the deployment ends.
 */

export interface DisasterRights {
  /** Moves the status and deploys pendamping. */
  kelola: boolean;
  /** Records shelters, affected people, LDP sessions; opens cases from the event. */
  catat: boolean;
}

const ref = (alias: string) => sql.ref(`${alias}.id`);

/** Some area of the event and the actor's area overlap (either inside the other). */
function touchesSql(actor: Actor, alias: string): RawBuilder<boolean> {
  const scope = actor.wilayah;
  if (scope === null) return sql<boolean>`true`;
  return sql<boolean>`exists (select 1 from disaster_wilayah dw where dw.disaster_id = ${ref(alias)}
    and (dw.kode = ${scope} or dw.kode like ${`${scope}.%`} or ${scope}::text like dw.kode || '.%'))`;
}

/** Every area of the event lies inside the actor's area. */
function insideSql(actor: Actor, alias: string): RawBuilder<boolean> {
  const scope = actor.wilayah;
  if (scope === null) return sql<boolean>`true`;
  return sql<boolean>`not exists (select 1 from disaster_wilayah dw where dw.disaster_id = ${ref(alias)}
    and not (dw.kode = ${scope} or dw.kode like ${`${scope}.%`}))`;
}

/** The pendamping's own calendar day: a deployment counts from its first to its last day there. */
export function deploymentDay(actor: Actor, now: Date): string {
  return wilayahClock(actor.wilayah, now).tanggal;
}

function deployedSql(actor: Actor, alias: string, now: Date): RawBuilder<boolean> {
  const today = deploymentDay(actor, now);
  return sql<boolean>`exists (select 1 from disaster_deployments dd where dd.disaster_id = ${ref(alias)}
    and dd.user_id = ${actor.id} and dd.mulai <= ${today}::date and dd.selesai >= ${today}::date)`;
}

/** The actor reads the event in table alias `alias`. */
export function readsDisasterSql(actor: Actor, now: Date, alias = 'disasters'): RawBuilder<boolean> {
  if (actor.role === 'pendamping') return sql<boolean>`(${touchesSql(actor, alias)} or ${deployedSql(actor, alias, now)})`;
  return touchesSql(actor, alias);
}

/** The actor records for the event (only asked of events they read). */
export function recordsDisasterSql(actor: Actor, now: Date, alias = 'disasters'): RawBuilder<boolean> {
  if (actor.role === 'pendamping') return readsDisasterSql(actor, now, alias);
  if (actor.role === 'koordinator') return touchesSql(actor, alias);
  return sql<boolean>`false`;
}

/** The actor manages the event (only asked of events they read). */
export function managesDisasterSql(actor: Actor, alias = 'disasters'): RawBuilder<boolean> {
  if ((actor.role === 'direktorat' || actor.role === 'admin') && actor.wilayah === null) return sql<boolean>`true`;
  if (actor.role === 'koordinator') return insideSql(actor, alias);
  return sql<boolean>`false`;
}

/** Declaring an event: the direktorat or a national admin anywhere, a koordinator inside their own area. */
export function mayDeclare(actor: Actor): boolean {
  return (
    ((actor.role === 'direktorat' || actor.role === 'admin') && actor.wilayah === null) ||
    (actor.role === 'koordinator' && actor.wilayah !== null)
  );
}
