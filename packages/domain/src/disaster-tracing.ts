/**
 * Family tracing and reunification in a disaster event (penelusuran dan penyatuan keluarga, issue 18):
 * a separated child (anak terpisah: apart from both parents or their usual caregiver, possibly with
 * other relatives), an unaccompanied child (anak tanpa pendamping: with no adult caring for them) or
 * a missing person (orang hilang), recorded as sought by someone (dicari) or found / in care
 * (ditemukan). Records of the two directions are matched, a match is confirmed by a person, and the
 * reunification is recorded.
 *
 * Sources:
 * - Children in a disaster are owed special protection, including the reunification of the family:
 *   UU 35/2014 (amending UU 23/2002, Perlindungan Anak) Pasal 59 ayat (2) huruf a and Pasal 60
 *   (anak dalam situasi darurat: korban bencana, pengungsi); UU 24/2007 Pasal 55 (kelompok rentan).
 * - The two kinds of children and the tracing steps (register, trace, verify, reunite, follow up):
 *   the Inter-agency Guiding Principles on Unaccompanied and Separated Children (ICRC, UNHCR, UNICEF
 *   et al., 2004) — humanitarian practice, not an Indonesian regulation.
 * - The scoring of candidates (weights, age bands, threshold) and the reasons for closing: practice.
 */

export const JENIS_PENELUSURAN = ['anak_terpisah', 'anak_tanpa_pendamping', 'orang_hilang'] as const;
export type JenisPenelusuran = (typeof JENIS_PENELUSURAN)[number];

/** `dicari`: someone reports seeking the person; `ditemukan`: the person was found or is in care. */
export const ARAH_PENELUSURAN = ['dicari', 'ditemukan'] as const;
export type ArahPenelusuran = (typeof ARAH_PENELUSURAN)[number];

export const STATUS_PENELUSURAN = ['terbuka', 'cocok', 'dipersatukan', 'ditutup'] as const;
export type StatusPenelusuran = (typeof STATUS_PENELUSURAN)[number];

/**
 * terbuka → cocok (a match confirmed, both records) → dipersatukan (reunited, both records);
 * terbuka → ditutup with a reason. A confirmed match is not undone here (practice: verification
 * happens before it is confirmed).
 */
export const STATUS_PENELUSURAN_NEXT: Record<StatusPenelusuran, readonly StatusPenelusuran[]> = {
  terbuka: ['cocok', 'ditutup'],
  cocok: ['dipersatukan'],
  dipersatukan: [],
  ditutup: [],
};

export const ALASAN_TUTUP_PENELUSURAN = [
  'ditemukan_meninggal',
  'keluarga_tidak_ditemukan',
  'dirujuk_lembaga_lain',
  'ditarik_pelapor',
  'catatan_ganda',
  'lainnya',
] as const;
export type AlasanTutupPenelusuran = (typeof ALASAN_TUTUP_PENELUSURAN)[number];

export const HUBUNGAN_PELAPOR = ['orang_tua', 'saudara_kandung', 'kakek_nenek', 'kerabat_lain', 'wali', 'tetangga', 'lainnya'] as const;
export type HubunganPelapor = (typeof HUBUNGAN_PELAPOR)[number];

/** Both kinds of children's records are about a child whatever age was written down. */
export function penelusuranAnak(jenis: JenisPenelusuran, umur: number | null): boolean {
  return jenis !== 'orang_hilang' || (umur !== null && umur < 18);
}

/** How many years apart an estimated age may be and still fit fully: children's ages are told closer. */
export function rentangUmur(umur: number): number {
  return umur < 18 ? 2 : 5;
}

export type KodeAlasanKecocokan =
  | 'nama_mirip'
  | 'nama_tidak_diketahui'
  | 'umur_sesuai'
  | 'umur_berbeda'
  | 'umur_tidak_diketahui'
  | 'jenis_kelamin_sama'
  | 'desa_sama'
  | 'kecamatan_sama'
  | 'kabupaten_sama'
  | 'wilayah_berbeda'
  | 'wilayah_tidak_diketahui';

export interface AlasanKecocokan {
  kode: KodeAlasanKecocokan;
  /** nama_mirip: similarity 0–1; umur_*: the difference in years. */
  nilai?: number;
}

export interface CiriPenelusuran {
  jenisKelamin: 'L' | 'P';
  /** Age in whole years (from the birth date or as estimated), null when unknown. */
  umur: number | null;
  kodeDesa: string | null;
}

/** Weights of the score (sum 1): the name tells most, then age, then where. Practice. */
export const BOBOT_KECOCOKAN = { nama: 0.5, umur: 0.25, wilayah: 0.25 } as const;

/** Candidates below this score are not offered. */
export const SKOR_MINIMUM_KECOCOKAN = 0.3;

function areaScore(a: string | null, b: string | null): { skor: number; alasan: KodeAlasanKecocokan } {
  if (a === null || b === null) return { skor: 0, alasan: 'wilayah_tidak_diketahui' };
  const [pa, pb] = [a.split('.'), b.split('.')];
  const shared = (n: number) => pa.slice(0, n).join('.') === pb.slice(0, n).join('.');
  if (a === b) return { skor: 1, alasan: 'desa_sama' };
  if (shared(3)) return { skor: 0.7, alasan: 'kecamatan_sama' };
  if (shared(2)) return { skor: 0.4, alasan: 'kabupaten_sama' };
  return { skor: 0, alasan: 'wilayah_berbeda' };
}

/**
 * How well a candidate of the other direction fits, 0–1, and why. People of another sex are no
 * candidates (null). `namaMirip` is the trigram similarity of the two names' search keys (the
 * registry's `nameSearchKey`), null when either name is unknown. An age within the band scores
 * fully, fading to nothing at twice the band.
 */
export function skorKecocokan(
  a: CiriPenelusuran,
  b: CiriPenelusuran,
  namaMirip: number | null,
): { skor: number; alasan: AlasanKecocokan[] } | null {
  if (a.jenisKelamin !== b.jenisKelamin) return null;
  const alasan: AlasanKecocokan[] = [];
  let skor = 0;
  if (namaMirip === null) alasan.push({ kode: 'nama_tidak_diketahui' });
  else {
    skor += BOBOT_KECOCOKAN.nama * namaMirip;
    alasan.push({ kode: 'nama_mirip', nilai: Math.round(namaMirip * 100) / 100 });
  }
  if (a.umur === null || b.umur === null) alasan.push({ kode: 'umur_tidak_diketahui' });
  else {
    const selisih = Math.abs(a.umur - b.umur);
    const band = rentangUmur(Math.min(a.umur, b.umur));
    const fit = selisih <= band ? 1 : Math.max(0, 1 - (selisih - band) / band);
    skor += BOBOT_KECOCOKAN.umur * fit;
    alasan.push({ kode: selisih <= band ? 'umur_sesuai' : 'umur_berbeda', nilai: selisih });
  }
  alasan.push({ kode: 'jenis_kelamin_sama' });
  const area = areaScore(a.kodeDesa, b.kodeDesa);
  skor += BOBOT_KECOCOKAN.wilayah * area.skor;
  alasan.push({ kode: area.alasan });
  return { skor: Math.round(skor * 100) / 100, alasan };
}

export interface PelaporPenelusuran {
  nama: string;
  kontak: string | null;
  hubungan: HubunganPelapor;
}

export interface PenyatuanKeluarga {
  tanggal: string;
  tempat: string;
  /** The person the child or missing person was handed over to. */
  diserahkanKepada: string;
  catatan: string | null;
  dicatatOleh: string;
}

export interface TracingActions {
  /** May confirm a match, record the reunification or close it (records for the event and sees who it is). */
  ubah: boolean;
}

export interface TracingRecord {
  id: string;
  disasterId: string;
  jenis: JenisPenelusuran;
  arah: ArahPenelusuran;
  /** Null when unknown; initials in a masked view. */
  nama: string | null;
  jenisKelamin: 'L' | 'P';
  /** Null when only an age is known, and in a masked view. */
  tanggalLahir: string | null;
  /** Age in years: from the birth date or as estimated. */
  umur: number | null;
  /** Village; its regency only in a masked view. */
  kodeDesa: string | null;
  /** Where last seen (dicari) or found (ditemukan); null in a masked view. */
  tempat: string | null;
  ciriCiri: string | null;
  /** The day reported (dicari) or found (ditemukan). */
  tanggal: string;
  /** The affected person of the event this found person is (ditemukan only). */
  affectedId: string | null;
  /** Who seeks the person (dicari only); null in a masked view. */
  pelapor: PelaporPenelusuran | null;
  status: StatusPenelusuran;
  /** The record of the other direction it was matched with. */
  pasanganId: string | null;
  alasanTutup: AlasanTutupPenelusuran | null;
  catatanTutup: string | null;
  penyatuan: PenyatuanKeluarga | null;
  anak: boolean;
  identitasTerlindungi: boolean;
  dicatatOleh: string;
  dicatatPada: string;
  version: number;
  tindakan: TracingActions;
}

export interface TracingCandidate {
  skor: number;
  alasan: AlasanKecocokan[];
  record: TracingRecord;
}
