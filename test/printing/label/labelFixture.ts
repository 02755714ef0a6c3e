/**
 * A label PDF with shapes whose dots are known: a frame, a filled square, a Code 128-like row of bars whose module is
 * a whole number of dots at the given resolution, a grey patch (for dithering) and a line of text.
 */
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { isBlack, type Bitmap } from '../../../electron/printing/label/bitmap';

/** Code 128 start B + "PS" + stop, as module widths (bar, space, bar, …). */
export const BARCODE_MODULES = [2, 1, 1, 2, 1, 4, 1, 3, 1, 2, 2, 2, 1, 3, 2, 2, 1, 2, 2, 3, 3, 1, 1, 1, 2];

export interface LabelSpec {
  widthPt: number;
  heightPt: number;
  /** Resolution the bars are laid out for: each module is `moduleDots` dots there. */
  dpi: number;
  moduleDots: number;
}

/** Where things are, in dots at spec.dpi from the page's top-left (no turn, scale 1). */
export function fixtureGeometry(spec: LabelSpec) {
  const inch = spec.dpi;
  return {
    square: { x: Math.round(inch * 0.25), y: Math.round(inch * 0.25), size: Math.round(inch * 0.5) },
    bars: { x: Math.round(inch * 0.25), y: Math.round(inch * 1.0), height: Math.round(inch * 0.5) },
  };
}

export async function makeLabelPdf(spec: LabelSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([spec.widthPt, spec.heightPt]);
  const pt = (dots: number) => (dots * 72) / spec.dpi;
  const top = (yDots: number, hDots: number) => spec.heightPt - pt(yDots) - pt(hDots); // PDF y runs upwards
  const g = fixtureGeometry(spec);
  page.drawRectangle({ x: 3, y: 3, width: spec.widthPt - 6, height: spec.heightPt - 6, borderColor: rgb(0, 0, 0), borderWidth: 2 });
  page.drawRectangle({
    x: pt(g.square.x),
    y: top(g.square.y, g.square.size),
    width: pt(g.square.size),
    height: pt(g.square.size),
    color: rgb(0, 0, 0),
  });
  let x = g.bars.x;
  BARCODE_MODULES.forEach((modules, i) => {
    const w = modules * spec.moduleDots;
    if (i % 2 === 0)
      page.drawRectangle({ x: pt(x), y: top(g.bars.y, g.bars.height), width: pt(w), height: pt(g.bars.height), color: rgb(0, 0, 0) });
    x += w;
  });
  page.drawRectangle({
    x: spec.widthPt * 0.55,
    y: spec.heightPt * 0.55,
    width: spec.widthPt * 0.3,
    height: spec.heightPt * 0.1,
    color: rgb(0.5, 0.5, 0.5),
  });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('ORDER 1042', { x: 20, y: spec.heightPt * 0.2, size: 14, font, color: rgb(0, 0, 0) });
  return doc.save();
}

/** Bar and space widths in dots along row y from x, until the pattern has as many runs as the barcode. */
export function runsAlong(label: Bitmap, y: number, x: number, count: number): number[] {
  const runs: number[] = [];
  let colour = true;
  let length = 0;
  for (; x < label.width && runs.length < count; x++) {
    if (isBlack(label, x, y) === colour) length++;
    else {
      runs.push(length);
      colour = !colour;
      length = 1;
    }
  }
  if (runs.length < count) runs.push(length);
  return runs;
}
