import { BULAN, parsePeriode, PREDIKAT_NAMA, type PerformanceRecord, type Rating } from '@tuntas/domain';
import { HEADER_FILL, letterhead, newPdf, tableRow } from './pdf-layout.js';

const RATING: Record<Rating, string> = { di_atas: 'DI ATAS EKSPEKTASI', sesuai: 'SESUAI EKSPEKTASI', di_bawah: 'DI BAWAH EKSPEKTASI' };
const number = (n: number) => new Intl.NumberFormat('id-ID').format(n);
const periodeNama = (periode: string) => {
  const p = parsePeriode(periode);
  return !p ? periode : p.jenis === 'triwulanan' ? `Triwulan ${periode.slice(2)}` : BULAN[p.bulanAwal - 1]!;
};

export interface SkpSheetInput {
  perf: PerformanceRecord;
  nip: string | null;
  wilayahNama: string;
  penilai: { nama: string; nip: string | null } | null;
  /** Where and when the sheet is signed: `Surabaya, 29 November 2026`. */
  tempatTanggal: string;
}

/**
 * The evaluation sheet in the layout of PermenPANRB 6/2022's annex (Dokumen Evaluasi Kinerja
 * Pegawai): who is rated and by whom, work results with indicators, targets and realisation, the
 * two ratings, the predikat, and the signature block. A4 portrait, standard PDF fonts.
 */
export function skpSheetPdf(input: SkpSheetInput): Promise<Buffer> {
  const { perf } = input;
  const { doc, bytes, left, width } = newPdf(`Evaluasi Kinerja ${perf.nama ?? perf.username} ${perf.tahun}`);
  letterhead(doc, left, width);
  doc.font('Helvetica-Bold').fontSize(12).text('DOKUMEN EVALUASI KINERJA PEGAWAI', { align: 'center' });
  const periode =
    perf.bulanDinilai >= 12
      ? `1 Januari – 31 Desember ${perf.tahun}`
      : `Januari – ${BULAN[Math.max(0, perf.bulanDinilai - 1)]} ${perf.tahun}`;
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(`PERIODE: ${perf.bulanDinilai >= 12 ? 'TAHUNAN' : 'SAMPAI DENGAN BULAN BERJALAN'} (${periode})`, { align: 'center' });
  doc.moveDown(1);
  const row = (cells: string[], widths: number[], opts: { bold?: boolean; fill?: string } = {}) => tableRow(doc, left, cells, widths, opts);
  const half = [width * 0.3, width * 0.7];
  row(['PEGAWAI YANG DINILAI', ''], half, { bold: true, fill: HEADER_FILL });
  row(['Nama', perf.nama ?? perf.username], half);
  row(['NIP / NI PPPK', input.nip ?? '—'], half);
  row(['Jabatan', 'Pendamping Rehabilitasi Sosial'], half);
  row(['Unit kerja', `${input.wilayahNama} (${perf.wilayah})`], half);
  row(['PEJABAT PENILAI KINERJA', ''], half, { bold: true, fill: HEADER_FILL });
  row(['Nama', input.penilai?.nama ?? '—'], half);
  row(['NIP / NI PPPK', input.penilai?.nip ?? '—'], half);
  doc.moveDown(1);

  const cols = [width * 0.05, width * 0.27, width * 0.3, width * 0.12, width * 0.12, width * 0.14];
  row(['No', 'Rencana hasil kerja', 'Indikator kinerja individu', 'Target', 'Realisasi', 'Capaian'], cols, {
    bold: true,
    fill: HEADER_FILL,
  });
  const line = (i: PerformanceRecord['indikator'][number], n: number) =>
    row([String(n + 1), i.hasilKerja, i.nama, `${number(i.target)} ${i.satuan}`, number(i.realisasi), `${number(i.capaian)}%`], cols);
  perf.indikator.filter((i) => i.kelompok === 'hasil_kerja').forEach(line);
  row(['', 'DISIPLIN KERJA (ditampilkan, tidak dihitung dalam rating hasil kerja)', '', '', '', ''], cols, {
    bold: true,
    fill: HEADER_FILL,
  });
  perf.indikator.filter((i) => i.kelompok === 'disiplin').forEach(line);
  doc.moveDown(1);
  const rating = [width * 0.45, width * 0.55];
  row(['RATING HASIL KERJA', RATING[perf.hasilKerja]], rating, { bold: true });
  if (perf.penyesuaian) {
    row([`Dihitung: ${RATING[perf.hasilKerjaDihitung]}`, `Ditetapkan penilai: ${perf.penyesuaian.alasan}`], rating);
  }
  row(['RATING PERILAKU KERJA (BerAKHLAK)', perf.perilaku ? RATING[perf.perilaku] : 'BELUM DINILAI'], rating, { bold: true });
  if (perf.perilakuPeriode.length > 0) {
    row(
      ['Evaluasi periodik', perf.perilakuPeriode.map((b) => `${periodeNama(b.periode)}: ${RATING[b.rating].toLowerCase()}`).join('; ')],
      rating,
    );
  }
  row(['PREDIKAT KINERJA PEGAWAI', perf.predikat ? PREDIKAT_NAMA[perf.predikat].toUpperCase() : 'BELUM DAPAT DITETAPKAN'], rating, {
    bold: true,
    fill: HEADER_FILL,
  });
  if (perf.perilakuCatatan) {
    doc.moveDown(0.5).font('Helvetica-Oblique').fontSize(8.5).text(`Catatan penilai: ${perf.perilakuCatatan}`, left, doc.y, { width });
  }
  doc
    .moveDown(0.5)
    .font('Helvetica')
    .fontSize(7.5)
    .fillColor('#444')
    .text(
      'Realisasi dihitung oleh Tuntas dari data kasus, laporan kegiatan yang disetujui, dan presensi; target jumlah dihitung proporsional terhadap bulan yang dinilai.',
      left,
      doc.y,
      { width },
    )
    .fillColor('#000');

  doc.moveDown(2);
  const signX = left + width * 0.55;
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(input.tempatTanggal, signX, doc.y, { width: width * 0.45 });
  doc.text('Pejabat Penilai Kinerja,', signX, doc.y, { width: width * 0.45 });
  doc.moveDown(3.5);
  doc
    .font('Helvetica-Bold')
    .text(input.penilai?.nama ?? '........................................', signX, doc.y, { width: width * 0.45, underline: true });
  doc.font('Helvetica').text(`NIP. ${input.penilai?.nip ?? '........................'}`, signX, doc.y, { width: width * 0.45 });
  doc.end();
  return bytes;
}
