/**
 * Pages as PWG raster (PWG 5102.4, `image/pwg-raster`), for IPP Everywhere printers that take no PDF: the sync word
 * `RaS2`, then per page a 1796-byte big-endian header (the CUPS page header v2 with PWG's fields) and the lines, each
 * as a line-repeat byte and runs of pixels. Grey and 1-bit pages go as 8-bit grey (sgray_8): every IPP Everywhere
 * printer must take it, where 1-bit black is optional; a 1-bit label is widened to grey first. Colour pages go as
 * 24-bit sRGB (srgb_8), which a printer that prints colour lists in pwg-raster-document-type-supported.
 */
import { bitmapToGray, isRgbBitmap, type Bitmap, type GrayBitmap, type RgbBitmap } from './bitmap';

export interface PwgOptions {
  dpi: number;
  /** PWG media name for the header (`na_letter_8.5x11in`); empty when the page size says enough. */
  pageSizeName?: string;
}

export const PWG_HEADER_BYTES = 1796;
const COLOR_SPACE_SGRAY = 18;
const COLOR_SPACE_SRGB = 19;

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

/** A page as PWG sends it: `channels` bytes a dot (1 grey, 3 red-green-blue), rows of width * channels bytes. */
interface PwgPage {
  width: number;
  height: number;
  channels: 1 | 3;
  dots: Uint8Array;
}

function pwgPageOf(page: GrayBitmap | Bitmap | RgbBitmap): PwgPage {
  if (isRgbBitmap(page)) return { width: page.width, height: page.height, channels: 3, dots: page.rgb };
  const gray = 'gray' in page ? page : bitmapToGray(page);
  return { width: gray.width, height: gray.height, channels: 1, dots: gray.gray };
}

export function encodePwgRaster(pages: (GrayBitmap | Bitmap | RgbBitmap)[], o: PwgOptions): Buffer {
  if (!Number.isInteger(o.dpi) || o.dpi < 1) throw new Error(`PWG raster needs a whole resolution in dpi, got ${o.dpi}.`);
  if (pages.length === 0) throw new Error('There is no page to print.');
  const parts: Buffer[] = [Buffer.from('RaS2', 'ascii')];
  for (const page of pages) {
    const pwg = pwgPageOf(page);
    parts.push(pageHeader(pwg, o, pages.length), compressPage(pwg));
  }
  return Buffer.concat(parts);
}

export function pageHeader(page: GrayBitmap | PwgPage, o: PwgOptions, totalPages: number): Buffer {
  const channels = 'channels' in page ? page.channels : 1;
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
  h.writeUInt32BE(8 * channels, f.bitsPerPixel);
  h.writeUInt32BE(page.width * channels, f.bytesPerLine);
  h.writeUInt32BE(0, f.colorOrder); // chunky
  h.writeUInt32BE(channels === 3 ? COLOR_SPACE_SRGB : COLOR_SPACE_SGRAY, f.colorSpace);
  h.writeUInt32BE(channels, f.numColors);
  h.writeUInt32BE(totalPages, f.totalPageCount);
  h.writeUInt32BE(1, f.crossFeedTransform);
  h.writeUInt32BE(1, f.feedTransform);
  if (o.pageSizeName) h.write(o.pageSizeName.slice(0, 63), f.pageSizeName, 'ascii');
  return h;
}

/**
 * The page's lines: a byte saying how many more times the line repeats (0..255), then runs of pixels: 0..127 = the
 * next pixel n + 1 times, 129..255 = 257 - n different pixels follow. 128 (CUPS: "white to the end") is not used.
 * A pixel is one byte in grey, three in sRGB.
 */
export function compressPage(page: GrayBitmap | PwgPage): Buffer {
  const { width, height, channels, dots } = 'gray' in page ? { ...page, channels: 1 as const, dots: page.gray } : page;
  const rowBytes = width * channels;
  const out: number[] = [];
  const sameLine = (a: number, b: number) => {
    for (let x = 0; x < rowBytes; x++) if (dots[a * rowBytes + x] !== dots[b * rowBytes + x]) return false;
    return true;
  };
  for (let y = 0; y < height;) {
    let repeats = 1;
    while (y + repeats < height && repeats < 256 && sameLine(y, y + repeats)) repeats++;
    out.push(repeats - 1);
    compressLine(dots.subarray(y * rowBytes, (y + 1) * rowBytes), out, channels);
    y += repeats;
  }
  return Buffer.from(out);
}

export function compressLine(line: Uint8Array, out: number[], channels: 1 | 3 = 1): void {
  const pixels = line.length / channels;
  const same = (a: number, b: number) => {
    for (let c = 0; c < channels; c++) if (line[a * channels + c] !== line[b * channels + c]) return false;
    return true;
  };
  const push = (from: number, to: number) => {
    for (let i = from * channels; i < to * channels; i++) out.push(line[i]!);
  };
  let x = 0;
  while (x < pixels) {
    let run = 1;
    while (x + run < pixels && run < 128 && same(x + run, x)) run++;
    if (run >= 2 || x + 1 === pixels) {
      out.push(run - 1);
      push(x, x + 1);
      x += run;
      continue;
    }
    // Literal: up to the next pair of equal pixels, at most 128.
    let end = x + 1;
    while (end < pixels && end - x < 128 && !(end + 1 < pixels && same(end, end + 1))) end++;
    const count = end - x;
    out.push(count === 1 ? 0 : 257 - count);
    push(x, end);
    x = end;
  }
}
