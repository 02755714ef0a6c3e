/**
 * Grey to 1-bit. Barcodes want a plain threshold (a bar edge must stay a straight edge, dithering frays it and the
 * scanner reads noise); photos and shaded logos want dithering. The printer's configuration picks one.
 */
import { blankBitmap, setBlack, type Bitmap, type GrayBitmap } from './bitmap';

export type OneBitMode = 'threshold' | 'dither';
export type DitherKind = 'floyd-steinberg' | 'ordered';

export interface OneBitOptions {
  mode: OneBitMode;
  /** Grey level below which a dot is black, 0..255 (default 128). Threshold mode only. */
  threshold?: number;
  /** Default floyd-steinberg: fewer visible patterns; ordered keeps flat areas stable from label to label. */
  dither?: DitherKind;
}

export function toOneBit(page: GrayBitmap, o: OneBitOptions): Bitmap {
  if (o.mode === 'threshold') return thresholdBitmap(page, o.threshold ?? 128);
  return o.dither === 'ordered' ? orderedDither(page) : floydSteinberg(page);
}

export function thresholdBitmap(page: GrayBitmap, threshold: number): Bitmap {
  if (!(threshold >= 0 && threshold <= 255)) throw new Error(`The label threshold must be 0..255, got ${threshold}.`);
  const out = blankBitmap(page.width, page.height);
  const { width, gray } = page;
  // Byte at a time: this runs over every dot of every label (a million at 4x6 / 203 dpi).
  for (let y = 0; y < page.height; y++) {
    const row = y * width;
    const outRow = y * out.bytesPerRow;
    for (let xByte = 0; xByte < out.bytesPerRow; xByte++) {
      let byte = 0;
      const x0 = xByte * 8;
      const end = Math.min(8, width - x0);
      for (let bit = 0; bit < end; bit++) if (gray[row + x0 + bit]! < threshold) byte |= 0x80 >> bit;
      out.data[outRow + xByte] = byte;
    }
  }
  return out;
}

export function floydSteinberg(page: GrayBitmap): Bitmap {
  const out = blankBitmap(page.width, page.height);
  const { width, height } = page;
  // Two rows of error are enough: the current one and the next.
  let current = new Float32Array(width + 2);
  let next = new Float32Array(width + 2);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const value = page.gray[row + x]! + current[x + 1]!;
      const black = value < 128;
      if (black) setBlack(out, x, y);
      const error = value - (black ? 0 : 255);
      current[x + 2]! += (error * 7) / 16;
      next[x]! += (error * 3) / 16;
      next[x + 1]! += (error * 5) / 16;
      next[x + 2]! += error / 16;
    }
    [current, next] = [next, current];
    next.fill(0);
  }
  return out;
}

const BAYER_8 = [
  [0, 32, 8, 40, 2, 34, 10, 42],
  [48, 16, 56, 24, 50, 18, 58, 26],
  [12, 44, 4, 36, 14, 46, 6, 38],
  [60, 28, 52, 20, 62, 30, 54, 22],
  [3, 35, 11, 43, 1, 33, 9, 41],
  [51, 19, 59, 27, 49, 17, 57, 25],
  [15, 47, 7, 39, 13, 45, 5, 37],
  [63, 31, 55, 23, 61, 29, 53, 21],
];

export function orderedDither(page: GrayBitmap): Bitmap {
  const out = blankBitmap(page.width, page.height);
  for (let y = 0; y < page.height; y++) {
    const matrix = BAYER_8[y & 7]!;
    for (let x = 0; x < page.width; x++) {
      const level = ((matrix[x & 7]! + 0.5) * 256) / 64;
      if (page.gray[y * page.width + x]! < level) setBlack(out, x, y);
    }
  }
  return out;
}
