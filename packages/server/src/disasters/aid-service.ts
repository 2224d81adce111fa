import { kunciBast, type AidList, type AidRecord, type JenisBantuan } from '@tuntas/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB, DisasterAidTable } from '../db/schema.js';
import { AppError, fieldError } from '../http/app-error.js';
import { auditAffectedReads, presentAffected, selectAffected } from './affected-view.js';
import { eventToday, loadDisaster, loadForRecording } from './disaster-service.js';

export interface AidInput {
  jenis: JenisBantuan;
  uraian: string;
  nilaiRupiah: number;
  jumlah?: number | undefined;
  satuan?: string | null | undefined;
  affectedId?: string | null | undefined;
  keluargaId?: string | null | undefined;
  nomorBast: string;
  tanggal: string;
  diserahkanOleh: string;
}

const invalid = (field: string, reason: string) => fieldError('AID_INVALID', field, reason);

type AidRow = Selectable<DisasterAidTable> & { pencatat: string | null };

/** Recipients' names through the affected people's one view: a protected person shows as initials. */
async function present(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, rows: AidRow[]): Promise<AidRecord[]> {
  const ids = [...new Set(rows.map((r) => r.affected_id ?? r.keluarga_id!))];
  const people = ids.length ? await selectAffected(db, actor).where('a.id', 'in', ids).execute() : [];
  await auditAffectedReads(db, actor, origin, people);
  const names = new Map(people.map((p) => [p.id, presentAffected(actor, p).nama]));
  return rows.map((r) => ({
    id: r.id,
    disasterId: r.disaster_id,
    jenis: r.jenis,
    uraian: r.uraian,
    nilaiRupiah: Number(r.nilai_rupiah),
    jumlah: r.jumlah,
    satuan: r.satuan,
    affectedId: r.affected_id,
    keluargaId: r.keluarga_id,
    penerima: names.get(r.affected_id ?? r.keluarga_id!) ?? '—',
    nomorBast: r.nomor_bast,
    tanggal: r.tanggal,
    diserahkanOleh: r.diserahkan_oleh,
    dicatatOleh: r.pencatat ?? 'system',
    dicatatPada: r.dicatat_pada.toISOString(),
  }));
}

function selectAid(db: Kysely<DB>) {
  return db
    .selectFrom('disaster_aid as g')
    .leftJoin('users as u', 'u.id', 'g.dicatat_oleh')
    .selectAll('g')
    .select(sql<string | null>`coalesce(u.nama_lengkap, u.username)`.as('pencatat'));
}

export async function listAid(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  query: { page: number; pageSize: number },
  now: Date,
): Promise<AidList> {
  await loadDisaster(db, actor, disasterId, now);
  const rows = await selectAid(db)
    .where('g.disaster_id', '=', disasterId)
    .orderBy('g.tanggal', 'desc')
    .orderBy('g.dicatat_pada', 'desc')
    .orderBy('g.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const sum = await db
    .selectFrom('disaster_aid')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`coalesce(sum(nilai_rupiah), 0)::bigint`.as('nilai'),
      sql<number>`count(distinct coalesce(affected_id, keluarga_id))::int`.as('penerima'),
    ])
    .where('disaster_id', '=', disasterId)
    .executeTakeFirstOrThrow();
  return { items: await present(db, actor, origin, rows), total: sum.total, nilaiRupiah: Number(sum.nilai), penerima: sum.penerima };
}

/** The recipient is a person or a household (its first member's id) of this event. */
async function assertRecipient(db: Kysely<DB>, disasterId: string, input: AidInput): Promise<void> {
  if (!input.affectedId === !input.keluargaId) throw invalid('affectedId', 'isi_salah_satu_penerima');
  const found = await db
    .selectFrom('disaster_affected')
    .select('id')
    .where('disaster_id', '=', disasterId)
    .where(input.affectedId ? 'id' : 'keluarga_id', '=', (input.affectedId ?? input.keluargaId)!)
    .executeTakeFirst();
  if (!found) throw invalid(input.affectedId ? 'affectedId' : 'keluargaId', 'bukan_penerima_kejadian_ini');
}

/**
 * Records aid handed over, against its BAST number. One BAST of an event names one recipient
 * (several items may be listed on it): the number is claimed in `disaster_aid_bast` by the first
 * item and compared on every later one, so a number reused for someone else is refused (409
 * AID_BAST_REUSED) and nothing is stored; two recordings racing with one number queue on its key.
 */
export async function createAid(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  input: AidInput,
  now: Date,
): Promise<AidRecord> {
  const event = await loadForRecording(db, actor, disasterId, now);
  const nomorBast = input.nomorBast.trim();
  if (nomorBast === '') throw invalid('nomorBast', 'wajib');
  if (input.uraian.trim() === '') throw invalid('uraian', 'wajib');
  if (input.diserahkanOleh.trim() === '') throw invalid('diserahkanOleh', 'wajib');
  if (!Number.isInteger(input.nilaiRupiah) || input.nilaiRupiah < 0) throw invalid('nilaiRupiah', 'tidak_boleh_negatif');
  if (input.tanggal > eventToday(event, now)) throw invalid('tanggal', 'masa_depan');
  if (input.tanggal < event.mulai) throw invalid('tanggal', 'sebelum_kejadian');
  await assertRecipient(db, disasterId, input);
  const kunci = kunciBast(nomorBast);
  const recipient = { affected_id: input.affectedId ?? null, keluarga_id: input.affectedId ? null : (input.keluargaId ?? null) };
  const id = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('disaster_aid_bast')
      .values({ disaster_id: disasterId, kunci, ...recipient })
      .onConflict((oc) => oc.columns(['disaster_id', 'kunci']).doNothing())
      .execute();
    const bast = await trx
      .selectFrom('disaster_aid_bast')
      .select(['affected_id', 'keluarga_id'])
      .where('disaster_id', '=', disasterId)
      .where('kunci', '=', kunci)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (bast.affected_id !== recipient.affected_id || bast.keluarga_id !== recipient.keluarga_id)
      throw new AppError('AID_BAST_REUSED', [{ field: 'nomorBast', code: 'dipakai_penerima_lain' }]);
    const row = await trx
      .insertInto('disaster_aid')
      .values({
        disaster_id: disasterId,
        jenis: input.jenis,
        uraian: input.uraian.trim(),
        nilai_rupiah: input.nilaiRupiah,
        jumlah: input.jumlah ?? 1,
        satuan: input.satuan?.trim() || null,
        ...recipient,
        nomor_bast: nomorBast,
        bast_kunci: kunci,
        tanggal: input.tanggal,
        diserahkan_oleh: input.diserahkanOleh.trim(),
        dicatat_oleh: actor.id,
        dicatat_pada: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'disaster.aid.create',
      entityType: 'disaster',
      entityId: disasterId,
      wilayah: event.wilayah[0]!,
      details: { aidId: row.id, jenis: input.jenis, nilaiRupiah: input.nilaiRupiah, bast: kunci },
    });
    return row.id;
  });
  const row = await selectAid(db).where('g.id', '=', id).executeTakeFirstOrThrow();
  return (await present(db, actor, origin, [row]))[0]!;
}
