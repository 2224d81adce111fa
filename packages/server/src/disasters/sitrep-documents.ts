import ExcelJS from 'exceljs';
import type { SitrepRecord } from '@tuntas/domain';
import { HEADER_FILL, letterhead, newPdf, tableRow } from '../files/pdf-layout.js';
import { addTableSheet, dayCell, momentCell } from '../files/table-file.js';
import type { Sitrep } from './sitrep.js';

/**
 * The daily situation report as the directorate circulates it (laporan situasi harian): letterhead,
 * the event, then the same numbers as the screen in the order of the ministry's form — people
 * affected, displaced per shelter against capacity, vulnerable groups, psychosocial support,
 * deployed pendamping, cases opened, family tracing, aid. Counts only: no person is named in it.
 */

const n = (x: number) => new Intl.NumberFormat('id-ID').format(x);
const rupiah = (x: number) => `Rp ${n(x)}`;
const label = (code: string) => code.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

function summaryRows(r: SitrepRecord): Array<[string, number]> {
  return [
    ['Jumlah terdampak (jiwa)', r.terdampak],
    ['Mengungsi', r.mengungsi],
    ['Luka', r.luka],
    ['Meninggal', r.meninggal],
    ['Hilang', r.hilang],
    ['Sesi LDP pada hari ini', r.ldp.sesi],
    ['Peserta LDP pada hari ini', r.ldp.peserta],
    ['Pendamping bertugas', r.pendampingBertugas],
    ['Kasus rehabilitasi dibuka (kumulatif)', r.kasusDibuka],
    ['Penelusuran keluarga: terbuka', r.penelusuran.terbuka],
    ['Penelusuran keluarga: cocok, menunggu penyatuan', r.penelusuran.cocok],
    ['Penelusuran keluarga: dipersatukan', r.penelusuran.dipersatukan],
    ['Penelusuran keluarga: ditutup', r.penelusuran.ditutup],
    ['Bantuan disalurkan (kumulatif, item)', r.bantuan.penyaluran],
    ['Penerima bantuan (jiwa/keluarga)', r.bantuan.penerima],
  ];
}

function title(s: Sitrep): string {
  return `Laporan Situasi Harian — ${s.event.nama} — ${s.record.tanggal}`;
}

export async function sitrepPdf(s: Sitrep, generatedAt: Date): Promise<Buffer> {
  const r = s.record;
  const { doc, bytes, left, width } = newPdf(title(s));
  letterhead(doc, left, width);
  doc.font('Helvetica-Bold').fontSize(12).text('LAPORAN SITUASI HARIAN (SITREP)', { align: 'center' });
  doc.font('Helvetica').fontSize(10).text(`${s.event.nama} — keadaan pada akhir hari ${r.tanggal}`, { align: 'center' });
  doc.moveDown(1);
  const row = (cells: string[], widths: number[], opts: { bold?: boolean; fill?: string } = {}) => tableRow(doc, left, cells, widths, opts);
  const two = [width * 0.7, width * 0.3];
  row(['KEJADIAN', ''], two, { bold: true, fill: HEADER_FILL });
  row(['Jenis bencana', label(s.event.jenis)], two);
  row(['Status darurat', label(r.status)], two);
  row(['Mulai', s.event.mulai], two);
  row(['Wilayah terdampak', s.event.wilayah.join(', ')], two);
  doc.moveDown(1);
  row(['RINGKASAN', ''], two, { bold: true, fill: HEADER_FILL });
  for (const [k, v] of summaryRows(r)) row([k, n(v)], two);
  row(['Nilai bantuan disalurkan (kumulatif)', rupiah(r.bantuan.nilaiRupiah)], two);
  doc.moveDown(1);
  row(['KELOMPOK RENTAN', 'Jiwa'], two, { bold: true, fill: HEADER_FILL });
  for (const [k, v] of Object.entries(r.kelompokRentan)) row([label(k), n(v)], two);
  doc.moveDown(1);
  const cols = [width * 0.46, width * 0.18, width * 0.18, width * 0.18];
  row(['Pengungsian / posko', 'Penghuni', 'Kapasitas', 'Keterisian'], cols, { bold: true, fill: HEADER_FILL });
  for (const sh of r.shelters) {
    const pct = sh.kapasitas > 0 ? `${Math.round((sh.penghuni / sh.kapasitas) * 100)}%` : '–';
    row([`${sh.nama}${sh.penghuni > sh.kapasitas ? ' (melebihi kapasitas)' : ''}`, n(sh.penghuni), n(sh.kapasitas), pct], cols);
  }
  doc
    .moveDown(1)
    .font('Helvetica')
    .fontSize(7.5)
    .fillColor('#444')
    .text(
      `Dihitung oleh Tuntas dari data pendataan pada ${momentCell(generatedAt, s.event.wilayah[0] ?? null).text}; tidak diketik ulang.`,
      left,
      doc.y,
      { width },
    );
  doc.end();
  return bytes;
}

export async function sitrepXlsx(s: Sitrep, generatedAt: Date): Promise<Buffer> {
  const r = s.record;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tuntas';
  workbook.created = generatedAt;
  addTableSheet(
    workbook,
    'Ringkasan',
    ['Uraian', 'Nilai'],
    [
      ['Kejadian', s.event.nama],
      ['Jenis bencana', label(s.event.jenis)],
      ['Tanggal laporan', dayCell(r.tanggal)],
      ['Status darurat', label(r.status)],
      ['Wilayah terdampak', s.event.wilayah.join(', ')],
      ...summaryRows(r),
      ['Nilai bantuan disalurkan (Rp, kumulatif)', r.bantuan.nilaiRupiah],
    ],
  );
  addTableSheet(
    workbook,
    'Kelompok rentan',
    ['Kelompok', 'Jiwa'],
    Object.entries(r.kelompokRentan).map(([k, v]) => [label(k), v]),
  );
  addTableSheet(
    workbook,
    'Pengungsian',
    ['Id', 'Pengungsian / posko', 'Penghuni', 'Kapasitas', 'Melebihi kapasitas'],
    r.shelters.map((sh) => [sh.id, sh.nama, sh.penghuni, sh.kapasitas, sh.penghuni > sh.kapasitas ? 'ya' : 'tidak']),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function sitrepFileName(s: Sitrep, format: 'pdf' | 'xlsx'): string {
  return `sitrep-${s.record.tanggal}-${s.event.id.slice(0, 8)}.${format}`;
}
