import {
  nameSearchKey,
  penelusuranAnak,
  umurPada,
  type ArahPenelusuran,
  type HubunganPelapor,
  type JenisPenelusuran,
  type StatusPenelusuran,
  type TracingRecord,
} from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, notFound } from '../http/app-error.js';
import { getAffected } from './affected-service.js';
import { identityOpen } from './affected-view.js';
import { eventToday, loadDisaster, loadForRecording, villageInEvent, type DisasterRow } from './disaster-service.js';
import { auditTracingReads, presentTracing, selectTracing, tracingOpen, type TracingRow } from './tracing-view.js';

export const tracingInvalid = (field: string, reason: string) => fieldError('TRACING_INVALID', field, reason);

export interface TracingInput {
  id?: string | undefined;
  jenis: JenisPenelusuran;
  arah: ArahPenelusuran;
  nama?: string | null | undefined;
  jenisKelamin?: 'L' | 'P' | undefined;
  tanggalLahir?: string | null | undefined;
  perkiraanUmur?: number | null | undefined;
  kodeDesa?: string | null | undefined;
  tempat?: string | null | undefined;
  ciriCiri?: string | null | undefined;
  tanggal: string;
  affectedId?: string | null | undefined;
  pelapor?: { nama: string; kontak?: string | null | undefined; hubungan: HubunganPelapor } | null | undefined;
}

export interface TracingQuery {
  page: number;
  pageSize: number;
  arah?: ArahPenelusuran | undefined;
  status?: StatusPenelusuran | undefined;
}

/** One record of the event as the caller may see it (404 when not of this event). */
export async function loadTracing(db: Kysely<DB>, actor: Actor, disasterId: string, tracingId: string): Promise<TracingRow> {
  const row = await selectTracing(db, actor).where('t.id', '=', tracingId).where('t.disaster_id', '=', disasterId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Both records as the caller may act on them: of this event, identities open to them. */
export async function loadActable(
  trx: Kysely<DB>,
  actor: Actor,
  event: DisasterRow,
  disasterId: string,
  ids: string[],
): Promise<TracingRow[]> {
  const rows = await Promise.all(ids.map((id) => loadTracing(trx, actor, disasterId, id)));
  if (rows.some((r) => !tracingOpen(actor, event, r))) throw new AppError('IDENTITY_PROTECTED');
  return rows;
}

export async function listTracing(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  query: TracingQuery,
  now: Date,
): Promise<{ items: TracingRecord[]; total: number }> {
  const event = await loadDisaster(db, actor, disasterId, now);
  let q = selectTracing(db, actor).where('t.disaster_id', '=', disasterId);
  if (query.arah) q = q.where('t.arah', '=', query.arah);
  if (query.status) q = q.where('t.status', '=', query.status);
  const rows = await q
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy('t.dicatat_pada', 'desc')
    .orderBy('t.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  await auditTracingReads(db, actor, origin, event, rows);
  return { items: rows.map((r) => presentTracing(actor, event, r)), total: Number(rows[0]?.total ?? 0) };
}

export async function getTracing(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  tracingId: string,
  now: Date,
): Promise<TracingRecord> {
  const event = await loadDisaster(db, actor, disasterId, now);
  const row = await loadTracing(db, actor, disasterId, tracingId);
  await auditTracingReads(db, actor, origin, event, [row]);
  return presentTracing(actor, event, row);
}

async function isVillage(db: Kysely<DB>, kode: string): Promise<boolean> {
  return (await db.selectFrom('wilayah').select('kode').where('kode', '=', kode).where('tingkat', '=', 4).executeTakeFirst()) !== undefined;
}

/** The fields a found person's record takes from the affected person it is linked to, when not given. */
async function linkedPerson(db: Kysely<DB>, actor: Actor, event: DisasterRow, input: TracingInput) {
  if (!input.affectedId) return null;
  if (input.arah !== 'ditemukan') throw tracingInvalid('affectedId', 'hanya_untuk_ditemukan');
  return affectedToLink(db, actor, event, input.affectedId);
}

/** The affected person of this event a found record is (or becomes) linked to. */
export async function affectedToLink(db: Kysely<DB>, actor: Actor, event: DisasterRow, affectedId: string) {
  const row = await getAffected(db, actor, event.id, affectedId).catch(() => {
    throw tracingInvalid('affectedId', 'tidak_dikenal');
  });
  // Linking copies who they are: only for someone the caller may identify.
  if (!identityOpen(actor, row)) throw new AppError('IDENTITY_PROTECTED');
  return row;
}

/**
 * Records a sought or found person. Sought: the reporter (name, relationship, contact) is required.
 * Found: optionally the affected person of this event they are, whose name, sex, birth date and
 * village fill what was not typed. Age by birth date or estimate (not both); a child's kind with an
 * adult age is refused; the village lies in the event; the day is within the event, not ahead.
 */
export async function createTracing(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  input: TracingInput,
  now: Date,
): Promise<TracingRecord> {
  const event = await loadForRecording(db, actor, disasterId, now);
  if (input.tanggal > eventToday(event, now)) throw tracingInvalid('tanggal', 'masa_depan');
  if (input.tanggal < event.mulai) throw tracingInvalid('tanggal', 'sebelum_kejadian');
  if (input.arah === 'dicari' && !input.pelapor) throw tracingInvalid('pelapor', 'wajib_untuk_dicari');
  if (input.arah === 'ditemukan' && input.pelapor) throw tracingInvalid('pelapor', 'hanya_untuk_dicari');
  const linked = await linkedPerson(db, actor, event, input);
  const nama = input.nama?.trim() || (linked ? linked.nama : null);
  const jenisKelamin = input.jenisKelamin ?? linked?.jenis_kelamin;
  if (!jenisKelamin) throw tracingInvalid('jenisKelamin', 'wajib');
  if (input.tanggalLahir && input.perkiraanUmur != null) throw tracingInvalid('perkiraanUmur', 'pilih_salah_satu');
  const tanggalLahir =
    input.tanggalLahir ?? (input.perkiraanUmur == null && linked && !linked.tanggal_lahir_perkiraan ? linked.tanggal_lahir : null);
  const perkiraanUmur = input.perkiraanUmur ?? (tanggalLahir === null && linked ? umurPada(linked.tanggal_lahir) : null);
  if (tanggalLahir !== null && tanggalLahir > input.tanggal) throw tracingInvalid('tanggalLahir', 'setelah_tanggal');
  if (perkiraanUmur !== null && perkiraanUmur > 120) throw tracingInvalid('perkiraanUmur', 'tidak_mungkin');
  const umur = tanggalLahir ? umurPada(tanggalLahir) : perkiraanUmur;
  if (input.jenis !== 'orang_hilang' && umur !== null && !penelusuranAnak('orang_hilang', umur))
    throw tracingInvalid(tanggalLahir ? 'tanggalLahir' : 'perkiraanUmur', 'bukan_anak');
  const kodeDesa = input.kodeDesa ?? linked?.kode_desa ?? null;
  if (kodeDesa !== null && !((await isVillage(db, kodeDesa)) && (await villageInEvent(db, disasterId, kodeDesa))))
    throw tracingInvalid('kodeDesa', 'di_luar_wilayah_bencana');
  const id = await db.transaction().execute(async (trx) => {
    if (input.id && (await trx.selectFrom('disaster_tracing').select('id').where('id', '=', input.id).executeTakeFirst()))
      throw new AppError('ID_TAKEN');
    const row = await trx
      .insertInto('disaster_tracing')
      .values({
        ...(input.id ? { id: input.id } : {}),
        disaster_id: disasterId,
        jenis: input.jenis,
        arah: input.arah,
        nama,
        nama_kunci: nama === null ? null : nameSearchKey(nama),
        jenis_kelamin: jenisKelamin,
        tanggal_lahir: tanggalLahir,
        perkiraan_umur: perkiraanUmur,
        kode_desa: kodeDesa,
        tempat: input.tempat?.trim() || null,
        ciri_ciri: input.ciriCiri?.trim() || null,
        tanggal: input.tanggal,
        affected_id: linked?.id ?? null,
        pelapor_nama: input.pelapor?.nama.trim() ?? null,
        pelapor_kontak: input.pelapor?.kontak?.trim() || null,
        pelapor_hubungan: input.pelapor?.hubungan ?? null,
        cocok_oleh: null,
        cocok_pada: null,
        pasangan_id: null,
        alasan_tutup: null,
        catatan_tutup: null,
        ditutup_oleh: null,
        ditutup_pada: null,
        dipersatukan_pada: null,
        dicatat_oleh: actor.id,
        dicatat_pada: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, origin, {
      action: 'disaster.tracing.create',
      entityType: 'disaster_tracing',
      entityId: row.id,
      subjectId: linked?.beneficiary_id ?? null,
      wilayah: kodeDesa ?? event.wilayah[0]!,
      details: { disasterId, jenis: input.jenis, arah: input.arah },
    });
    return row.id;
  });
  return presentTracing(actor, event, await loadTracing(db, actor, disasterId, id));
}
