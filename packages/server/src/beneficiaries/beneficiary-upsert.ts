import { nameSearchKey, type BeneficiaryInput } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** ASCII unit separator: no one types it, and PostgreSQL splits on it in C. */
const UNIT = '\x1f';

/**
 * One column of a batch as one text parameter, values joined by the unit separator; null is
 * empty. PostgreSQL splits it with `string_to_array`, which costs half of parsing the same rows
 * as JSON. A value holding the separator itself (a control character nobody means) gets a space.
 */
function column(values: Array<string | null>): string {
  const joined = values.join(UNIT);
  let separators = 0;
  for (let i = joined.indexOf(UNIT); i !== -1; i = joined.indexOf(UNIT, i + 1)) separators += 1;
  return separators === values.length - 1 ? joined : values.map((v) => v?.replaceAll(UNIT, ' ') ?? '').join(UNIT);
}

const split = (text: string) => sql`string_to_array(${text}::text, ${UNIT}::text)`;

/**
 * Inserts or updates many people in one statement: NIK is the key, so
 * importing the same file twice updates rather than duplicates. Tells which NIKs already existed.
 */
export async function upsertBeneficiaries(
  db: Kysely<DB>,
  rows: BeneficiaryInput[],
  actorId: string | null,
): Promise<{ inserted: number; updated: number; existing: Set<string> }> {
  if (rows.length === 0) return { inserted: 0, updated: 0, existing: new Set() };
  const result = await sql<{ inserted: number; existing: string[] | null }>`
    with stored as (
      insert into beneficiaries
        (nik, no_kk, nama, nama_kunci, jenis_kelamin, tempat_lahir, tanggal_lahir, alamat, kode_desa, provinsi, kategori_ppks, telepon, created_by, updated_by)
      select nik, nullif(no_kk, ''), nama, kunci, jk, nullif(tempat, ''), tgl::date, nullif(alamat, ''), desa, left(desa, 2),
        nullif(ppks, ''), nullif(telepon, ''), ${actorId}::uuid, ${actorId}::uuid
      from unnest(
        ${split(column(rows.map((r) => r.nik)))}, ${split(column(rows.map((r) => r.noKk)))},
        ${split(column(rows.map((r) => r.nama)))}, ${split(column(rows.map((r) => nameSearchKey(r.nama))))},
        ${split(column(rows.map((r) => r.jenisKelamin)))}, ${split(column(rows.map((r) => r.tempatLahir)))},
        ${split(column(rows.map((r) => r.tanggalLahir)))}, ${split(column(rows.map((r) => r.alamat)))},
        ${split(column(rows.map((r) => r.kodeDesa)))}, ${split(column(rows.map((r) => r.kategoriPpks)))},
        ${split(column(rows.map((r) => r.telepon)))}
      ) as t (nik, no_kk, nama, kunci, jk, tempat, tgl, alamat, desa, ppks, telepon)
      on conflict (nik) do update set
        no_kk = coalesce(excluded.no_kk, beneficiaries.no_kk),
        nama = excluded.nama,
        nama_kunci = excluded.nama_kunci,
        jenis_kelamin = excluded.jenis_kelamin,
        tempat_lahir = coalesce(excluded.tempat_lahir, beneficiaries.tempat_lahir),
        tanggal_lahir = excluded.tanggal_lahir,
        alamat = coalesce(excluded.alamat, beneficiaries.alamat),
        kode_desa = excluded.kode_desa,
        provinsi = excluded.provinsi,
        kategori_ppks = coalesce(excluded.kategori_ppks, beneficiaries.kategori_ppks),
        telepon = coalesce(excluded.telepon, beneficiaries.telepon),
        updated_by = excluded.updated_by,
        updated_at = now(),
        version = beneficiaries.version + 1
      returning nik, (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::int as inserted, array_agg(nik) filter (where not inserted) as existing from stored`.execute(db);
  const { inserted, existing } = result.rows[0]!;
  return { inserted, updated: rows.length - inserted, existing: new Set(existing ?? []) };
}
