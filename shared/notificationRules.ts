/**
 * Which station events become a desktop notification, in what words, and how often: a person should hear once that
 * an item waits in the tray, not every second. The same thing is not announced again within `repeatAfterMs`.
 */
import type { PrinterState, PrintStatus } from './domain';
import { ENGLISH_PRINTER_WORDS, faultOf, type PrinterWords } from './operatorWords';
import type { StationEvent } from './stationApi';

export interface DesktopNotification {
  key: string;
  title: string;
  body: string;
  /** Errors and needs-attention stay until clicked; retrieval is routine. */
  urgent: boolean;
  /** Errors and retrievals are told apart by colour (and by sound) wherever they are shown. */
  kind: 'retrieval' | 'printer' | 'order';
}

/** A notice's words in one language: English below; the web console passes its catalogue's. */
export interface NoticeWords {
  faults: PrinterWords['faults'];
  readyTitle(printer: string): string;
  readyBody(orderId: string): string;
  printerError: string;
  attentionTitle(orderId: string): string;
}

export const ENGLISH_NOTICES: NoticeWords = {
  faults: ENGLISH_PRINTER_WORDS.faults,
  readyTitle: (printer) => `${printer}: ready for retrieval`,
  readyBody: (orderId) => `Order ${orderId} is printed. Take it out and click "Item retrieved".`,
  printerError: 'printer error',
  attentionTitle: (orderId) => `Order ${orderId} needs attention`,
};

export function notificationFor(event: StationEvent, words: NoticeWords = ENGLISH_NOTICES): DesktopNotification | null {
  switch (event.kind) {
    case 'ready_for_retrieval':
      return {
        key: `retrieval:${event.printerId}:${event.orderId}`,
        title: words.readyTitle(event.printerName),
        body: words.readyBody(event.orderId),
        urgent: false,
        kind: 'retrieval',
      };
    case 'printer_error': {
      // In the operator's words (a keyword like media-jam named as "paper jam"); the printer's own words otherwise.
      const id = faultOf(event.message)?.id;
      const fault = id ? words.faults[id] : undefined;
      return {
        key: `error:${event.printerId}:${event.message}`,
        title: `${event.printerName}: ${fault?.problem ?? words.printerError}`,
        body: fault?.action ?? event.message,
        urgent: true,
        kind: 'printer',
      };
    }
    case 'needs_attention':
      return {
        key: `attention:${event.orderId}`,
        title: words.attentionTitle(event.orderId),
        body: `${event.message}${event.printerName ? ` (${event.printerName})` : ''}`,
        urgent: true,
        kind: 'order',
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
  admit(event: StationEvent, words: NoticeWords = ENGLISH_NOTICES): DesktopNotification | null {
    const n = notificationFor(event, words);
    if (!n) return null;
    const now = this.now();
    const last = this.lastShown.get(n.key);
    if (last !== undefined && now - last < this.repeatAfterMs) return null;
    this.lastShown.set(n.key, now);
    return n;
  }
}

/** What waits for a person right now: the one count behind the header badges, the tab title and the favicon. */
export interface AttentionSummary {
  /** Printers in error or offline. */
  printers: number;
  /** Printers with an item waiting in the tray. */
  retrievals: number;
  /** Orders in needs_attention. */
  orders: number;
  total: number;
}

export function attentionSummary(
  snapshot: { printers: ReadonlyArray<{ state: PrinterState }>; counts: Partial<Record<PrintStatus, number>> } | null | undefined,
): AttentionSummary {
  const printers = snapshot?.printers.filter((p) => p.state === 'error' || p.state === 'offline').length ?? 0;
  const retrievals = snapshot?.printers.filter((p) => p.state === 'awaiting_retrieval').length ?? 0;
  const orders = snapshot?.counts.needs_attention ?? 0;
  return { printers, retrievals, orders, total: printers + retrievals + orders };
}

/** The tab's title with the count in front, as mail and chat tabs do: "(3) Print Station". */
export function titleWithCount(base: string, count: number): string {
  return count > 0 ? `(${count}) ${base}` : base;
}

/** The summary in words, e.g. "1 printer needs a person · 2 items to take out · 3 orders need attention". */
export function attentionWords(a: AttentionSummary): string[] {
  const words: string[] = [];
  if (a.printers) words.push(`${a.printers} ${a.printers === 1 ? 'printer needs' : 'printers need'} a person`);
  if (a.retrievals) words.push(`${a.retrievals} ${a.retrievals === 1 ? 'item' : 'items'} to take out`);
  if (a.orders) words.push(`${a.orders} ${a.orders === 1 ? 'order needs' : 'orders need'} attention`);
  return words;
}
