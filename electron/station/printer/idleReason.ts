/**
 * Why an idle printer took nothing (DESIGN §5: the UI always says why a printer is not claiming; issue 11). After a
 * claim that found nothing, one look at the pending queue says whether its orders are held, pinned to other printers
 * or stations, or need what this printer lacks, instead of "no pending order fits" for all of them. The look is
 * the one read the claim miss already made (it replaces "is anything claimable at all"), shared by the station's
 * printers for a moment, so an idle tick asks nothing more.
 */
import { PrintingOptions, capabilityMismatch, type PrinterCapabilities } from '../../../shared/domain';

/** A pending order as the look reads it (orderRepository.pendingGlance). */
export interface GlancedOrder {
  hold?: unknown;
  pinnedPrinterId?: unknown;
  pinnedStationId?: unknown;
  printingOptions?: unknown;
}

/** The pending, paid, due orders, up to a limit; `more` when the look stopped at it. */
export interface QueueGlance {
  orders: GlancedOrder[];
  more: boolean;
}

export interface IdlePrinter {
  printerId: string;
  stationId: string;
  capabilities: PrinterCapabilities;
}

/** How the pending orders stand for one printer: why each is not for it, or that one is. */
export interface IdleCounts {
  held: number;
  pinnedToPrinters: number;
  pinnedToStations: number;
  unfit: number;
  fits: number;
  more: boolean;
}

export function idleCounts(printer: IdlePrinter, glance: QueueGlance): IdleCounts {
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

const UNFIT_ONLY = 'no pending order fits its paper/colour/duplex';

/**
 * The printer's "not taking orders" reason, or undefined when an order is for it (another printer was quicker) or
 * nothing waits. "the only pending order is held", "the 2 pending orders are pinned to other printers", "none of the
 * 3 pending orders is for it: 1 held, 2 pinned to other printers".
 */
export function idleReason(c: IdleCounts): string | undefined {
  if (c.fits > 0) return undefined;
  const kinds: Array<[number, string, string]> = [
    [c.held, 'held', 'held'],
    [c.pinnedToPrinters, 'pinned to another printer', 'pinned to other printers'],
    [c.pinnedToStations, 'pinned to another station', 'pinned to other stations'],
    [c.unfit, 'does not fit its paper/colour/duplex', 'do not fit its paper/colour/duplex'],
  ];
  const present = kinds.filter(([n]) => n > 0);
  const total = present.reduce((sum, [n]) => sum + n, 0);
  if (total === 0) return undefined;
  const many = c.more ? `${total}+` : String(total);
  if (present.length === 1) {
    if (c.unfit > 0) return UNFIT_ONLY;
    const [, one, several] = present[0]!;
    return total === 1 && !c.more ? `the only pending order is ${one}` : `the ${many} pending orders are ${several}`;
  }
  const parts = present.map(([n, one, several]) => `${n} ${n === 1 ? one : several}`);
  return `none of the ${many} pending orders is for it: ${parts.join(', ')}`;
}

/** How long one look at the queue serves every printer of the station (the claim misses of one wake-up). */
const GLANCE_MS = 2_000;

const glances = new WeakMap<object, { at: number; value: Promise<QueueGlance> }>();

/** One look at the queue per `GLANCE_MS` per repository (one per station), shared by its printers' claim misses. */
export function sharedGlance(orders: object, look: () => Promise<QueueGlance>, now = Date.now()): Promise<QueueGlance> {
  const last = glances.get(orders);
  if (last && now - last.at < GLANCE_MS) return last.value;
  const value = look();
  glances.set(orders, { at: now, value });
  // A failed look is not kept: the next miss asks again.
  value.catch(() => {
    if (glances.get(orders)?.value === value) glances.delete(orders);
  });
  return value;
}
