/**
 * Why an idle printer takes none of the pending orders (DESIGN §5, issue 11): they are held, pinned to other printers
 * or stations, or need what it lacks. The station counts them (station/printer/idleReason.ts) and says it in English
 * as the printer's `notClaimingReason`; the console finds the counts again in that sentence and says it in the
 * operator's language (idleQueueSaidIn), as orderOutcomeSaidIn does for an order command's answer.
 */
import { PrintingOptions, capabilityMismatch, type PrinterCapabilities } from './domain';

export const IDLE_KINDS = ['held', 'pinnedToPrinters', 'pinnedToStations', 'unfit'] as const;
export type IdleKind = (typeof IDLE_KINDS)[number];

/** How the pending orders stand for one printer; `more` when the look at the queue stopped at its limit. */
export type IdleCounts = Record<IdleKind, number> & { fits: number; more: boolean };

/** A pending order as the station's look at the queue reads it. */
export interface GlancedOrder {
  hold?: unknown;
  pinnedPrinterId?: unknown;
  pinnedStationId?: unknown;
  printingOptions?: unknown;
}

export function idleCounts(
  printer: { printerId: string; stationId: string; capabilities: PrinterCapabilities },
  glance: { orders: GlancedOrder[]; more: boolean },
): IdleCounts {
  const counts: IdleCounts = { held: 0, pinnedToPrinters: 0, pinnedToStations: 0, unfit: 0, fits: 0, more: glance.more };
  for (const order of glance.orders) {
    if (order.hold != null) counts.held++;
    else if (typeof order.pinnedPrinterId === 'string' && order.pinnedPrinterId !== printer.printerId) counts.pinnedToPrinters++;
    else if (typeof order.pinnedStationId === 'string' && order.pinnedStationId !== printer.stationId) counts.pinnedToStations++;
    else {
      const options = PrintingOptions.safeParse(order.printingOptions ?? {});
      // A malformed order is the unprintable sweep's to fail: it says nothing about this printer.
      if (!options.success) continue;
      if (capabilityMismatch(options.data, printer.capabilities)) counts.unfit++;
      else counts.fits++;
    }
  }
  return counts;
}

/** The sentence's words in one language. `count` is already a numeral ("3", or "200+" when the look stopped). */
export interface IdleQueueWords {
  /** Every pending order needs what the printer lacks (no count: the sentence the station has always said). */
  unfitOnly: string;
  onlyOne(kind: string): string;
  allOf(count: string, kind: string): string;
  noneOf(count: string, parts: string): string;
  part(n: number, kind: string): string;
  separator: string;
  kinds: Record<IdleKind, { one: string; many: string }>;
}

export const ENGLISH_IDLE_QUEUE: IdleQueueWords = {
  unfitOnly: 'no pending order fits its paper/colour/duplex',
  onlyOne: (kind) => `the only pending order is ${kind}`,
  allOf: (count, kind) => `the ${count} pending orders are ${kind}`,
  noneOf: (count, parts) => `none of the ${count} pending orders is for it: ${parts}`,
  part: (n, kind) => `${n} ${kind}`,
  separator: ', ',
  kinds: {
    held: { one: 'held', many: 'held' },
    pinnedToPrinters: { one: 'pinned to another printer', many: 'pinned to other printers' },
    pinnedToStations: { one: 'pinned to another station', many: 'pinned to other stations' },
    unfit: { one: 'does not fit its paper/colour/duplex', many: 'do not fit its paper/colour/duplex' },
  },
};

/**
 * "the only pending order is held", "the 2 pending orders are pinned to other printers", "none of the 3 pending
 * orders is for it: 1 held, 2 pinned to other printers"; undefined when an order is for it (another printer was
 * quicker) or nothing waits.
 */
export function idleQueueSentence(c: IdleCounts, words: IdleQueueWords = ENGLISH_IDLE_QUEUE): string | undefined {
  if (c.fits > 0) return undefined;
  const present = IDLE_KINDS.filter((kind) => c[kind] > 0);
  const total = present.reduce((sum, kind) => sum + c[kind], 0);
  if (total === 0) return undefined;
  const count = c.more ? `${total}+` : String(total);
  if (present.length === 1) {
    const kind = present[0]!;
    if (kind === 'unfit') return words.unfitOnly;
    return total === 1 && !c.more ? words.onlyOne(words.kinds[kind].one) : words.allOf(count, words.kinds[kind].many);
  }
  const parts = present.map((kind) => words.part(c[kind], c[kind] === 1 ? words.kinds[kind].one : words.kinds[kind].many));
  return words.noneOf(count, parts.join(words.separator));
}

/**
 * A printer's English reason said again in `words`, when it is one of the sentences above; undefined for any other
 * reason (then the station's own text is shown). The counts found are checked by saying them again in English.
 */
export function idleQueueSaidIn(reason: string, words: IdleQueueWords): string | undefined {
  const counts = idleCountsIn(reason);
  return counts && idleQueueSentence(counts, words);
}

function idleCountsIn(reason: string): IdleCounts | undefined {
  const en = ENGLISH_IDLE_QUEUE;
  const counts: IdleCounts = { held: 0, pinnedToPrinters: 0, pinnedToStations: 0, unfit: 0, fits: 0, more: false };
  const kindOf = (text: string, form: 'one' | 'many') => IDLE_KINDS.find((kind) => en.kinds[kind][form] === text);
  let m: RegExpMatchArray | null;
  if (reason === en.unfitOnly) counts.unfit = 1;
  else if ((m = reason.match(/^the only pending order is (.+)$/))) {
    const kind = kindOf(m[1]!, 'one');
    if (!kind) return undefined;
    counts[kind] = 1;
  } else if ((m = reason.match(/^the (\d+)(\+?) pending orders are (.+)$/))) {
    const kind = kindOf(m[3]!, 'many');
    if (!kind) return undefined;
    counts[kind] = Number(m[1]);
    counts.more = m[2] === '+';
  } else if ((m = reason.match(/^none of the (\d+)(\+?) pending orders is for it: (.+)$/))) {
    counts.more = m[2] === '+';
    for (const part of m[3]!.split(en.separator)) {
      const p = part.match(/^(\d+) (.+)$/);
      const kind = p && kindOf(p[2]!, p[1] === '1' ? 'one' : 'many');
      if (!p || !kind) return undefined;
      counts[kind] = Number(p[1]);
    }
  } else return undefined;
  return idleQueueSentence(counts) === reason ? counts : undefined;
}
