import { BULAN } from '@tuntas/domain';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export interface CertificateInput {
  nomor: string;
  nama: string;
  pelatihan: string;
  penyelenggara: string;
  tempat: string;
  mulai: string;
  selesai: string;
  jp: number;
  units: Array<{ nama: string; jp: number }>;
  /** The public verification page the QR code opens. */
  verifyUrl: string;
}

const tanggal = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${BULAN[m - 1]} ${y}`;
};

/** `20–22 November 2025`, `30 November – 2 Desember 2025`, or one day. */
export function rentangTanggal(mulai: string, selesai: string): string {
  if (mulai === selesai) return tanggal(mulai);
  const [y1, m1, d1] = mulai.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = selesai.split('-').map(Number) as [number, number, number];
  if (y1 === y2 && m1 === m2) return `${d1}–${d2} ${BULAN[m2 - 1]} ${y2}`;
  if (y1 === y2) return `${d1} ${BULAN[m1 - 1]} – ${d2} ${BULAN[m2 - 1]} ${y2}`;
  return `${tanggal(mulai)} – ${tanggal(selesai)}`;
}

/**
 * A certificate in the ministry's layout: A4 landscape, double border, the ministry's name, the
 * title and number, the holder, the training with dates, place and JP, the curriculum with its
 * JP, the signature block, and a QR code (drawn as vectors) opening the public verification page.
 */
export async function certificatePdf(input: CertificateInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: `Sertifikat ${input.nomor}`, Author: 'Kementerian Sosial Republik Indonesia' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const W = doc.page.width;
  const H = doc.page.height;
  const navy = '#1f3a5f';
  const gold = '#b08d2e';

  doc
    .rect(18, 18, W - 36, H - 36)
    .lineWidth(4)
    .strokeColor(navy)
    .stroke();
  doc
    .rect(28, 28, W - 56, H - 56)
    .lineWidth(1)
    .strokeColor(gold)
    .stroke();
  doc.fillColor(navy);

  const x = 70;
  const width = W - 140;
  doc.font('Helvetica-Bold').fontSize(15).text('KEMENTERIAN SOSIAL REPUBLIK INDONESIA', x, 56, { width, align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(10.5)
    .text('Direktorat Jenderal Rehabilitasi Sosial', x, doc.y + 2, { width, align: 'center' });
  doc
    .moveTo(W / 2 - 160, doc.y + 6)
    .lineTo(W / 2 + 160, doc.y + 6)
    .lineWidth(1.2)
    .strokeColor(gold)
    .stroke();

  doc
    .font('Helvetica-Bold')
    .fontSize(30)
    .fillColor(navy)
    .text('SERTIFIKAT', x, doc.y + 18, { width, align: 'center', characterSpacing: 4 });
  doc
    .font('Helvetica')
    .fontSize(10.5)
    .fillColor('#000')
    .text(`Nomor: ${input.nomor}`, x, doc.y + 2, { width, align: 'center' });

  doc.fontSize(11).text('diberikan kepada', x, doc.y + 16, { width, align: 'center' });
  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .fillColor(navy)
    .text(input.nama, x, doc.y + 6, { width, align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(11)
    .fillColor('#000')
    .text('atas partisipasinya sebagai PESERTA dalam', x, doc.y + 10, { width, align: 'center' });
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .fillColor(navy)
    .text(input.pelatihan, x, doc.y + 6, { width, align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(11)
    .fillColor('#000')
    .text(
      `yang diselenggarakan oleh ${input.penyelenggara} di ${input.tempat} pada tanggal ${rentangTanggal(input.mulai, input.selesai)}, sebanyak ${input.jp} jam pelajaran (JP).`,
      x + 40,
      doc.y + 8,
      { width: width - 80, align: 'center' },
    );

  // Curriculum: the units and their JP, small, centred.
  const top = doc.y + 14;
  const tableW = 430;
  const tx = (W - tableW) / 2;
  doc
    .font('Helvetica-Bold')
    .fontSize(8.5)
    .text('Materi', tx, top, { width: tableW - 60 })
    .text('JP', tx + tableW - 60, top, { width: 60, align: 'right' });
  doc
    .moveTo(tx, top + 11)
    .lineTo(tx + tableW, top + 11)
    .lineWidth(0.5)
    .strokeColor('#888')
    .stroke();
  let y = top + 14;
  doc.font('Helvetica').fontSize(8.5);
  input.units.forEach((u, i) => {
    doc.text(`${i + 1}. ${u.nama}`, tx, y, { width: tableW - 60 }).text(String(u.jp), tx + tableW - 60, y, { width: 60, align: 'right' });
    y += 12;
  });

  // Signature block (right) and QR code (left), on the same baseline.
  const base = H - 150;
  const signX = W - 330;
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#000')
    .text(`${input.tempat.split(',').pop()?.trim() ?? input.tempat}, ${tanggal(input.selesai)}`, signX, base, {
      width: 260,
      align: 'center',
    });
  doc.text('Direktur Jenderal Rehabilitasi Sosial,', signX, base + 14, { width: 260, align: 'center' });
  doc
    .moveTo(signX + 40, base + 80)
    .lineTo(signX + 220, base + 80)
    .lineWidth(0.8)
    .strokeColor('#000')
    .stroke();

  const qr = QRCode.create(input.verifyUrl, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const side = 92;
  const cell = side / size;
  const qx = 80;
  const qy = base - 6;
  doc.rect(qx - 4, qy - 4, side + 8, side + 8).fill('#fff');
  doc.fillColor('#000');
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) if (qr.modules.get(r, c)) doc.rect(qx + c * cell, qy + r * cell, cell + 0.02, cell + 0.02);
  }
  doc.fill('#000');
  doc
    .font('Helvetica')
    .fontSize(7.5)
    .fillColor('#333')
    .text('Pindai untuk memeriksa keaslian sertifikat:', qx + side + 10, qy + 30, { width: 200 });
  doc
    .font('Helvetica')
    .fontSize(7)
    .text(input.verifyUrl, qx + side + 10, doc.y + 2, { width: 200 });

  doc.end();
  return bytes;
}
