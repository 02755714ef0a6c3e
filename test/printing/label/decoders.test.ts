/**
 * Encoders checked against decoders written by others (test/helpers/labelDecoders.ts): a PDF with known shapes and a
 * barcode is rendered, encoded, decoded by the independent tool, and the decoded picture must equal the direct
 * rendering dot for dot (threshold and dithered). Decoded pictures are kept under test-results/labels/.
 */
import { describe, expect, it } from 'vitest';
import { bitmapToGray, isBlack, type Bitmap, type GrayBitmap } from '../../../electron/printing/label/bitmap';
import { brotherLabelTarget, brotherMedia } from '../../../electron/printing/label/brotherMedia';
import { encodeBrotherQl } from '../../../electron/printing/label/brotherQl';
import { encodePwgRaster } from '../../../electron/printing/label/pwgRaster';
import { renderPdfToGray, renderPdfToLabels } from '../../../electron/printing/label/rasterize';
import { encodeZpl } from '../../../electron/printing/label/zpl';
import { decodeBrotherQl, decodePwgRaster, decodeZpl, needDecoders } from '../../helpers/labelDecoders';
import { makeLabelPdf } from './labelFixture';

const MM = 72 / 25.4;

/** Dots where the decoded picture (at offset x0) and the label disagree, plus black dots outside the label. */
function differences(decoded: GrayBitmap, label: Bitmap, x0: number): number {
  let n = 0;
  for (let y = 0; y < decoded.height; y++) {
    for (let x = 0; x < decoded.width; x++) {
      const black = decoded.gray[y * decoded.width + x]! < 128;
      const inside = y < label.height && x >= x0 && x < x0 + label.width;
      if (black !== (inside && isBlack(label, x - x0, y))) n++;
    }
  }
  return n;
}

/** Counted, not compared with toEqual: a million-element diff would take the test runner minutes to print. */
function greyDifferences(a: GrayBitmap, b: GrayBitmap): number {
  if (a.width !== b.width || a.height !== b.height) return Math.max(a.gray.length, b.gray.length);
  return a.gray.reduce((n, v, i) => n + (v === b.gray[i] ? 0 : 1), 0);
}

function lastRows(page: GrayBitmap, rows: number): GrayBitmap {
  return { width: page.width, height: rows, gray: page.gray.subarray((page.height - rows) * page.width) };
}

const blackDots = (label: Bitmap) => label.data.reduce((n, byte) => n + (byte.toString(2).match(/1/g)?.length ?? 0), 0);

describe('ZPL read back by zebrafy', () => {
  it('a 4x6 label at 203 dpi comes back dot for dot, thresholded and dithered', async (ctx) => {
    needDecoders('python', (note) => ctx.skip(note));
    const pdf = await makeLabelPdf({ widthPt: 288, heightPt: 432, dpi: 203, moduleDots: 2 });
    const target = { dpi: 203, widthDots: 812, heightDots: 1218 };
    const [sharp] = await renderPdfToLabels(pdf, { ...target, mode: 'threshold' });
    const [dithered] = await renderPdfToLabels(pdf, { ...target, mode: 'dither' });
    const decoded = await decodeZpl('zpl-4x6-203dpi', encodeZpl([sharp!, dithered!], { copies: 2 }));
    expect(decoded.map((d) => [d.width, d.height])).toEqual([
      [816, 1218],
      [816, 1218],
    ]);
    expect(blackDots(sharp!)).toBeGreaterThan(10_000);
    expect(differences(decoded[0]!, sharp!, 0)).toBe(0);
    expect(differences(decoded[1]!, dithered!, 0)).toBe(0);
  });
});

describe('Brother QL raster read back by brother_ql', () => {
  it("a 62 mm continuous label at 300 dpi comes back dot for dot at the roll's place on the head", async (ctx) => {
    needDecoders('python', (note) => ctx.skip(note));
    const media = brotherMedia('62');
    const pdf = await makeLabelPdf({ widthPt: 62 * MM, heightPt: 40 * MM, dpi: 300, moduleDots: 3 });
    const [label] = await renderPdfToLabels(pdf, { ...brotherLabelTarget(media), mode: 'threshold' });
    expect(label!.width).toBe(696);
    const decoded = await decodeBrotherQl('brother-62mm-continuous', encodeBrotherQl([label!], { media, copies: 1 }));
    expect(decoded).toHaveLength(1);
    expect([decoded[0]!.width, decoded[0]!.height]).toEqual([720, label!.height]);
    // brother_ql shows the tape as printed: the picture ends 12 dots from the head's right end.
    expect(differences(decoded[0]!, label!, 720 - 12 - 696)).toBe(0);
  });

  it('die-cut 62x100 and 29x90 labels, two pages and two copies, each come back dot for dot', async (ctx) => {
    needDecoders('python', (note) => ctx.skip(note));
    for (const [id, pageMm] of [
      ['62x100', [62, 100]],
      ['29x90', [90, 29]],
    ] as const) {
      const media = brotherMedia(id);
      const pdf = await makeLabelPdf({ widthPt: pageMm[0] * MM, heightPt: pageMm[1] * MM, dpi: 300, moduleDots: 3 });
      const labels = await renderPdfToLabels(pdf, { ...brotherLabelTarget(media), mode: 'dither' });
      const [sharp] = await renderPdfToLabels(pdf, { ...brotherLabelTarget(media), mode: 'threshold' });
      const decoded = await decodeBrotherQl(`brother-${id}-die-cut`, encodeBrotherQl([sharp!, labels[0]!], { media, copies: 2 }));
      expect(decoded).toHaveLength(4);
      const x0 = 720 - media.rightOffsetDots - media.printableWidthDots;
      // brother_ql 0.9.4's reader keeps the rows of earlier pages until the next ESC @ (page n holds pages 1..n):
      // page n's own rows are its last ones.
      [sharp!, labels[0]!, sharp!, labels[0]!].forEach((label, i) => {
        expect(decoded[i]!.height, `${id} page ${i + 1}`).toBe((i + 1) * label.height);
        expect(differences(lastRows(decoded[i]!, label.height), label, x0), `${id} page ${i + 1}`).toBe(0);
      });
    }
  });
});

describe('PWG raster read back by cups-filters rastertopdf', () => {
  it('a grey page and a 1-bit label come back with the same dots', async (ctx) => {
    needDecoders('pwg', (note) => ctx.skip(note));
    const pdf = await makeLabelPdf({ widthPt: 288, heightPt: 432, dpi: 203, moduleDots: 2 });
    const target = { dpi: 203, widthDots: 812, heightDots: 1218 };
    const [grey] = await renderPdfToGray(pdf, target);
    const [label] = await renderPdfToLabels(pdf, { ...target, mode: 'dither' });
    const decoded = await decodePwgRaster('pwg-4x6-203dpi', encodePwgRaster([grey!, label!], { dpi: 203 }));
    expect(decoded).toHaveLength(2);
    expect([decoded[0]!.width, decoded[0]!.height]).toEqual([812, 1218]);
    expect(greyDifferences(decoded[0]!, grey!)).toBe(0);
    expect(greyDifferences(decoded[1]!, bitmapToGray(label!))).toBe(0);
  });
});
