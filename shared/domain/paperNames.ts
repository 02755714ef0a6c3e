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
  const words = name.toLowerCase().replace(/\s*\(.*\)$/, '').trim();
  return PAPER_NAMES[words.replace(/\s+/g, '')] ?? (/\b4\s*x\s*6\b/.test(words) ? 'Label-4x6' : undefined);
}
