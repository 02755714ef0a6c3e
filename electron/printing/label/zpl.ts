/**
 * Labels as ZPL II: each label one format (`^XA … ^XZ`) with its width (`^PW`) and length (`^LL`) and the picture as
 * one graphic field (`^GFA`) in Zebra's compressed ASCII form, then `^PQ` for the copies. The compressed form is hex
 * with run counts: G..Y = 1..19, g..z = 20..400 (added together, before the hex digit they repeat), `,` ends a row
 * with zeros (white), `!` ends it with F (black), `:` repeats the previous row. A 4x6 label at 203 dpi is ~250 KB as
 * plain hex and typically a few KB compressed: at 9600 bytes/s on a busy printer port that is the difference.
 */
import { bitmapRow, type Bitmap } from './bitmap';

export interface ZplOptions {
  copies: number;
}

export function encodeZpl(labels: Bitmap[], o: ZplOptions): Buffer {
  if (!Number.isInteger(o.copies) || o.copies < 1 || o.copies > 99_999_999)
    throw new Error(`ZPL copies must be 1..99999999, got ${o.copies}.`);
  const formats = labels.map((label) => {
    const total = label.bytesPerRow * label.height;
    return (
      `^XA\n^PW${label.width}\n^LL${label.height}\n` +
      `^FO0,0^GFA,${total},${total},${label.bytesPerRow},${compressGraphic(label)}^FS\n` +
      `^PQ${o.copies}\n^XZ\n`
    );
  });
  return Buffer.from(formats.join(''), 'ascii');
}

/** The whole picture in the compressed ASCII form, one row after the other. */
export function compressGraphic(label: Bitmap): string {
  const parts: string[] = [];
  let previous: string | undefined;
  for (let y = 0; y < label.height; y++) {
    const hex = Buffer.from(bitmapRow(label, y)).toString('hex').toUpperCase();
    parts.push(hex === previous ? ':' : compressRow(hex));
    previous = hex;
  }
  return parts.join('');
}

/** One row of hex digits: runs counted, a white or black tail closed by `,` or `!`. */
export function compressRow(hex: string): string {
  let end = hex.length;
  const last = hex[end - 1];
  let tail = '';
  if (last === '0' || last === 'F') {
    while (end > 0 && hex[end - 1] === last) end--;
    tail = last === '0' ? ',' : '!';
  }
  let out = '';
  for (let i = 0; i < end;) {
    let run = 1;
    while (i + run < end && hex[i + run] === hex[i]) run++;
    out += repeatRun(hex[i]!, run);
    i += run;
  }
  return out + tail;
}

/** The largest count one prefix can say is z (400) + Y (19); longer runs are said in pieces. */
const MAX_COUNT = 419;

export function repeatRun(digit: string, run: number): string {
  let out = '';
  for (let left = run; left > 0;) {
    const n = Math.min(left, MAX_COUNT);
    out += n <= 2 ? digit.repeat(n) : repeatCount(n) + digit;
    left -= n;
  }
  return out;
}

export function repeatCount(n: number): string {
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_COUNT)) throw new Error(`A ZPL repeat count is 1..${MAX_COUNT}, got ${n}.`);
  const twenties = Math.floor(n / 20);
  const ones = n % 20;
  return (twenties > 0 ? String.fromCharCode(0x66 + twenties) : '') + (ones > 0 ? String.fromCharCode(0x46 + ones) : '');
}
