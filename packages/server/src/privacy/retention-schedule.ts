import { RECORD_TYPES, type RecordType, type RetentionRule } from '@tuntas/domain';

/**
 * The retention schedule: how long each kind of record keeps its personal data, in one place.
 * The sources are in docs/DOMAIN.md ("Retention"); where the ministry's Jadwal Retensi Arsip (JRA)
 * was not at hand the period is a default marked `toConfirm`, and every period can be set per
 * deployment with TUNTAS_RETENTION (`kasus=1825,foto_bukti=730`, in days).
 */

export { RECORD_TYPES, type RecordType, type RetentionRule };

const JRA = 'Jadwal Retensi Arsip Kemensos (praktik)';

export const DEFAULT_SCHEDULE: readonly RetentionRule[] = [
  {
    jenis: 'kasus',
    label: 'Kasus selesai/ditutup dan identitas penerima manfaatnya (asesmen, catatan, rencana, lampiran, persetujuan)',
    hari: 5 * 365,
    tindakan: 'anonimkan',
    dasar: `${JRA}: berkas kasus 2 tahun aktif + 3 tahun inaktif; anak: tidak sebelum berumur 18 tahun (UU 35/2014 Pasal 64)`,
    toConfirm: true,
  },
  {
    jenis: 'penelusuran',
    label: 'Penelusuran keluarga bencana yang sudah dipersatukan atau ditutup',
    hari: 5 * 365,
    tindakan: 'anonimkan',
    dasar: `${JRA}, disamakan dengan berkas kasus`,
    toConfirm: true,
  },
  {
    jenis: 'foto_bukti',
    label: 'Foto bukti kegiatan dan swafoto presensi',
    hari: 2 * 365,
    tindakan: 'hapus',
    dasar: 'Bukti penilaian SKP tahunan dan masa keberatannya (PP 30/2019); setelah itu tidak diperlukan',
    toConfirm: true,
  },
  {
    jenis: 'laporan_impor',
    label: 'Laporan baris yang ditolak dari impor (XLSX berisi NIK dan nama)',
    hari: 30,
    tindakan: 'kosongkan_berkas',
    dasar: 'Tujuannya hanya memperbaiki dan mengunggah ulang (UU 27/2022 Pasal 16 ayat (2): pembatasan tujuan); ringkasan jumlah tetap',
    toConfirm: false,
  },
  {
    jenis: 'sesi',
    label: 'Sesi masuk yang sudah berakhir dan catatan percobaan masuk (alamat IP, perangkat)',
    hari: 30,
    tindakan: 'hapus',
    dasar: 'Keperluan keamanan saja; jejak masuk tetap ada di jejak audit',
    toConfirm: false,
  },
  {
    jenis: 'jejak_audit',
    label: 'Jejak audit (rantai hash; tidak memuat nilai data pribadi)',
    hari: 10 * 365,
    tindakan: 'simpan',
    dasar: `${JRA}; tidak diubah oleh tugas ini — pemusnahan arsip menurut JRA dengan berita acara (UU 43/2009, PP 28/2012)`,
    toConfirm: true,
  },
];

export type RetentionSchedule = readonly RetentionRule[];

export function retentionDays(schedule: RetentionSchedule, jenis: RecordType): number {
  return schedule.find((r) => r.jenis === jenis)!.hari;
}

/** TUNTAS_RETENTION: `jenis=hari` pairs separated by commas; a type not named keeps its default. */
export function scheduleFromEnv(raw: string | undefined): RetentionSchedule {
  if (raw === undefined || raw.trim() === '') return DEFAULT_SCHEDULE;
  const days = new Map<string, number>();
  for (const pair of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value, extra] = pair.split('=').map((p) => p.trim());
    if (!RECORD_TYPES.includes(name as RecordType) || extra !== undefined || !/^\d+$/.test(value ?? '') || Number(value) < 1)
      throw new Error(`TUNTAS_RETENTION must be type=days pairs (types: ${RECORD_TYPES.join(', ')}; days ≥ 1), got "${raw}"`);
    days.set(name!, Number(value));
  }
  return DEFAULT_SCHEDULE.map((rule) => ({ ...rule, hari: days.get(rule.jenis) ?? rule.hari }));
}
