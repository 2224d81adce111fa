import type { BeneficiaryRecord } from '@tuntas/domain';
import type { Selectable } from 'kysely';
import { hidesIdentity, maskBeneficiary, regencyOf, type IdentityFlags } from '../authz/identity-protection.js';
import type { BeneficiariesTable } from '../db/schema.js';

export type BeneficiaryView = BeneficiaryRecord;

/** A person as read with the caller's identity flags (`identitySelections`). */
export type BeneficiaryRow = Selectable<BeneficiariesTable> & IdentityFlags & { anak: boolean };

/** The one way a person leaves the server: masked whenever the caller may not see who they are. */
export function toBeneficiaryView(row: BeneficiaryRow): BeneficiaryView {
  const view: BeneficiaryView = {
    id: row.id,
    nik: row.nik,
    nomorSementara: row.nomor_sementara,
    alasanTanpaNik: row.alasan_tanpa_nik,
    tanggalLahirPerkiraan: row.tanggal_lahir_perkiraan,
    noKk: row.no_kk,
    nama: row.nama,
    jenisKelamin: row.jenis_kelamin,
    tempatLahir: row.tempat_lahir,
    tanggalLahir: row.tanggal_lahir,
    tahunLahir: Number(row.tanggal_lahir.slice(0, 4)),
    alamat: row.alamat,
    kodeDesa: row.kode_desa,
    kabupaten: regencyOf(row.kode_desa),
    kategoriPpks: row.kategori_ppks,
    telepon: row.telepon,
    disabilitas: row.disabilitas,
    catatan: row.catatan,
    anak: row.anak,
    sensitif: row.terlindungi,
    identitasTerlindungi: false,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
  return hidesIdentity(row) ? maskBeneficiary(view) : view;
}
