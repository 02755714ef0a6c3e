/**
 * A small reader of PWG raster (PWG 5102.4) for the tests: each page's header fields and its dots, decompressed.
 * Written from the standard, not from our encoder; the independent check is cups-filters' rastertopdf
 * (test/helpers/labelDecoders.ts).
 */
export interface PwgPageRead {
  dpi: number;
  width: number;
  height: number;
  bitsPerPixel: number;
  /** 18 sgray, 19 srgb (PWG 5102.4 cupsColorSpace). */
  colorSpace: number;
  numColors: number;
  pageSizeName: string;
  /** Rows of width * (bitsPerPixel / 8) bytes. */
  dots: Uint8Array;
}

const HEADER = 1796;

export function readPwgRaster(bytes: Uint8Array): PwgPageRead[] {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.subarray(0, 4).toString('latin1') !== 'RaS2') throw new Error('not PWG raster: no RaS2 sync word');
  const pages: PwgPageRead[] = [];
  let at = 4;
  while (at < data.length) {
    const h = data.subarray(at, at + HEADER);
    const u32 = (offset: number) => h.readUInt32BE(offset);
    const page = {
      dpi: u32(276),
      width: u32(372),
      height: u32(376),
      bitsPerPixel: u32(388),
      colorSpace: u32(400),
      numColors: u32(420),
      pageSizeName: h.subarray(1732, 1796).toString('latin1').replace(/\0.*$/s, ''),
    };
    const bytesPerLine = u32(392);
    const pixel = page.bitsPerPixel / 8;
    const dots = new Uint8Array(bytesPerLine * page.height);
    at += HEADER;
    for (let y = 0; y < page.height;) {
      const repeat = data[at++]! + 1;
      const line = new Uint8Array(bytesPerLine);
      for (let x = 0; x < bytesPerLine;) {
        const n = data[at++]!;
        if (n === 128) {
          line.fill(255, x); // "white to the end of the line"
          x = bytesPerLine;
        } else if (n < 128) {
          const value = data.subarray(at, at + pixel);
          at += pixel;
          for (let i = 0; i <= n; i++, x += pixel) line.set(value, x);
        } else {
          const count = (257 - n) * pixel;
          line.set(data.subarray(at, at + count), x);
          at += count;
          x += count;
        }
      }
      for (let i = 0; i < repeat && y < page.height; i++, y++) dots.set(line, y * bytesPerLine);
    }
    pages.push({ ...page, dots });
  }
  return pages;
}
