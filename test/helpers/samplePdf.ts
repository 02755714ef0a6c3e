/** Small real PDFs for the printing tests: N pages, each saying which order it belongs to. */
import { writeFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export async function samplePdf(pages = 1, label = 'Print Station test page'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${label} — page ${i} of ${pages}`, { x: 50, y: 780, size: 14, font });
  }
  return doc.save();
}

export async function writeSamplePdf(path: string, pages = 1, label?: string): Promise<string> {
  writeFileSync(path, await samplePdf(pages, label));
  return path;
}
