/**
 * Aid delivered in a disaster event (bantuan and santunan, issue 18): what was handed to whom, its
 * value in rupiah, and the hand-over record (berita acara serah terima, BAST) that proves it.
 *
 * Sources:
 * - The basic needs owed to those affected: UU 24/2007 Pasal 53 (air bersih dan sanitasi, pangan,
 *   sandang, pelayanan kesehatan, pelayanan psikososial, penampungan dan tempat hunian) and Perka
 *   BNPB 7/2008 (pedoman pemberian bantuan pemenuhan kebutuhan dasar): logistik/permakanan, sandang,
 *   hunian.
 * - Cash for the heirs of the dead and for the injured (santunan kematian, santunan luka): Permensos
 *   4/2015 (bantuan langsung berupa uang tunai bagi korban bencana).
 * - Cash in general, school kits and "other": practice of the directorate.
 * - One BAST names one recipient; several items may be handed over on it: practice of the
 *   ministry's hand-over records.
 */

export const JENIS_BANTUAN = [
  'permakanan',
  'sandang',
  'hunian',
  'santunan_kematian',
  'santunan_luka',
  'uang_tunai',
  'paket_sekolah',
  'lainnya',
] as const;
export type JenisBantuan = (typeof JENIS_BANTUAN)[number];

/** The largest value one item may carry (Rp 1 miliar): a typo guard, not a rule. */
export const NILAI_BANTUAN_MAKSIMUM = 1_000_000_000;

/** A BAST number compares without case and surrounding spaces (BAST/12/xi and bast/12/XI are one). */
export function kunciBast(nomor: string): string {
  return nomor.trim().replace(/\s+/g, ' ').toUpperCase();
}

export interface AidRecord {
  id: string;
  disasterId: string;
  jenis: JenisBantuan;
  uraian: string;
  nilaiRupiah: number;
  jumlah: number;
  satuan: string | null;
  /** The affected person who received it, or null when a household did. */
  affectedId: string | null;
  /** The household (the id of its first registered member) that received it. */
  keluargaId: string | null;
  /** The recipient (or the household's first member) as the caller may see them: initials for a protected person. */
  penerima: string;
  nomorBast: string;
  tanggal: string;
  diserahkanOleh: string;
  dicatatOleh: string;
  dicatatPada: string;
}

export interface AidList {
  items: AidRecord[];
  total: number;
  /** Sum of nilaiRupiah over every item of the event (not only this page). */
  nilaiRupiah: number;
  /** Distinct recipients (people and households) over every item. */
  penerima: number;
}
