import { describe, expect, it } from 'vitest';
import { bitmapFromArt, blankBitmap } from '../../../electron/printing/label/bitmap';
import { brotherMedia, BROTHER_MEDIA, tapeDots } from '../../../electron/printing/label/brotherMedia';
import { encodeBrotherQl, headRow, printInformation } from '../../../electron/printing/label/brotherQl';

describe('Brother QL raster', () => {
  const roll62 = brotherMedia('62');

  it('mirrors a row onto the 720-dot head, ending the picture 12 dots from the right end on a 62 mm roll', () => {
    const label = blankBitmap(696, 1);
    label.data[0] = 0x80; // the label's leftmost dot
    const row = headRow(label, 0, roll62);
    expect(row).toHaveLength(90);
    // mirrored: the leftmost dot lands at head dot 12 + 696 - 1 = 707
    expect(row[707 >> 3]).toBe(0x80 >> (707 & 7));
    expect(row.reduce((n, b) => n + b, 0)).toBe(0x80 >> (707 & 7));
  });

  it('writes ESC i z with the media kind, size in mm and the number of lines', () => {
    expect(printInformation(brotherMedia('62x100'), 1109, true)).toEqual([0x1b, 0x69, 0x7a, 0xce, 0x0b, 62, 100, 0x55, 0x04, 0, 0, 0, 0]);
    expect(printInformation(roll62, 300, false).slice(4, 12)).toEqual([0x0a, 62, 0, 0x2c, 0x01, 0, 0, 1]);
  });

  it('frames a job: invalidate, initialise, raster mode, per page settings and lines, FF between pages and Ctrl-Z at the end', () => {
    const label = bitmapFromArt(['#', '.']);
    const out = encodeBrotherQl([label], { media: brotherMedia('17x54'), copies: 2, cut: true });
    expect(out.subarray(0, 400).every((b) => b === 0)).toBe(true);
    expect([...out.subarray(400, 406)]).toEqual([0x1b, 0x40, 0x1b, 0x69, 0x61, 0x01]);
    const page = [
      0x1b, 0x69, 0x7a, 0xce, 0x0b, 17, 54, 2, 0, 0, 0, 0, 0, 0x1b, 0x69, 0x4d, 0x40, 0x1b, 0x69, 0x41, 0x01, 0x1b, 0x69, 0x4b, 0x08, 0x1b,
      0x69, 0x64, 0, 0, 0x4d, 0x02,
    ];
    const rest = [...out.subarray(406)];
    expect(rest.slice(0, page.length)).toEqual(page);
    // 17x54: the picture's single dot, mirrored, at head dot 0 + 1 - 1 = 0: literal 0x80 then 89 zeros
    expect(rest.slice(page.length, page.length + 8)).toEqual([0x67, 0x00, 4, 0x00, 0x80, 0xa8, 0x00, 0x67]);
    expect(rest.filter((b) => b === 0x0c)).toHaveLength(1);
    expect(rest.at(-1)).toBe(0x1a);
  });

  it('refuses a label wider than the roll prints, with a sentence', () => {
    expect(() => encodeBrotherQl([blankBitmap(700, 10)], { media: roll62, copies: 1 })).toThrow(/62 mm Brother roll prints 696/);
  });

  it('keeps every roll inside the tape and the 720-dot head', () => {
    for (const media of Object.values(BROTHER_MEDIA)) {
      expect(media.printableWidthDots).toBeLessThanOrEqual(tapeDots(media));
      expect(media.printableWidthDots + media.rightOffsetDots).toBeLessThanOrEqual(720);
    }
  });
});
