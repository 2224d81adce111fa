import type { LembagaView } from '@tuntas/domain';
import { LEMBAGA_JENIS, isWithinScope, type LembagaJenis } from '@tuntas/domain';
import { sql, type Kysely, type SqlBool } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { casePolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, notFound } from '../http/app-error.js';

/**
 * The referral directory: national institutions (no area) serve everyone; a province's and its
 * regencies' institutions serve everyone working in that province, since referrals cross regency
 * lines (a provincial hospital, the province's UPTD PPA).
 */
function visible(actor: Actor) {
  const province = actor.wilayah?.slice(0, 2) ?? null;
  return province === null ? sql<SqlBool>`true` : sql<SqlBool>`(lembaga.wilayah is null or left(lembaga.wilayah, 2) = ${province})`;
}

export async function listLembaga(
  db: Kysely<DB>,
  actor: Actor,
  query: { q?: string | undefined; jenis?: LembagaJenis | undefined; wilayah?: string | undefined },
): Promise<LembagaView[]> {
  let rows = db.selectFrom('lembaga').selectAll().where(visible(actor)).where('aktif', '=', true);
  if (query.jenis) rows = rows.where('jenis', '=', query.jenis);
  if (query.wilayah)
    rows = rows.where((eb) =>
      eb.or([
        eb('wilayah', 'is', null),
        eb('wilayah', '=', query.wilayah!.slice(0, 2)),
        sql<SqlBool>`${query.wilayah} like lembaga.wilayah || '.%'`,
        eb('wilayah', '=', query.wilayah!),
      ]),
    );
  if (query.q?.trim()) rows = rows.where('nama', 'ilike', `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const found = await rows.orderBy('wilayah', 'desc').orderBy('nama').limit(200).execute();
  return found.map(toView);
}

function toView(r: {
  id: string;
  nama: string;
  jenis: string;
  wilayah: string | null;
  alamat: string | null;
  telepon: string | null;
  batas_hari: number;
  aktif: boolean;
}): LembagaView {
  return {
    id: r.id,
    nama: r.nama,
    jenis: r.jenis as LembagaJenis,
    wilayah: r.wilayah,
    alamat: r.alamat,
    telepon: r.telepon,
    batasHari: r.batas_hari,
    aktif: r.aktif,
  };
}

export async function loadLembaga(db: Kysely<DB>, actor: Actor, id: string): Promise<LembagaView> {
  const row = await db.selectFrom('lembaga').selectAll().where('id', '=', id).where(visible(actor)).executeTakeFirst();
  if (!row) throw notFound();
  return toView(row);
}

export interface NewLembaga {
  nama: string;
  jenis: LembagaJenis;
  wilayah?: string | null | undefined;
  alamat?: string | null | undefined;
  telepon?: string | null | undefined;
  batasHari?: number | undefined;
}

/** Koordinator and admin keep their area's directory; a national institution is a national admin's. */
export async function createLembaga(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, input: NewLembaga): Promise<LembagaView> {
  if (!casePolicy.supervise(actor)) throw new AppError('FORBIDDEN');
  if (!LEMBAGA_JENIS.includes(input.jenis)) throw fieldError('REFERRAL_INVALID', 'jenis', 'TIDAK_DIKENAL');
  const wilayah = input.wilayah ?? actor.wilayah;
  if (wilayah !== null) {
    const area = await db.selectFrom('wilayah').select('kode').where('kode', '=', wilayah).executeTakeFirst();
    if (!area) throw new AppError('WILAYAH_UNKNOWN');
  }
  if (wilayah === null ? actor.wilayah !== null : !isWithinScope(actor.wilayah, wilayah)) throw new AppError('SCOPE_OUTSIDE_OWN');
  const nama = input.nama.trim();
  if (!nama) throw fieldError('REFERRAL_INVALID', 'nama', 'WAJIB');
  return db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('lembaga')
      .select('id')
      .where('nama', '=', nama)
      .where((eb) => (wilayah === null ? eb('wilayah', 'is', null) : eb('wilayah', '=', wilayah)))
      .executeTakeFirst();
    if (clash) throw new AppError('CONFLICT', { reason: 'LEMBAGA_SUDAH_ADA', id: clash.id });
    const row = await trx
      .insertInto('lembaga')
      .values({
        nama,
        jenis: input.jenis,
        wilayah,
        alamat: input.alamat?.trim() || null,
        telepon: input.telepon?.trim() || null,
        ...(input.batasHari ? { batas_hari: input.batasHari } : {}),
        created_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'lembaga.create',
      entityType: 'lembaga',
      entityId: row.id,
      wilayah,
      details: { nama, jenis: input.jenis },
    });
    return toView(row);
  });
}
