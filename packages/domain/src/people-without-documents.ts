/**
 * People without documents: someone the ministry must serve although they hold no NIK (Nomor
 * Induk Kependudukan) — street people, remote indigenous communities (KAT), trafficking victims
 * whose papers are held, disaster victims who lost them, infants not yet registered.
 *
 * Sources: UU 24/2013 (amending UU 23/2006, Administrasi Kependudukan) Pasal 13 — every resident
 * is given one NIK, for life, by Dukcapil; a social service cannot issue one, so such a person is
 * registered under a temporary number until their NIK is known, and then the record is linked to
 * it (never a second record). Obtaining a NIK/KK is itself an outcome of rehabilitation for
 * several categories (see `outcome-criteria.ts`). The reasons below and the estimated age are the
 * practice of social-work registration, not a list fixed by regulation.
 */

export const ALASAN_TANPA_NIK = [
  'tidak_punya_dokumen',
  'dokumen_ditahan',
  'dokumen_hilang_bencana',
  'dokumen_hilang',
  'bayi_belum_tercatat',
  'komunitas_adat',
  'identitas_belum_diketahui',
] as const;

export type AlasanTanpaNik = (typeof ALASAN_TANPA_NIK)[number];

/** Why the person has no NIK, in the words a pendamping uses (id) and in English. */
export const ALASAN_TANPA_NIK_LABELS: Record<AlasanTanpaNik, { id: string; en: string }> = {
  tidak_punya_dokumen: { id: 'Tidak punya dokumen kependudukan', en: 'Never had civil registration documents' },
  dokumen_ditahan: { id: 'Dokumen ditahan pihak lain', en: 'Documents held by someone else' },
  dokumen_hilang_bencana: { id: 'Dokumen hilang karena bencana', en: 'Documents lost in a disaster' },
  dokumen_hilang: { id: 'Dokumen hilang atau rusak', en: 'Documents lost or damaged' },
  bayi_belum_tercatat: { id: 'Bayi/anak belum tercatat', en: 'Infant or child not yet registered' },
  komunitas_adat: { id: 'Komunitas adat terpencil belum tercatat', en: 'Remote indigenous community, not registered' },
  identitas_belum_diketahui: { id: 'Identitas belum diketahui (belum dapat ditanyai)', en: 'Identity not yet known (cannot be asked yet)' },
};

/** The oldest estimated age accepted. */
export const MAX_PERKIRAAN_UMUR = 120;

/** A reason as written in a file or a form: its code, or its Indonesian or English label (any case). */
export function parseAlasanTanpaNik(raw: string): AlasanTanpaNik | undefined {
  const key = raw.trim().toLowerCase();
  if (key === '') return undefined;
  const code = key.replace(/[\s-]+/g, '_');
  for (const alasan of ALASAN_TANPA_NIK) {
    const label = ALASAN_TANPA_NIK_LABELS[alasan];
    if (alasan === code || label.id.toLowerCase() === key || label.en.toLowerCase() === key) return alasan;
  }
  return undefined;
}

/** An estimated age in whole years: `35`, `35 tahun`, `35 thn`; 0 to MAX_PERKIRAAN_UMUR. */
export function parsePerkiraanUmur(raw: string | number): number | undefined {
  const text = String(raw).trim().toLowerCase();
  const match = /^([0-9]{1,3})(?:\s*(?:tahun|thn|th))?$/.exec(text);
  if (!match) return undefined;
  const umur = Number(match[1]);
  return umur <= MAX_PERKIRAAN_UMUR ? umur : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The birth date stored for an estimated age: the middle of that year of age (today minus the
 * age and six months), so "about 17" is a child for half a year more and the child rules, which
 * read the birth date, keep working. Flagged as estimated (`tanggalLahirPerkiraan`); replaced by
 * the real date when the NIK is linked.
 */
export function perkiraanTanggalLahir(umur: number, today: Date = new Date()): string {
  let year = today.getUTCFullYear() - umur;
  let month = today.getUTCMonth() - 6; // 0-based
  if (month < 0) {
    month += 12;
    year -= 1;
  }
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(today.getUTCDate(), lastDay);
  return `${String(year).padStart(4, '0')}-${pad(month + 1)}-${pad(day)}`;
}

/** Whole years of age on `today` for a YYYY-MM-DD birth date. */
export function umurPada(tanggalLahir: string, today: Date = new Date()): number {
  const [y, m, d] = tanggalLahir.split('-').map(Number) as [number, number, number];
  const before = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  return today.getUTCFullYear() - y - (before ? 1 : 0);
}

/** Temporary registry numbers as the database issues them (`TMP-35-000123`). */
export const NOMOR_SEMENTARA_PATTERN = /^TMP-([0-9]{2})-([0-9]{1,12})$/;

/** A typed temporary number, cleaned (`tmp 35 123` → `TMP-35-000123`); undefined if it is none. */
export function cleanNomorSementara(raw: string): string | undefined {
  const match = /^tmp[\s-]*([0-9]{2})[\s-]*([0-9]{1,12})$/i.exec(raw.trim());
  if (!match) return undefined;
  const serial = match[2]!.replace(/^0+(?=[0-9])/, '');
  return `TMP-${match[1]}-${serial.padStart(6, '0')}`;
}
