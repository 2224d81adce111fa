import { ppksByCode, type BeneficiaryRecord } from '@tuntas/domain';
import type { Selectable } from 'kysely';
import type { BeneficiariesTable } from '../db/schema.js';

export type BeneficiaryView = BeneficiaryRecord;

export function ageOn(tanggalLahir: string, today: Date = new Date()): number {
  const [y, m, d] = tanggalLahir.split('-').map(Number) as [number, number, number];
  const age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  return beforeBirthday ? age - 1 : age;
}

export function toBeneficiaryView(row: Selectable<BeneficiariesTable>): BeneficiaryView {
  const anak = ageOn(row.tanggal_lahir) < 18;
  return {
    id: row.id,
    nik: row.nik,
    noKk: row.no_kk,
    nama: row.nama,
    jenisKelamin: row.jenis_kelamin,
    tempatLahir: row.tempat_lahir,
    tanggalLahir: row.tanggal_lahir,
    alamat: row.alamat,
    kodeDesa: row.kode_desa,
    kategoriPpks: row.kategori_ppks,
    telepon: row.telepon,
    disabilitas: row.disabilitas,
    catatan: row.catatan,
    anak,
    sensitif: anak || (row.kategori_ppks !== null && ppksByCode(row.kategori_ppks)?.dataSpesifik === true),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
