import type { HariLibur, JamKerjaKhusus, KalenderKerja } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { calendarPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../http/app-error.js';

/**
 * The working calendar between two days (inclusive), from the admin's tables: every rule that
 * needs working days or hours (presensi, recap, SKP, dashboard) reads it here and passes it to
 * the domain's `isWorkingDay` / `workingHoursOn`. SQL that counts working days uses the same
 * table through `tuntas_hari_kerja(date)`.
 */
export async function loadCalendar(db: Kysely<DB>, from: string, to: string): Promise<KalenderKerja> {
  const [libur, jamKhusus] = await Promise.all([
    db
      .selectFrom('hari_libur')
      .select(['tanggal', 'jenis', 'nama'])
      .where('tanggal', '>=', from)
      .where('tanggal', '<=', to)
      .orderBy('tanggal')
      .execute(),
    db
      .selectFrom('jam_kerja_khusus')
      .select(['nama', 'mulai', 'selesai', 'masuk_menit', 'pulang_menit', 'pulang_jumat_menit'])
      .where('mulai', '<=', to)
      .where('selesai', '>=', from)
      .orderBy('mulai')
      .execute(),
  ]);
  return {
    libur: libur as HariLibur[],
    jamKhusus: jamKhusus.map((k): JamKerjaKhusus => ({
      nama: k.nama,
      mulai: k.mulai,
      selesai: k.selesai,
      masuk: k.masuk_menit,
      pulang: k.pulang_menit,
      pulangJumat: k.pulang_jumat_menit,
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
  libur: (HariLibur & { sumber: string | null })[];
  jamKhusus: (JamKerjaKhusus & { id: string; sumber: string | null })[];
}

/** The year as the admin's screen and the worker's screens show it. */
export async function calendarYear(db: Kysely<DB>, tahun: number): Promise<KalenderTahun> {
  const [libur, jamKhusus] = await Promise.all([
    db
      .selectFrom('hari_libur')
      .select(['tanggal', 'jenis', 'nama', 'sumber'])
      .where('tanggal', '>=', `${tahun}-01-01`)
      .where('tanggal', '<=', `${tahun}-12-31`)
      .orderBy('tanggal')
      .execute(),
    db
      .selectFrom('jam_kerja_khusus')
      .selectAll()
      .where('mulai', '<=', `${tahun}-12-31`)
      .where('selesai', '>=', `${tahun}-01-01`)
      .orderBy('mulai')
      .execute(),
  ]);
  return {
    tahun,
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

/** A holiday changes which days were working days: the month's attendance counters are recounted with it. */
async function recount(trx: Kysely<DB>, tanggal: string): Promise<void> {
  await sql`select worker_monthly_recount_attendance(${`${tanggal.slice(0, 7)}-01`}::date)`.execute(trx);
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
    await recount(trx, tanggal);
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
    await recount(trx, tanggal);
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
    await recordAudit(trx, actor, origin, {
      action: 'calendar.hours_removed',
      entityType: 'jam_kerja_khusus',
      entityId: id,
      details: removed,
    });
  });
}
