/**
 * Pages as PWG raster (PWG 5102.4, `image/pwg-raster`), for IPP Everywhere printers that take no PDF: the sync word
 * `RaS2`, then per page a 1796-byte big-endian header (the CUPS page header v2 with PWG's fields) and the lines, each
 * as a line-repeat byte and runs of pixels. Pages are 8-bit grey (sgray_8): every IPP Everywhere printer must take it,
 * where 1-bit black is optional. A 1-bit label is widened to grey first.
 */
import { bitmapToGray, isGrayBitmap, type Bitmap, type GrayBitmap } from './bitmap';

export interface PwgOptions {
  dpi: number;
  /** PWG media name for the header (`na_letter_8.5x11in`); empty when the page size says enough. */
  pageSizeName?: string;
}

export const PWG_HEADER_BYTES = 1796;
const COLOR_SPACE_SGRAY = 18;

/** Field offsets in the header (PWG 5102.4 table 1) that this encoder writes. */
export const PWG_FIELDS = {
  mediaClass: 0,
  hwResolution: 276,
  numCopies: 340,
  pageSize: 352,
  width: 372,
  height: 376,
  bitsPerColor: 384,
  bitsPerPixel: 388,
  bytesPerLine: 392,
  colorOrder: 396,
  colorSpace: 400,
  numColors: 420,
  totalPageCount: 452,
  crossFeedTransform: 456,
  feedTransform: 460,
  pageSizeName: 1732,
} as const;

export function encodePwgRaster(pages: (GrayBitmap | Bitmap)[], o: PwgOptions): Buffer {
  if (!Number.isInteger(o.dpi) || o.dpi < 1) throw new Error(`PWG raster needs a whole resolution in dpi, got ${o.dpi}.`);
  if (pages.length === 0) throw new Error('There is no page to print.');
  const parts: Buffer[] = [Buffer.from('RaS2', 'ascii')];
  for (const page of pages) {
    const gray = isGrayBitmap(page) ? page : bitmapToGray(page);
    parts.push(pageHeader(gray, o, pages.length), compressPage(gray));
  }
  return Buffer.concat(parts);
}

export function pageHeader(page: GrayBitmap, o: PwgOptions, totalPages: number): Buffer {
  const h = Buffer.alloc(PWG_HEADER_BYTES);
  const f = PWG_FIELDS;
  h.write('PwgRaster', f.mediaClass, 'ascii');
  h.writeUInt32BE(o.dpi, f.hwResolution);
  h.writeUInt32BE(o.dpi, f.hwResolution + 4);
  h.writeUInt32BE(1, f.numCopies);
  h.writeUInt32BE(Math.round((page.width * 72) / o.dpi), f.pageSize);
  h.writeUInt32BE(Math.round((page.height * 72) / o.dpi), f.pageSize + 4);
  h.writeUInt32BE(page.width, f.width);
  h.writeUInt32BE(page.height, f.height);
  h.writeUInt32BE(8, f.bitsPerColor);
  h.writeUInt32BE(8, f.bitsPerPixel);
  h.writeUInt32BE(page.width, f.bytesPerLine);
  h.writeUInt32BE(0, f.colorOrder); // chunky
  h.writeUInt32BE(COLOR_SPACE_SGRAY, f.colorSpace);
  h.writeUInt32BE(1, f.numColors);
  h.writeUInt32BE(totalPages, f.totalPageCount);
  h.writeUInt32BE(1, f.crossFeedTransform);
  h.writeUInt32BE(1, f.feedTransform);
  if (o.pageSizeName) h.write(o.pageSizeName.slice(0, 63), f.pageSizeName, 'ascii');
  return h;
}

/**
 * The page's lines: a byte saying how many more times the line repeats (0..255), then runs of pixels: 0..127 = the
 * next pixel n + 1 times, 129..255 = 257 - n different pixels follow. 128 (CUPS: "white to the end") is not used.
 */
export function compressPage(page: GrayBitmap): Buffer {
  const { width, height, gray } = page;
  const out: number[] = [];
  const sameLine = (a: number, b: number) => {
    for (let x = 0; x < width; x++) if (gray[a * width + x] !== gray[b * width + x]) return false;
    return true;
  };
  for (let y = 0; y < height;) {
    let repeats = 1;
    while (y + repeats < height && repeats < 256 && sameLine(y, y + repeats)) repeats++;
    out.push(repeats - 1);
    compressLine(gray.subarray(y * width, (y + 1) * width), out);
    y += repeats;
  }
  return Buffer.from(out);
}

export function compressLine(line: Uint8Array, out: number[]): void {
  let x = 0;
  while (x < line.length) {
    let run = 1;
    while (x + run < line.length && run < 128 && line[x + run] === line[x]) run++;
    if (run >= 2 || x + 1 === line.length) {
      out.push(run - 1, line[x]!);
      x += run;
      continue;
    }
    // Literal: up to the next pair of equal pixels, at most 128.
    let end = x + 1;
    while (end < line.length && end - x < 128 && !(end + 1 < line.length && line[end] === line[end + 1])) end++;
    const count = end - x;
    if (count === 1) out.push(0, line[x]!);
    else out.push(257 - count, ...line.subarray(x, end));
    x = end;
  }
}
