/**
 * Where a PDF page lands on a label: the scale, whether it turns, and the offsets that centre it. Pure arithmetic,
 * so the rule can be read and tested without rendering anything.
 *
 * Rule: a die-cut label has a fixed shape; a landscape page on a portrait label (or the other way) turns a quarter
 * clockwise, then scales to fit (up or down, aspect kept) and is centred. A continuous roll has only a width: the page
 * never turns (a 62x29 mm page on a 62 mm roll is meant as drawn), it scales to the roll's width and the label is as
 * long as the page then is.
 */

export interface LabelTarget {
  dpi: number;
  widthDots: number;
  /** null = continuous roll: the label's length follows the page. */
  heightDots: number | null;
}

export interface LabelPlacement {
  /** Quarter turn clockwise before scaling. */
  rotate: boolean;
  /** Dots per PDF point (1 pt = 1/72 in), after the turn. */
  dotsPerPoint: number;
  widthDots: number;
  heightDots: number;
  /** Offset of the page's top-left corner on the label, whole dots (no half-dot edges on a thermal head). */
  offsetX: number;
  offsetY: number;
}

export function placePageOnLabel(pageWidthPt: number, pageHeightPt: number, target: LabelTarget): LabelPlacement {
  const { widthDots, heightDots } = checkTarget(target);
  if (!(pageWidthPt > 0 && pageHeightPt > 0)) throw new Error(`The PDF page has no size (${pageWidthPt} x ${pageHeightPt} pt).`);
  const pageLandscape = pageWidthPt > pageHeightPt;
  const rotate =
    heightDots !== null && pageWidthPt !== pageHeightPt && widthDots !== heightDots && pageLandscape !== widthDots > heightDots;
  const [w, h] = rotate ? [pageHeightPt, pageWidthPt] : [pageWidthPt, pageHeightPt];
  const dotsPerPoint = heightDots === null ? widthDots / w : Math.min(widthDots / w, heightDots / h);
  const labelHeight = heightDots ?? Math.max(1, Math.round(h * dotsPerPoint));
  return {
    rotate,
    dotsPerPoint,
    widthDots,
    heightDots: labelHeight,
    offsetX: Math.round((widthDots - w * dotsPerPoint) / 2),
    offsetY: Math.round((labelHeight - h * dotsPerPoint) / 2),
  };
}

function checkTarget(target: LabelTarget): LabelTarget {
  const { dpi, widthDots, heightDots } = target;
  if (![203, 300, 600].includes(dpi) && !(dpi >= 72 && dpi <= 1200))
    throw new Error(`The printer's resolution ${dpi} dpi is not one a label printer has.`);
  if (!Number.isInteger(widthDots) || widthDots < 1 || widthDots > 20_000)
    throw new Error(`The label width must be a whole number of dots, got ${widthDots}.`);
  if (heightDots !== null && (!Number.isInteger(heightDots) || heightDots < 1 || heightDots > 60_000)) {
    throw new Error(`The label length must be a whole number of dots or null for a continuous roll, got ${heightDots}.`);
  }
  return target;
}

/** Millimetres to dots at a resolution, rounded down (a dot that does not fit on the label is not printed). */
export function mmToDots(mm: number, dpi: number): number {
  return Math.floor((mm * dpi) / 25.4 + 1e-9);
}
