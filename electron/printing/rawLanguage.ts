/**
 * What an order file is, from its first bytes: a PDF, or ZPL (a printer language a Zebra reads as is). Pure, so
 * the fetcher, the raw driver and the tests' label counters read files the same way.
 */

export type DocumentFormat = 'pdf' | 'zpl';

/** 'unknown' while too few bytes arrived to tell; 'other' when it is neither. */
export type SniffResult = DocumentFormat | 'other' | 'unknown';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x00]);

/** The bytes after a UTF-8 byte order mark and leading whitespace (a ZPL file saved by a text editor has both). */
function afterLeadingSpace(head: Buffer): Buffer {
  let i = head.subarray(0, 3).equals(BOM) ? 3 : 0;
  while (i < head.length && WHITESPACE.has(head[i]!)) i++;
  return head.subarray(i);
}

/**
 * A PDF starts with `%PDF-` (the first byte, as every printer and viewer expects); ZPL with `^XA` after optional
 * whitespace or a BOM (ZPL commands are not case-sensitive). `complete`: no more bytes will come.
 */
export function sniffFormat(head: Buffer, { complete = false }: { complete?: boolean } = {}): SniffResult {
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  // Still a prefix of "%PDF-", or only a BOM and whitespace so far: wait for more.
  if (!complete && head.length < 5 && '%PDF-'.startsWith(head.toString('latin1'))) return 'unknown';
  const text = afterLeadingSpace(head);
  if (text.length >= 3) return text.subarray(0, 3).toString('latin1').toUpperCase() === '^XA' ? 'zpl' : 'other';
  if (complete) return 'other';
  return '^XA'.startsWith(text.toString('latin1').toUpperCase()) || BOM.subarray(0, head.length).equals(head) ? 'unknown' : 'other';
}

/** Enough bytes to decide, even behind a long run of blank lines. */
export const SNIFF_BYTES = 4096;

/** The labels a ZPL file prints: each `^XA … ^XZ` format once per `^PQ` quantity (default 1). */
export function countZplLabels(zpl: string): number {
  let labels = 0;
  for (const match of zpl.matchAll(/\^XA([\s\S]*?)\^XZ/gi)) {
    const quantity = /\^PQ(\d+)/i.exec(match[1]!);
    labels += quantity ? Math.max(1, Number(quantity[1])) : 1;
  }
  return labels;
}

export const FORMAT_NAME: Record<DocumentFormat, string> = { pdf: 'PDF', zpl: 'ZPL' };

/**
 * The language a raw 9100 printer most likely reads, from its model name (a DNS-SD `ty`, a display name): Brother
 * QL models read QL raster, everything else on port 9100 is taken to be a Zebra-compatible ZPL printer. A guess for
 * a suggested config entry only; the operator confirms it.
 */
export function guessRawLanguage(model: string): 'zpl' | 'brother_ql' {
  return /\bbrother\b|\bQL-?\d/i.test(model) ? 'brother_ql' : 'zpl';
}
