import { umurPada, type AffectedRecord } from '@tuntas/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { auditProtectedReads } from '../audit/protected-reads.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { hidesIdentity, identitySelections, isProtectedSql, maskName, seesIdentitySql } from '../authz/identity-protection.js';
import { canSeeWilayah } from '../authz/scope.js';
import type { DB } from '../db/schema.js';

/**
 * An affected person is a person of the registry: read with the registry's identity flags
 * (`identitySelections`), so the same rule masks a child here as everywhere.
 */
export function selectAffected(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('disaster_affected as a')
    .innerJoin('beneficiaries', 'beneficiaries.id', 'a.beneficiary_id')
    .leftJoin('users as r', 'r.id', 'a.dicatat_oleh')
    .selectAll('a')
    .select([
      'beneficiaries.nik',
      'beneficiaries.nomor_sementara',
      'beneficiaries.nama',
      'beneficiaries.jenis_kelamin',
      'beneficiaries.tanggal_lahir',
      'beneficiaries.tanggal_lahir_perkiraan',
      'beneficiaries.kode_desa',
    ])
    .select(sql<string | null>`coalesce(r.nama_lengkap, r.username)`.as('pencatat'))
    .select(identitySelections(actor, 'beneficiaries'));
}

export type AffectedRow = Awaited<ReturnType<ReturnType<typeof selectAffected>['execute']>>[number];

/**
 * A koordinator sees every identity of their own area (the registry's rule, whose queries are
 * already limited to it); an event may reach beyond that area, so outside it they see the
 * masked view like any other colleague.
 */
function hidden(actor: Actor, row: AffectedRow): boolean {
  if (hidesIdentity(row)) return true;
  return actor.role === 'koordinator' && row.terlindungi && !canSeeWilayah(actor, row.kode_desa);
}

/** `hidden` as SQL, negated: the caller sees who this affected person is (a search may match them). */
export function seesAffectedIdentitySql(actor: Actor): RawBuilder<boolean> {
  const sees = seesIdentitySql(actor, 'beneficiaries');
  if (actor.role !== 'koordinator' || actor.wilayah === null) return sees;
  return sql<boolean>`(${sees} and (not ${isProtectedSql('beneficiaries')} or beneficiaries.kode_desa = ${actor.wilayah}
    or beneficiaries.kode_desa like ${`${actor.wilayah}.%`}))`;
}

/** The one way an affected person leaves the server; masked as the registry masks (nothing to rebuild an identity from). */
export function presentAffected(actor: Actor, row: AffectedRow): AffectedRecord {
  const masked = hidden(actor, row);
  return {
    id: row.id,
    disasterId: row.disaster_id,
    beneficiaryId: row.beneficiary_id,
    nik: masked ? null : row.nik,
    nomorSementara: masked ? null : row.nomor_sementara,
    nama: masked ? maskName(row.nama) : row.nama,
    jenisKelamin: row.jenis_kelamin,
    tanggalLahir: masked || row.tanggal_lahir_perkiraan ? null : row.tanggal_lahir,
    perkiraanUmur: !masked && row.tanggal_lahir_perkiraan ? umurPada(row.tanggal_lahir) : null,
    kodeDesa: masked ? null : row.kode_desa,
    shelterId: row.shelter_id,
    kondisi: row.kondisi,
    kelompokRentan: row.kelompok_rentan,
    // Free text about one person may name them: like the registry's notes, not in a masked view.
    kebutuhan: masked ? null : row.kebutuhan,
    keluargaId: row.keluarga_id,
    kemungkinanGanda: row.kemungkinan_ganda,
    terhubungRegistri: row.terhubung_registri,
    caseId: row.case_id,
    identitasTerlindungi: masked,
    dicatatOleh: row.pencatat ?? 'system',
    dicatatPada: row.dicatat_pada.toISOString(),
    version: row.version,
  };
}

/** The caller may change this person's record: not when they may only see initials. */
export function identityOpen(actor: Actor, row: AffectedRow): boolean {
  return !hidden(actor, row);
}

/** Reads of protected people by anyone but their own pendamping are audit events, as in the registry. */
export function auditAffectedReads(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, rows: readonly AffectedRow[]) {
  const reads = rows.map((r) => ({
    entityType: 'beneficiary',
    entityId: r.beneficiary_id,
    subjectId: r.beneficiary_id,
    wilayah: r.kode_desa,
    flags: r,
  }));
  return auditProtectedReads(db, actor, origin, 'disaster.affected.read', reads, { disasterId: rows[0]?.disaster_id });
}
