/**
 * The StationApi contract between the engine (main process or headless server) and the operator's UI.
 * One contract, two transports (Electron IPC through preload, WebSocket in headless mode); every payload is a zod
 * schema validated on both ends.
 */
import { z } from 'zod';
import {
  PrintStatus,
  PrintPhase,
  PrintErrorCode,
  DriverKind,
  PrinterCapabilities,
  PrinterHealth,
  PrinterState,
  PrintingOptions,
  PaymentStatus,
  PrintLogAction,
  TransitionSource,
  StrayCopy,
  OrderHold,
} from './domain';
import { OperatorLanguage, SettingsInput, SettingsView } from './stationSettings';
import { SaidRefusal } from './commandRefusals';
import { SaidSteerOutcome } from './steerOutcomes';

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
  /** "Pause after this job" was asked (issue 11): the sentence the card shows until the printer pauses. */
  pausesAfterJob: z.string().optional(),
  /** Its last moves, oldest first: when, from where to where, who or what caused it (in words), and why. */
  recentTransitions: z
    .array(z.object({ at: z.coerce.date(), from: PrinterState, to: PrinterState, cause: z.string(), reason: z.string() }))
    .optional(),
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

// ───────────────────────────── Events (engine → UI) ─────────────────────────────

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;

/** One line of the station's own log, as the Logs screen shows it. */
export const LogLine = z.object({
  at: z.coerce.date(),
  level: LogLevel,
  message: z.string(),
  printerId: z.string().optional(),
  orderId: z.string().optional(),
});
export type LogLine = z.infer<typeof LogLine>;

/** What the engine announces: the three things a person must come for, and log lines. */
export const StationEvent = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ready_for_retrieval'),
    printerId: z.string(),
    printerName: z.string(),
    orderId: z.string(),
    at: z.coerce.date(),
  }),
  z.object({
    kind: z.literal('printer_error'),
    printerId: z.string(),
    printerName: z.string(),
    message: z.string(),
    at: z.coerce.date(),
  }),
  z.object({
    kind: z.literal('needs_attention'),
    orderId: z.string(),
    printerId: z.string().optional(),
    printerName: z.string().optional(),
    message: z.string(),
    at: z.coerce.date(),
  }),
  z.object({ kind: z.literal('log'), line: LogLine }),
]);
export type StationEvent = z.infer<typeof StationEvent>;

// ───────────────────────────── Views returned by queries ─────────────────────────────

const optionalDate = z.coerce.date().optional().nullable();

/** An order as the Queue screen shows it (a serialisable subset of OrderDoc). */
export const OrderView = z.object({
  orderId: z.string(),
  printStatus: PrintStatus,
  paymentStatus: PaymentStatus.or(z.string()),
  createdAt: z.coerce.date(),
  priority: z.number(),
  printingOptions: PrintingOptions,
  fileUrls: z.array(z.string()),
  printerId: z.string().optional().nullable(),
  printerName: z.string().optional().nullable(),
  stationId: z.string().optional().nullable(),
  printAttempt: z.number(),
  printPhase: PrintPhase.optional().nullable(),
  printError: z.string().optional().nullable(),
  printErrorCode: PrintErrorCode.optional().nullable(),
  printStartedAt: optionalDate,
  printCompletedAt: optionalDate,
  nextAttemptAt: optionalDate,
  retrievedAt: optionalDate,
  retrievedBy: z.string().optional().nullable(),
  cancelRequestedAt: optionalDate,
  /** A station lost this order but could not make sure its spool job is gone: a copy may still come out there. */
  strayCopy: StrayCopy.optional().nullable(),
  /** Printed, but the printer took the job without confirming it came out (issue 10): the sentence says why. */
  printedUnconfirmed: z.string().optional().nullable(),
  /** Held by an operator (issue 11): no printer takes it until released. */
  hold: OrderHold.optional().nullable(),
  /** Pinned by an operator: only this printer, or only printers of this station, take it. */
  pinnedPrinterId: z.string().optional().nullable(),
  pinnedStationId: z.string().optional().nullable(),
  /** Until when the owning station holds it (printing): a fresh lease means a live job, not a stuck one. */
  leaseExpiresAt: optionalDate,
  /** Who ordered it, as the shop wrote it (customerName, customer.name, customerEmail…), when it did. */
  customer: z.string().optional().nullable(),
});
export type OrderView = z.infer<typeof OrderView>;

/**
 * The Queue screen's tabs: one per status, `held` (pending orders an operator holds) and `all` (any status, for
 * history). `printed` shows the last 24 hours unless a date range is given.
 */
export const QUEUE_TABS = ['pending', 'held', 'printing', 'needs_attention', 'failed', 'printed', 'cancelled', 'all'] as const;
export const QueueTab = z.enum(QUEUE_TABS);
export type QueueTab = z.infer<typeof QueueTab>;

export const ListOrdersRequest = z.object({
  tab: QueueTab,
  /** Words to find in the order id, the customer, a file name or the printer (case-insensitive). */
  search: z.string().max(100).optional(),
  /** Created at or after `from` and before `to`. */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  printerId: z.string().max(200).optional(),
  stationId: z.string().max(200).optional(),
  paperSize: z.string().max(100).optional(),
  color: z.boolean().optional(),
  duplex: z.boolean().optional(),
  page: z.number().int().min(0),
  pageSize: z.number().int().min(1).max(500),
});
export type ListOrdersRequest = z.infer<typeof ListOrdersRequest>;

export const OrderPage = z.object({
  orders: z.array(OrderView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type OrderPage = z.infer<typeof OrderPage>;

/** One line of an order's history (print_logs): who did what, from which status to which, and why. */
export const HistoryEntry = z.object({
  at: z.coerce.date(),
  action: PrintLogAction.or(z.string()),
  source: TransitionSource.or(z.string()),
  actor: z.string().optional().nullable(),
  previousStatus: PrintStatus.optional().nullable(),
  newStatus: PrintStatus.optional().nullable(),
  reason: z.string().optional().nullable(),
  printJobId: z.string().optional().nullable(),
  stationId: z.string().optional().nullable(),
  printerId: z.string().optional().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const OrderHistory = z.object({ order: OrderView.nullable(), history: z.array(HistoryEntry) });
export type OrderHistory = z.infer<typeof OrderHistory>;

/** The first file of an order, fetched by the station (the UI has no network access of its own). */
export const OrderFileData = z.object({
  orderId: z.string(),
  contentType: z.string(),
  base64: z.string(),
  bytes: z.number().int(),
});
export type OrderFileData = z.infer<typeof OrderFileData>;

export const FleetStation = z.object({
  id: z.string(),
  name: z.string(),
  hostname: z.string(),
  version: z.string(),
  startedAt: z.coerce.date(),
  lastHeartbeatAt: z.coerce.date(),
  /** Heartbeat seen recently. */
  alive: z.boolean(),
  isThisStation: z.boolean(),
});
export type FleetStation = z.infer<typeof FleetStation>;

export const FleetPrinter = z.object({
  printerId: z.string(),
  name: z.string(),
  stationId: z.string(),
  state: PrinterState,
  health: PrinterHealth,
  lastSeenAt: z.coerce.date(),
  /** False when its station stopped heartbeating: `state` is only what the printer last said, not what it is doing. */
  stateKnown: z.boolean().optional(),
  lastSuccessfulPrintAt: optionalDate,
  queueLength: z.number().int(),
  errorMessage: z.string().optional().nullable(),
  isActive: z.boolean(),
  requiresRetrieval: z.boolean(),
  capabilities: PrinterCapabilities,
});
export type FleetPrinter = z.infer<typeof FleetPrinter>;

export const FleetView = z.object({ stations: z.array(FleetStation), printers: z.array(FleetPrinter) });
export type FleetView = z.infer<typeof FleetView>;

export const MetricsPoint = z.object({
  at: z.coerce.date(),
  workerId: z.string(),
  printsPerHour: z.number(),
  failuresPerHour: z.number(),
  averageStartDelayMs: z.number(),
  offlineMs: z.number(),
  /** Counted in the point's own window (absent in documents of older stations): the chart shows counts, not rates. */
  prints: z.number().optional(),
  failures: z.number().optional(),
  windowMs: z.number().optional(),
});
export type MetricsPoint = z.infer<typeof MetricsPoint>;

export const MetricsSeriesRequest = z.object({
  hours: z
    .number()
    .min(1)
    .max(24 * 31),
  thisStationOnly: z.boolean().optional(),
});
export const MetricsSeries = z.object({ points: z.array(MetricsPoint) });
export type MetricsSeries = z.infer<typeof MetricsSeries>;

/** A printer the operating system offers (Settings: "managed printers"). */
export const DiscoveredPrinterView = z.object({
  systemName: z.string(),
  displayName: z.string(),
  driverKind: DriverKind,
  capabilities: PrinterCapabilities,
});
export type DiscoveredPrinterView = z.infer<typeof DiscoveredPrinterView>;

export const SettingsResponse = z.object({
  /** False on first run (no database configured): the UI shows the onboarding instead of empty screens. */
  configured: z.boolean(),
  settings: SettingsView,
  discoveredPrinters: z.array(DiscoveredPrinterView),
  /** Start on login is done by the desktop shell; the web console cannot change it. */
  canStartOnLogin: z.boolean(),
  /** False: saved printer and timing changes take effect only when the station restarts (a service without applySettings). */
  appliesLive: z.boolean().optional(),
});
export type SettingsResponse = z.infer<typeof SettingsResponse>;

export const ConnectionTestResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  ordersCount: z.number().int().optional(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

// ───────────────────────────── Commands ─────────────────────────────

/** The answer to every command: done, or refused with a sentence for the operator. */
export const CommandResult = z.union([
  z.object({
    ok: z.literal(true),
    message: z.string().optional(),
    /** A steer's outcome as data (shared/steerOutcomes), so the console says it in its language; `message` is its English. */
    said: SaidSteerOutcome,
  }),
  z.object({
    ok: z.literal(false),
    reason: z.string(),
    code: z.enum(['pin_required', 'pin_wrong', 'pin_locked', 'refused', 'unavailable']).optional(),
    /** pin_wrong: wrong PINs this console may still give before it is locked (the dialog shows it). */
    attemptsLeft: z.number().int().min(0).optional(),
    /** The refusal as data (shared/commandRefusals), so the console says it in its language; `reason` is its English. */
    said: SaidRefusal,
  }),
]);
export type CommandResult = z.infer<typeof CommandResult>;

const WithOperator = z.object({ operator: Operator });
const PrinterCommand = WithOperator.extend({ printerId: z.string().min(1) });
/** Destructive order actions need a reason the history will show. */
const OrderCommand = WithOperator.extend({
  orderId: z.string().min(1),
  reason: z.string().trim().min(1, 'give a reason').max(500),
});
/** Steering a pending order (issue 11): decides where and when it prints, not whether, so no PIN; a reason is optional. */
const SteerCommand = WithOperator.extend({ orderId: z.string().min(1), reason: z.string().trim().max(500).optional() });

/**
 * What a person at a virtual (demo) printer can do to it, so a newcomer can watch the station recover: jam it and
 * clear the jam, take it offline and back, slow it down and back, or have the next job die half way.
 */
export const SimulatedFault = z.enum(['jam', 'clear_jam', 'offline', 'online', 'slow', 'normal_speed', 'die_mid_job']);
export type SimulatedFault = z.infer<typeof SimulatedFault>;

// ───────────────────────────── The StationApi: one list of every method ─────────────────────────────

type Method<Req extends z.ZodType, Res extends z.ZodType> = {
  kind: 'query' | 'command';
  request: Req;
  response: Res;
};
const query = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): Method<Req, Res> => ({
  kind: 'query',
  request,
  response,
});
const command = <Req extends z.ZodType>(request: Req): Method<Req, typeof CommandResult> => ({
  kind: 'command',
  request,
  response: CommandResult,
});
const Empty = z.object({}).strict();

export const STATION_METHODS = {
  // queries
  snapshot: query(Empty, StationSnapshot.nullable()),
  listOrders: query(ListOrdersRequest, OrderPage),
  orderHistory: query(z.object({ orderId: z.string().min(1) }), OrderHistory),
  orderFile: query(z.object({ orderId: z.string().min(1) }), OrderFileData),
  fleet: query(Empty, FleetView),
  metricsSeries: query(MetricsSeriesRequest, MetricsSeries),
  recentLogs: query(z.object({ limit: z.number().int().min(1).max(2000) }), z.array(LogLine)),
  settings: query(Empty, SettingsResponse),
  // Makes the station connect where it is told: PIN-guarded (PIN_REQUIRED); the operator is optional on first run.
  testMongoConnection: query(
    z.object({ uri: z.string().min(1).max(4096), dbName: z.string().min(1).max(64), operator: Operator.optional() }),
    ConnectionTestResult,
  ),
  // at the printer: the everyday one-click answers
  confirmRetrieval: command(PrinterCommand.extend({ outcome: z.enum(['good', 'bad']), reason: z.string().max(500).optional() })),
  printerRecovered: command(PrinterCommand),
  resolveUnknownOutcome: command(PrinterCommand.extend({ printed: z.boolean() })),
  pausePrinter: command(PrinterCommand),
  resumePrinter: command(PrinterCommand),
  pauseAll: command(WithOperator),
  resumeAll: command(WithOperator),
  testPrint: command(PrinterCommand),
  // on an order: destructive, PIN-guarded, with a reason
  reprint: command(OrderCommand),
  cancel: command(OrderCommand),
  resetStuck: command(OrderCommand),
  forcePrinted: command(OrderCommand),
  // steering the queue (issue 11): conditional on the order still pending, logged, no PIN
  printNext: command(SteerCommand),
  changePriority: command(SteerCommand.extend({ direction: z.enum(['up', 'down']) })),
  holdOrder: command(SteerCommand.extend({ reason: z.string().trim().min(1, 'say why it is held').max(500) })),
  releaseOrder: command(SteerCommand),
  pinOrder: command(
    SteerCommand.extend({ printerId: z.string().min(1).optional(), stationId: z.string().min(1).optional() }).refine(
      (r) => Boolean(r.printerId) !== Boolean(r.stationId),
      { message: 'pin to one printer or to one station' },
    ),
  ),
  unpinOrder: command(SteerCommand),
  /** The printer finishes the job it is printing, then pauses (issue 11). */
  pauseAfterJob: command(PrinterCommand),
  saveSettings: command(WithOperator.extend({ settings: SettingsInput })),
  /** The operator's language, so the desktop's own notifications speak it; saved with the settings (issue 11). */
  setOperatorLanguage: command(z.object({ locale: OperatorLanguage }).strict()),
  /** Virtual printers only (the demo): a fault as a person at the printer would cause it. */
  simulateFault: command(PrinterCommand.extend({ fault: SimulatedFault })),
} as const;

export type StationMethod = keyof typeof STATION_METHODS;
export const STATION_METHOD_NAMES = Object.keys(STATION_METHODS) as StationMethod[];
export type StationRequest<M extends StationMethod> = z.input<(typeof STATION_METHODS)[M]['request']>;
export type StationResponse<M extends StationMethod> = z.output<(typeof STATION_METHODS)[M]['response']>;
/** A request after validation (defaults applied): what the service's handlers receive. */
export type StationParsedRequest<M extends StationMethod> = z.output<(typeof STATION_METHODS)[M]['request']>;

/** The API both the service (engine side) and the client (UI side) implement. */
export type StationApi = { [M in StationMethod]: (request: StationRequest<M>) => Promise<StationResponse<M>> };

/**
 * Which actions need the operator PIN when one is set: the one table the service enforces (and the README repeats).
 * The rule: what decides an order's fate (prints it again, ends it, marks it printed), changes the station or makes
 * it connect somewhere needs the PIN. Looking, and the everyday answers at the printer that decide nothing about an
 * order (item good, printer recovered, pause and resume, a test page), do not: anyone at the printer can stop it.
 */
export const PIN_REQUIRED: { [M in StationMethod]: boolean | ((request: StationParsedRequest<M>) => boolean) } = {
  snapshot: false,
  listOrders: false,
  orderHistory: false,
  orderFile: false,
  fleet: false,
  metricsSeries: false,
  recentLogs: false,
  settings: false,
  testMongoConnection: true,
  // "Bad — reprint" prints the order again, like reprint.
  confirmRetrieval: (request) => request.outcome === 'bad',
  printerRecovered: false,
  // "It printed" / "reprint" after a crash are forcePrinted / reprint by another name.
  resolveUnknownOutcome: true,
  pausePrinter: false,
  resumePrinter: false,
  pauseAll: false,
  resumeAll: false,
  testPrint: false,
  reprint: true,
  cancel: true,
  resetStuck: true,
  forcePrinted: true,
  printNext: false,
  changePriority: false,
  holdOrder: false,
  releaseOrder: false,
  pinOrder: false,
  unpinOrder: false,
  pauseAfterJob: false,
  saveSettings: true,
  // The operator's own preference: decides nothing about an order or the station's work.
  setOperatorLanguage: false,
  // A make-believe printer's make-believe fault: nothing real prints or stops.
  simulateFault: false,
};

export function needsPin<M extends StationMethod>(method: M, request: StationParsedRequest<M>): boolean {
  const rule = PIN_REQUIRED[method] as boolean | ((r: StationParsedRequest<M>) => boolean);
  return typeof rule === 'function' ? rule(request) : rule;
}

export function isStationMethod(name: unknown): name is StationMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(STATION_METHODS, name);
}

/** Everything pushed to the UI on the one event stream. */
export const StationPush = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), snapshot: StationSnapshot.nullable() }),
  z.object({ type: z.literal('event'), event: StationEvent }),
  z.object({ type: z.literal('settings_changed') }),
  // Orders that changed, as they are now (issue 11: the open queue changes their rows); gap: some may be missing.
  z.object({ type: z.literal('orders_changed'), orders: z.array(OrderView), gap: z.boolean().optional() }),
]);
export type StationPush = z.infer<typeof StationPush>;

// ───────────────────────────── Transports ─────────────────────────────

/** Electron IPC: one invoke channel per method, one push channel (fiddle's ipc-events.ts habit). */
export const ipcChannel = (method: StationMethod) => `station:${method}` as const;
export const IPC_PUSH_CHANNEL = 'station:push';

/** WebSocket frames (headless web console). */
export const WsRequest = z.object({ id: z.number().int(), method: z.string(), params: z.unknown() });
export type WsRequest = z.infer<typeof WsRequest>;
export const WsServerFrame = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: z.string() }),
  z.object({ push: z.unknown() }),
]);
export type WsServerFrame = z.infer<typeof WsServerFrame>;
