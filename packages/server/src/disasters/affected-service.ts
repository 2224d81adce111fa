import {
  cleanNik,
  cleanNomorSementara,
  nameSearchKey,
  type AffectedRecord,
  type BeneficiaryInput,
  type KelompokRentan,
  type KondisiKorban,
} from '@tuntas/domain';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { validateBeneficiary, type BeneficiaryFields } from '../beneficiaries/beneficiary-rules.js';
import type { DB } from '../db/schema.js';
import { AppError, fieldError, notFound, versionConflict } from '../http/app-error.js';
import { matchName } from '../beneficiaries/name-search.js';
import { auditAffectedReads, identityOpen, presentAffected, seesAffectedIdentitySql, selectAffected } from './affected-view.js';
import { loadDisaster, loadForRecording, villageInEvent } from './disaster-service.js';

/** How alike two name keys must be (pg_trgm) to flag two people of one village as possibly one. */
const NAME_SIMILARITY = 0.6;
/** Birth dates this far apart still match (an estimated age is an estimate). */
const AGE_TOLERANCE_DAYS = 2 * 366;

export interface AffectedFields {
  kondisi: KondisiKorban;
  shelterId?: string | null | undefined;
  kelompokRentan?: KelompokRentan[] | undefined;
  kebutuhan?: string | null | undefined;
}

export type AffectedInput = BeneficiaryFields & AffectedFields & { id?: string | undefined; keluargaId?: string | null | undefined };

const invalid = (field: string, reason: string) => fieldError('AFFECTED_INVALID', field, reason);

async function assertShelter(db: Kysely<DB>, disasterId: string, shelterId: string | null | undefined): Promise<void> {
  if (!shelterId) return;
  const found = await db
    .selectFrom('disaster_shelters')
    .select('id')
    .where('id', '=', shelterId)
    .where('disaster_id', '=', disasterId)
    .executeTakeFirst();
  if (!found) throw invalid('shelterId', 'tidak_dikenal');
}

/** Pregnancy and breastfeeding are a woman's; the rest of the list holds for anyone. */
function assertGroups(groups: readonly KelompokRentan[], jenisKelamin: 'L' | 'P'): void {
  const i = groups.findIndex((g) => (g === 'ibu_hamil' || g === 'ibu_menyusui') && jenisKelamin !== 'P');
  if (i >= 0) throw invalid(`kelompokRentan/${i}`, 'tidak_sesuai_jenis_kelamin');
}

export interface AffectedQuery {
  page: number;
  pageSize: number;
  shelterId?: string | undefined;
  kondisi?: KondisiKorban | undefined;
  keluargaId?: string | undefined;
  kemungkinanGanda?: boolean | undefined;
  /** A name, a NIK (whole or its first digits) or a temporary number (`TMP-35-000123`). */
  q?: string | undefined;
}

export async function listAffected(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  id: string,
  query: AffectedQuery,
  now: Date,
): Promise<{ items: AffectedRecord[]; total: number }> {
  await loadDisaster(db, actor, id, now);
  let base = selectAffected(db, actor).where('a.disaster_id', '=', id);
  if (query.shelterId) base = base.where('a.shelter_id', '=', query.shelterId);
  if (query.kondisi) base = base.where('a.kondisi', '=', query.kondisi);
  if (query.keluargaId) base = base.where('a.keluarga_id', '=', query.keluargaId);
  if (query.kemungkinanGanda !== undefined) base = base.where('a.kemungkinan_ganda', '=', query.kemungkinanGanda);
  if (query.q?.trim()) {
    const match = await searchMatch(db, query.q);
    if (!match) return { items: [], total: 0 };
    // An identifying value never finds someone the caller sees only by initials (the registry's rule).
    base = base.where(seesAffectedIdentitySql(actor)).where(match);
  }
  const rows = await base
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy('a.dicatat_pada', 'desc')
    .orderBy('a.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  await auditAffectedReads(db, actor, origin, rows);
  return { items: rows.map((r) => presentAffected(actor, r)), total: Number(rows[0]?.total ?? 0) };
}

/**
 * What a typed search matches, as the registry's search reads it: a temporary number, a NIK (16
 * digits, or its first digits), else every word of a name in any order (pg_trgm variants); null
 * when it is none of these (nothing matches).
 */
async function searchMatch(db: Kysely<DB>, raw: string): Promise<Expression<SqlBool> | null> {
  const q = cleanNik(raw);
  if (/^[0-9]+$/.test(q)) return q.length === 16 ? sql<SqlBool>`beneficiaries.nik = ${q}` : sql<SqlBool>`beneficiaries.nik like ${`${q}%`}`;
  const nomor = cleanNomorSementara(q);
  if (nomor) return sql<SqlBool>`beneficiaries.nomor_sementara = ${nomor}`;
  const key = nameSearchKey(q);
  if (!key) return null;
  const name = await matchName(db, key);
  return name.strict ?? name.loose;
}

export async function getAffected(db: Kysely<DB>, actor: Actor, disasterId: string, affectedId: string) {
  const row = await selectAffected(db, actor).where('a.id', '=', affectedId).where('a.disaster_id', '=', disasterId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/**
 * Marks possible duplicates of `affectedId` in its event, both sides: the same registry person in
 * another record of the event (e.g. at two shelters), or someone of the same village and sex,
 * born within two years, with a very similar name. Stored, not refused: a person checks them.
 */
async function flagDuplicates(trx: Kysely<DB>, disasterId: string, affectedId: string): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    with me as (
      select a.id, a.beneficiary_id, b.kode_desa, b.jenis_kelamin, b.tanggal_lahir, b.nama_kunci
        from disaster_affected a join beneficiaries b on b.id = a.beneficiary_id where a.id = ${affectedId}
    ),
    twins as (
      select o.id from disaster_affected o, me
       where o.disaster_id = ${disasterId} and o.beneficiary_id = me.beneficiary_id and o.id <> me.id
      union
      select o.id from me
        join beneficiaries b2 on b2.kode_desa = me.kode_desa and b2.jenis_kelamin = me.jenis_kelamin and b2.id <> me.beneficiary_id
         and abs(b2.tanggal_lahir - me.tanggal_lahir) <= ${AGE_TOLERANCE_DAYS} and similarity(b2.nama_kunci, me.nama_kunci) >= ${NAME_SIMILARITY}
        join disaster_affected o on o.beneficiary_id = b2.id and o.disaster_id = ${disasterId}
    )
    update disaster_affected set kemungkinan_ganda = true
     where id in (select id from twins union select ${affectedId}::uuid where exists (select 1 from twins))
    returning id`.execute(trx);
  return rows.length > 0;
}

/** The household: the id of its first registered member, which that member then carries too. */
async function household(trx: Kysely<DB>, disasterId: string, keluargaId: string | null | undefined): Promise<string | null> {
  if (!keluargaId) return null;
  const head = await trx
    .selectFrom('disaster_affected')
    .select(['id', 'keluarga_id'])
    .where('id', '=', keluargaId)
    .where('disaster_id', '=', disasterId)
    .executeTakeFirst();
  if (!head) throw invalid('keluargaId', 'tidak_dikenal');
  if (head.keluarga_id === null)
    await trx.updateTable('disaster_affected').set({ keluarga_id: head.id }).where('id', '=', head.id).execute();
  return head.keluarga_id ?? head.id;
}

/**
 * Registers an affected person: validated by the registry's own rules (NIK as strict as ever; a
 * temporary number and an estimated age without one; an impossible age refused), and stored as a
 * person of the registry. A NIK already registered is linked to that person, never registered
 * twice — and their registry record is left as it is: the event records where they are and how,
 * the registry who they are, under its own stewards. Everything in one transaction.
 */
export async function registerAffected(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  input: AffectedInput,
  now: Date,
): Promise<AffectedRecord> {
  await loadForRecording(db, actor, disasterId, now);
  const person = await validateBeneficiary(db, input);
  if (!(await villageInEvent(db, disasterId, person.kodeDesa))) throw invalid('kodeDesa', 'di_luar_wilayah_bencana');
  await assertShelter(db, disasterId, input.shelterId);
  const groups = [...new Set(input.kelompokRentan ?? [])];
  assertGroups(groups, person.jenisKelamin);
  const stored = await db
    .transaction()
    .execute((trx) => storeAffected(trx, actor, origin, disasterId, person, { ...input, kelompokRentan: groups }, now));
  return presentAffected(actor, await getAffected(db, actor, disasterId, stored.id));
}

/** What one registration stored: the record, and whether it met the registry or another record. */
export interface StoredAffected {
  id: string;
  /** The NIK was already registered: linked to that person, not registered twice. */
  linked: boolean;
  /** Flagged as possibly the same person as another record of the event. */
  ganda: boolean;
  /** Where the registry person linked by NIK lives (null when new): a file's lookups outside one's reach are counted. */
  linkedKodeDesa: string | null;
}

/**
 * The writes of one registration, in the caller's transaction, for a person the registry's rules
 * have already judged and fields already checked against the event (the form's and the posko
 * file's one path): the registry person (found by NIK, else new), the record, its history, the
 * duplicate flags and the audit events.
 */
export async function storeAffected(
  trx: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  person: BeneficiaryInput,
  input: AffectedFields & { id?: string | undefined; keluargaId?: string | null | undefined; kelompokRentan: KelompokRentan[] },
  now: Date,
): Promise<StoredAffected> {
  const groups = input.kelompokRentan;
  // Whoever holds the id, the answer names nothing (as the registry's).
  if (input.id && (await trx.selectFrom('disaster_affected').select('id').where('id', '=', input.id).executeTakeFirst()))
    throw new AppError('ID_TAKEN');
  let beneficiaryId: string | null = null;
  let linkedKodeDesa: string | null = null;
  if (person.nik !== null) {
    const known = await trx.selectFrom('beneficiaries').select(['id', 'kode_desa']).where('nik', '=', person.nik).executeTakeFirst();
    beneficiaryId = known?.id ?? null;
    linkedKodeDesa = known?.kode_desa ?? null;
  }
  const linked = beneficiaryId !== null;
  if (beneficiaryId === null) {
    // Without NIK the database issues the temporary number (trigger of migration 0017).
    const row = await trx
      .insertInto('beneficiaries')
      .values({
        nik: person.nik,
        alasan_tanpa_nik: person.alasanTanpaNik,
        tanggal_lahir_perkiraan: person.tanggalLahirPerkiraan,
        no_kk: person.noKk,
        nama: person.nama,
        nama_kunci: nameSearchKey(person.nama),
        jenis_kelamin: person.jenisKelamin,
        tempat_lahir: person.tempatLahir,
        tanggal_lahir: person.tanggalLahir,
        alamat: person.alamat,
        kode_desa: person.kodeDesa,
        provinsi: person.kodeDesa.slice(0, 2),
        kategori_ppks: person.kategoriPpks,
        telepon: person.telepon,
        created_by: actor.id,
        updated_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    beneficiaryId = row.id;
    await recordAudit(trx, actor, origin, {
      action: 'beneficiary.create',
      entityType: 'beneficiary',
      entityId: row.id,
      wilayah: person.kodeDesa,
      details: { disasterId, ...(person.nik === null ? { tanpaNik: true, perkiraanUmur: person.tanggalLahirPerkiraan } : {}) },
    });
  }
  const keluarga = await household(trx, disasterId, input.keluargaId);
  const row = await trx
    .insertInto('disaster_affected')
    .values({
      ...(input.id ? { id: input.id } : {}),
      disaster_id: disasterId,
      beneficiary_id: beneficiaryId,
      provinsi: person.kodeDesa.slice(0, 2),
      shelter_id: input.shelterId ?? null,
      kondisi: input.kondisi,
      kelompok_rentan: groups,
      kebutuhan: input.kebutuhan?.trim() || null,
      keluarga_id: keluarga,
      terhubung_registri: linked,
      dicatat_oleh: actor.id,
      dicatat_pada: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('disaster_affected_history')
    .values({
      disaster_id: disasterId,
      affected_id: row.id,
      berlaku: now,
      kondisi: input.kondisi,
      shelter_id: input.shelterId ?? null,
      kelompok_rentan: groups,
      oleh: actor.id,
    })
    .execute();
  const ganda = await flagDuplicates(trx, disasterId, row.id);
  await recordAudit(trx, actor, origin, {
    action: 'disaster.affected.create',
    entityType: 'disaster_affected',
    entityId: row.id,
    subjectId: beneficiaryId,
    wilayah: person.kodeDesa,
    details: { disasterId, kondisi: input.kondisi, terhubungRegistri: linked, kemungkinanGanda: ganda },
  });
  return { id: row.id, linked, ganda, linkedKodeDesa };
}

export interface AffectedPatch {
  version: number;
  kondisi?: KondisiKorban | undefined;
  shelterId?: string | null | undefined;
  kelompokRentan?: KelompokRentan[] | undefined;
  kebutuhan?: string | null | undefined;
}

/** Condition, shelter, groups or needs change under optimistic locking; each change of the first three is history. */
export async function updateAffected(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  disasterId: string,
  affectedId: string,
  patch: AffectedPatch,
  now: Date,
): Promise<AffectedRecord> {
  await loadForRecording(db, actor, disasterId, now);
  const current = await getAffected(db, actor, disasterId, affectedId);
  if (!identityOpen(actor, current)) throw new AppError('IDENTITY_PROTECTED');
  await assertShelter(db, disasterId, patch.shelterId);
  const groups = patch.kelompokRentan === undefined ? current.kelompok_rentan : [...new Set(patch.kelompokRentan)];
  assertGroups(groups, current.jenis_kelamin);
  const next = {
    kondisi: patch.kondisi ?? current.kondisi,
    shelter_id: patch.shelterId === undefined ? current.shelter_id : patch.shelterId,
    kelompok_rentan: groups,
    kebutuhan: patch.kebutuhan === undefined ? current.kebutuhan : patch.kebutuhan?.trim() || null,
  };
  const fields = (Object.keys(next) as Array<keyof typeof next>).filter((k) => String(next[k]) !== String(current[k]));
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('disaster_affected')
      .set({ ...next, version: sql<number>`version + 1` })
      .where('id', '=', affectedId)
      .where('version', '=', patch.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw versionConflict(presentAffected(actor, await getAffected(trx, actor, disasterId, affectedId)));
    if (fields.some((f) => f !== 'kebutuhan')) {
      await trx
        .insertInto('disaster_affected_history')
        .values({
          disaster_id: disasterId,
          affected_id: affectedId,
          berlaku: now,
          kondisi: next.kondisi,
          shelter_id: next.shelter_id,
          kelompok_rentan: groups,
          oleh: actor.id,
        })
        .execute();
    }
    if (fields.includes('shelter_id')) await flagDuplicates(trx, disasterId, affectedId);
    await recordAudit(trx, actor, origin, {
      action: 'disaster.affected.update',
      entityType: 'disaster_affected',
      entityId: affectedId,
      subjectId: current.beneficiary_id,
      wilayah: current.kode_desa,
      details: { disasterId, fields, kondisi: next.kondisi },
    });
  });
  return presentAffected(actor, await getAffected(db, actor, disasterId, affectedId));
}
