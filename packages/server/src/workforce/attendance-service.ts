import { actedTime, distanceKm, isEarlyLeave, isLate, type AbsenceStatus, type AttendanceRecord } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { workforcePolicy } from '../authz/policies.js';
import { inScope } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { toAttendanceView, type AttendanceRow } from './attendance-view.js';
import { workerClock } from './worker.js';
import { deploymentOnDay } from '../disasters/deployment-day.js';
import { loadCalendar } from './working-calendar.js';

export interface Position {
  lat: number;
  lng: number;
  accuracy: number;
  /** The device's time of the tap, for work queued without a signal. */
  waktuPerangkat?: string | undefined;
}

/** The moment that counts (the worker's, within limits) and whether it arrived late. */
function whenActed(input: Position, received: Date): { at: Date; tertunda: boolean } {
  const acted = actedTime(input.waktuPerangkat, received);
  if (!acted.ok) throw new AppError('DEVICE_TIME_INVALID', { reason: acted.reason });
  return acted;
}

function attendanceRows(db: Kysely<DB>) {
  return db
    .selectFrom('attendance')
    .innerJoin('users', 'users.id', 'attendance.user_id')
    .leftJoin('disasters', 'disasters.id', 'attendance.disaster_id')
    .selectAll('attendance')
    .select(['users.username', 'users.nama_lengkap', 'disasters.nama as kejadian_nama']);
}

async function byId(db: Kysely<DB>, id: string): Promise<AttendanceRecord> {
  return toAttendanceView((await attendanceRows(db).where('attendance.id', '=', id).executeTakeFirstOrThrow()) as AttendanceRow);
}

function attendee(actor: Actor): string {
  if (!workforcePolicy.attends(actor)) throw new AppError('FORBIDDEN');
  return actor.wilayah!;
}

/** Distance from the duty location in the profile, and whether it is beyond the radius. */
async function distanceFromDuty(db: Kysely<DB>, userId: string, at: Position): Promise<{ jarak: number | null; jauh: boolean }> {
  const profile = await db
    .selectFrom('pendamping_profiles')
    .select(['lokasi_lat', 'lokasi_lng', 'radius_km'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!profile || profile.lokasi_lat === null || profile.lokasi_lng === null) return { jarak: null, jauh: false };
  const jarak = distanceKm({ lat: profile.lokasi_lat, lng: profile.lokasi_lng }, at);
  return { jarak, jauh: jarak > profile.radius_km };
}

/**
 * One check-in a day, in the worker's own time zone, at the time they acted: the server's, or for
 * a check-in queued without a signal the phone's within `ACTED_TIME` limits, flagged when it
 * arrived late. Far from the duty location is flagged, not refused: field work moves.
 * On a day of a disaster deployment the day is dinas luar at that event (issue 18): neither far
 * from the home duty location nor late by the home office's hours.
 */
export async function checkIn(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: Position & { status?: 'hadir' | 'dinas_luar' | undefined; catatan?: string | null | undefined },
  now: Date,
): Promise<AttendanceRecord> {
  const wilayah = attendee(actor);
  const acted = whenActed(input, now);
  const { tanggal, menit } = workerClock(wilayah, acted.at);
  const deployment = await deploymentOnDay(db, actor.id, tanggal);
  const status = deployment ? 'dinas_luar' : (input.status ?? 'hadir');
  const duty = await distanceFromDuty(db, actor.id, input);
  const jarak = duty.jarak;
  const jauh = deployment ? false : duty.jauh;
  const calendar = await loadCalendar(db, tanggal, tanggal);
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('attendance')
      .values({
        user_id: actor.id,
        wilayah,
        tanggal,
        status,
        masuk_at: acted.at,
        masuk_diterima_at: now,
        tertunda: acted.tertunda,
        masuk_lat: input.lat,
        masuk_lng: input.lng,
        masuk_akurasi: input.accuracy,
        masuk_jarak_km: jarak,
        terlambat: status === 'hadir' && isLate(tanggal, menit, calendar),
        jauh,
        catatan: input.catatan ?? null,
        persetujuan: null,
        disaster_id: deployment?.disasterId ?? null,
      })
      .onConflict((oc) => oc.columns(['user_id', 'tanggal']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('attendance')
        .select('status')
        .where('user_id', '=', actor.id)
        .where('tanggal', '=', tanggal)
        .executeTakeFirstOrThrow();
      throw new AppError(existing.status === 'hadir' || existing.status === 'dinas_luar' ? 'ALREADY_CHECKED_IN' : 'ABSENCE_RECORDED');
    }
    await recordAudit(trx, actor, origin, {
      action: 'attendance.check_in',
      entityType: 'attendance',
      entityId: inserted.id,
      wilayah,
      details: { status, jauh, ...(deployment ? { disasterId: deployment.disasterId } : {}) },
    });
    return inserted.id;
  });
  return byId(db, id);
}

/**
 * Closes today's check-in, or one still open from the last 18 hours (a shift past midnight).
 */
export async function checkOut(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: Position,
  received: Date,
): Promise<AttendanceRecord> {
  const wilayah = attendee(actor);
  const acted = whenActed(input, received);
  const now = acted.at;
  const { tanggal, menit } = workerClock(wilayah, now);
  const open = await db
    .selectFrom('attendance')
    .select(['id', 'tanggal', 'pulang_at', 'masuk_at', 'disaster_id'])
    .where('user_id', '=', actor.id)
    .where((eb) =>
      eb.or([
        eb('tanggal', '=', tanggal),
        eb.and([eb('pulang_at', 'is', null), eb('masuk_at', '>', new Date(now.getTime() - 18 * 3600_000))]),
      ]),
    )
    .where('masuk_at', 'is not', null)
    .orderBy('tanggal', 'desc')
    .executeTakeFirst();
  if (!open) throw new AppError('NOT_CHECKED_IN');
  if (open.pulang_at !== null) throw new AppError('ALREADY_CHECKED_OUT');
  const duty = await distanceFromDuty(db, actor.id, input);
  const jarak = duty.jarak;
  // A deployment day is judged at the event, not against the home duty location and hours.
  const deployed = open.disaster_id !== null;
  const jauh = !deployed && duty.jauh;
  const calendar = await loadCalendar(db, tanggal, tanggal);
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('attendance')
      .set({
        pulang_at: now,
        pulang_diterima_at: received,
        tertunda: sql<boolean>`tertunda or ${acted.tertunda}`,
        pulang_lat: input.lat,
        pulang_lng: input.lng,
        pulang_akurasi: input.accuracy,
        pulang_jarak_km: jarak,
        pulang_cepat: !deployed && open.tanggal === tanggal && isEarlyLeave(tanggal, menit, calendar),
        jauh: sql<boolean>`jauh or ${jauh}`,
      })
      .where('id', '=', open.id)
      .where('pulang_at', 'is', null)
      .executeTakeFirst();
    // A double tap from two tabs: the second finds the row already closed.
    if (Number(updated.numUpdatedRows) === 0) throw new AppError('ALREADY_CHECKED_OUT');
    await recordAudit(trx, actor, origin, {
      action: 'attendance.check_out',
      entityType: 'attendance',
      entityId: open.id,
      wilayah,
      details: { jauh },
    });
  });
  return byId(db, open.id);
}

/** Izin, sakit or cuti for a day (ahead of time or up to 30 days back), pending the koordinator. */
export async function requestAbsence(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: { tanggal: string; status: AbsenceStatus; catatan: string },
  now: Date,
): Promise<AttendanceRecord> {
  const wilayah = attendee(actor);
  const today = workerClock(wilayah, now).tanggal;
  const days = (Date.parse(input.tanggal) - Date.parse(today)) / 86_400_000;
  if (days < -30 || days > 90)
    throw new AppError('ATTENDANCE_INVALID', [{ field: 'tanggal', code: days < 0 ? 'terlalu_lama' : 'terlalu_jauh' }]);
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('attendance')
      .values({ user_id: actor.id, wilayah, tanggal: input.tanggal, status: input.status, catatan: input.catatan, persetujuan: 'menunggu' })
      .onConflict((oc) => oc.columns(['user_id', 'tanggal']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('ATTENDANCE_INVALID', [{ field: 'tanggal', code: 'sudah_tercatat' }]);
    await recordAudit(trx, actor, origin, {
      action: 'attendance.absence',
      entityType: 'attendance',
      entityId: inserted.id,
      wilayah,
      details: { status: input.status, tanggal: input.tanggal },
    });
    return inserted.id;
  });
  return byId(db, id);
}

/** The koordinator approves or refuses an absence of someone in their area (never their own). */
export async function reviewAbsence(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  keputusan: 'disetujui' | 'ditolak',
): Promise<AttendanceRecord> {
  const row = await db
    .selectFrom('attendance')
    .select(['user_id', 'wilayah', 'persetujuan'])
    .where('id', '=', id)
    .where((eb) => inScope(eb, eb.ref('attendance.wilayah'), actor))
    .executeTakeFirst();
  if (!row || (row.user_id !== actor.id && !workforcePolicy.readOthers(actor))) throw notFound();
  if (!workforcePolicy.review(actor)) throw new AppError('FORBIDDEN');
  if (row.user_id === actor.id) throw new AppError('OWN_REPORT');
  if (row.persetujuan !== 'menunggu') throw new AppError('CONFLICT');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('attendance')
      .set({ persetujuan: keputusan, ditinjau_oleh: actor.id, ditinjau_pada: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, origin, {
      action: `attendance.absence_${keputusan}`,
      entityType: 'attendance',
      entityId: id,
      wilayah: row.wilayah,
    });
  });
  return byId(db, id);
}

export interface AttendanceQuery {
  userId?: string | undefined;
  wilayah?: string | undefined;
  dari?: string | undefined;
  sampai?: string | undefined;
  persetujuan?: 'menunggu' | 'disetujui' | 'ditolak' | undefined;
  page: number;
  pageSize: number;
}

/** Records in the caller's scope; a pendamping sees only their own. Newest day first. */
export async function listAttendance(
  db: Kysely<DB>,
  actor: Actor,
  q: AttendanceQuery,
): Promise<{ items: AttendanceRecord[]; total: number }> {
  const userId = workforcePolicy.readOthers(actor) ? q.userId : actor.id;
  if (q.userId && userId !== q.userId) throw notFound();
  let rows = db.selectFrom('attendance').where((eb) => inScope(eb, eb.ref('attendance.wilayah'), actor));
  if (userId) rows = rows.where('attendance.user_id', '=', userId);
  if (q.wilayah) rows = rows.where((eb) => inScope(eb, eb.ref('attendance.wilayah'), { wilayah: q.wilayah! }));
  if (q.dari) rows = rows.where('attendance.tanggal', '>=', q.dari);
  if (q.sampai) rows = rows.where('attendance.tanggal', '<=', q.sampai);
  if (q.persetujuan) rows = rows.where('attendance.persetujuan', '=', q.persetujuan);
  const [page, count] = await Promise.all([
    rows
      .innerJoin('users', 'users.id', 'attendance.user_id')
      .leftJoin('disasters', 'disasters.id', 'attendance.disaster_id')
      .selectAll('attendance')
      .select(['users.username', 'users.nama_lengkap', 'disasters.nama as kejadian_nama'])
      .orderBy('attendance.tanggal', 'desc')
      .orderBy('users.username')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    rows.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: page.map((r) => toAttendanceView(r as AttendanceRow)), total: Number(count.n) };
}

/** Today's row of the caller, for the Presensi screen. */
export async function myAttendanceToday(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
): Promise<{ tanggal: string; presensi: AttendanceRecord | null }> {
  const wilayah = attendee(actor);
  const { tanggal } = workerClock(wilayah, now);
  const row = await attendanceRows(db)
    .where('attendance.user_id', '=', actor.id)
    .where('attendance.tanggal', '=', tanggal)
    .executeTakeFirst();
  return { tanggal, presensi: row ? toAttendanceView(row as AttendanceRow) : null };
}
