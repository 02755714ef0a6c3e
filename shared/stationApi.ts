/**
 * The StationApi contract between the engine (main process or headless server) and the operator's UI.
 * One contract, two transports (Electron IPC through preload, WebSocket in headless mode); every payload is a zod
 * schema validated on both ends.
 */
import { z } from 'zod';
import { PrintStatus, PrintPhase, PrintErrorCode, DriverKind, PrinterCapabilities, PrinterHealth, PrinterState } from './domain';

export const ConnectionState = z.enum(['online', 'degraded', 'offline']);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const CurrentJobView = z.object({
  orderId: z.string(),
  printJobId: z.string(),
  phase: PrintPhase,
  startedAt: z.coerce.date(),
  pagesDone: z.number().int().optional(),
  pagesTotal: z.number().int().optional(),
  spoolerState: z.string().optional(),
});
export type CurrentJobView = z.infer<typeof CurrentJobView>;

export const PrinterView = z.object({
  printerId: z.string(),
  name: z.string(),
  systemName: z.string(),
  driverKind: DriverKind,
  state: PrinterState,
  stateSince: z.coerce.date(),
  /** Who or what put the printer in this state, and why ("paused by Anna", "media-jam"). */
  stateReason: z.string().optional(),
  /** Why the printer is not claiming right now, in the operator's words; absent while it is claiming. */
  notClaimingReason: z.string().optional(),
  health: PrinterHealth,
  healthMessage: z.string().optional(),
  queueLength: z.number().int(),
  currentJob: CurrentJobView.optional(),
  /** awaiting_retrieval: the order whose item is waiting in the tray. */
  awaitingOrderId: z.string().optional(),
  /** error after a crash: "did order X print?" */
  unknownOutcome: z.object({ orderId: z.string(), printJobId: z.string() }).optional(),
  lastError: z.object({ code: PrintErrorCode, message: z.string(), at: z.coerce.date() }).optional(),
  capabilities: PrinterCapabilities,
  requiresRetrieval: z.boolean(),
  autoPrint: z.boolean(),
});
export type PrinterView = z.infer<typeof PrinterView>;

export const QueueCounts = z.record(PrintStatus, z.number().int());
export type QueueCounts = z.infer<typeof QueueCounts>;

export const StationSnapshot = z.object({
  station: z.object({
    id: z.string(),
    name: z.string(),
    hostname: z.string(),
    version: z.string(),
    workerId: z.string(),
    startedAt: z.coerce.date(),
  }),
  connection: ConnectionState,
  connectionSince: z.coerce.date(),
  printers: z.array(PrinterView),
  counts: QueueCounts,
  /** Outcomes waiting in the journal for the database to come back. */
  pendingOutcomes: z.number().int(),
  updatedAt: z.coerce.date(),
});
export type StationSnapshot = z.infer<typeof StationSnapshot>;

/** Every operator command carries who gave it; destructive ones need the PIN when one is set. */
export const Operator = z.object({
  name: z.string().min(1).max(100),
  pin: z.string().max(32).optional(),
});
export type Operator = z.infer<typeof Operator>;
