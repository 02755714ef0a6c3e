/**
 * Paper names as spoolers and drivers spell them (a PPD's `A4`, a Windows form "Letter", a label roll "4 x 6",
 * CUPS' `w288h432`) mapped onto our paper sizes. One table, so every driver reads the same names the same way.
 */
import type { PaperSize } from './order';

const PAPER_NAMES: Record<string, PaperSize> = {
  a3: 'A3',
  a4: 'A4',
  a5: 'A5',
  a6: 'A6',
  letter: 'Letter',
  legal: 'Legal',
  '4x6': 'Label-4x6',
  '4"x6"': 'Label-4x6',
  '4.00x6.00': 'Label-4x6',
  '100x150mm': 'Label-4x6',
  w288h432: 'Label-4x6',
};

/** The paper size a name stands for, or undefined; case, spaces and a trailing "(…)" remark are ignored. */
export function paperSizeFromName(name: string): PaperSize | undefined {
  const words = name
    .toLowerCase()
    .replace(/\s*\(.*\)$/, '')
    .trim();
  return (
    PAPER_NAMES[words.replace(/\s+/g, '')] ?? (/\b4\s*x\s*6\b/.test(words) ? 'Label-4x6' : undefined) ?? shortSizeOfPwgName(name.trim())
  );
}

/** A PWG 5101.1 name of one of our sizes (`iso_a5_148x210mm`, `om_a5-ish_148.5x210mm`) as that size. */
function shortSizeOfPwgName(name: string): PaperSize | undefined {
  const media = PWG_MEDIA_NAME.test(name) ? parseMediaName(name) : undefined;
  if (!media || media.heightMm === null) return undefined;
  const [w, h] = media.widthMm <= media.heightMm ? [media.widthMm, media.heightMm] : [media.heightMm, media.widthMm];
  return shortNamesFitting({ name, widthMm: w, heightMm: h })[0];
}

/**
 * A medium as the station compares it: a short name (A4, Letter, Label-4x6) or a PWG 5101.1 self-describing name
 * `class_name_WxHunit` (`oe_4x6-label_4x6in`, `om_62x100mm_62x100mm`), so a label shop can name what it stocks.
 * `heightMm` null is a continuous roll: its class is `roll` (`roll_max_62x1000mm`), its name says roll or
 * continuous (`oe_62mm-roll_62x1000mm`), or its length is 0 (`om_continuous-62mm_62x0mm`).
 */
export interface Media {
  name: string;
  widthMm: number;
  heightMm: number | null;
}

/** Portrait sizes of the short names, in millimetres. */
const SHORT_MEDIA: Record<PaperSize, { widthMm: number; heightMm: number }> = {
  A3: { widthMm: 297, heightMm: 420 },
  A4: { widthMm: 210, heightMm: 297 },
  A5: { widthMm: 148, heightMm: 210 },
  A6: { widthMm: 105, heightMm: 148 },
  Letter: { widthMm: 215.9, heightMm: 279.4 },
  Legal: { widthMm: 215.9, heightMm: 355.6 },
  'Label-4x6': { widthMm: 101.6, heightMm: 152.4 },
};

/** PWG 5101.1 §5: lowercase class, a name of lowercase letters, digits, '.', '-', then the size with its unit. */
export const PWG_MEDIA_NAME = /^([a-z0-9]+)_([a-z0-9.-]+)_(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in)$/;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The medium a name stands for, or undefined when it is neither a short name nor a well-formed PWG name. */
export function parseMediaName(name: string): Media | undefined {
  const short = SHORT_MEDIA[name as PaperSize];
  if (short && Object.hasOwn(SHORT_MEDIA, name)) return { name, ...short };
  const m = PWG_MEDIA_NAME.exec(name);
  if (!m) return undefined;
  const [, klass, label, w, h, unit] = m as unknown as [string, string, string, string, string, 'mm' | 'in'];
  const scale = unit === 'in' ? 25.4 : 1;
  const widthMm = round2(Number(w) * scale);
  const lengthMm = round2(Number(h) * scale);
  if (widthMm <= 0) return undefined;
  const roll = klass === 'roll' || /(^|-)(roll|continuous)(-|$)/.test(label) || lengthMm === 0;
  return { name, widthMm, heightMm: roll ? null : lengthMm };
}

/** A short name matches a medium this close (inches written to two places, a PPD's rounded sizes). */
export const MEDIA_TOLERANCE_MM = 1;
const same = (a: number, b: number) => Math.abs(a - b) <= MEDIA_TOLERANCE_MM;

/**
 * Whether an order asking for `wanted` can be printed on one of the `loaded` media: the same size under any name,
 * or a continuous roll of the label's width (the printer cuts the label off the roll). An order for a roll needs a
 * roll of its width. Decided by mediaAccepting, so this and the claim query (which sends the same names and
 * patterns to the database) can never disagree.
 */
export function mediaFits(wanted: string, loaded: readonly string[]): boolean {
  const { names, patterns } = mediaAccepting(loaded);
  return names.includes(wanted) || patterns.some((p) => p.test(wanted));
}

/**
 * What a printer with these media loaded accepts as an order's media: exact names (its own, and the short names of
 * the same size) and patterns for PWG names of the same size in either unit, as the order may spell it (62 mm is
 * `62`, `62.0` in mm or `2.44` in inches). A die-cut or sheet size never accepts a roll; a roll accepts any length.
 */
export function mediaAccepting(loaded: readonly string[]): { names: string[]; patterns: RegExp[] } {
  const names = new Set<string>(loaded);
  const patterns: RegExp[] = [];
  for (const name of loaded) {
    const media = parseMediaName(name);
    if (!media) continue;
    for (const short of shortNamesFitting(media)) names.add(short);
    const sizes = (unit: 'mm' | 'in') => {
      const scale = unit === 'in' ? 25.4 : 1;
      const width = numberPattern(media.widthMm / scale);
      const length = media.heightMm === null ? '\\d+(?:\\.\\d+)?' : numberPattern(media.heightMm / scale);
      return `${width}x${length}${unit}`;
    };
    const notRoll = media.heightMm === null ? '' : '(?!roll_)';
    const nameNotRoll = media.heightMm === null ? '' : '(?!(?:[a-z0-9.-]*-)?(?:roll|continuous)[-_])';
    patterns.push(new RegExp(`^${notRoll}[a-z0-9]+_${nameNotRoll}[a-z0-9.-]+_(?:${sizes('mm')}|${sizes('in')})$`));
  }
  return { names: [...names], patterns };
}

/** A size as a PWG name writes it, to two decimals, with any trailing zeros: 62 → `62(?:\.0*)?`, 2.4409 → `2\.440*`. */
function numberPattern(value: number): string {
  const text = String(Number(value.toFixed(2)));
  return text.includes('.') ? `${text.replace('.', '\\.')}0*` : `${text}(?:\\.0*)?`;
}

/** The short names of a size, for matching an order that uses them (`Label-4x6` on a printer with `oe_4x6-label_4x6in`). */
export function shortNamesFitting(media: Media): PaperSize[] {
  return (Object.keys(SHORT_MEDIA) as PaperSize[]).filter((size) => {
    const s = SHORT_MEDIA[size];
    return same(s.widthMm, media.widthMm) && (media.heightMm === null || same(s.heightMm, media.heightMm));
  });
}
