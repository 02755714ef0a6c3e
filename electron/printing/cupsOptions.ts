/**
 * The order's PrintingOptions as IPP job attributes, and a CUPS queue's printer attributes as our
 * PrinterCapabilities. Pure: both directions are tested without a cupsd.
 */
import type { IppGroup, IppValue } from '@sealsystems/ipp';
import { PAPER_SIZES, paperSizeFromName, type PaperSize, type PrinterCapabilities, type PrintingOptions } from '../../shared/domain';
import { asArray, asStrings } from './cupsIppClient';

/** Each paper size's PWG 5101.1 media keyword and its size in millimetres (portrait). */
export const PWG_MEDIA: Record<PaperSize, { keyword: string; widthMm: number; heightMm: number }> = {
  A3: { keyword: 'iso_a3_297x420mm', widthMm: 297, heightMm: 420 },
  A4: { keyword: 'iso_a4_210x297mm', widthMm: 210, heightMm: 297 },
  A5: { keyword: 'iso_a5_148x210mm', widthMm: 148, heightMm: 210 },
  A6: { keyword: 'iso_a6_105x148mm', widthMm: 105, heightMm: 148 },
  Letter: { keyword: 'na_letter_8.5x11in', widthMm: 215.9, heightMm: 279.4 },
  Legal: { keyword: 'na_legal_8.5x14in', widthMm: 215.9, heightMm: 355.6 },
  'Label-4x6': { keyword: 'na_index-4x6_4x6in', widthMm: 101.6, heightMm: 152.4 },
};

// PPD-derived names are rounded (CUPS-PDF lists A5 as custom_148.52x209.9mm): a millimetre of slack matches them.
const SIZE_TOLERANCE_MM = 1.5;

/** The paper size a PWG media keyword (e.g. `iso_a4_210x297mm`, `oe_4x6-label_4x6in`) describes, if it is one of ours. */
export function paperSizeOfMedia(keyword: string): PaperSize | undefined {
  const match = /_(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in)$/.exec(keyword);
  // Queues set up with `lp -o media=A4` echo the PPD's own names back.
  if (!match) return paperSizeFromName(keyword);
  const scale = match[3] === 'in' ? 25.4 : 1;
  const a = Number(match[1]) * scale;
  const b = Number(match[2]) * scale;
  const [w, h] = a <= b ? [a, b] : [b, a];
  return PAPER_SIZES.find((size) => {
    const m = PWG_MEDIA[size];
    return Math.abs(m.widthMm - w) <= SIZE_TOLERANCE_MM && Math.abs(m.heightMm - h) <= SIZE_TOLERANCE_MM;
  });
}

/**
 * The job template attributes for an order. When the queue's `media-supported` is known, the keyword the queue
 * itself lists for that size is used, so a PPD's rounded custom name still selects the right paper.
 */
export function ippJobAttributes(options: PrintingOptions, mediaSupported: string[] = []): IppGroup {
  const wanted = options.paperSize;
  // A PWG name (oe_4x6-label_4x6in) is already an IPP media keyword; a short name maps to the queue's own keyword.
  const media =
    mediaSupported.find((k) => k === wanted || paperSizeOfMedia(k) === wanted) ??
    (Object.hasOwn(PWG_MEDIA, wanted) ? PWG_MEDIA[wanted as PaperSize].keyword : wanted);
  return {
    media,
    sides: options.duplex ? 'two-sided-long-edge' : 'one-sided',
    'print-color-mode': options.color ? 'color' : 'monochrome',
    copies: options.copies,
  };
}

/** The options as CUPS recorded them on a job (Get-Job-Attributes), for reading back what reached the spooler. */
export function printingOptionsOfJob(job: IppGroup): Partial<PrintingOptions> {
  const read: Partial<PrintingOptions> = {};
  const media = asStrings(job.media)[0];
  const paperSize = media ? paperSizeOfMedia(media) : undefined;
  if (paperSize) read.paperSize = paperSize;
  const sides = asStrings(job.sides)[0];
  if (sides) read.duplex = sides.startsWith('two-sided');
  const colorMode = asStrings(job['print-color-mode'])[0];
  if (colorMode) read.color = colorMode === 'color';
  const copies = asArray(job.copies)[0];
  if (typeof copies === 'number') read.copies = copies;
  return read;
}

/** The attributes capabilitiesOfPrinter reads: ask for exactly these in Get-Printer-Attributes. */
export const CAPABILITY_ATTRIBUTES = [
  'media-supported',
  'media-ready',
  'color-supported',
  'print-color-mode-supported',
  'sides-supported',
  'copies-supported',
];

/**
 * What a queue can do, from its printer attributes. A queue listing none of our paper sizes still gets A4 so the
 * capabilities stay valid; the operator corrects it in settings (capabilities are editable).
 */
export function capabilitiesOfPrinter(printer: IppGroup): PrinterCapabilities {
  const media = [...asStrings(printer['media-supported']), ...asStrings(printer['media-ready'])];
  const paperSizes = PAPER_SIZES.filter((size) => media.some((k) => paperSizeOfMedia(k) === size));
  const colorModes = asStrings(printer['print-color-mode-supported']);
  const color = printer['color-supported'] === true || colorModes.includes('color');
  const duplex = asStrings(printer['sides-supported']).some((s) => s.startsWith('two-sided'));
  return { paperSizes: paperSizes.length > 0 ? paperSizes : ['A4'], color, duplex, maxCopies: maxCopies(printer['copies-supported']) };
}

function maxCopies(value: IppValue | undefined): number {
  // copies-supported is a rangeOfInteger [1, 9999]; the parser gives it as a two-number array.
  const range = asArray(value);
  const upper = range.length === 2 && typeof range[1] === 'number' ? range[1] : undefined;
  return upper && upper >= 1 ? upper : 1;
}
