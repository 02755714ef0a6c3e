/**
 * What the pending list tells the operator about each order (issue 11): its place in the queue, the printer that
 * will take it (or why none can: "needs A3, no A3 printer online"), and about when it starts, from the printers'
 * recent pace. Pure: the UI passes the orders in claim order, the printers it knows and the time; nothing here
 * asks the station. A forecast, not a promise: the claim stays first come, first served among free printers.
 */
import { capabilityMismatch, mediaFits, type OrderHold, type PrinterCapabilities, type PrinterState, type PrintingOptions } from './domain';

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

export function forecastQueue(
  orders: ForecastOrder[],
  printers: ForecastPrinter[],
  now: Date,
  defaultPaceMs = DEFAULT_PACE_MS,
): OrderForecast[] {
  const working = printers.filter((p) => TAKES_WORK.includes(p.state));
  const paceOf = (p: ForecastPrinter) => p.paceMs ?? defaultPaceMs;
  const freeAt = new Map(working.map((p) => [p.printerId, firstFreeAt(p, now, paceOf(p))]));
  let position = 0;
  return orders.map((order) => {
    if (order.hold) return { orderId: order.orderId, why: `held by ${order.hold.by}: ${order.hold.reason}` };
    position += 1;
    const fits = working.filter((p) => pinAllows(order, p) && capabilityMismatch(order.printingOptions, p.capabilities) === undefined);
    if (fits.length === 0) return { orderId: order.orderId, position, why: whyNoPrinter(order, printers) };
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
export function whyNoPrinter(order: ForecastOrder, printers: ForecastPrinter[]): string {
  const working = printers.filter((p) => TAKES_WORK.includes(p.state));
  if (order.pinnedPrinterId) {
    const pinned = printers.find((p) => p.printerId === order.pinnedPrinterId);
    if (!pinned) return `pinned to printer ${order.pinnedPrinterId}, which this console does not know`;
    if (!TAKES_WORK.includes(pinned.state)) return `pinned to ${pinned.name}, which is ${STATE_WORDS[pinned.state]}`;
    return `pinned to ${pinned.name}, which ${capabilityMismatch(order.printingOptions, pinned.capabilities) ?? 'cannot take it'}`.replace(
      'which needs',
      'which lacks what it needs:',
    );
  }
  const candidates = order.pinnedStationId ? working.filter((p) => p.stationId === order.pinnedStationId) : working;
  if (candidates.length === 0) {
    if (order.pinnedStationId) return `pinned to station ${order.pinnedStationId}, which has no printer taking work`;
    return printers.length ? 'no printer is taking work (paused, in error or offline)' : 'no printer is online';
  }
  const o = order.printingOptions;
  if (!candidates.some((p) => mediaFits(o.paperSize, p.capabilities.paperSizes)))
    return `needs ${o.paperSize}, no ${o.paperSize} printer online`;
  if (o.color && !candidates.some((p) => p.capabilities.color)) return 'needs colour, no colour printer online';
  if (o.duplex && !candidates.some((p) => p.capabilities.duplex)) return 'needs duplex, no duplex printer online';
  if (!candidates.some((p) => p.capabilities.maxCopies >= o.copies)) return `needs ${o.copies} copies, no printer online allows that many`;
  return 'no printer online has all it needs at once';
}

const STATE_WORDS: Record<PrinterState, string> = {
  starting: 'starting',
  ready: 'ready',
  printing: 'printing',
  awaiting_retrieval: 'waiting for an item to be taken out',
  paused: 'paused',
  error: 'in error',
  offline: 'offline',
};

/** A printer's pace after one more job of `tookMs`: the mean of the last PACE_WINDOW jobs. */
export function nextPace(recent: readonly number[], tookMs: number): { recent: number[]; paceMs: number } {
  const kept = [...recent, tookMs].slice(-PACE_WINDOW);
  return { recent: kept, paceMs: Math.round(kept.reduce((a, b) => a + b, 0) / kept.length) };
}

/** "now", "in about 3 min", "in about 2 h": the start in words, rounded the way a person would say it. */
export function startsIn(startsAt: Date | undefined, now: Date): string {
  if (!startsAt) return '';
  const ms = startsAt.getTime() - now.getTime();
  if (ms < 30_000) return 'now';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return `in about ${Math.max(1, minutes)} min`;
  return `in about ${Math.round(minutes / 60)} h`;
}
