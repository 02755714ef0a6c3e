/**
 * Which station events become a desktop notification, in what words, and how often: a person should hear once that
 * an item waits in the tray, not every second. The same thing is not announced again within `repeatAfterMs`.
 */
import type { StationEvent } from './stationApi';

export interface DesktopNotification {
  key: string;
  title: string;
  body: string;
  /** Errors and needs-attention stay until clicked; retrieval is routine. */
  urgent: boolean;
}

export function notificationFor(event: StationEvent): DesktopNotification | null {
  switch (event.kind) {
    case 'ready_for_retrieval':
      return {
        key: `retrieval:${event.printerId}:${event.orderId}`,
        title: `${event.printerName}: ready for retrieval`,
        body: `Order ${event.orderId} is printed. Take it out and click "Item retrieved".`,
        urgent: false,
      };
    case 'printer_error':
      return {
        key: `error:${event.printerId}:${event.message}`,
        title: `${event.printerName}: printer error`,
        body: event.message,
        urgent: true,
      };
    case 'needs_attention':
      return {
        key: `attention:${event.orderId}`,
        title: `Order ${event.orderId} needs attention`,
        body: `${event.message}${event.printerName ? ` (${event.printerName})` : ''}`,
        urgent: true,
      };
    case 'log':
      return null;
  }
}

export class NotificationGate {
  private readonly lastShown = new Map<string, number>();
  constructor(
    private readonly repeatAfterMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The notification to show for this event, or null (not notifiable, or shown recently). */
  admit(event: StationEvent): DesktopNotification | null {
    const n = notificationFor(event);
    if (!n) return null;
    const now = this.now();
    const last = this.lastShown.get(n.key);
    if (last !== undefined && now - last < this.repeatAfterMs) return null;
    this.lastShown.set(n.key, now);
    return n;
  }
}
