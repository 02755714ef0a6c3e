/** Turns database documents into the StationApi's views (what the UI may see, in a shape that crosses IPC/JSON). */
import {
  orderFileUrls,
  PrintingOptions,
  DEFAULT_PRINTING_OPTIONS,
  type MetricsDoc,
  type OrderDoc,
  type PrinterDoc,
  type PrintLogDoc,
  type StationDoc,
} from '../../../shared/domain';
import { customerOf } from '../../db/orderSearch';
import type { FleetPrinter, FleetStation, FleetView, HistoryEntry, MetricsPoint, OrderView } from '../../../shared/stationApi';

export function orderView(doc: OrderDoc | Record<string, unknown>): OrderView {
  const o = doc as OrderDoc;
  const options = PrintingOptions.safeParse(o.printingOptions ?? {});
  return {
    orderId: String(o.orderId),
    printStatus: o.printStatus,
    paymentStatus: o.paymentStatus,
    createdAt: o.createdAt,
    priority: typeof o.priority === 'number' ? o.priority : 0,
    printingOptions: options.success ? options.data : DEFAULT_PRINTING_OPTIONS,
    fileUrls: orderFileUrls(o),
    printerId: o.printerId ?? null,
    printerName: o.printerName ?? null,
    stationId: o.stationId ?? null,
    printAttempt: typeof o.printAttempt === 'number' ? o.printAttempt : 0,
    printPhase: o.printPhase ?? null,
    printError: o.printError ?? null,
    printErrorCode: o.printErrorCode ?? null,
    printStartedAt: o.printStartedAt ?? null,
    printCompletedAt: o.printCompletedAt ?? null,
    nextAttemptAt: o.nextAttemptAt ?? null,
    retrievedAt: o.retrievedAt ?? null,
    retrievedBy: o.retrievedBy ?? null,
    cancelRequestedAt: o.cancelRequestedAt ?? null,
    strayCopy: o.strayCopy ?? null,
    hold: o.hold ?? null,
    pinnedPrinterId: o.pinnedPrinterId ?? null,
    pinnedStationId: o.pinnedStationId ?? null,
    leaseExpiresAt: o.leaseExpiresAt ?? null,
    printedUnconfirmed:
      o.printedUnconfirmed === true
        ? typeof o.printNote === 'string'
          ? o.printNote
          : 'The printer could not confirm that it printed.'
        : null,
    customer: customerOf(o as Record<string, unknown>),
  };
}

export function historyEntry(log: PrintLogDoc): HistoryEntry {
  return {
    at: log.timestamp,
    action: log.action,
    source: log.source,
    actor: log.adminId ?? log.adminEmail ?? null,
    previousStatus: log.previousStatus ?? null,
    newStatus: log.newStatus ?? null,
    reason: log.reason ?? null,
    printJobId: log.printJobId ?? null,
    stationId: log.stationId ?? null,
    printerId: log.printerId ?? null,
  };
}

/**
 * How long a station may be silent before the fleet shows it offline: two of its heartbeats (the health interval), so
 * a station that stopped is shown offline within two heartbeats, and one late write does not make a live one flicker.
 */
export const silentAfterMs = (heartbeatMs: number) => 2 * heartbeatMs;

/** Without the database's word on who is alive (a fake engine): judged by this host's clock. */
export const STATION_ALIVE_MS = 2 * 60_000;

export interface FleetLook {
  thisStationId: string | undefined;
  now: Date;
  /** The stations the database saw heartbeat recently (StationRepository.aliveIds); undefined: judge by `now`. */
  aliveIds?: Set<string>;
}

/** The fleet as the screen shows it: a silent station is offline, and its printers' states are only what they last said. */
export function fleetView(stations: StationDoc[], printers: PrinterDoc[], look: FleetLook): FleetView {
  const views = stations.map((doc) => fleetStation(doc, look));
  const alive = new Set(views.filter((s) => s.alive).map((s) => s.id));
  return { stations: views, printers: printers.map((doc) => fleetPrinter(doc, alive.has(doc.stationId))) };
}

export function fleetStation(doc: StationDoc, look: FleetLook): FleetStation {
  return {
    id: doc._id,
    name: doc.name,
    hostname: doc.hostname,
    version: doc.version,
    startedAt: doc.startedAt,
    lastHeartbeatAt: doc.lastHeartbeatAt,
    alive: look.aliveIds ? look.aliveIds.has(doc._id) : look.now.getTime() - new Date(doc.lastHeartbeatAt).getTime() < STATION_ALIVE_MS,
    isThisStation: doc._id === look.thisStationId,
  };
}

export function fleetPrinter(doc: PrinterDoc, stationAlive = true): FleetPrinter {
  return {
    printerId: doc.printer_id,
    name: doc.name,
    stationId: doc.stationId,
    state: doc.state,
    stateKnown: stationAlive,
    health: doc.status,
    lastSeenAt: doc.last_seen_at,
    lastSuccessfulPrintAt: doc.last_successful_print_at ?? null,
    queueLength: doc.queue_length ?? 0,
    errorMessage: doc.error_message ?? null,
    isActive: doc.isActive ?? true,
    requiresRetrieval: doc.requiresRetrieval ?? false,
    capabilities: doc.capabilities,
  };
}

export function metricsPoint(doc: MetricsDoc): MetricsPoint {
  return {
    at: doc.timestamp,
    workerId: doc.workerId,
    printsPerHour: doc.prints_per_hour,
    failuresPerHour: doc.failures_per_hour,
    // Seed 001 keeps both in seconds (housekeeping/metrics.ts writes them so); the view speaks milliseconds.
    averageStartDelayMs: doc.average_print_start_delay * 1000,
    offlineMs: doc.printer_offline_duration * 1000,
    ...(typeof doc.prints === 'number' ? { prints: doc.prints } : {}),
    ...(typeof doc.failures === 'number' ? { failures: doc.failures } : {}),
    ...(typeof doc.window_seconds === 'number' ? { windowMs: doc.window_seconds * 1000 } : {}),
  };
}
