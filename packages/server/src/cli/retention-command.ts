import type { RetentionCounts, RetentionResult } from '../privacy/retention-run.js';

/** What each count is, in the operator's words, in the order the schedule lists the record types. */
const LINES: ReadonlyArray<[keyof RetentionCounts, string]> = [
  ['penerimaManfaat', 'penerima manfaat dianonimkan'],
  ['kasus', 'kasus dianonimkan'],
  ['lampiran', 'lampiran kasus dihapus'],
  ['ditahan', 'penerima manfaat jatuh tempo tetapi ditahan (penahanan hukum)'],
  ['penelusuran', 'penelusuran bencana dianonimkan'],
  ['fotoBukti', 'foto bukti kegiatan/presensi dihapus'],
  ['laporanImpor', 'laporan impor dikosongkan'],
  ['berkasLaporanImpor', 'berkas laporan impor di disk dihapus'],
  ['sesi', 'sesi berakhir dihapus'],
  ['percobaanMasuk', 'catatan percobaan masuk dihapus'],
  ['jejakAuditLewatMasa', 'peristiwa audit melewati masa retensi (tidak diubah; untuk arsiparis)'],
];

/** The CLI's report of a run: one line per record type; a dry run says what would happen. */
export function formatRetention(result: RetentionResult): string {
  const head = result.dryRun ? 'Retensi (uji coba, tidak ada yang diubah) — jatuh tempo:' : 'Retensi selesai:';
  const rows = LINES.map(([key, label]) => `  ${String(result.jumlah[key]).padStart(8)}  ${label}`);
  const schedule = result.jadwal.map(
    (r) => `  ${r.jenis.padEnd(14)} ${String(r.hari).padStart(5)} hari${r.toConfirm ? '  (untuk dikonfirmasi)' : ''}`,
  );
  return [head, ...rows, '', 'Jadwal retensi (TUNTAS_RETENTION):', ...schedule].join('\n');
}
