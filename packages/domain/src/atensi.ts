/** The seven forms of ATENSI service (Asistensi Rehabilitasi Sosial, Permensos 7/2021). */
export interface AtensiLayanan {
  kode: string;
  nama: string;
}

export const ATENSI_LAYANAN: readonly AtensiLayanan[] = [
  { kode: 'hidup_layak', nama: 'Dukungan pemenuhan kebutuhan hidup layak' },
  { kode: 'perawatan_pengasuhan', nama: 'Perawatan sosial dan/atau pengasuhan anak' },
  { kode: 'dukungan_keluarga', nama: 'Dukungan keluarga' },
  { kode: 'terapi', nama: 'Terapi fisik, psikososial, dan mental spiritual' },
  { kode: 'vokasional', nama: 'Pelatihan vokasional dan/atau pembinaan kewirausahaan' },
  { kode: 'bansos_asistensi', nama: 'Bantuan sosial dan asistensi sosial' },
  { kode: 'aksesibilitas', nama: 'Dukungan aksesibilitas' },
];

const ATENSI_CODES = new Set(ATENSI_LAYANAN.map((l) => l.kode));

export function isAtensiCode(kode: string): boolean {
  return ATENSI_CODES.has(kode);
}
