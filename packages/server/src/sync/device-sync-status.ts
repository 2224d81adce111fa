import type { DeviceSyncReport, TeamSyncStatusRow } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, forbidden } from '../http/app-error.js';

/**
 * What the team's devices still hold (issue 17: "a supervisor sees which of their team have
 * unsent or conflicting work"). Only the phone knows its outbox, so each device reports its
 * counts; the server stamps when a pendamping last pulled `/sync/changes`. A supervisor reads one
 * line per active pendamping in their scope, summed over that pendamping's devices.
 */

/** The bounds of the route's schema and of the table's checks (migration 0026). */
export const MAX_OUTBOX_COUNT = 10_000;
/** A device keeps this many rows per user: a user cannot fill the table by inventing device ids. */
const DEVICES_KEPT = 5;
/** Before this nothing of Tuntas ran: such a time is a broken clock, not a waiting write. */
const EARLIEST = Date.parse('2020-01-01T00:00:00Z');

export interface DeviceSyncInput {
  perangkatId: string;
  menunggu: number;
  konflik: number;
  ditolak: number;
  menungguSejak: string | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The rule the schema cannot say: a waiting time exactly when something waits, and a plausible one. */
function oldestWaiting(input: DeviceSyncInput, now: Date): Date | null {
  if (input.menunggu === 0) {
    if (input.menungguSejak !== null) throw fieldError('SYNC_STATUS_INVALID', 'menungguSejak', 'tanpa_antrean');
    return null;
  }
  if (input.menungguSejak === null) throw fieldError('SYNC_STATUS_INVALID', 'menungguSejak', 'wajib');
  const at = new Date(input.menungguSejak);
  if (Number.isNaN(at.getTime()) || at.getTime() < EARLIEST) throw fieldError('SYNC_STATUS_INVALID', 'menungguSejak', 'tidak_wajar');
  // A phone whose clock runs ahead gets the server's time, as acted-at times do (acted-time.ts).
  return at > now ? now : at;
}

/** The signed-in pendamping's device reports its outbox; audited when what it holds changed. */
export async function reportDeviceSync(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: DeviceSyncInput,
  now: Date = new Date(),
): Promise<DeviceSyncReport> {
  if (actor.role !== 'pendamping') throw forbidden();
  const menungguSejak = oldestWaiting(input, now);
  const values = {
    menunggu: input.menunggu,
    konflik: input.konflik,
    ditolak: input.ditolak,
    menunggu_sejak: menungguSejak,
    dilaporkan_pada: now,
  };
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('device_sync_status')
      .select(['menunggu', 'konflik', 'ditolak'])
      .where('user_id', '=', actor.id)
      .where('device_id', '=', input.perangkatId)
      .forUpdate()
      .executeTakeFirst();
    await trx
      .insertInto('device_sync_status')
      .values({ user_id: actor.id, device_id: input.perangkatId, ...values })
      .onConflict((oc) => oc.columns(['user_id', 'device_id']).doUpdateSet(values))
      .execute();
    await trx
      .deleteFrom('device_sync_status')
      .where('user_id', '=', actor.id)
      .where(
        'device_id',
        'not in',
        trx
          .selectFrom('device_sync_status')
          .select('device_id')
          .where('user_id', '=', actor.id)
          .orderBy('dilaporkan_pada', 'desc')
          .limit(DEVICES_KEPT),
      )
      .execute();
    // The same counts again (every sync round reports) only move the time: not an event.
    const changed = !before || before.menunggu !== input.menunggu || before.konflik !== input.konflik || before.ditolak !== input.ditolak;
    if (changed)
      await recordAudit(trx, actor, origin, {
        action: 'sync.status.report',
        entityType: 'user',
        entityId: actor.id,
        wilayah: actor.wilayah,
        details: { perangkatId: input.perangkatId, menunggu: input.menunggu, konflik: input.konflik, ditolak: input.ditolak },
      });
    return {
      perangkatId: input.perangkatId,
      menunggu: input.menunggu,
      konflik: input.konflik,
      ditolak: input.ditolak,
      menungguSejak: iso(menungguSejak),
      dilaporkanPada: now.toISOString(),
    };
  });
}

/** Stamps a pendamping's pull of `/sync/changes` (the device's last sync, as the server saw it). */
export async function stampPull(db: Kysely<DB>, actor: Actor, now: Date): Promise<void> {
  if (actor.role !== 'pendamping') return;
  await db
    .insertInto('sync_pulls')
    .values({ user_id: actor.id, ditarik_pada: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ditarik_pada: now }))
    .execute();
}

/**
 * One line per active pendamping in the caller's scope: those with anything unsent, in conflict
 * or refused first, then by area and username. Who may read it is who reads other workers'
 * records (workforcePolicy.readOthers); a pendamping may not.
 */
export async function teamSyncStatus(db: Kysely<DB>, actor: Actor): Promise<TeamSyncStatusRow[]> {
  if (!workforcePolicy.readOthers(actor)) throw new AppError('FORBIDDEN');
  const rows = await db
    .selectFrom('users')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('device_sync_status')
          .select([
            'user_id',
            sql<number>`sum(menunggu)::int`.as('menunggu'),
            sql<number>`sum(konflik)::int`.as('konflik'),
            sql<number>`sum(ditolak)::int`.as('ditolak'),
            sql<Date | null>`min(menunggu_sejak)`.as('menunggu_sejak'),
            sql<Date>`max(dilaporkan_pada)`.as('dilaporkan_pada'),
            sql<number>`count(*)::int`.as('perangkat'),
          ])
          .groupBy('user_id')
          .as('d'),
      (join) => join.onRef('d.user_id', '=', 'users.id'),
    )
    .leftJoin('sync_pulls as p', 'p.user_id', 'users.id')
    .select([
      'users.id',
      'users.username',
      'users.nama_lengkap',
      'users.wilayah',
      'd.menunggu',
      'd.konflik',
      'd.ditolak',
      'd.menunggu_sejak',
      'd.dilaporkan_pada',
      'd.perangkat',
      'p.ditarik_pada',
    ])
    .where('users.role', '=', 'pendamping')
    .where('users.disabled_at', 'is', null)
    .where((eb) => inScope(eb, eb.ref('users.wilayah'), actor))
    .orderBy(sql`coalesce(d.menunggu, 0) + coalesce(d.konflik, 0) + coalesce(d.ditolak, 0) > 0`, 'desc')
    .orderBy('users.wilayah')
    .orderBy('users.username')
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    username: r.username,
    nama: r.nama_lengkap,
    wilayah: r.wilayah,
    menunggu: r.menunggu ?? 0,
    konflik: r.konflik ?? 0,
    ditolak: r.ditolak ?? 0,
    menungguSejak: iso(r.menunggu_sejak),
    dilaporkanPada: iso(r.dilaporkan_pada),
    sinkronTerakhir: iso(r.ditarik_pada),
    jumlahPerangkat: r.perangkat ?? 0,
  }));
}
