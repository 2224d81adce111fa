import { HEADER_FILL, letterhead, newPdf, tableRow } from '../files/pdf-layout.js';
import { momentCell } from '../files/table-file.js';
import { monthName } from '@tuntas/domain';
import type { MonthlyReport } from './monthly-report.js';

const n = (x: number | null) => (x === null ? '–' : new Intl.NumberFormat('id-ID').format(x));

/** The circulated document: letterhead, summary, the trend as a chart, then the tables. */
export async function monthlyReportPdf(report: MonthlyReport): Promise<Buffer> {
  const { overview: o } = report;
  const { doc, bytes, left, width } = newPdf(report.judul);
  letterhead(doc, left, width);
  doc.font('Helvetica-Bold').fontSize(12).text('LAPORAN BULANAN REHABILITASI SOSIAL', { align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`${o.nama} — ${monthName(report.bulan)}`, { align: 'center' });
  doc.moveDown(1);
  const row = (cells: string[], widths: number[], opts: { bold?: boolean; fill?: string } = {}) => tableRow(doc, left, cells, widths, opts);
  const two = [width * 0.7, width * 0.3];
  row(['RINGKASAN', ''], two, { bold: true, fill: HEADER_FILL });
  row(
    [
      'Kasus terdata / tertangani / terselesaikan / ditutup',
      `${n(o.funnel.terdata)} / ${n(o.funnel.tertangani)} / ${n(o.funnel.terselesaikan)} / ${n(o.funnel.ditutup)}`,
    ],
    two,
  );
  row(['Tingkat penyelesaian', `${n(o.tingkatPenyelesaian)}%`], two);
  row(
    [
      `Dibuka / terselesaikan / ditutup bulan ${monthName(report.bulan)}`,
      `${n(report.bulanIni.dibuat)} / ${n(report.bulanIni.terselesaikan)} / ${n(report.bulanIni.ditutup)}`,
    ],
    two,
  );
  row(['Median hari sampai terselesaikan (12 bulan)', n(o.medianHari)], two);
  row(['Kasus melewati batas tahapan', n(o.terlambat)], two);
  row(['Rata-rata kasus aktif per pendamping', n(o.bebanKasus.rataRata)], two);
  row(['Laporan kegiatan menunggu persetujuan', n(o.tenagaKerja.kegiatanMenunggu)], two);
  row(['Rujukan menunggu jawaban lembaga (terlambat)', `${n(o.rujukan.menunggu)} (${n(o.rujukan.terlambat)})`], two);
  doc.moveDown(1);

  // Trend chart: opened against resolved, twelve months.
  doc.font('Helvetica-Bold').fontSize(10).text('Tren 12 bulan: kasus dibuka dan terselesaikan', left, doc.y);
  const chartTop = doc.y + 6;
  const chartH = 110;
  const max = Math.max(1, ...o.tren.flatMap((t) => [t.dibuat, t.terselesaikan]));
  const slot = width / Math.max(1, o.tren.length);
  o.tren.forEach((t, i) => {
    const x = left + i * slot;
    const h1 = (t.dibuat / max) * chartH;
    const h2 = (t.terselesaikan / max) * chartH;
    doc.rect(x + slot * 0.15, chartTop + chartH - h1, slot * 0.33, h1).fill('#7fbcbc');
    doc.rect(x + slot * 0.5, chartTop + chartH - h2, slot * 0.33, h2).fill('#0f6e6e');
    doc
      .fillColor('#000')
      .font('Helvetica')
      .fontSize(6.5)
      .text(`${t.bulan.slice(5)}/${t.bulan.slice(2, 4)}`, x, chartTop + chartH + 3, { width: slot, align: 'center' });
  });
  const legendY = chartTop + chartH + 16;
  doc.rect(left, legendY, 7, 7).fill('#7fbcbc');
  doc
    .fillColor('#000')
    .fontSize(7.5)
    .text('dibuka', left + 10, legendY);
  doc.rect(left + 50, legendY, 7, 7).fill('#0f6e6e');
  doc.fillColor('#000').text('terselesaikan', left + 60, legendY);
  doc.y = chartTop + chartH + 30;
  doc.x = left;

  const cols = [width * 0.34, width * 0.11, width * 0.11, width * 0.13, width * 0.1, width * 0.1, width * 0.11];
  row(['Wilayah', 'Terdata', 'Tertangani', 'Terselesaikan', 'Ditutup', 'Selesai %', 'Terlambat'], cols, { bold: true, fill: HEADER_FILL });
  for (const a of o.anak)
    row([a.nama, n(a.terdata), n(a.tertangani), n(a.terselesaikan), n(a.ditutup), n(a.tingkatPenyelesaian), n(a.terlambat)], cols);
  doc.moveDown(1);
  const pc = [width * 0.46, width * 0.14, width * 0.2, width * 0.2];
  row(['Kategori PPKS', 'Jumlah', 'Terselesaikan', 'Median hari'], pc, { bold: true, fill: HEADER_FILL });
  for (const p of o.ppks) row([report.ppksNama.get(p.kode) ?? p.kode, n(p.total), n(p.terselesaikan), n(p.medianHari)], pc);
  doc.moveDown(1);
  const present = report.presensi.reduce((s, r) => s + r.hadir + r.dinasLuar, 0);
  const late = report.presensi.reduce((s, r) => s + r.terlambat, 0);
  const absent = report.presensi.reduce((s, r) => s + r.tanpaKeterangan, 0);
  row(['PRESENSI PENDAMPING', ''], two, { bold: true, fill: HEADER_FILL });
  row(
    ['Pendamping / hari hadir / terlambat / tanpa keterangan', `${n(report.presensi.length)} / ${n(present)} / ${n(late)} / ${n(absent)}`],
    two,
  );
  doc
    .moveDown(1)
    .font('Helvetica')
    .fontSize(7.5)
    .fillColor('#444')
    .text(
      `Dibuat oleh Tuntas pada ${momentCell(report.dibuatPada, report.overview.wilayah).text} dari tabel ringkasan yang sama dengan dasbor. Rincian per pendamping ada di versi XLSX.`,
      left,
      doc.y,
      { width },
    );
  doc.end();
  return bytes;
}
