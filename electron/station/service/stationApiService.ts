/**
 * The StationApi on top of the engine and its repositories: what the operator's UI may ask and command.
 * Both transports (Electron IPC in main.ts, WebSocket in headless/webConsole.ts) call `invoke`, which validates the
 * request, checks the PIN for destructive actions, runs the method and validates the answer: one gate for both.
 */
import { orderOutcome } from '../../../shared/operatorWords';
import type { Actor, MetricsDoc, OrderDoc, PrinterDoc, PrintLogDoc, StationDoc } from '../../../shared/domain';
import { orderFileUrls } from '../../../shared/domain';
import {
  STATION_METHODS,
  isStationMethod,
  needsPin,
  type CommandResult,
  type DiscoveredPrinterView,
  type LogLine,
  type Operator,
  type StationApi,
  type StationEvent,
  type StationPush,
  type StationParsedRequest,
  type StationResponse,
  type StationSnapshot,
  type SimulatedFault,
} from '../../../shared/stationApi';
import {
  StoredSettings,
  maskMongoUri,
  type OperatorLanguage,
  type SecretStorageView,
  type SettingsInput,
} from '../../../shared/stationSettings';
import { hashPin, PinGuard, type PinCheck } from './operatorPin';
import type { PrintLogEntry } from '../../db/printLogRepository';
import { memorySettingsStore, type SettingsStore } from './settingsStore';
import { fetchOrderFile, testMongoConnection } from './serviceIo';
import type { FetchOptions } from '../config';
import { settingsIntervalsOf } from '../stationConfigFromSettings';
import { withTimeout } from '../link/timers';
import { fleetView, historyEntry, metricsPoint, orderView, silentAfterMs } from './stationViews';
import type { Result } from '../../../shared/result';
import type { OperatorResult } from '../../db/orderRepository';
import type { OrderSearch } from '../../db/orderSearch';
import { Emitter } from '../../../shared/emitter';
import { refused } from '../../../shared/commandRefusals';
import type { SteerOutcome } from '../../../shared/steerOutcomes';
import { QueueRowsRelay, type RowSource } from './queueRows';

type EngineResult = Result;
type SteerResult = Result<{ message: string; said?: SteerOutcome }>;
/** What the service asks of OrderSteering (structural, so fakes can stand in). */
export interface OrderSteeringApi {
  printNext(orderId: string, actor: Actor, reason?: string): Promise<SteerResult>;
  changePriority(orderId: string, direction: 'up' | 'down', actor: Actor, reason?: string): Promise<SteerResult>;
  hold(orderId: string, actor: Actor, reason: string): Promise<SteerResult>;
  release(orderId: string, actor: Actor, reason?: string): Promise<SteerResult>;
  pin(orderId: string, target: { printerId: string } | { stationId: string }, actor: Actor, reason?: string): Promise<SteerResult>;
  unpin(orderId: string, actor: Actor, reason?: string): Promise<SteerResult>;
}

/** What the service needs from StationEngine (electron/station/engine.ts); structural so tests can pass a fake. */
export interface EngineForApi {
  snapshot(): StationSnapshot;
  onSnapshot(listener: (s: StationSnapshot) => void): () => void;
  onEvent(listener: (e: StationEvent) => void): () => void;
  pausePrinter(printerId: string, actor: Actor): Promise<EngineResult>;
  /** The printer finishes its job, then pauses (StationEngine has it). */
  pauseAfterJob?(printerId: string, actor: Actor): Promise<Result<{ message?: string; said?: SteerOutcome }>>;
  resumePrinter(printerId: string, actor: Actor): Promise<EngineResult>;
  pauseAll(actor: Actor): Promise<EngineResult>;
  resumeAll(actor: Actor): Promise<EngineResult>;
  confirmRetrieval(printerId: string, outcome: 'good' | 'bad', actor: Actor, reason?: string): Promise<EngineResult>;
  printerRecovered(printerId: string, actor: Actor): Promise<EngineResult>;
  resolveUnknownOutcome(printerId: string, printed: boolean, actor: Actor): Promise<EngineResult>;
  testPrint(printerId: string, actor: Actor): Promise<EngineResult>;
  /** Virtual printers only (the demo's simulate buttons); absent: refused. */
  simulateFault?(printerId: string, fault: SimulatedFault, actor: Actor): Promise<Result<{ message?: string; said?: SteerOutcome }>>;
  recentLogs(limit: number): LogLine[];
  /** The station log (StationEngine has it): PIN refusals are written there. */
  readonly logger?: { warn(message: string, context?: { orderId?: string; printerId?: string }): void; debug?(message: string): void };
  /** What the engine runs on (StationEngine has it); Settings shows it until the operator saves their own. */
  readonly config?: {
    mongodbUri: string;
    dbName: string;
    intervals: { healthMs: number; leaseMs: number; reaperMs: number; pollFallbackMs: number; metricsMs: number };
    /** File URL policy and limits; the preview fetches under them. Absent: the defaults (public addresses only). */
    fetch?: Partial<FetchOptions>;
  };
  readonly repositories: {
    orders: {
      reprint(orderId: string, actor: Actor, reason?: string): Promise<OperatorResult>;
      cancel(orderId: string, actor: Actor, reason?: string): Promise<OperatorResult>;
      resetStuck(orderId: string, actor: Actor, reason?: string): Promise<OperatorResult>;
      forcePrinted(orderId: string, actor: Actor, reason?: string): Promise<OperatorResult>;
      getOrder(orderId: string): Promise<OrderDoc | null>;
      listOrders(query: OrderSearch): Promise<{ orders: OrderDoc[]; total: number }>;
      /** Changed orders while a console listens (OrderRepository has it; absent in fakes: rows follow the counts). */
      followRows?: RowSource['followRows'];
    };
    /** Steering the queue (issue 11; electron/db/orderSteering.ts). Absent in fakes that do not steer. */
    steering?: OrderSteeringApi;
    printers: { list(filter?: { stationId?: string; isActive?: boolean }): Promise<PrinterDoc[]> };
    /** aliveIds: who heartbeat recently by the database's clock (absent in fakes: judged by this host's clock). */
    stations: { list(): Promise<StationDoc[]>; aliveIds?(silentAfterMs: number): Promise<Set<string>> };
    logs: { history(orderId: string, limit?: number): Promise<PrintLogDoc[]>; log(entry: PrintLogEntry): Promise<void> };
    metrics: { series(query: { since: Date; workerId?: string }): Promise<MetricsDoc[]> };
  };
}

export interface StationApiServiceOptions {
  /** null on first run: nothing configured yet, the UI shows the onboarding. */
  engine: EngineForApi | null;
  settingsStore?: SettingsStore;
  /** Printers the OS offers, for Settings (the shell injects its drivers' list()). */
  discoverPrinters?: () => Promise<DiscoveredPrinterView[]>;
  /** Called after settings were saved; the shell rebuilds the engine from them. A sentence: what did not apply. */
  applySettings?: (settings: StoredSettings) => Promise<string | void>;
  /** How the shell keeps the connection string at rest (safeStorage); Settings shows it. */
  secretStorage?: SecretStorageView;
  /** Only the desktop shell can register itself to start on login. */
  canStartOnLogin?: boolean;
  /** Database reads give up after this long, so a dead link shows as an error instead of a spinner. */
  queryTimeoutMs?: number;
  /** At most one snapshot push per this many ms (progress updates can be frequent). */
  snapshotThrottleMs?: number;
  /** The operator picked a language (the desktop shell's notifications speak it); no engine rebuild for that. */
  onOperatorLanguage?: (locale: OperatorLanguage) => void;
}

type Handlers = { [M in keyof StationApi]: (request: StationParsedRequest<M>) => Promise<StationResponse<M>> };

export class StationApiService {
  private engine: EngineForApi | null = null;
  private readonly store: SettingsStore;
  private readonly pins = new PinGuard();
  private readonly clientIds = new WeakMap<object, string>();
  private clientCount = 0;
  /** A flood of wrong PINs (many connections) must not flood the shop's print_logs: at most this many per window. */
  private readonly pinLogBudget = budget(30, 10 * 60_000);
  // One broken listener (a closed socket) does not stop the others (Emitter).
  private readonly pushes = new Emitter<StationPush>();
  private unsubscribeEngine: Array<() => void> = [];
  private snapshotTimer: NodeJS.Timeout | undefined;
  private lastSnapshotPush = 0;
  /** Changed orders to the consoles, while any listens (issue 11). */
  private readonly rows = new QueueRowsRelay((push) => this.push(push));
  /** The operator's language while no settings are saved yet (first run): the first save keeps it. */
  private pickedLanguage: OperatorLanguage | undefined;

  constructor(private readonly options: StationApiServiceOptions) {
    this.store = options.settingsStore ?? memorySettingsStore();
    this.setEngine(options.engine);
  }

  /** Swaps the engine (after settings changed, or on first configuration). */
  setEngine(engine: EngineForApi | null): void {
    for (const off of this.unsubscribeEngine) off();
    this.engine = engine;
    this.unsubscribeEngine = engine
      ? [engine.onSnapshot(() => this.scheduleSnapshotPush()), engine.onEvent((event) => this.push({ type: 'event', event }))]
      : [];
    this.push({ type: 'snapshot', snapshot: engine?.snapshot() ?? null });
    this.followRows();
  }

  /** The event stream: snapshots (throttled), engine events, settings changes. */
  subscribe(listener: (push: StationPush) => void): () => void {
    const off = this.pushes.on(listener);
    this.followRows();
    return () => {
      off();
      this.followRows();
    };
  }

  /** The orders' changes are followed while someone listens and there is an engine (a second stream otherwise idle). */
  private followRows(): void {
    const wanted = this.pushes.size > 0 ? this.engine?.repositories.orders : undefined;
    if (wanted === this.rowsFrom && this.rows.following === Boolean(wanted?.followRows)) return;
    this.rowsFrom = wanted;
    this.rows.follow(wanted);
  }
  private rowsFrom: RowSource | undefined;

  /**
   * The one entry point for both transports: validates in, checks the PIN, validates out. Throws on bad input.
   * `client` names who is asking (a web console connection, the desktop window): wrong PINs lock only that client.
   */
  async invoke(method: unknown, params: unknown, client = 'local'): Promise<unknown> {
    if (!isStationMethod(method)) throw new Error(`Unknown method ${String(method)}`);
    const spec = STATION_METHODS[method];
    const parsed = spec.request.safeParse(params ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const message = `${issue.path.join('.') || 'request'}: ${issue.message}`;
      if (spec.kind === 'command') return { ok: false, code: 'refused', reason: message } satisfies CommandResult;
      throw new Error(`Invalid request for ${method}: ${message}`);
    }
    const request = parsed.data as { operator?: Operator };
    if (needsPin(method, parsed.data as never)) {
      const settings = await this.loadSettings();
      const check = this.pins.check(settings.pinHash, request.operator?.pin, client);
      if (!check.ok) {
        this.recordPinRefusal(check, method, request, client);
        if (spec.kind === 'query') throw new Error(check.reason);
        const left = check.attemptsLeft === undefined ? {} : { attemptsLeft: check.attemptsLeft };
        return { ok: false, code: check.code, reason: check.reason, said: check.said, ...left } satisfies CommandResult;
      }
    }
    const handler = this.handlers[method] as (r: unknown) => Promise<unknown>;
    return spec.response.parse(await handler(request));
  }

  /**
   * A stable name for one client connection (a WebSocket), for the per-client PIN lockout and the log:
   * "web console #3 (10.0.0.9)". The same object always gets the same name; a new connection gets a new one.
   */
  clientId(connection: object): string {
    let id = this.clientIds.get(connection);
    if (!id) {
      const address = (connection as { _socket?: { remoteAddress?: string } })._socket?.remoteAddress;
      id = `web console #${++this.clientCount}${address ? ` (${address})` : ''}`;
      this.clientIds.set(connection, id);
    }
    return id;
  }

  /** The API as plain typed methods (for in-process callers and tests); same checks as invoke. */
  readonly api = Object.fromEntries(
    Object.keys(STATION_METHODS).map((m) => [m, (request: unknown) => this.invoke(m, request)]),
  ) as unknown as StationApi;

  dispose(): void {
    this.rows.close();
    for (const off of this.unsubscribeEngine) off();
    clearTimeout(this.snapshotTimer);
    this.pushes.clear();
  }

  private readonly handlers: Handlers = {
    snapshot: async () => this.engine?.snapshot() ?? null,
    listOrders: async (request) => {
      const asked = Date.now();
      const result = await this.read((e) => e.repositories.orders.listOrders({ ...request, search: request.search?.trim() || undefined }));
      // Where a slow queue screen spends its time (issue 11's UI bench): the database's part of one page.
      this.engine?.logger?.debug?.(
        `listOrders ${request.tab}${request.search ? ` "${request.search}"` : ''} page ${request.page}: ${result.orders.length} of ${result.total} in ${Date.now() - asked} ms`,
      );
      return { orders: result.orders.map(orderView), total: result.total, page: request.page, pageSize: request.pageSize };
    },
    orderHistory: async ({ orderId }) => {
      const [order, logs] = await this.read((e) =>
        Promise.all([e.repositories.orders.getOrder(orderId), e.repositories.logs.history(orderId, 200)]),
      );
      // Oldest first: the history reads as the order's story.
      const history = logs.map(historyEntry).sort((a, b) => +new Date(a.at) - +new Date(b.at));
      return { order: order ? orderView(order) : null, history };
    },
    orderFile: async ({ orderId }) => {
      const order = await this.read((e) => e.repositories.orders.getOrder(orderId));
      const url = order ? orderFileUrls(order)[0] : undefined;
      if (!url) throw new Error(`Order ${orderId} has no file`);
      // The printing fetcher and policy (issue 9): a preview reaches nothing a print could not.
      return { orderId, ...(await fetchOrderFile(url, this.engine?.config?.fetch)) };
    },
    fleet: async () => {
      const silentMs = silentAfterMs(this.engine?.config?.intervals.healthMs ?? 30_000);
      const [stations, printers, aliveIds] = await this.read((e) =>
        Promise.all([e.repositories.stations.list(), e.repositories.printers.list(), e.repositories.stations.aliveIds?.(silentMs)]),
      );
      return fleetView(stations, printers, { thisStationId: this.engine?.snapshot().station.id, now: new Date(), aliveIds });
    },
    metricsSeries: async ({ hours, thisStationOnly }) => {
      const workerId = thisStationOnly ? this.engine?.snapshot().station.workerId : undefined;
      const docs = await this.read((e) => e.repositories.metrics.series({ since: new Date(Date.now() - hours * 3600_000), workerId }));
      return { points: docs.map(metricsPoint) };
    },
    recentLogs: async ({ limit }) => this.engine?.recentLogs(limit) ?? [],
    settings: async () => {
      const settings = await this.loadSettings();
      const discovered = (await this.options.discoverPrinters?.().catch(() => [])) ?? [];
      return {
        configured: Boolean(this.engine) || settings.mongoUri !== '',
        settings: {
          stationName: settings.stationName,
          mongoUriMasked: maskMongoUri(settings.mongoUri),
          dbName: settings.dbName,
          printers: settings.printers,
          intervals: settings.intervals,
          fileSources: settings.fileSources,
          startOnLogin: settings.startOnLogin,
          operatorName: settings.operatorName,
          pinSet: Boolean(settings.pinHash),
          ...(this.options.secretStorage ? { secretStorage: this.options.secretStorage } : {}),
        },
        discoveredPrinters: discovered,
        canStartOnLogin: this.options.canStartOnLogin ?? false,
        appliesLive: Boolean(this.options.applySettings),
      };
    },
    testMongoConnection: async ({ uri, dbName }) => testMongoConnection(uri, dbName),
    confirmRetrieval: ({ printerId, outcome, reason, operator }) =>
      this.command((e, actor) => e.confirmRetrieval(printerId, outcome, actor, reason), operator),
    printerRecovered: ({ printerId, operator }) => this.command((e, actor) => e.printerRecovered(printerId, actor), operator),
    resolveUnknownOutcome: ({ printerId, printed, operator }) =>
      this.command((e, actor) => e.resolveUnknownOutcome(printerId, printed, actor), operator),
    pausePrinter: ({ printerId, operator }) => this.command((e, actor) => e.pausePrinter(printerId, actor), operator),
    resumePrinter: ({ printerId, operator }) => this.command((e, actor) => e.resumePrinter(printerId, actor), operator),
    pauseAll: ({ operator }) => this.command((e, actor) => e.pauseAll(actor), operator),
    resumeAll: ({ operator }) => this.command((e, actor) => e.resumeAll(actor), operator),
    testPrint: ({ printerId, operator }) => this.command((e, actor) => e.testPrint(printerId, actor), operator),
    simulateFault: async ({ printerId, fault, operator }) => {
      if (!this.engine?.simulateFault) return { ok: false, code: 'unavailable', reason: 'This station cannot simulate faults.' };
      const result = await this.engine.simulateFault(printerId, fault, this.actor(operator));
      return result.ok ? { ok: true, message: result.message, said: result.said } : { ok: false, code: 'refused', reason: result.reason };
    },
    reprint: (r) => this.orderCommand('reprint', r),
    cancel: (r) => this.orderCommand('cancel', r),
    resetStuck: (r) => this.orderCommand('resetStuck', r),
    forcePrinted: (r) => this.orderCommand('forcePrinted', r),
    saveSettings: async ({ settings }) => this.saveSettings(settings),
    setOperatorLanguage: async ({ locale }) => this.setOperatorLanguage(locale),
    printNext: ({ orderId, reason, operator }) => this.steer((s, actor) => s.printNext(orderId, actor, reason), operator),
    changePriority: ({ orderId, direction, reason, operator }) =>
      this.steer((s, actor) => s.changePriority(orderId, direction, actor, reason), operator),
    holdOrder: ({ orderId, reason, operator }) => this.steer((s, actor) => s.hold(orderId, actor, reason), operator),
    releaseOrder: ({ orderId, reason, operator }) => this.steer((s, actor) => s.release(orderId, actor, reason), operator),
    pinOrder: ({ orderId, printerId, stationId, reason, operator }) =>
      this.steer((s, actor) => s.pin(orderId, printerId ? { printerId } : { stationId: stationId! }, actor, reason), operator),
    unpinOrder: ({ orderId, reason, operator }) => this.steer((s, actor) => s.unpin(orderId, actor, reason), operator),
    pauseAfterJob: async ({ printerId, operator }) => {
      if (!this.engine?.pauseAfterJob) return { ok: false, code: 'unavailable', reason: 'This station cannot pause after a job.' };
      const result = await this.engine.pauseAfterJob(printerId, this.actor(operator));
      if (!result.ok) return { ok: false, code: 'refused', reason: result.reason, said: result.said };
      return { ok: true, message: result.message, said: result.said };
    },
  };

  /** A steer of the queue (issue 11): the order core decides, the answer names what happened. */
  private async steer(run: (steering: OrderSteeringApi, actor: Actor) => Promise<SteerResult>, operator: Operator): Promise<CommandResult> {
    const steering = this.engine?.repositories.steering;
    if (!steering) return { code: 'unavailable', ...refused({ key: 'notConnected', params: {} }) };
    const result = await this.read(() => run(steering, this.actor(operator)));
    if (!result.ok) return { ok: false, code: 'refused', reason: result.reason, said: result.said };
    this.scheduleSnapshotPush();
    return { ok: true, message: capitalised(result.message), said: result.said };
  }

  private async loadSettings(): Promise<StoredSettings> {
    const stored = await this.store.load();
    if (stored) return stored;
    // Nothing saved yet: describe the running engine, so Settings opens on what is really in use.
    const snap = this.engine?.snapshot();
    const config = this.engine?.config;
    return StoredSettings.parse({
      stationName: snap?.station.name ?? '',
      mongoUri: config?.mongodbUri ?? '',
      dbName: config?.dbName,
      intervals: config && settingsIntervalsOf(config.intervals),
      fileSources: config?.fetch && {
        allowedHosts: config.fetch.allowedHosts ?? [],
        allowPrivateNetworks: config.fetch.allowPrivateNetworks ?? false,
      },
      printers: (snap?.printers ?? []).map((p) => ({
        systemName: p.systemName,
        displayName: p.name,
        driverKind: p.driverKind,
        managed: true,
        requiresRetrieval: p.requiresRetrieval,
        capabilities: p.capabilities,
      })),
    });
  }

  private async saveSettings(input: SettingsInput): Promise<CommandResult> {
    const current = await this.loadSettings();
    const { newPin, mongoUri, ...rest } = input;
    const next = StoredSettings.parse({
      ...current,
      ...rest,
      mongoUri: mongoUri ?? current.mongoUri,
      pinHash: newPin === null ? undefined : newPin ? hashPin(newPin) : current.pinHash,
      locale: this.pickedLanguage ?? current.locale,
    });
    await this.store.save(next);
    const note = await this.options.applySettings?.(next);
    this.push({ type: 'settings_changed' });
    // Without applySettings (a station run from its start command alone) only the PIN and names apply at once.
    return {
      ok: true,
      message: this.options.applySettings
        ? note || 'Settings saved.'
        : 'Settings saved. Printers and timings apply when the station is next started with them.',
    };
  }

  /**
   * The operator's language, kept with the saved settings and told to the shell. Not applySettings: nothing the
   * engine runs on changed. With no settings saved yet it waits for the first save, so a station started from its
   * config file alone gets no console settings file (they would decide its printers at the next start).
   */
  private async setOperatorLanguage(locale: OperatorLanguage): Promise<CommandResult> {
    this.pickedLanguage = locale;
    const stored = await this.store.load();
    if (stored && stored.locale !== locale) await this.store.save(StoredSettings.parse({ ...stored, locale }));
    this.options.onOperatorLanguage?.(locale);
    return { ok: true, message: 'Language saved.' };
  }

  /** Wrong PINs and lockouts go to the station log and print_logs (the station as actor), for the shift lead. */
  private recordPinRefusal(check: Exclude<PinCheck, { ok: true }>, method: string, request: { operator?: Operator }, client: string): void {
    if (check.code !== 'pin_wrong') return; // a missing PIN is a question, a locked client's retries are not news
    const who = request.operator?.name ?? 'someone';
    const orderId = (request as { orderId?: unknown }).orderId;
    const printerId = (request as { printerId?: unknown }).printerId;
    const lock = check.lockedForMs ? ` Locked ${client} for ${Math.ceil(check.lockedForMs / 1000)} s.` : '';
    const reason = `Wrong PIN for ${method} from ${client}, given as ${JSON.stringify(who)} (${check.failures ?? '?'} in a row).${lock}`;
    const engine = this.engine;
    engine?.logger?.warn(reason, { orderId: typeof orderId === 'string' ? orderId : undefined });
    if (!engine || !this.pinLogBudget.take(Date.now())) return;
    const stationId = engine.snapshot().station.id;
    engine.repositories.logs
      .log({
        action: 'pin_refused',
        orderId: typeof orderId === 'string' ? orderId : '-',
        source: 'station',
        stationId,
        printerId: typeof printerId === 'string' ? printerId : null,
        reason,
        metadata: { method, client, failures: check.failures ?? null, lockedForMs: check.lockedForMs ?? null },
      })
      .catch(() => engine.logger?.warn('A wrong PIN could not be written to print_logs (database unreachable).'));
  }

  private actor(operator: Operator): Actor {
    return { source: 'operator', adminId: operator.name, stationId: this.engine?.snapshot().station.id };
  }

  private async command(run: (engine: EngineForApi, actor: Actor) => Promise<EngineResult>, operator: Operator): Promise<CommandResult> {
    if (!this.engine) return { code: 'unavailable', ...refused({ key: 'notRunning', params: {} }) };
    const result = await run(this.engine, this.actor(operator));
    return result.ok ? { ok: true } : { ok: false, code: 'refused', reason: result.reason, said: result.said };
  }

  private async orderCommand(
    action: 'reprint' | 'cancel' | 'resetStuck' | 'forcePrinted',
    { orderId, reason, operator }: { orderId: string; reason: string; operator: Operator },
  ): Promise<CommandResult> {
    if (!this.engine) return { code: 'unavailable', ...refused({ key: 'notConnected', params: {} }) };
    const result = await this.read((e) => e.repositories.orders[action](orderId, this.actor(operator), reason));
    if (!result.ok) return { ok: false, code: 'refused', reason: result.reason, said: result.said };
    this.scheduleSnapshotPush();
    return { ok: true, message: orderOutcome(action, orderId, result) };
  }

  private read<T>(run: (engine: EngineForApi) => Promise<T>): Promise<T> {
    if (!this.engine) return Promise.reject(new Error('The station is not connected to a database yet.'));
    return withTimeout(run(this.engine), this.options.queryTimeoutMs ?? 8_000, 'The database did not answer in time.');
  }

  private scheduleSnapshotPush(): void {
    if (this.snapshotTimer) return;
    const wait = Math.max(0, this.lastSnapshotPush + (this.options.snapshotThrottleMs ?? 250) - Date.now());
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      this.lastSnapshotPush = Date.now();
      this.push({ type: 'snapshot', snapshot: this.engine?.snapshot() ?? null });
    }, wait);
  }

  private push(push: StationPush): void {
    this.pushes.emit(push);
  }
}

function capitalised(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** At most `max` takes per `windowMs` (a fixed window): enough to see an attack, not enough to fill a collection. */
function budget(max: number, windowMs: number) {
  let windowStart = 0;
  let used = 0;
  return {
    take(now: number): boolean {
      if (now - windowStart >= windowMs) {
        windowStart = now;
        used = 0;
      }
      used += 1;
      return used <= max;
    },
  };
}
