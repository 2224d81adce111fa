import PDFDocument from 'pdfkit';

export type Pdf = InstanceType<typeof PDFDocument>;

/** An A4 document and a promise of its bytes once `end()` is called. */
export function newPdf(title: string): { doc: Pdf; bytes: Promise<Buffer>; left: number; width: number } {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: title, Author: 'Tuntas' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const left = doc.page.margins.left;
  return { doc, bytes, left, width: doc.page.width - left - doc.page.margins.right };
}

/** The ministry's letterhead: name, directorate, a rule. */
export function letterhead(doc: Pdf, left: number, width: number): void {
  doc.font('Helvetica-Bold').fontSize(10).text('KEMENTERIAN SOSIAL REPUBLIK INDONESIA', { align: 'center' });
  doc.font('Helvetica').fontSize(9).text('Direktorat Jenderal Rehabilitasi Sosial', { align: 'center' });
  doc
    .moveTo(left, doc.y + 4)
    .lineTo(left + width, doc.y + 4)
    .lineWidth(1.5)
    .stroke();
  doc.moveDown(1);
}

/** One bordered table row; wraps text, grows to the tallest cell, breaks the page when full. */
export function tableRow(doc: Pdf, left: number, cells: string[], widths: number[], opts: { bold?: boolean; fill?: string } = {}): void {
  doc.font(opts.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
  const heights = cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 8 }));
  const h = Math.max(...heights) + 8;
  if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y = doc.y;
  let x = left;
  cells.forEach((c, i) => {
    if (opts.fill) doc.rect(x, y, widths[i]!, h).fillAndStroke(opts.fill, '#000').fillColor('#000');
    else doc.rect(x, y, widths[i]!, h).stroke();
    doc.text(c, x + 4, y + 4, { width: widths[i]! - 8 });
    x += widths[i]!;
  });
  doc.x = left;
  doc.y = y + h;
}

export const HEADER_FILL = '#e6efef';
