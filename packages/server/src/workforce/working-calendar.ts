import { isEarlyLeave, isLate, type HariLibur, type JamKerjaKhusus, type KalenderKerja } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { calendarPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';
import { workerClock } from './worker.js';

type Libur = HariLibur & { sumber: string | null };
type JamKhusus = JamKerjaKhusus & { id: string; sumber: string | null };

/**
 * The working calendar between two days (inclusive), from the admin's tables: every rule that
 * needs working days or hours (presensi, recap, SKP, dashboard) reads it here and passes it to
 * the domain's `isWorkingDay` / `workingHoursOn`. SQL that counts working days uses the same
 * table through `tuntas_hari_kerja(date)`.
 */
export async function loadCalendar(
  db: Kysely<DB>,
  from: string,
  to: string,
): Promise<KalenderKerja & { libur: Libur[]; jamKhusus: JamKhusus[] }> {
  const [libur, jamKhusus] = await Promise.all([
    db
      .selectFrom('hari_libur')
      .select(['tanggal', 'jenis', 'nama', 'sumber'])
      .where('tanggal', '>=', from)
      .where('tanggal', '<=', to)
      .orderBy('tanggal')
      .execute(),
    db
      .selectFrom('jam_kerja_khusus')
      .select(['id', 'nama', 'mulai', 'selesai', 'masuk_menit', 'pulang_menit', 'pulang_jumat_menit', 'sumber'])
      .where('mulai', '<=', to)
      .where('selesai', '>=', from)
      .orderBy('mulai')
      .execute(),
  ]);
  return {
    libur,
    jamKhusus: jamKhusus.map((k) => ({
      id: k.id,
      nama: k.nama,
      mulai: k.mulai,
      selesai: k.selesai,
      masuk: k.masuk_menit,
      pulang: k.pulang_menit,
      pulangJumat: k.pulang_jumat_menit,
      sumber: k.sumber,
    })),
  };
}

export interface HariLiburInput {
  jenis: HariLibur['jenis'];
  nama: string;
  sumber?: string | null | undefined;
}

export interface JamKerjaKhususInput extends JamKerjaKhusus {
  sumber?: string | null | undefined;
}

export interface KalenderTahun {
  tahun: number;
  libur: Libur[];
  jamKhusus: JamKhusus[];
}

/** The year as the admin's screen and the worker's screens show it. */
export async function calendarYear(db: Kysely<DB>, tahun: number): Promise<KalenderTahun> {
  return { tahun, ...(await loadCalendar(db, `${tahun}-01-01`, `${tahun}-12-31`)) };
}

/**
 * A calendar change after the fact: TL and PSW stored at check-in/out are judged again by the
 * same domain rule for the days it touches, and each month's attendance counters are recounted.
 */
async function recount(trx: Kysely<DB>, from: string, to: string): Promise<void> {
  const calendar = await loadCalendar(trx, from, to);
  const rows = await trx
    .selectFrom('attendance')
    .select(['id', 'tanggal', 'status', 'wilayah', 'masuk_at', 'pulang_at', 'terlambat', 'pulang_cepat'])
    .where('tanggal', '>=', from)
    .where('tanggal', '<=', to)
    .where('masuk_at', 'is not', null)
    .execute();
  for (const r of rows) {
    const masuk = workerClock(r.wilayah, r.masuk_at!);
    const pulang = r.pulang_at && workerClock(r.wilayah, r.pulang_at);
    const terlambat = r.status === 'hadir' && isLate(r.tanggal, masuk.menit, calendar);
    const pulangCepat = !!pulang && pulang.tanggal === r.tanggal && isEarlyLeave(r.tanggal, pulang.menit, calendar);
    if (terlambat !== r.terlambat || pulangCepat !== r.pulang_cepat)
      await trx.updateTable('attendance').set({ terlambat, pulang_cepat: pulangCepat }).where('id', '=', r.id).execute();
  }
  for (let m = `${from.slice(0, 7)}-01`; m <= to; m = nextMonth(m))
    await sql`select worker_monthly_recount_attendance(${m}::date)`.execute(trx);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function manager(actor: Actor): void {
  if (!calendarPolicy.manage(actor)) throw new AppError('FORBIDDEN');
}

/** Sets (or replaces) the holiday of one day; audited, the month recounted in the same transaction. */
export async function setHoliday(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  tanggal: string,
  input: HariLiburInput,
): Promise<HariLibur & { sumber: string | null }> {
  manager(actor);
  return db.transaction().execute(async (trx) => {
    const row = { tanggal, jenis: input.jenis, nama: input.nama.trim(), sumber: input.sumber?.trim() || null };
    const previous = await trx.selectFrom('hari_libur').select(['jenis', 'nama']).where('tanggal', '=', tanggal).executeTakeFirst();
    await trx
      .insertInto('hari_libur')
      .values({ ...row, diubah_oleh: actor.id })
      .onConflict((oc) => oc.column('tanggal').doUpdateSet({ ...row, diubah_oleh: actor.id, diubah_pada: new Date() }))
      .execute();
    await recount(trx, tanggal, tanggal);
    await recordAudit(trx, actor, origin, {
      action: 'calendar.holiday_set',
      entityType: 'hari_libur',
      entityId: tanggal,
      details: { jenis: row.jenis, nama: row.nama, sebelumnya: previous ?? null },
    });
    return row;
  });
}

export async function removeHoliday(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, tanggal: string): Promise<void> {
  manager(actor);
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('hari_libur').where('tanggal', '=', tanggal).returning(['jenis', 'nama']).executeTakeFirst();
    if (!removed) throw notFound();
    await recount(trx, tanggal, tanggal);
    await recordAudit(trx, actor, origin, {
      action: 'calendar.holiday_removed',
      entityType: 'hari_libur',
      entityId: tanggal,
      details: removed,
    });
  });
}

/** A period of special hours (Ramadan): at most 45 days, never overlapping another. */
export async function addSpecialHours(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: JamKerjaKhususInput,
): Promise<KalenderTahun['jamKhusus'][number]> {
  manager(actor);
  const days = (Date.parse(input.selesai) - Date.parse(input.mulai)) / 86_400_000;
  if (days < 0 || days > 45 || input.pulang <= input.masuk || input.pulangJumat <= input.masuk)
    throw new AppError('CALENDAR_PERIOD_INVALID');
  return db.transaction().execute(async (trx) => {
    // Serialised so two admins cannot add overlapping periods at once.
    await sql`lock table jam_kerja_khusus in share row exclusive mode`.execute(trx);
    const overlap = await trx
      .selectFrom('jam_kerja_khusus')
      .select('id')
      .where('mulai', '<=', input.selesai)
      .where('selesai', '>=', input.mulai)
      .executeTakeFirst();
    if (overlap) throw new AppError('CALENDAR_PERIOD_OVERLAP');
    const row = await trx
      .insertInto('jam_kerja_khusus')
      .values({
        nama: input.nama.trim(),
        mulai: input.mulai,
        selesai: input.selesai,
        masuk_menit: input.masuk,
        pulang_menit: input.pulang,
        pulang_jumat_menit: input.pulangJumat,
        sumber: input.sumber?.trim() || null,
        diubah_oleh: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recount(trx, input.mulai, input.selesai);
    await recordAudit(trx, actor, origin, {
      action: 'calendar.hours_added',
      entityType: 'jam_kerja_khusus',
      entityId: row.id,
      details: { nama: input.nama, mulai: input.mulai, selesai: input.selesai },
    });
    return { id: row.id, ...input, nama: input.nama.trim(), sumber: input.sumber?.trim() || null };
  });
}

export async function removeSpecialHours(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, id: string): Promise<void> {
  manager(actor);
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('jam_kerja_khusus')
      .where('id', '=', id)
      .returning(['nama', 'mulai', 'selesai'])
      .executeTakeFirst();
    if (!removed) throw notFound();
    await recount(trx, removed.mulai, removed.selesai);
    await recordAudit(trx, actor, origin, {
      action: 'calendar.hours_removed',
      entityType: 'jam_kerja_khusus',
      entityId: id,
      details: removed,
    });
  });
}
