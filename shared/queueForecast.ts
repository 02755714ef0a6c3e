/**
 * What the pending list tells the operator about each order (issue 11): its place in the queue, the printer that
 * will take it (or why none can: "needs A3, no A3 printer online"), and about when it starts, from the printers'
 * recent pace. Pure: the UI passes the orders in claim order, the printers it knows and the time; nothing here
 * asks the station. A forecast, not a promise: the claim stays first come, first served among free printers.
 */
import {
  capabilityMisfit,
  capabilityMismatch,
  mediaFits,
  misfitNeed,
  type MisfitWords,
  type OrderHold,
  type PrinterCapabilities,
  type PrinterState,
  type PrintingOptions,
} from './domain';

export interface ForecastPrinter {
  printerId: string;
  name: string;
  stationId?: string;
  state: PrinterState;
  capabilities: PrinterCapabilities;
  /** When the job it is printing started (printing only). */
  jobStartedAt?: Date;
  /** How long an order has taken on it lately; undefined: not seen yet (the default pace applies). */
  paceMs?: number;
}

export interface ForecastOrder {
  orderId: string;
  printingOptions: PrintingOptions;
  hold?: OrderHold | null;
  pinnedPrinterId?: string | null;
  pinnedStationId?: string | null;
}

export interface OrderForecast {
  orderId: string;
  /** 1 for the next order to print; held orders keep no place. */
  position?: number;
  printer?: { printerId: string; name: string };
  /** About when it starts (never before `now`). */
  startsAt?: Date;
  /** Why no printer will take it, in the operator's words. */
  why?: string;
}

/** When nothing has been seen printing yet: a guess of one order a minute. */
export const DEFAULT_PACE_MS = 60_000;
/** How many recent jobs a printer's pace is averaged over. */
export const PACE_WINDOW = 5;

/** States in which a printer takes (or will soon take) work without a person; the rest wait for someone. */
const TAKES_WORK: readonly PrinterState[] = ['ready', 'printing', 'starting'];

/** The forecast's words in one language (the queue's "Printer" column): English below, the console passes its own. */
export interface ForecastWords {
  held(by: string, reason: string): string;
  states: Record<PrinterState, string>;
  pinnedUnknown(printerId: string): string;
  pinnedNotWorking(printer: string, state: string): string;
  /** `need`: what the order needs that the printer lacks (shared/domain's misfitNeed, in `misfit`'s words), or undefined. */
  pinnedCannot(printer: string, need: string | undefined): string;
  /** What a printer lacks, in these words (English when absent). */
  misfit?: MisfitWords;
  pinnedStationIdle(stationId: string): string;
  noneTakingWork: string;
  noneOnline: string;
  needsPaper(size: string): string;
  needsColour: string;
  needsDuplex: string;
  needsCopies(copies: number): string;
  noneHasAll: string;
  now: string;
  inMinutes(minutes: number): string;
  inHours(hours: number): string;
}

export const ENGLISH_FORECAST: ForecastWords = {
  held: (by, reason) => `held by ${by}: ${reason}`,
  states: {
    starting: 'starting',
    ready: 'ready',
    printing: 'printing',
    awaiting_retrieval: 'waiting for an item to be taken out',
    paused: 'paused',
    error: 'in error',
    offline: 'offline',
  },
  pinnedUnknown: (id) => `pinned to printer ${id}, which this console does not know`,
  pinnedNotWorking: (printer, state) => `pinned to ${printer}, which is ${state}`,
  pinnedCannot: (printer, need) =>
    need ? `pinned to ${printer}, which lacks what it needs: ${need}` : `pinned to ${printer}, which cannot take it`,
  pinnedStationIdle: (stationId) => `pinned to station ${stationId}, which has no printer taking work`,
  noneTakingWork: 'no printer is taking work (paused, in error or offline)',
  noneOnline: 'no printer is online',
  needsPaper: (size) => `needs ${size}, no ${size} printer online`,
  needsColour: 'needs colour, no colour printer online',
  needsDuplex: 'needs duplex, no duplex printer online',
  needsCopies: (copies) => `needs ${copies} copies, no printer online allows that many`,
  noneHasAll: 'no printer online has all it needs at once',
  now: 'now',
  inMinutes: (minutes) => `in about ${minutes} min`,
  inHours: (hours) => `in about ${hours} h`,
};

export function forecastQueue(
  orders: ForecastOrder[],
  printers: ForecastPrinter[],
  now: Date,
  defaultPaceMs = DEFAULT_PACE_MS,
  words: ForecastWords = ENGLISH_FORECAST,
): OrderForecast[] {
  const working = printers.filter((p) => TAKES_WORK.includes(p.state));
  const paceOf = (p: ForecastPrinter) => p.paceMs ?? defaultPaceMs;
  const freeAt = new Map(working.map((p) => [p.printerId, firstFreeAt(p, now, paceOf(p))]));
  let position = 0;
  return orders.map((order) => {
    if (order.hold) return { orderId: order.orderId, why: words.held(order.hold.by, order.hold.reason) };
    position += 1;
    const fits = working.filter((p) => pinAllows(order, p) && capabilityMismatch(order.printingOptions, p.capabilities) === undefined);
    if (fits.length === 0) return { orderId: order.orderId, position, why: whyNoPrinter(order, printers, words) };
    const next = fits.reduce((best, p) => (freeAt.get(p.printerId)! < freeAt.get(best.printerId)! ? p : best));
    const startsAt = freeAt.get(next.printerId)!;
    freeAt.set(next.printerId, startsAt + paceOf(next));
    return { orderId: order.orderId, position, printer: { printerId: next.printerId, name: next.name }, startsAt: new Date(startsAt) };
  });
}

/** When a printer can start its next order: now if ready, when its job should end if printing (never in the past). */
function firstFreeAt(p: ForecastPrinter, now: Date, paceMs: number): number {
  if (p.state !== 'printing' || !p.jobStartedAt) return now.getTime();
  return Math.max(now.getTime(), p.jobStartedAt.getTime() + paceMs);
}

function pinAllows(order: ForecastOrder, p: ForecastPrinter): boolean {
  if (order.pinnedPrinterId && order.pinnedPrinterId !== p.printerId) return false;
  if (order.pinnedStationId && order.pinnedStationId !== p.stationId) return false;
  return true;
}

/** Why no printer that takes work fits the order: its pin, or what it needs that no such printer has. */
export function whyNoPrinter(order: ForecastOrder, printers: ForecastPrinter[], words: ForecastWords = ENGLISH_FORECAST): string {
  const working = printers.filter((p) => TAKES_WORK.includes(p.state));
  if (order.pinnedPrinterId) {
    const pinned = printers.find((p) => p.printerId === order.pinnedPrinterId);
    if (!pinned) return words.pinnedUnknown(order.pinnedPrinterId);
    if (!TAKES_WORK.includes(pinned.state)) return words.pinnedNotWorking(pinned.name, words.states[pinned.state]);
    const misfit = capabilityMisfit(order.printingOptions, pinned.capabilities);
    return words.pinnedCannot(pinned.name, misfit && misfitNeed(misfit, words.misfit));
  }
  const candidates = order.pinnedStationId ? working.filter((p) => p.stationId === order.pinnedStationId) : working;
  if (candidates.length === 0) {
    if (order.pinnedStationId) return words.pinnedStationIdle(order.pinnedStationId);
    return printers.length ? words.noneTakingWork : words.noneOnline;
  }
  const o = order.printingOptions;
  if (!candidates.some((p) => mediaFits(o.paperSize, p.capabilities.paperSizes))) return words.needsPaper(o.paperSize);
  if (o.color && !candidates.some((p) => p.capabilities.color)) return words.needsColour;
  if (o.duplex && !candidates.some((p) => p.capabilities.duplex)) return words.needsDuplex;
  if (!candidates.some((p) => p.capabilities.maxCopies >= o.copies)) return words.needsCopies(o.copies);
  return words.noneHasAll;
}

/** A printer's pace after one more job of `tookMs`: the mean of the last PACE_WINDOW jobs. */
export function nextPace(recent: readonly number[], tookMs: number): { recent: number[]; paceMs: number } {
  const kept = [...recent, tookMs].slice(-PACE_WINDOW);
  return { recent: kept, paceMs: Math.round(kept.reduce((a, b) => a + b, 0) / kept.length) };
}

/** "now", "in about 3 min", "in about 2 h": the start in words, rounded the way a person would say it. */
export function startsIn(startsAt: Date | undefined, now: Date, words: ForecastWords = ENGLISH_FORECAST): string {
  if (!startsAt) return '';
  const ms = startsAt.getTime() - now.getTime();
  if (ms < 30_000) return words.now;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return words.inMinutes(Math.max(1, minutes));
  return words.inHours(Math.round(minutes / 60));
}
