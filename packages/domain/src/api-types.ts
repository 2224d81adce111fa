/**
 * Shapes of records as the API sends them, shared by the server (which builds them)
 * and the web app (which reads them), so the two cannot drift apart.
 */

export interface BeneficiaryRecord {
  id: string;
  nik: string;
  noKk: string | null;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tempatLahir: string | null;
  tanggalLahir: string;
  alamat: string | null;
  kodeDesa: string;
  kategoriPpks: string | null;
  telepon: string | null;
  disabilitas: string | null;
  catatan: string | null;
  /** Under 18 today: identity protected (UU 35/2014, UU SPPA). */
  anak: boolean;
  /** A child, or registered under a category whose data is "spesifik" (UU PDP Pasal 4). */
  sensitif: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}
