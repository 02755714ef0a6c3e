/**
 * A stand-in for StationEngine with in-memory orders and printers, for testing the StationApi service and the web
 * console without MongoDB. It records every call with the actor, so tests can check who did what.
 */
import type { Actor, OrderDoc, PrintStatus } from '../../shared/domain';
import type { LogLine, PrinterView, StationEvent, StationSnapshot } from '../../shared/stationApi';
import type { EngineForApi } from '../../electron/station/service/stationApiService';

export interface FakeCall {
  method: string;
  args: unknown[];
  actor?: Actor;
}

export function fakePrinter(overrides: Partial<PrinterView> = {}): PrinterView {
  return {
    printerId: 'st1:front',
    name: 'Front',
    systemName: 'front',
    driverKind: 'virtual',
    state: 'ready',
    stateSince: new Date(),
    health: 'online',
    queueLength: 0,
    capabilities: { paperSizes: ['A4'], color: true, duplex: true, maxCopies: 99 },
    requiresRetrieval: false,
    autoPrint: true,
    ...overrides,
  };
}

export function fakeOrder(orderId: string, printStatus: PrintStatus = 'pending'): OrderDoc {
  return {
    _id: orderId,
    orderId,
    paymentStatus: 'completed',
    createdAt: new Date(),
    fileURL: 'http://shop.invalid/file.pdf',
    printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
    priority: 0,
    printStatus,
    printAttempt: 0,
  } as OrderDoc;
}

export class FakeStationEngine implements EngineForApi {
  readonly calls: FakeCall[] = [];
  readonly orders = new Map<string, OrderDoc>();
  printers: PrinterView[] = [fakePrinter()];
  private readonly snapshotListeners = new Set<(s: StationSnapshot) => void>();
  private readonly eventListeners = new Set<(e: StationEvent) => void>();
  logs: LogLine[] = [];
  /** What the service wrote to print_logs and to the station log (PIN refusals). */
  readonly printLogs: Array<Record<string, unknown>> = [];
  readonly logged: Array<{ level: string; message: string }> = [];
  readonly logger = {
    warn: (message: string) => void this.logged.push({ level: 'warn', message }),
    info: (message: string) => void this.logged.push({ level: 'info', message }),
  };

  snapshot(): StationSnapshot {
    const counts = { pending: 0, printing: 0, printed: 0, failed: 0, cancelled: 0, needs_attention: 0 } as Record<PrintStatus, number>;
    for (const o of this.orders.values()) counts[o.printStatus] += 1;
    return {
      station: { id: 'st1', name: 'Front desk', hostname: 'pc1', version: '0.1.0', workerId: 'w1', startedAt: new Date() },
      connection: 'online',
      connectionSince: new Date(),
      printers: this.printers,
      counts,
      pendingOutcomes: 0,
      updatedAt: new Date(),
    };
  }
  onSnapshot(listener: (s: StationSnapshot) => void) {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }
  onEvent(listener: (e: StationEvent) => void) {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }
  emitSnapshot() {
    for (const l of this.snapshotListeners) l(this.snapshot());
  }
  emitEvent(event: StationEvent) {
    for (const l of this.eventListeners) l(event);
  }

  private record(method: string, actor: Actor | undefined, ...args: unknown[]) {
    this.calls.push({ method, args, actor });
    return Promise.resolve({ ok: true as const });
  }
  pausePrinter = (printerId: string, actor: Actor) => this.record('pausePrinter', actor, printerId);
  resumePrinter = (printerId: string, actor: Actor) => this.record('resumePrinter', actor, printerId);
  pauseAll = (actor: Actor) => this.record('pauseAll', actor);
  resumeAll = (actor: Actor) => this.record('resumeAll', actor);
  confirmRetrieval = (printerId: string, outcome: 'good' | 'bad', actor: Actor, reason?: string) =>
    this.record('confirmRetrieval', actor, printerId, outcome, reason);
  printerRecovered = (printerId: string, actor: Actor) => this.record('printerRecovered', actor, printerId);
  resolveUnknownOutcome = (printerId: string, printed: boolean, actor: Actor) =>
    this.record('resolveUnknownOutcome', actor, printerId, printed);
  testPrint = (printerId: string, actor: Actor) => this.record('testPrint', actor, printerId);
  recentLogs = (limit: number) => this.logs.slice(-limit);

  private operatorAction(action: string, to: PrintStatus) {
    return async (orderId: string, actor: Actor, reason?: string) => {
      this.calls.push({ method: action, args: [orderId, reason], actor });
      const order = this.orders.get(orderId);
      if (!order) return { ok: false as const, reason: `no order ${orderId}` };
      const previousStatus = order.printStatus;
      order.printStatus = to;
      return { ok: true as const, previousStatus, newStatus: to };
    };
  }

  readonly repositories: EngineForApi['repositories'] = {
    orders: {
      reprint: this.operatorAction('reprint', 'pending'),
      cancel: this.operatorAction('cancel', 'cancelled'),
      resetStuck: this.operatorAction('resetStuck', 'pending'),
      forcePrinted: this.operatorAction('forcePrinted', 'printed'),
      getOrder: async (orderId) => this.orders.get(orderId) ?? null,
      listOrders: async ({ tab, search, page, pageSize }) => {
        const all = [...this.orders.values()].filter(
          (o) => (tab === 'all' || o.printStatus === tab) && (!search || o.orderId.includes(search)),
        );
        return { orders: all.slice(page * pageSize, (page + 1) * pageSize), total: all.length };
      },
    },
    printers: { list: async () => [] },
    stations: { list: async () => [] },
    logs: {
      history: async () => [],
      log: async (entry) => void this.printLogs.push(entry as Record<string, unknown>),
    },
    metrics: { series: async () => [] },
  };
}
