/**
 * Labels as Brother QL raster (the "raster command reference" of the QL-5xx/7xx/8xx): invalidate, initialise,
 * raster mode, then per page the print information (media, length in lines), cut and margin settings, compression on,
 * one `g` line per 720-dot head row (90 bytes, PackBits) and a print command: FF between pages, Ctrl-Z after the last.
 *
 * The head prints a row mirrored and the tape sits against the right end of the head, so a label row is reversed and
 * placed `rightOffsetDots` from that end. Blank rows go as a compressed `g` line (5 bytes) rather than `Z`: the older
 * QL-500/550 do not know `Z`, and neither does brother_ql's reader the tests decode with.
 */
import { isBlack, type Bitmap } from './bitmap';
import { BROTHER_HEAD_DOTS, type BrotherMedia } from './brotherMedia';
import { packBits } from './packbits';

export type { BrotherMedia } from './brotherMedia';

export interface BrotherQlOptions {
  media: BrotherMedia;
  copies: number;
  /** Cut after each label (models with a cutter; default true for die-cut and continuous alike). */
  cut?: boolean;
}

const ESC = 0x1b;
const LINE_BYTES = BROTHER_HEAD_DOTS / 8;
/** Newer models (QL-8xx, QL-1100) ask for 400 null bytes to clear a half-received job; older ones take 200. Nulls are harmless. */
const INVALIDATE_BYTES = 400;

export function encodeBrotherQl(labels: Bitmap[], o: BrotherQlOptions): Buffer {
  const { media } = o;
  if (!Number.isInteger(o.copies) || o.copies < 1 || o.copies > 999) throw new Error(`Brother QL copies must be 1..999, got ${o.copies}.`);
  if (labels.length === 0) throw new Error('There is no label to print.');
  for (const label of labels) checkFits(label, media);
  const cut = o.cut ?? true;
  const pages = Array.from({ length: o.copies }, () => labels).flat();
  const out: number[] = [...new Array<number>(INVALIDATE_BYTES).fill(0), ESC, 0x40, ESC, 0x69, 0x61, 0x01];
  pages.forEach((label, index) => {
    out.push(...printInformation(media, label.height, index === 0));
    out.push(ESC, 0x69, 0x4d, cut ? 0x40 : 0x00); // various mode: auto cut
    if (cut) out.push(ESC, 0x69, 0x41, 0x01); // cut every 1 label
    out.push(ESC, 0x69, 0x4b, cut ? 0x08 : 0x00); // expanded mode: cut at end
    out.push(ESC, 0x69, 0x64, media.feedMarginDots & 0xff, media.feedMarginDots >> 8);
    out.push(0x4d, 0x02); // compression: PackBits (TIFF)
    for (let y = 0; y < label.height; y++) {
      const packed = packBits(headRow(label, y, media));
      out.push(0x67, 0x00, packed.length, ...packed);
    }
    out.push(index === pages.length - 1 ? 0x1a : 0x0c);
  });
  return Buffer.from(out);
}

/** ESC i z: which fields are valid (kind, width, length, quality first), media type, mm, raster lines, first page or not. */
export function printInformation(media: BrotherMedia, lines: number, firstPage: boolean): number[] {
  const valid = 0x80 | 0x02 | 0x04 | 0x08 | 0x40;
  return [
    ESC,
    0x69,
    0x7a,
    valid,
    media.kind === 'continuous' ? 0x0a : 0x0b,
    media.widthMm,
    media.lengthMm,
    lines & 0xff,
    (lines >> 8) & 0xff,
    (lines >> 16) & 0xff,
    (lines >>> 24) & 0xff,
    firstPage ? 0x00 : 0x01,
    0x00,
  ];
}

/** One label row as the head wants it: 90 bytes, mirrored, the picture ending `rightOffsetDots` from the right end. */
export function headRow(label: Bitmap, y: number, media: BrotherMedia): Uint8Array {
  const row = new Uint8Array(LINE_BYTES);
  const last = media.rightOffsetDots + label.width - 1;
  for (let x = 0; x < label.width; x++) {
    if (!isBlack(label, x, y)) continue;
    const dot = last - x;
    row[dot >> 3]! |= 0x80 >> (dot & 7);
  }
  return row;
}

function checkFits(label: Bitmap, media: BrotherMedia): void {
  if (label.width > media.printableWidthDots) {
    throw new Error(
      `The label is ${label.width} dots wide but the ${media.id} mm Brother roll prints ${media.printableWidthDots}; render it for this roll.`,
    );
  }
  if (media.printableLengthDots !== null && label.height > media.printableLengthDots) {
    throw new Error(
      `The label is ${label.height} dots long but the ${media.id} mm Brother label prints ${media.printableLengthDots}; render it for this label.`,
    );
  }
}
