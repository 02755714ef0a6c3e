/**
 * The two pictures a label passes through: a grey rendering (one byte a dot, 0 = black, 255 = white, as PWG's sgray
 * counts) and the 1-bit label a thermal head prints (one bit a dot, most significant bit first, 1 = black, rows padded
 * to whole bytes). Every encoder takes one of these; nothing else about the PDF reaches them.
 */

/** A 1-bit label: 1 bit per dot, MSB first, 1 = black; each row is `bytesPerRow` bytes, padding bits are 0. */
export interface Bitmap {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

/** A grey page: 1 byte per dot, 0 = black, 255 = white (PWG sgray), rows of exactly `width` bytes. */
export interface GrayBitmap {
  width: number;
  height: number;
  gray: Uint8Array;
}

/** A colour page: 3 bytes a dot (red, green, blue; 255 255 255 = white, PWG srgb_8), rows of exactly `width * 3` bytes. */
export interface RgbBitmap {
  width: number;
  height: number;
  rgb: Uint8Array;
}

export function blankBitmap(width: number, height: number): Bitmap {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

export function isBlack(bitmap: Bitmap, x: number, y: number): boolean {
  return ((bitmap.data[y * bitmap.bytesPerRow + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1;
}

export function setBlack(bitmap: Bitmap, x: number, y: number): void {
  bitmap.data[y * bitmap.bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
}

/** One row's bytes (a view, not a copy). */
export function bitmapRow(bitmap: Bitmap, y: number): Uint8Array {
  return bitmap.data.subarray(y * bitmap.bytesPerRow, (y + 1) * bitmap.bytesPerRow);
}

/** Builds a label from rows of '#' (black) and '.' (white); for tests and small fixtures. */
export function bitmapFromArt(rows: string[]): Bitmap {
  const bitmap = blankBitmap(Math.max(0, ...rows.map((r) => r.length)), rows.length);
  rows.forEach((row, y) => [...row].forEach((c, x) => c === '#' && setBlack(bitmap, x, y)));
  return bitmap;
}

/** A 1-bit label as grey dots (black 0, white 255), for printers that take grey raster only. */
export function bitmapToGray(bitmap: Bitmap): GrayBitmap {
  const gray = new Uint8Array(bitmap.width * bitmap.height).fill(255);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) if (isBlack(bitmap, x, y)) gray[y * bitmap.width + x] = 0;
  }
  return { width: bitmap.width, height: bitmap.height, gray };
}

export function isGrayBitmap(page: Bitmap | GrayBitmap | RgbBitmap): page is GrayBitmap {
  return 'gray' in page;
}

export function isRgbBitmap(page: Bitmap | GrayBitmap | RgbBitmap): page is RgbBitmap {
  return 'rgb' in page;
}
