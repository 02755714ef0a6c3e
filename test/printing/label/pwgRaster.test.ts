import { describe, expect, it } from 'vitest';
import { bitmapFromArt } from '../../../electron/printing/label/bitmap';
import { compressLine, encodePwgRaster, PWG_FIELDS, PWG_HEADER_BYTES } from '../../../electron/printing/label/pwgRaster';

describe('PWG raster', () => {
  const page = bitmapFromArt(['##....', '##....', '#.#.#.']);

  it("starts with RaS2 and a 1796-byte page header with PWG's fields", () => {
    const out = encodePwgRaster([page], { dpi: 300, pageSizeName: 'oe_custom_6x3dots' });
    expect(out.subarray(0, 4).toString('ascii')).toBe('RaS2');
    const h = out.subarray(4, 4 + PWG_HEADER_BYTES);
    const u32 = (offset: number) => h.readUInt32BE(offset);
    expect(h.subarray(0, 10).toString('ascii')).toBe('PwgRaster\0');
    expect([u32(PWG_FIELDS.hwResolution), u32(PWG_FIELDS.hwResolution + 4)]).toEqual([300, 300]);
    expect([u32(PWG_FIELDS.width), u32(PWG_FIELDS.height)]).toEqual([6, 3]);
    expect([u32(PWG_FIELDS.bitsPerColor), u32(PWG_FIELDS.bitsPerPixel), u32(PWG_FIELDS.bytesPerLine)]).toEqual([8, 8, 6]);
    expect(u32(PWG_FIELDS.colorSpace)).toBe(18); // sgray
    expect(u32(PWG_FIELDS.numColors)).toBe(1);
    expect([u32(PWG_FIELDS.totalPageCount), u32(PWG_FIELDS.crossFeedTransform), u32(PWG_FIELDS.feedTransform)]).toEqual([1, 1, 1]);
    expect(h.subarray(PWG_FIELDS.pageSizeName, PWG_FIELDS.pageSizeName + 17).toString('ascii')).toBe('oe_custom_6x3dots');
  });

  it('says a repeated line once with its repeat count, and runs and literals as PWG counts them', () => {
    const out = encodePwgRaster([page], { dpi: 300 });
    const lines = [...out.subarray(4 + PWG_HEADER_BYTES)];
    expect(lines).toEqual([
      1,
      1,
      0,
      3,
      255, // "##...." twice: 2 black, 4 white
      0,
      0xfb,
      0,
      255,
      0,
      255,
      0,
      255, // "#.#.#.": a literal of 6 (257 - 6 = 251)
    ]);
  });

  it('writes a lone pixel before a run as a run of one, never as a literal of one', () => {
    const out: number[] = [];
    compressLine(Uint8Array.from([9, 5, 5, 5]), out);
    expect(out).toEqual([0, 9, 2, 5]);
  });

  it('repeats at most 256 lines per count', () => {
    const tall = bitmapFromArt(Array.from({ length: 300 }, () => '....'));
    const lines = [...encodePwgRaster([tall], { dpi: 203 }).subarray(4 + PWG_HEADER_BYTES)];
    expect(lines).toEqual([255, 3, 255, 43, 3, 255]);
  });
});
