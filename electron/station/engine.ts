/**
 * StationEngine: the composition root of one station (DESIGN §4–§7). It builds every service once and hands each
 * what it needs: the database link and repositories, the journal and outcome queue, the lease keeper, one
 * PrinterLoop per managed printer, the change feed that wakes them, the housekeeping (registration, health, reaper,
 * metrics, counts: housekeeping.ts) and what the UI hears (stationBroadcast.ts). It owns the station's life cycle
 * (start, reconcile, stop) and passes operator commands on (commands.ts).
 * It runs in plain Node; the Electron shell and the headless runner both construct it the same way.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/domain';
import type { LogLine, SimulatedFault, StationEvent, StationSnapshot } from '../../shared/stationApi';
import type { PrinterDriver } from '../printing/driver';
import { OrderChangeFeed } from '../db/changeFeed';
import { FleetRoster } from '../db/fleetRoster';
import { ClaimScheduler } from './printer/claimScheduler';
import { MetricsRepository } from '../db/metricsRepository';
import type { OrderRepository } from '../db/orderRepository';
import { PrintLogRepository } from '../db/printLogRepository';
import { PrinterRepository } from '../db/printerRepository';
import { StationRepository } from '../db/stationRepository';
import { fenceOf, type AttemptJournal } from './printer/attempt';
import { openAttemptJournal } from './durability/attemptJournal';
import { formatsAccepted, printerIdOf, type PrinterConfig, type StationConfig } from './config';
import { DatabaseLink } from './link/databaseLink';
import { LeaseKeeper } from './link/leaseKeeper';
import { createStationLogger, type StationLogger } from './logger';
import { StationStats } from './housekeeping/metrics';
import { Housekeeping } from './housekeeping/housekeeping';
import { StationBroadcast } from './service/stationBroadcast';
import { fileFetchOptionsFrom, orderFileFetcher } from './files/orderFile';
import { OutcomeQueue } from './durability/outcomeQueue';
import { PrinterHolds } from './printer/printerHolds';
import { PrinterLoop } from './printer/printerLoop';
import { reconcileJournal, type ReconcileSummary } from './durability/reconcile';
import { StationCommands } from './printer/commands';
import { OrderSteering } from '../db/orderSteering';
import { stationIdentity } from './identity';
import { WatchedOrders } from './link/watchedOrders';
import { packageVersion } from '../headless/packageVersion';
import type { CommandResult } from './printer/commands';
import type { StationContext } from './stationContext';

export type { CommandResult } from './printer/commands';

export interface StationEngineOptions {
  config: StationConfig;
  /** The driver for each configured printer; the composition root above decides (virtual in demo and tests). */
  driverFor: (printer: PrinterConfig) => PrinterDriver;
  logger?: StationLogger;
  /** What the station reports in its snapshot and in `stations` (default: package.json's, the install's own). */
  version?: string;
  /** Let the engine close the drivers on stop (default true). */
  ownsDrivers?: boolean;
}

export class StationEngine {
  readonly config: StationConfig;
  readonly stationId: string;
  readonly stationName: string;
  readonly workerId: string;
  readonly logger: StationLogger;
  readonly link: DatabaseLink;
  readonly repositories: {
    orders: OrderRepository;
    steering: OrderSteering;
    printers: PrinterRepository;
    stations: StationRepository;
    logs: PrintLogRepository;
    metrics: MetricsRepository;
  };
  readonly stats = new StationStats();
  private readonly loops = new Map<string, PrinterLoop>();
  private readonly drivers = new Map<string, PrinterDriver>();
  private readonly feed: OrderChangeFeed;
  /** Which printer claims when a wake-up names an order (issue 12: one claim per order, not one per idle printer). */
  private claims: ClaimScheduler | undefined;
  private readonly leases: LeaseKeeper;
  private readonly commands: StationCommands;
  private readonly housekeeping: Housekeeping;
  private journal: AttemptJournal | undefined;
  private outcomes: OutcomeQueue | undefined;
  private readonly broadcast = new StationBroadcast(() => this.snapshot());
  private startedAt = new Date();
  private state: 'created' | 'starting' | 'running' | 'stopping' | 'stopped' = 'created';
  private stopController = new AbortController();
  private shutdownDeadline: number | undefined;
  private readonly version: string;
  /** What every part of this station shares (link, log, intervals, stop signal, the UI's ear), built once. */
  private readonly context: StationContext;
  lastReconcile: ReconcileSummary | undefined;

  constructor(private readonly options: StationEngineOptions) {
    const config = (this.config = options.config);
    mkdirSync(config.dataDir, { recursive: true });
    const identity = stationIdentity(config);
    this.stationId = identity.id;
    this.stationName = identity.name;
    // A fresh worker id per run: releaseOnShutdown and the reaper tell this run's claims from a crashed one's.
    this.workerId = `${this.stationId}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.version = options.version ?? packageVersion();
    this.logger =
      options.logger ??
      createStationLogger({
        logId: `station-${this.stationId}-${this.workerId}`,
        dataDir: config.dataDir,
        level: config.log.level,
        console: config.log.console,
        file: config.log.file,
      });
    this.logger.onLine((line) => this.emit({ kind: 'log', line }));
    const i = config.intervals;
    this.link = new DatabaseLink({
      uri: config.mongodbUri,
      dbName: config.dbName,
      ...config.database,
      appName: `print-station ${this.stationName}`,
      logger: this.logger,
    });
    this.context = {
      stationId: this.stationId,
      link: this.link,
      logger: this.logger,
      intervals: i,
      stopSignal: this.stopController.signal,
      isStopping: () => this.state === 'stopping' || this.state === 'stopped',
      shutdownDeadline: () => this.shutdownDeadline,
      changed: () => this.changed(),
      emit: (e) => this.emit(e),
    };
    const db = this.link.db;
    const watched = new WatchedOrders(db, {
      leaseMs: i.leaseMs,
      clockSkewMarginMs: i.clockSkewMarginMs,
      maxPrintDurationMs: i.maxPrintDurationMs,
    });
    watched.onOperatorAction((orderId) => {
      for (const loop of this.loops.values()) loop.orderTouched(orderId);
    });
    this.repositories = {
      orders: watched,
      printers: new PrinterRepository(db),
      stations: new StationRepository(db),
      logs: new PrintLogRepository(db),
      metrics: new MetricsRepository(db),
      steering: new OrderSteering(db),
    };
    const socketTimeout = config.database.socketTimeoutMS;
    this.feed = new OrderChangeFeed(db, {
      pollIntervalMs: i.pollFallbackMs,
      safetyPollMs: i.safetyPollMs,
      useChangeStreams: config.database.useChangeStreams,
      // A getMore held longer than the socket may stay silent would break the stream instead of waiting.
      maxAwaitTimeMS: socketTimeout > 0 ? Math.min(i.changeStreamAwaitMs, Math.floor(socketTimeout / 2)) : i.changeStreamAwaitMs,
      emptyAnswerPauseMaxMs: i.changeStreamPauseMaxMs,
    });
    this.leases = new LeaseKeeper({
      ...this.context,
      orders: this.repositories.orders,
      leaseMs: i.leaseMs,
      renewEveryMs: i.leaseRenewMs,
      marginMs: i.clockSkewMarginMs,
    });
    for (const printer of config.printers) {
      const printerId = printerIdOf(this.stationId, printer);
      this.drivers.set(printerId, options.driverFor(printer));
    }
    this.commands = new StationCommands({
      ...this.context,
      loops: this.loops,
      orders: this.repositories.orders,
      logs: this.repositories.logs,
      driverOf: (id) => this.drivers.get(id),
      outcomes: () => this.outcomes,
      dbTimeoutMs: i.leaseRenewMs,
    });
    this.housekeeping = new Housekeeping({
      ...this.context,
      config,
      stationName: this.stationName,
      workerId: this.workerId,
      version: this.version,
      repositories: this.repositories,
      stats: this.stats,
      loops: this.loops,
      driverOf: (id) => this.drivers.get(id)!,
    });
    this.link.onChange((state) => {
      this.logger.info(`Database ${state}`);
      for (const loop of this.loops.values()) loop.wake();
      this.changed();
    });
  }

  // ── life cycle ─────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Start-up, in the DESIGN's order: the journal and its outcome queue, one loop per printer, the database (it may be
   * away: the station still reconciles with its spoolers and prints what it holds), reconciliation, then the printers
   * claim, the change feed wakes them, and the housekeeping keeps the fleet honest.
   */
  async start(): Promise<void> {
    if (this.state !== 'created') throw new Error(`the engine was already ${this.state}`);
    this.state = 'starting';
    this.startedAt = new Date();
    this.logger.info(`Station ${this.stationName} (${this.stationId}) starting with ${this.config.printers.length} printer(s)`);
    const { journal, outcomes } = this.openJournal();
    this.buildPrinters(journal, outcomes);
    await this.connectDatabase();
    await this.reconcile(journal, outcomes);
    this.startPrinters();
    this.startChangeFeed();
    this.housekeeping.start();
    this.state = 'running';
    this.logger.info(`Station running (database ${this.link.state})`);
    this.changed();
  }

  /** The journal on disk and the queue that writes its outcomes to the database (journal first). */
  private openJournal(): { journal: AttemptJournal; outcomes: OutcomeQueue } {
    const { config } = this;
    const i = config.intervals;
    const systemNames = new Map(config.printers.map((p) => [printerIdOf(this.stationId, p), p.systemName ?? p.name]));
    const journal = (this.journal = openAttemptJournal(config.dataDir, (id) => systemNames.get(id)));
    const orders = this.repositories.orders;
    const outcomes = (this.outcomes = new OutcomeQueue({
      ...this.context,
      orders,
      journal,
      writeTimeoutMs: i.leaseRenewMs,
      retryMs: i.dbRetryMs,
      onChange: () => {
        // With the change stream up, the outcome's own event moves the counts; fifty stations need not count each.
        if (this.feed.mode !== 'change_stream') this.housekeeping.refreshCounts();
        this.changed();
      },
      onLostOwnership: ({ attempt, outcome }) => {
        if (outcome.kind !== 'printed') return;
        // Paper came out for an order that had moved on (re-queued, cancelled): the order must say so.
        const printerName = this.loops.get(attempt.printerId)?.identity.name ?? attempt.printerId;
        const reason = `A copy of order ${attempt.orderId} came out of printer ${printerName} after the order had moved on; check it is not printed twice.`;
        void this.link
          .run(
            'note a stray copy',
            () => orders.noteStrayCopy(fenceOf(attempt), { stationId: this.stationId, printerId: attempt.printerId, printerName, reason }),
            i.leaseRenewMs,
          )
          .catch((e) =>
            this.logger.warn(`Could not note the extra copy on order ${attempt.orderId}: ${(e as Error).message}`, {
              orderId: attempt.orderId,
            }),
          );
      },
    }));
    return { journal, outcomes };
  }

  /** One loop per configured printer, each with its pause, auto-print and tray kept from before a restart. */
  private buildPrinters(journal: AttemptJournal, outcomes: OutcomeQueue): void {
    const { config } = this;
    const orders = this.repositories.orders;
    const holds = new PrinterHolds(config.dataDir, (message) => this.logger.warn(message));
    const fetchOptions = fileFetchOptionsFrom(config.fetch);

    for (const printer of config.printers) {
      const printerId = printerIdOf(this.stationId, printer);
      const loop = new PrinterLoop({
        ...this.context,
        printer: {
          printerId,
          name: printer.name,
          systemName: printer.systemName ?? printer.name,
          driverKind: printer.driver,
          capabilities: printer.capabilities,
          requiresRetrieval: printer.requiresRetrieval,
          autoPrint: printer.autoPrint,
        },
        driver: this.drivers.get(printerId)!,
        orders,
        printers: this.repositories.printers,
        logs: this.repositories.logs,
        worker: { workerId: this.workerId, stationId: this.stationId },
        journal,
        outcomes,
        leases: this.leases,
        // Each printer's fetcher knows what it takes: PDF, and ZPL for a ZPL printer set to pass it through.
        fetchFile: orderFileFetcher({ ...fetchOptions, printer: { name: printer.name, accepts: formatsAccepted(printer) } }),
        stationHold: () => this.hold(),
        stats: this.stats,
        holds,
      });
      this.loops.set(printerId, loop);
    }
  }

  private async connectDatabase(): Promise<void> {
    // The database may be away at start: the station still reconciles with its spooler and prints what it holds.
    const connected = await this.link.connect();
    if (connected)
      await this.housekeeping
        .register(this.startedAt)
        .catch((e) => this.logger.warn(`Could not register the station: ${(e as Error).message}`));
  }

  /** What the journal says was under way before this start, settled with the spoolers and the database. */
  private async reconcile(journal: AttemptJournal, outcomes: OutcomeQueue): Promise<void> {
    const i = this.config.intervals;
    const orders = this.repositories.orders;
    await outcomes.load();
    this.lastReconcile = await reconcileJournal({
      ...this.context,
      journal,
      outcomes,
      orders,
      loops: this.loops,
      driverOf: (id) => this.drivers.get(id),
      dbTimeoutMs: i.leaseRenewMs,
    });
    // A copy this station could not withdraw before the restart is a question too (printerLoop.settleKeptStray).
    await Promise.all([...this.loops.values()].map((loop) => loop.settleKeptStray()));
    // After reconciliation, so a printer unreachable at start still comes up in error when the journal has a
    // question for it (offline would otherwise lead back to ready without anyone answering).
    await this.housekeeping.checkPrinters();
  }

  /** The printers may claim from now on. */
  private startPrinters(): void {
    for (const loop of this.loops.values()) loop.start();
  }

  /** The change feed wakes the printers on new work and moves the header's counts. */
  private startChangeFeed(): void {
    const i = this.config.intervals;
    const roster = new FleetRoster(this.link.db);
    const claims = (this.claims = new ClaimScheduler({
      stationId: this.stationId,
      printers: () => this.loops.values(),
      roster: () =>
        this.link.run('fleet roster', () => roster.claimingPrinters({ silentAfterMs: Math.max(3 * i.healthMs, 30_000) }), i.leaseRenewMs),
    }));
    this.feed.onWork((hint) => {
      // A hint's order is counted already (by its event's move, or it was pending before): only a general wake counts.
      if (!hint) this.housekeeping.refreshCounts();
      claims.work(hint);
    });
    this.feed.onTaken((key) => claims.orderTaken(key));
    // Any station's claim, outcome or operator action (change stream only): the header's counts follow within
    // countsThrottleMs instead of waiting for the countsMs timer.
    this.feed.onStatusChange((move) => (move ? this.housekeeping.applyCountsMove(move) : this.housekeeping.refreshCounts()));
    this.feed.onQuiet(() => {
      for (const loop of this.loops.values()) loop.nothingClaimable();
      // Another station took what this one still counts as pending: the counts are stale, not the queue.
      if (this.housekeeping.counts.pending > 0) this.housekeeping.refreshCounts();
    });
    void this.feed
      .start()
      .then(() => this.logger.info(`Change feed: ${this.feed.mode === 'change_stream' ? 'change stream' : 'polling'}`))
      .catch((e) => this.logger.warn(`Change feed did not start: ${(e as Error).message}`));
  }

  /**
   * Graceful stop (quit, SIGINT, SIGTERM): stop claiming, let attempts not yet at the spooler give up, release
   * them in one write, follow jobs at the spooler for up to shutdownGraceMs, and leave the rest to the journal.
   */
  async stop(reason = 'stopped'): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    const wasRunning = this.state === 'running';
    this.state = 'stopping';
    this.logger.info(`Station stopping: ${reason}`);
    this.shutdownDeadline = Date.now() + this.config.intervals.shutdownGraceMs;
    this.stopController.abort(new Error(`station stopping: ${reason}`));
    this.housekeeping.stop();
    this.claims?.stop();
    const loops = [...this.loops.values()];
    await Promise.all(loops.map((loop) => loop.quiesce()));
    if (wasRunning && this.link.state !== 'offline') {
      const released = await this.shutdownStep(
        'giving back the orders not yet at a printer',
        () =>
          this.link.run(
            'release on shutdown',
            () => this.repositories.orders.releaseOnShutdown(this.workerId),
            this.config.intervals.leaseRenewMs,
          ),
        0,
      );
      if (released) this.logger.info(`Released ${released} order(s) not yet at the printer`);
    }
    await Promise.all(loops.map((loop) => loop.join()));
    this.leases.stop();
    await this.shutdownStep('stopping the change feed', () => this.feed.stop(), undefined);
    if (this.outcomes) {
      const outcomes = this.outcomes;
      if (this.link.state !== 'offline') await this.shutdownStep('writing the outcomes still waiting', () => outcomes.flush(), undefined);
      outcomes.stop();
    }
    const journal = this.journal;
    if (journal) await this.shutdownStep('closing the journal', () => journal.close(), undefined);
    await this.link.close();
    if (this.options.ownsDrivers !== false) {
      await Promise.all(
        [...new Set(this.drivers.values())].map((d) =>
          this.shutdownStep('closing the printer drivers', async () => d.close?.(), undefined),
        ),
      );
    }
    this.state = 'stopped';
    this.logger.info('Station stopped');
    this.broadcast.close();
  }

  /**
   * One step of a shutdown. A step that fails does not stop the others (what it left undone is the next start's to
   * settle: the journal keeps unwritten outcomes, the reaper takes back leases), but it is said in the log.
   */
  private async shutdownStep<T>(what: string, step: () => Promise<T>, otherwise: T): Promise<T> {
    try {
      return await step();
    } catch (error) {
      this.logger.warn(`Shutdown: ${what} failed: ${(error as Error).message}`);
      return otherwise;
    }
  }

  private hold(): string | undefined {
    if (this.state === 'stopping' || this.state === 'stopped') return 'the station is shutting down';
    if (this.state !== 'running') return 'the station is starting';
    if (this.link.state === 'offline') return 'the database is unreachable: finishing what it holds, claiming nothing';
    return undefined;
  }

  // ── what the UI sees ───────────────────────────────────────────────────────────────────────────────────────

  snapshot(): StationSnapshot {
    return {
      station: {
        id: this.stationId,
        name: this.stationName,
        hostname: os.hostname(),
        version: this.version,
        workerId: this.workerId,
        startedAt: this.startedAt,
      },
      connection: this.link.state,
      connectionSince: this.link.stateSince,
      printers: [...this.loops.values()].map((loop) => loop.view()),
      counts: { ...this.housekeeping.counts },
      pendingOutcomes: this.outcomes?.size ?? 0,
      updatedAt: new Date(),
    };
  }

  onSnapshot(listener: (s: StationSnapshot) => void): () => void {
    return this.broadcast.onSnapshot(listener);
  }

  onEvent(listener: (e: StationEvent) => void): () => void {
    return this.broadcast.onEvent(listener);
  }

  private changed(): void {
    this.broadcast.changed();
  }

  private emit(event: StationEvent): void {
    this.broadcast.emit(event);
  }

  recentLogs(limit: number): LogLine[] {
    return this.logger.recent(limit);
  }

  /** The printer loop of `printerId` (tests and the shell's tray menu). */
  printer(printerId: string): PrinterLoop | undefined {
    return this.loops.get(printerId);
  }

  /** Printer id of a configured printer name. */
  printerIdByName(name: string): string | undefined {
    return [...this.loops.values()].find((l) => l.identity.name === name)?.id;
  }

  // ── operator commands (commands.ts does the work) ──────────────────────────────────────────────────────────

  pausePrinter(printerId: string, actor: Actor): Promise<CommandResult> {
    return this.commands.pause(printerId, actor);
  }
  pauseAfterJob(printerId: string, actor: Actor): Promise<CommandResult> {
    return this.commands.pauseAfterJob(printerId, actor);
  }
  resumePrinter(printerId: string, actor: Actor): Promise<CommandResult> {
    return this.commands.resume(printerId, actor);
  }
  pauseAll(actor: Actor): Promise<CommandResult> {
    return this.commands.all((id) => this.commands.pause(id, actor));
  }
  resumeAll(actor: Actor): Promise<CommandResult> {
    return this.commands.all((id) => this.commands.resume(id, actor));
  }
  confirmRetrieval(printerId: string, outcome: 'good' | 'bad', actor: Actor, reason?: string): Promise<CommandResult> {
    return this.commands.confirmRetrieval(printerId, outcome, actor, reason);
  }
  printerRecovered(printerId: string, actor: Actor): Promise<CommandResult> {
    return this.commands.recovered(printerId, actor);
  }
  resolveUnknownOutcome(printerId: string, printed: boolean, actor: Actor): Promise<CommandResult> {
    return this.commands.resolveUnknown(printerId, printed, actor);
  }
  testPrint(printerId: string, actor: Actor): Promise<CommandResult> {
    return this.commands.testPrint(printerId, actor);
  }
  simulateFault(printerId: string, fault: SimulatedFault, actor: Actor): Promise<CommandResult> {
    return this.commands.simulateFault(printerId, fault, actor);
  }
}
