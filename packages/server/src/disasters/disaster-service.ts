import {
  canMoveStatusBencana,
  isWithinScope,
  STATUS_BENCANA_NEXT,
  type DisasterRecord,
  type DisasterStatusChange,
  type JenisBencana,
  type StatusBencana,
  wilayahClock,
} from '@tuntas/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { managesDisasterSql, mayDeclare, readsDisasterSql, recordsDisasterSql, type DisasterRights } from '../authz/disaster-access.js';
import type { DB, DisastersTable } from '../db/schema.js';
import { AppError, fieldError, forbidden, notFound } from '../http/app-error.js';
import { zoneOf } from '../workforce/worker.js';

export type DisasterRow = Selectable<DisastersTable> & DisasterRights & { wilayah: string[]; pembuat: string | null };

const invalid = (field: string, reason: string) => fieldError('DISASTER_INVALID', field, reason);

/** The event's day now: the calendar of its (first) area, where the emergency is run. */
export function eventToday(row: Pick<DisasterRow, 'wilayah'>, now: Date): string {
  return wilayahClock(row.wilayah[0] ?? null, now).tanggal;
}

/** The IANA zone of the event's (first) area: the sitrep's day ends there. */
export function eventZone(row: Pick<DisasterRow, 'wilayah'>): string {
  return zoneOf(row.wilayah[0] ?? '31');
}

function selectEvents(db: Kysely<DB>, actor: Actor, now: Date) {
  return db
    .selectFrom('disasters')
    .leftJoin('users as u', 'u.id', 'disasters.created_by')
    .selectAll('disasters')
    .select(sql<string | null>`coalesce(u.nama_lengkap, u.username)`.as('pembuat'))
    .select(
      sql<string[]>`array(select dw.kode from disaster_wilayah dw where dw.disaster_id = disasters.id order by dw.kode)`.as('wilayah'),
    )
    .select(managesDisasterSql(actor).as('kelola'))
    .select(recordsDisasterSql(actor, now).as('catat'))
    .where(readsDisasterSql(actor, now));
}

/** The event as the caller may see it, with their rights on it; 404 when they may not. */
export async function loadDisaster(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<DisasterRow> {
  const row = await selectEvents(db, actor, now).where('disasters.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** For a write of field records: the caller records for it, and it is not closed. */
export async function loadForRecording(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<DisasterRow> {
  const row = await loadDisaster(db, actor, id, now);
  if (!row.catat) throw forbidden();
  if (row.status === 'selesai') throw new AppError('DISASTER_CLOSED');
  return row;
}

/** Shelters are set up by those who record for the event and by those who manage it. */
export async function loadForSheltering(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<DisasterRow> {
  const row = await loadDisaster(db, actor, id, now);
  if (!row.catat && !row.kelola) throw forbidden();
  if (row.status === 'selesai') throw new AppError('DISASTER_CLOSED');
  return row;
}

export async function loadForManaging(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<DisasterRow> {
  const row = await loadDisaster(db, actor, id, now);
  if (!row.kelola) throw forbidden();
  return row;
}

export function presentDisaster(row: DisasterRow): DisasterRecord {
  return {
    id: row.id,
    nama: row.nama,
    jenis: row.jenis,
    status: row.status,
    mulai: row.mulai,
    selesai: row.selesai,
    wilayah: row.wilayah,
    keterangan: row.keterangan,
    dibuatOleh: row.pembuat ?? 'system',
    dibuatPada: row.created_at.toISOString(),
    tindakan: {
      status: row.kelola ? [...STATUS_BENCANA_NEXT[row.status]] : [],
      tugaskan: row.kelola && row.status !== 'selesai',
      catat: row.catat && row.status !== 'selesai',
      posko: (row.catat || row.kelola) && row.status !== 'selesai',
    },
  };
}

export interface DisasterQuery {
  status?: StatusBencana | undefined;
  /** Only events not yet `selesai`. */
  aktif?: boolean | undefined;
}

export async function listDisasters(db: Kysely<DB>, actor: Actor, query: DisasterQuery, now: Date): Promise<DisasterRecord[]> {
  let q = selectEvents(db, actor, now);
  if (query.status) q = q.where('disasters.status', '=', query.status);
  if (query.aktif) q = q.where('disasters.status', '!=', 'selesai');
  const rows = await q.orderBy('disasters.mulai', 'desc').orderBy('disasters.id').limit(500).execute();
  return rows.map(presentDisaster);
}

export async function getDisaster(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<DisasterRecord> {
  return presentDisaster(await loadDisaster(db, actor, id, now));
}

export interface DisasterInput {
  nama: string;
  jenis: JenisBencana;
  mulai: string;
  wilayah: string[];
  status?: 'siaga_darurat' | 'tanggap_darurat' | undefined;
  keterangan?: string | null | undefined;
}

/**
 * Affected areas: regencies, districts or villages of the reference (a province is too coarse to
 * say where the shelters are), none inside another of the list, all inside a koordinator's area.
 */
async function checkAreas(db: Kysely<DB>, actor: Actor, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)].sort();
  const known = await db.selectFrom('wilayah').select(['kode', 'tingkat']).where('kode', 'in', unique).execute();
  const level = new Map(known.map((k) => [k.kode, k.tingkat]));
  unique.forEach((code) => {
    const tingkat = level.get(code);
    const i = codes.indexOf(code);
    if (tingkat === undefined) throw invalid(`wilayah/${i}`, 'tidak_dikenal');
    if (tingkat < 2) throw invalid(`wilayah/${i}`, 'harus_kabupaten_kecamatan_atau_desa');
    if (unique.some((other) => other !== code && code.startsWith(`${other}.`))) throw invalid(`wilayah/${i}`, 'sudah_tercakup');
  });
  if (actor.role === 'koordinator') {
    const outside = unique.find((code) => !isWithinScope(actor.wilayah, code));
    if (outside)
      throw new AppError('SCOPE_OUTSIDE_OWN', [
        { field: `wilayah/${codes.indexOf(outside)}`, code: 'di_luar_wilayah_koordinator', wilayah: outside },
      ]);
  }
  return unique;
}

export async function createDisaster(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  input: DisasterInput,
  now: Date,
): Promise<DisasterRecord> {
  if (!mayDeclare(actor)) throw forbidden();
  const areas = await checkAreas(db, actor, input.wilayah);
  if (input.mulai > wilayahClock(areas[0]!, now).tanggal) throw invalid('mulai', 'masa_depan');
  const status = input.status ?? 'tanggap_darurat';
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('disasters')
      .values({
        nama: input.nama.trim(),
        jenis: input.jenis,
        status,
        mulai: input.mulai,
        selesai: null,
        keterangan: input.keterangan?.trim() || null,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('disaster_wilayah')
      .values(areas.map((kode) => ({ disaster_id: row.id, kode })))
      .execute();
    await trx
      .insertInto('disaster_status_history')
      .values({ disaster_id: row.id, status, catatan: null, oleh: actor.id, pada: now })
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'disaster.create',
      entityType: 'disaster',
      entityId: row.id,
      wilayah: areas[0]!,
      details: { jenis: input.jenis, status, wilayah: areas },
    });
    return row.id;
  });
  return getDisaster(db, actor, id, now);
}

/** A status move allowed by the domain's table; `selesai` stamps the event's local day as its end. */
export async function moveDisasterStatus(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  input: { status: StatusBencana; catatan?: string | null | undefined },
  now: Date,
): Promise<DisasterRecord> {
  await db.transaction().execute(async (trx) => {
    const event = await loadForManaging(trx, actor, id, now);
    const locked = await trx.selectFrom('disasters').select('status').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (!canMoveStatusBencana(locked.status, input.status)) {
      throw new AppError('DISASTER_STATUS_INVALID', { dari: locked.status, ke: input.status, boleh: STATUS_BENCANA_NEXT[locked.status] });
    }
    const today = eventToday(event, now);
    const selesai = input.status === 'selesai' ? (today < event.mulai ? event.mulai : today) : null;
    await trx.updateTable('disasters').set({ status: input.status, selesai }).where('id', '=', id).execute();
    await trx
      .insertInto('disaster_status_history')
      .values({ disaster_id: id, status: input.status, catatan: input.catatan?.trim() || null, oleh: actor.id, pada: now })
      .execute();
    await recordAudit(trx, actor, origin, {
      action: 'disaster.status',
      entityType: 'disaster',
      entityId: id,
      wilayah: event.wilayah[0]!,
      details: { dari: locked.status, ke: input.status },
    });
  });
  return getDisaster(db, actor, id, now);
}

export async function statusHistory(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<DisasterStatusChange[]> {
  await loadDisaster(db, actor, id, now);
  const rows = await db
    .selectFrom('disaster_status_history as h')
    .leftJoin('users as u', 'u.id', 'h.oleh')
    .select(['h.status', 'h.pada', 'h.catatan'])
    .select(sql<string | null>`coalesce(u.nama_lengkap, u.username)`.as('oleh'))
    .where('h.disaster_id', '=', id)
    .orderBy('h.pada')
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({ status: r.status, oleh: r.oleh ?? 'system', pada: r.pada.toISOString(), catatan: r.catatan }));
}

/** The village lies in one of the event's areas. */
export async function villageInEvent(db: Kysely<DB>, disasterId: string, kode: string): Promise<boolean> {
  const hit = await db
    .selectFrom('disaster_wilayah')
    .select('kode')
    .where('disaster_id', '=', disasterId)
    .where((eb) => eb.or([eb('kode', '=', kode), eb(sql.val(kode), 'like', sql<string>`kode || '.%'`)]))
    .executeTakeFirst();
  return hit !== undefined;
}
