/**
 * What a raw 9100 printer is sent for an order file: a PDF rendered at the printer's resolution onto the loaded
 * media the order asked for and encoded in the printer's language (ZPL or Brother QL raster); a ZPL file unchanged,
 * only to a ZPL printer set to pass it through. A PDF itself never goes to a label printer (DESIGN §8).
 */
import { mediaFits, parseMediaName, type Media, type PrintingOptions } from '../../shared/domain';
import { PrintFailure } from './driver';
import { BROTHER_DPI, BROTHER_MEDIA, brotherLabelTarget, type BrotherMedia } from './label/brotherMedia';
import { encodeBrotherQl } from './label/brotherQl';
import { mmToDots } from './label/labelFit';
import { renderPdfToLabels } from './label/rasterize';
import { encodeZpl } from './label/zpl';
import { countZplLabels, sniffFormat } from './rawLanguage';

export type RawLanguage = 'zpl' | 'brother_ql';

export interface RawLabelSetup {
  /** For sentences. */
  printerName: string;
  /** Undefined: an older profile that only passes printer-language files through; it refuses PDFs. */
  language?: RawLanguage;
  /** Dots per inch of the head; Brother QL is always 300. Default 203 for ZPL. */
  dpi?: number;
  /** The media loaded (short or PWG 5101.1 names). */
  media?: readonly string[];
  passThrough?: boolean;
  rasterMode?: 'threshold' | 'dither';
  threshold?: number;
}

export interface RawLabelJob {
  bytes: Buffer;
  /** Labels the printer should put out: what "printing completed" / the label counter is measured against. */
  labels: number;
  /** Labels in one ZPL format (its ^PQ), for reading "formats in buffer" as labels. */
  labelsPerFormat: number;
  format: 'zpl' | 'brother_ql' | 'pass-through';
  /** Brother: the loaded medium the job was made for (its name and the roll's width), to check against the printer. */
  loaded?: { name: string; widthMm: number };
}

export async function prepareRawLabelJob(setup: RawLabelSetup, file: Buffer, options: PrintingOptions): Promise<RawLabelJob> {
  const kind = sniffFormat(file.subarray(0, 4096), { complete: true });
  if (setup.language === undefined && kind !== 'pdf') {
    // An older profile with no language: the file is taken to be in the printer's own language, as before.
    return {
      bytes: file,
      labels: kind === 'zpl' ? Math.max(1, countZplLabels(file.toString('latin1'))) : 1,
      labelsPerFormat: 1,
      format: 'pass-through',
    };
  }
  if (kind === 'zpl') {
    if (setup.language === 'zpl' && setup.passThrough) {
      const labels = countZplLabels(file.toString('latin1'));
      return { bytes: file, labels, labelsPerFormat: 1, format: 'pass-through' };
    }
    const why = setup.language === 'zpl' ? 'is not set to pass ZPL through (passThrough)' : 'speaks Brother QL raster, not ZPL';
    throw refuse(`The order file is ZPL, but printer ${setup.printerName} ${why}.`);
  }
  if (kind !== 'pdf') throw refuse(`The order file is neither a PDF nor ZPL; printer ${setup.printerName} cannot print it.`);
  if (!setup.language) {
    throw refuse(
      `Printer ${setup.printerName} is a raw 9100 printer with no language set; a label printer cannot read a PDF: set "language" to "zpl" or "brother_ql".`,
    );
  }
  const media = loadedMediaFor(setup, options.paperSize);
  const target = setup.language === 'brother_ql' ? brotherTarget(setup, media) : zplTarget(setup, media);
  const labels = await renderPdfToLabels(new Uint8Array(file), {
    ...target.size,
    mode: setup.rasterMode ?? 'threshold',
    ...(setup.threshold !== undefined ? { threshold: setup.threshold } : {}),
  }).catch((error: unknown) => {
    throw refuse(`The PDF could not be rendered for printer ${setup.printerName}: ${(error as Error).message}`, error);
  });
  if (labels.length === 0) throw refuse('The PDF has no page to print.');
  const copies = options.copies;
  try {
    if (setup.language === 'brother_ql') {
      const bytes = encodeBrotherQl(labels, { media: target.brother!, copies });
      return {
        bytes,
        labels: labels.length * copies,
        labelsPerFormat: 1,
        format: 'brother_ql',
        loaded: { name: media.loaded.name, widthMm: target.brother!.widthMm },
      };
    }
    return { bytes: encodeZpl(labels, { copies }), labels: labels.length * copies, labelsPerFormat: copies, format: 'zpl' };
  } catch (error) {
    // Nothing has gone to the printer yet: a label that cannot be encoded is the order's problem, not a maybe-print.
    throw refuse(`The labels could not be encoded for printer ${setup.printerName}: ${(error as Error).message}`, error);
  }
}

/** The loaded medium the order's media is printed on (a die-cut label of its size, or a roll of its width). */
function loadedMediaFor(setup: RawLabelSetup, wanted: string): { loaded: Media; order: Media } {
  const order = parseMediaName(wanted);
  const name = (setup.media ?? []).find((m) => mediaFits(wanted, [m]));
  const loaded = name ? parseMediaName(name) : undefined;
  if (!order || !loaded) {
    throw new PrintFailure(
      'capability_mismatch',
      `Printer ${setup.printerName} has ${(setup.media ?? []).join(', ') || 'no media'} loaded, not ${wanted}.`,
      { sent: 'no' },
    );
  }
  return { loaded, order };
}

type Target = { size: { dpi: number; widthDots: number; heightDots: number | null }; brother?: BrotherMedia };

function zplTarget(setup: RawLabelSetup, { loaded, order }: { loaded: Media; order: Media }): Target {
  const dpi = setup.dpi ?? 203;
  // On a roll the label is as long as the order's label; a roll order takes the page's own length.
  const lengthMm = loaded.heightMm ?? order.heightMm;
  return { size: { dpi, widthDots: mmToDots(loaded.widthMm, dpi), heightDots: lengthMm === null ? null : mmToDots(lengthMm, dpi) } };
}

function brotherTarget(setup: RawLabelSetup, { loaded, order }: { loaded: Media; order: Media }): Target {
  const id = loaded.heightMm === null ? `${Math.round(loaded.widthMm)}` : `${Math.round(loaded.widthMm)}x${Math.round(loaded.heightMm)}`;
  const brother = BROTHER_MEDIA[id];
  if (!brother) {
    throw refuse(
      `Printer ${setup.printerName} is set up with ${loaded.name}, which is not a Brother DK roll this station knows (${Object.keys(BROTHER_MEDIA).join(', ')} mm).`,
    );
  }
  const size = brotherLabelTarget(brother);
  if (brother.kind === 'continuous' && order.heightMm !== null) size.heightDots = mmToDots(order.heightMm, BROTHER_DPI);
  return { size, brother };
}

function refuse(message: string, cause?: unknown): PrintFailure {
  return new PrintFailure('invalid_data', message, { sent: 'no', ...(cause ? { cause } : {}) });
}
