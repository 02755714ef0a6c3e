/**
 * Pins that can no longer be honoured (issue 11): an order pinned to a printer that was removed, switched off, or
 * whose station stopped answering, or to a station with no active printer that fits, would wait in the queue for
 * ever while every other printer steps around it. The unprintable sweep fails such an order once the pin has stood
 * for the grace period, with a sentence naming the printer or station, and drops the pin in the same write so that
 * "back to the queue" lets any printer that fits take it. A printer that is merely offline or in error keeps its
 * orders: it will be back (the same rule as the fleet's capabilities, printerRepository.activeCapabilities).
 */
import type { Collection, Document, Filter } from 'mongodb';
import { PrinterCapabilities, capabilityMismatch, type PrintingOptions } from '../../shared/domain';
import { DEFAULT_STATION_SILENT_AFTER_MS } from './printerRepository';

/** What the sweep knows of a printer a pin names. */
export interface PinnedPrinter {
  printerId: string;
  name: string;
  stationId: string | null;
  active: boolean;
  stationAnswering: boolean;
  capabilities: PrinterCapabilities | null;
}

/** Pending, paid, not held orders pinned to a printer or a station since before `pinnedBefore` (or created before it, for pins from before pinnedAt). */
export function pinnedPastGraceFilter(pinnedBefore: Date): Filter<Document> {
  return {
    printStatus: 'pending',
    paymentStatus: 'completed',
    hold: null,
    cancelRequestedAt: null,
    $and: [
      { $or: [{ pinnedPrinterId: { $type: 'string' } }, { pinnedStationId: { $type: 'string' } }] },
      { $or: [{ pinnedAt: { $lte: pinnedBefore } }, { pinnedAt: { $not: { $type: 'date' } }, createdAt: { $lte: pinnedBefore } }] },
    ],
  };
}

export function isPinned(doc: Document): boolean {
  return typeof doc.pinnedPrinterId === 'string' || typeof doc.pinnedStationId === 'string';
}

/** The printers the pins of `docs` name (by printer or by station), with whether their station still answers. */
export async function pinnedPrinters(
  c: { printers: Collection; stations: Collection },
  docs: Document[],
  silentAfterMs = DEFAULT_STATION_SILENT_AFTER_MS,
): Promise<PinnedPrinter[]> {
  const printerIds = [...new Set(docs.map((d) => d.pinnedPrinterId).filter((id) => typeof id === 'string'))];
  const stationIds = [...new Set(docs.map((d) => d.pinnedStationId).filter((id) => typeof id === 'string'))];
  if (printerIds.length === 0 && stationIds.length === 0) return [];
  const found = await c.printers
    .find(
      { $or: [{ printer_id: { $in: printerIds } }, { stationId: { $in: stationIds } }] },
      { projection: { printer_id: 1, name: 1, stationId: 1, isActive: 1, capabilities: 1 } },
    )
    .toArray();
  const ofStations = [...new Set(found.map((p) => p.stationId).filter((id) => typeof id === 'string'))];
  // Judged by the database's clock, like the fleet's capabilities.
  const answering = await c.stations
    .find(
      {
        _id: { $in: ofStations as never[] },
        lastHeartbeatAt: { $type: 'date' },
        $expr: { $gt: ['$lastHeartbeatAt', { $subtract: ['$$NOW', silentAfterMs] }] },
      },
      { projection: { _id: 1 } },
    )
    .toArray();
  const alive = new Set(answering.map((s) => String(s._id)));
  return found.map((p) => {
    const caps = PrinterCapabilities.safeParse(p.capabilities);
    return {
      printerId: String(p.printer_id),
      name: typeof p.name === 'string' && p.name ? p.name : String(p.printer_id),
      stationId: typeof p.stationId === 'string' ? p.stationId : null,
      active: p.isActive !== false,
      stationAnswering: typeof p.stationId === 'string' && alive.has(p.stationId),
      capabilities: caps.success ? caps.data : null,
    };
  });
}

/**
 * Why the order's pin can no longer be honoured, in the operator's words, or undefined while it can (or may again:
 * a printer offline or in error for now).
 */
export function deadPin(
  order: { pinnedPrinterId?: unknown; pinnedStationId?: unknown },
  options: PrintingOptions,
  printers: PinnedPrinter[],
): string | undefined {
  if (typeof order.pinnedPrinterId === 'string') {
    const p = printers.find((x) => x.printerId === order.pinnedPrinterId);
    if (!p) return `it is pinned to printer ${order.pinnedPrinterId}, which no longer exists`;
    if (!p.active) return `it is pinned to printer ${p.name}, which is switched off in its station's settings`;
    if (!p.stationAnswering) return `it is pinned to printer ${p.name}, whose station has stopped answering`;
    const misfit = p.capabilities ? capabilityMismatch(options, p.capabilities) : undefined;
    if (misfit) return `it is pinned to printer ${p.name}, which cannot print it: it ${misfit}`;
  }
  if (typeof order.pinnedStationId === 'string') {
    const station = order.pinnedStationId;
    const active = printers.filter((p) => p.stationId === station && p.active);
    if (active.length === 0) return `it is pinned to station ${station}, which has no active printer`;
    const working = active.filter((p) => p.stationAnswering && p.capabilities);
    if (working.length === 0) return `it is pinned to station ${station}, which has stopped answering`;
    const misfits = working.map((p) => capabilityMismatch(options, p.capabilities!));
    if (misfits.every(Boolean))
      return `it is pinned to station ${station}, but no printer of station ${station} can print it: ${misfits[0]}`;
  }
  return undefined;
}

/** A failed order's pin goes with it: the pin is what made it unprintable (the log keeps what it was). */
export const DROP_PIN = { pinnedPrinterId: '', pinnedStationId: '', pinnedAt: '' } as const;
