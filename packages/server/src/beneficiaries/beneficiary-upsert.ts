import { nameSearchKey, type BeneficiaryInput } from '@tuntas/domain';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

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
  // One JSON parameter instead of eleven arrays: JSON.stringify is native, array escaping is not.
  const json = JSON.stringify(
    rows.map((r) => ({
      nik: r.nik,
      no_kk: r.noKk,
      nama: r.nama,
      kunci: nameSearchKey(r.nama),
      jk: r.jenisKelamin,
      tempat: r.tempatLahir,
      tgl: r.tanggalLahir,
      alamat: r.alamat,
      desa: r.kodeDesa,
      ppks: r.kategoriPpks,
      telepon: r.telepon,
    })),
  );
  const result = await sql<{ nik: string; inserted: boolean }>`
    insert into beneficiaries
      (nik, no_kk, nama, nama_kunci, jenis_kelamin, tempat_lahir, tanggal_lahir, alamat, kode_desa, provinsi, kategori_ppks, telepon, created_by, updated_by)
    select nik, no_kk, nama, kunci, jk, tempat, tgl, alamat, desa, left(desa, 2), ppks, telepon, ${actorId}::uuid, ${actorId}::uuid
    from json_to_recordset(${json}::json)
      as t (nik text, no_kk text, nama text, kunci text, jk text, tempat text, tgl date, alamat text, desa text, ppks text, telepon text)
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
    returning nik, (xmax = 0) as inserted`.execute(db);
  const existing = new Set(result.rows.filter((r) => !r.inserted).map((r) => r.nik));
  return { inserted: result.rows.length - existing.size, updated: existing.size, existing };
}
