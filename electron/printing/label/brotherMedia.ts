/**
 * The Brother DK rolls a QL printer takes, as its raster reference gives them at 300 dpi: the printable dots across
 * (and along, for die-cut labels), how far the picture sits from the right end of the 720-dot head, and the feed
 * margin. Figures match the Brother QL raster command reference (QL-5xx/7xx/8xx, 720-dot head); the wide QL-1050/1060N
 * (1296-dot head) rolls are not listed on purpose: their lines are 162 bytes, which this encoder does not write.
 */
import { mmToDots } from './labelFit';

export interface BrotherMedia {
  /** Brother's short name: '62' continuous, '62x100' die-cut … */
  id: string;
  kind: 'continuous' | 'die-cut';
  widthMm: number;
  /** 0 for continuous rolls. */
  lengthMm: number;
  /** Printable dots across the tape at 300 dpi. */
  printableWidthDots: number;
  /** Printable dots along a die-cut label; null on a continuous roll. */
  printableLengthDots: number | null;
  /** Dots between the picture's right edge and the head's right end (the head is 720 dots; the tape sits right). */
  rightOffsetDots: number;
  /** Feed margin in dots (ESC i d): 35 (3 mm) on continuous rolls, 0 on die-cut labels. */
  feedMarginDots: number;
}

const continuous = (widthMm: number, printableWidthDots: number, rightOffsetDots: number): BrotherMedia => ({
  id: String(widthMm),
  kind: 'continuous',
  widthMm,
  lengthMm: 0,
  printableWidthDots,
  printableLengthDots: null,
  rightOffsetDots,
  feedMarginDots: 35,
});
const dieCut = (widthMm: number, lengthMm: number, printable: [number, number], rightOffsetDots: number): BrotherMedia => ({
  id: `${widthMm}x${lengthMm}`,
  kind: 'die-cut',
  widthMm,
  lengthMm,
  printableWidthDots: printable[0],
  printableLengthDots: printable[1],
  rightOffsetDots,
  feedMarginDots: 0,
});

export const BROTHER_MEDIA: Record<string, BrotherMedia> = Object.fromEntries(
  [
    continuous(12, 106, 29),
    continuous(29, 306, 6),
    continuous(38, 413, 12),
    continuous(50, 554, 12),
    continuous(54, 590, 0),
    continuous(62, 696, 12),
    dieCut(17, 54, [165, 566], 0),
    dieCut(17, 87, [165, 956], 0),
    dieCut(29, 42, [306, 425], 6),
    dieCut(29, 90, [306, 991], 6),
    dieCut(38, 90, [413, 991], 12),
    dieCut(52, 29, [578, 271], 0),
    dieCut(62, 29, [696, 271], 12),
    dieCut(62, 100, [696, 1109], 12),
  ].map((m) => [m.id, m]),
);

export const BROTHER_DPI = 300;
export const BROTHER_HEAD_DOTS = 720;

export function brotherMedia(id: string): BrotherMedia {
  const media = BROTHER_MEDIA[id];
  if (!media) throw new Error(`Brother label '${id}' is not known; known rolls: ${Object.keys(BROTHER_MEDIA).join(', ')}.`);
  return media;
}

/** What the rasteriser should draw for this roll: the printable area at 300 dpi. */
export function brotherLabelTarget(media: BrotherMedia): { dpi: number; widthDots: number; heightDots: number | null } {
  return { dpi: BROTHER_DPI, widthDots: media.printableWidthDots, heightDots: media.printableLengthDots };
}

/** Sanity link between the table and the tape: printable width never exceeds the tape at 300 dpi. */
export function tapeDots(media: BrotherMedia): number {
  return mmToDots(media.widthMm, BROTHER_DPI);
}
