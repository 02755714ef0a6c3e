/** Orders, printers, stations and people of a small print shop, for the order-core tests. */
import type { Actor, PrinterCapabilities } from '../../shared/domain';
import type { PrinterClaimProfile, Worker } from '../../electron/db/orderRepository';

let sequence = 0;

/** A paid order waiting for print, as the web shop writes it. Minutes apart, in creation order. */
export function paidOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  const order: Record<string, unknown> = {
    orderId: `ORD-${String(sequence).padStart(5, '0')}`,
    paymentStatus: 'completed',
    printStatus: 'pending',
    createdAt: new Date(Date.UTC(2026, 10, 2, 8, 0, 0) + sequence * 60_000),
    fileURL: `https://cdn.shop.example/uploads/${sequence}.pdf`,
    printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
    ...overrides,
  };
  // `undefined` in an override means "the shop left the field out" (the driver would store null otherwise).
  for (const key of Object.keys(order)) if (order[key] === undefined) delete order[key];
  return order;
}

export const officeLaserCaps: PrinterCapabilities = { paperSizes: ['A4', 'A5', 'Letter'], color: false, duplex: true, maxCopies: 50 };
export const officeLaser: PrinterClaimProfile = { printerId: 'laser-1', printerName: 'Office laser', capabilities: officeLaserCaps };
export const colourInkjet: PrinterClaimProfile = {
  printerId: 'inkjet-1',
  printerName: 'Colour inkjet',
  capabilities: { paperSizes: ['A4', 'A3'], color: true, duplex: false, maxCopies: 5 },
};
export const labelPrinter: PrinterClaimProfile = {
  printerId: 'zebra-1',
  printerName: 'Label printer',
  capabilities: { paperSizes: ['Label-4x6'], color: false, duplex: false, maxCopies: 100 },
};

export function station(n = 1): Worker {
  return { workerId: `worker-${n}`, stationId: `station-${n}` };
}

export const anna: Actor = { source: 'operator', adminId: 'anna', adminEmail: 'anna@shop.example', stationId: 'station-1' };

export const hourAgo = () => new Date(Date.now() - 3_600_000);
export const inAnHour = () => new Date(Date.now() + 3_600_000);
