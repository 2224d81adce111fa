import ExcelJS from 'exceljs';
import { RECAP_HEADER, recapCells } from '../workforce/attendance-recap.js';
import { addTableSheet as sheet, monthCell, momentCell } from '../files/table-file.js';
import { monthName } from '@tuntas/domain';
import type { MonthlyReport } from './monthly-report.js';

/** The monthly report as a workbook: one sheet per section, numbers as numbers, dates as dates. */
export async function monthlyReportXlsx(report: MonthlyReport): Promise<Buffer> {
  const { overview: o } = report;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tuntas';
  workbook.created = report.dibuatPada;
  sheet(
    workbook,
    'Ringkasan',
    ['Uraian', 'Nilai'],
    [
      ['Wilayah', o.nama],
      ['Bulan', monthName(report.bulan)],
      ['Kasus terdata', o.funnel.terdata],
      ['Kasus tertangani', o.funnel.tertangani],
      ['Kasus terselesaikan', o.funnel.terselesaikan],
      ['Kasus ditutup', o.funnel.ditutup],
      ['Jumlah kasus', o.funnel.total],
      ['Tingkat penyelesaian (%)', o.tingkatPenyelesaian],
      [`Kasus dibuka bulan ${monthName(report.bulan)}`, report.bulanIni.dibuat],
      [`Kasus terselesaikan bulan ${monthName(report.bulan)}`, report.bulanIni.terselesaikan],
      [`Kasus ditutup bulan ${monthName(report.bulan)}`, report.bulanIni.ditutup],
      ['Median hari sampai terselesaikan (12 bulan)', o.medianHari],
      ['Kasus melewati batas tahapan', o.terlambat],
      ['Pendamping', o.bebanKasus.pendamping],
      ['Rata-rata kasus aktif per pendamping', o.bebanKasus.rataRata],
      [`Pendamping di atas maksimum (${o.bebanKasus.maksimum})`, o.bebanKasus.diAtasMaksimum],
      ['Laporan kegiatan menunggu persetujuan', o.tenagaKerja.kegiatanMenunggu],
      ['Rujukan menunggu jawaban lembaga', o.rujukan.menunggu],
      ['Rujukan melewati batas hari', o.rujukan.terlambat],
      ['Dibuat pada', momentCell(report.dibuatPada, o.wilayah)],
    ],
  );
  sheet(
    workbook,
    'Per wilayah',
    ['Kode', 'Wilayah', 'Terdata', 'Tertangani', 'Terselesaikan', 'Ditutup', 'Jumlah', 'Tingkat penyelesaian (%)', 'Terlambat'],
    o.anak.map((a) => [a.kode, a.nama, a.terdata, a.tertangani, a.terselesaikan, a.ditutup, a.total, a.tingkatPenyelesaian, a.terlambat]),
  );
  sheet(
    workbook,
    'Per kategori PPKS',
    ['Kode', 'Kategori PPKS', 'Terdata', 'Tertangani', 'Terselesaikan', 'Ditutup', 'Jumlah', 'Median hari sampai terselesaikan'],
    o.ppks.map((p) => [
      p.kode,
      report.ppksNama.get(p.kode) ?? p.kode,
      p.terdata,
      p.tertangani,
      p.terselesaikan,
      p.ditutup,
      p.total,
      p.medianHari,
    ]),
  );
  sheet(
    workbook,
    'Tren 12 bulan',
    ['Bulan', 'Dibuka', 'Terselesaikan', 'Ditutup'],
    o.tren.map((t) => [monthCell(t.bulan), t.dibuat, t.terselesaikan, t.ditutup]),
  );
  sheet(
    workbook,
    'Umur kasus aktif',
    ['Umur (hari)', 'Kasus aktif', 'Terlambat'],
    o.backlog.map((b) => [b.umur, b.aktif, b.terlambat]),
  );
  sheet(workbook, 'Presensi', RECAP_HEADER, report.presensi.map(recapCells));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
