import { umurPada, type TracingRecord } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import { auditProtectedReads } from '../audit/protected-reads.js';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { hidesIdentity, identityFlagSelections, maskName, personFacts, type IdentityFacts } from '../authz/identity-protection.js';
import { canSeeWilayah } from '../authz/scope.js';
import type { DB } from '../db/schema.js';
import type { DisasterRow } from './disaster-service.js';

/**
 * A tracing record is about someone who may not be in the registry (a child sought by a parent, a
 * found child whose name nobody knows), so it carries the facts of the one identity rule itself:
 * protected while about a child (both children's kinds, or an age under 18) or when the affected
 * person it is linked to is protected; owned by the pendamping who recorded it (or who owns the
 * linked person); opened to an auditor by break-glass on the linked person. The rule that weighs
 * them is `seesIdentityBySql`, the registry's.
 */
const childSql = sql<boolean>`(t.jenis <> 'orang_hilang' or coalesce(t.tanggal_lahir > current_date - interval '18 years', false)
  or coalesce(t.perkiraan_umur < 18, false))`;

function tracingFacts(actor: Actor): IdentityFacts {
  const linked = personFacts(actor, 'lb');
  return {
    terlindungi: sql<boolean>`(${childSql} or coalesce(${linked.terlindungi}, false))`,
    pemilik:
      actor.role === 'pendamping'
        ? sql<boolean>`(t.dicatat_oleh = ${actor.id} or coalesce(${linked.pemilik}, false))`
        : sql<boolean>`false`,
    breakGlass: sql<boolean>`coalesce(${linked.breakGlass}, false)`,
  };
}

export function selectTracing(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('disaster_tracing as t')
    .leftJoin('disaster_affected as la', 'la.id', 't.affected_id')
    .leftJoin('beneficiaries as lb', 'lb.id', 'la.beneficiary_id')
    .leftJoin('disaster_reunifications as ru', (j) =>
      j.on((eb) => eb.or([eb('ru.dicari_id', '=', eb.ref('t.id')), eb('ru.ditemukan_id', '=', eb.ref('t.id'))])),
    )
    .leftJoin('users as r', 'r.id', 't.dicatat_oleh')
    .leftJoin('users as rr', 'rr.id', 'ru.dicatat_oleh')
    .selectAll('t')
    .select([
      'lb.id as linked_id',
      'lb.kode_desa as linked_kode_desa',
      'ru.tanggal as ru_tanggal',
      'ru.tempat as ru_tempat',
      'ru.diserahkan_kepada as ru_kepada',
      'ru.catatan as ru_catatan',
    ])
    .select(sql<string | null>`coalesce(r.nama_lengkap, r.username)`.as('pencatat'))
    .select(sql<string | null>`coalesce(rr.nama_lengkap, rr.username)`.as('ru_pencatat'))
    .select(identityFlagSelections(actor, tracingFacts(actor)))
    .select(childSql.as('anak'));
}

export type TracingRow = Awaited<ReturnType<ReturnType<typeof selectTracing>['execute']>>[number];

/**
 * As for affected people: a koordinator sees the identities of their own area; an event may reach
 * beyond it, so a record placed outside it (or placed nowhere, in an event not wholly theirs) is masked.
 */
function hidden(actor: Actor, event: Pick<DisasterRow, 'kelola'>, row: TracingRow): boolean {
  if (hidesIdentity(row)) return true;
  if (actor.role !== 'koordinator' || !row.terlindungi) return false;
  const area = row.kode_desa ?? row.linked_kode_desa;
  return area === null ? !event.kelola : !canSeeWilayah(actor, area);
}

/** The caller may act on the record (match, reunite, close): not when they may only see initials. */
export function tracingOpen(actor: Actor, event: Pick<DisasterRow, 'kelola'>, row: TracingRow): boolean {
  return !hidden(actor, event, row);
}

/** The one way a tracing record leaves the server; masked: initials, sex and age, nothing else that tells who. */
export function presentTracing(actor: Actor, event: Pick<DisasterRow, 'kelola' | 'catat' | 'status'>, row: TracingRow): TracingRecord {
  const masked = hidden(actor, event, row);
  const umur = row.tanggal_lahir ? umurPada(row.tanggal_lahir) : row.perkiraan_umur;
  return {
    id: row.id,
    disasterId: row.disaster_id,
    jenis: row.jenis,
    arah: row.arah,
    nama: row.nama === null ? null : masked ? maskName(row.nama) : row.nama,
    jenisKelamin: row.jenis_kelamin,
    tanggalLahir: masked ? null : row.tanggal_lahir,
    umur,
    kodeDesa: masked ? null : row.kode_desa,
    tempat: masked ? null : row.tempat,
    ciriCiri: masked ? null : row.ciri_ciri,
    tanggal: row.tanggal,
    affectedId: row.affected_id,
    pelapor:
      masked || row.pelapor_nama === null || row.pelapor_hubungan === null
        ? null
        : { nama: row.pelapor_nama, kontak: row.pelapor_kontak, hubungan: row.pelapor_hubungan },
    status: row.status,
    pasanganId: row.pasangan_id,
    alasanTutup: row.alasan_tutup,
    catatanTutup: masked ? null : row.catatan_tutup,
    penyatuan:
      masked || row.ru_tanggal === null
        ? null
        : {
            tanggal: row.ru_tanggal,
            tempat: row.ru_tempat ?? '',
            diserahkanKepada: row.ru_kepada ?? '',
            catatan: row.ru_catatan,
            dicatatOleh: row.ru_pencatat ?? 'system',
          },
    anak: row.anak,
    identitasTerlindungi: masked,
    dicatatOleh: row.pencatat ?? 'system',
    dicatatPada: row.dicatat_pada.toISOString(),
    version: row.version,
    tindakan: { ubah: event.catat && event.status !== 'selesai' && !masked },
  };
}

/** Reads of protected tracing records by anyone but their own pendamping are audit events, as in the registry. */
export function auditTracingReads(
  db: Kysely<DB>,
  actor: Actor,
  origin: RequestOrigin,
  event: Pick<DisasterRow, 'id' | 'wilayah'>,
  rows: readonly TracingRow[],
) {
  const reads = rows.map((r) => ({
    entityType: 'disaster_tracing',
    entityId: r.id,
    subjectId: r.linked_id ?? r.id,
    wilayah: r.kode_desa ?? r.linked_kode_desa ?? event.wilayah[0]!,
    flags: r,
  }));
  return auditProtectedReads(db, actor, origin, 'disaster.tracing.read', reads, { disasterId: event.id });
}
