/**
 * The station's housekeeping (DESIGN §4, §6, §7): its registration in `stations` and `printers`, the periodic work
 * that keeps the fleet honest (health check, lease reaper, unprintable orders, metrics) and the queue counts the
 * screen shows. None of it prints; all of it is paced to cost an idle station little (see `npm run bench -- idle`).
 */
import os from 'node:os';
import type { QueueCounts } from '../../../shared/stationApi';
import type { MetricsRepository } from '../../db/metricsRepository';
import type { OrderRepository } from '../../db/orderRepository';
import type { PrinterRepository } from '../../db/printerRepository';
import type { StationRepository } from '../../db/stationRepository';
import { printerIdOf, type StationConfig } from '../config';
import { HealthCheck, type HealthReports } from './health';
import type { PrinterDriver } from '../../printing/driver';
import type { PrinterLoop } from '../printer/printerLoop';
import { writeMetrics, type StationStats } from './metrics';
import { Timers } from '../link/timers';
import type { StationContext } from '../stationContext';

export interface HousekeepingDeps extends Pick<StationContext, 'link' | 'logger' | 'stationId' | 'changed'> {
  config: StationConfig;
  stationName: string;
  workerId: string;
  version: string;
  repositories: { orders: OrderRepository; printers: PrinterRepository; stations: StationRepository; metrics: MetricsRepository };
  stats: StationStats;
  loops: Map<string, PrinterLoop>;
  driverOf(printerId: string): PrinterDriver;
}

export class Housekeeping {
  counts: QueueCounts = { pending: 0, printing: 0, printed: 0, failed: 0, cancelled: 0, needs_attention: 0 };
  private countsAt = 0;
  private refreshing = false;
  /** A change was signalled since the last count began: count once more (trailing edge of the throttle). */
  private countsDirty = false;
  /** Stops listening for prints (the fleet's "last print" is written as each one ends). */
  private stopLastPrint: (() => void) | undefined;
  private countsTimer: NodeJS.Timeout | undefined;
  /** A count was sent in this turn of the event loop: it is sent after every signal of the same turn, so covers them. */
  private countSentThisTurn = false;
  private stopped = false;
  private readonly timers = new Timers();
  private health: HealthCheck | undefined;
  private firstReports: HealthReports = [];
  /** The station's start as registered; `written` once `stations` and `printers` hold this run's documents. */
  private registration: { startedAt: Date; written: boolean } | undefined;

  constructor(private readonly deps: HousekeepingDeps) {}

  /** Asks every printer once before the loops start (nothing written yet: the database may be away). */
  async checkPrinters(): Promise<void> {
    const { deps } = this;
    const i = deps.config.intervals;
    this.health = new HealthCheck({
      loops: [...deps.loops.values()],
      driverOf: (id) => deps.driverOf(id),
      printers: deps.repositories.printers,
      stations: deps.repositories.stations,
      stationId: deps.stationId,
      version: deps.version,
      link: deps.link,
      logger: deps.logger,
      statusTimeoutMs: Math.max(1_000, Math.min(10_000, i.healthMs)),
      dbTimeoutMs: i.leaseRenewMs,
      keepAliveMs: i.printerKeepAliveMs,
    });
    this.firstReports = await this.health.check();
  }

  /** The periodic work, from now until stop(). */
  start(): void {
    const { deps } = this;
    const i = deps.config.intervals;
    const health = this.health!;
    // The first mirror in the background: a station started without its database must not wait on it.
    this.registration ??= { startedAt: new Date(), written: false };
    void this.registerLate().then(() => health.write(this.firstReports));
    this.timers.every(i.healthMs, async () => {
      await this.registerLate();
      await health.run();
    });
    this.timers.every(i.reaperMs, () => this.reapLeases());
    this.timers.every(i.unprintableMs, () => this.failUnprintable());
    this.timers.every(i.metricsMs, () =>
      writeMetrics({
        stats: deps.stats,
        metrics: deps.repositories.metrics,
        link: deps.link,
        logger: deps.logger,
        workerId: deps.workerId,
        stationId: deps.stationId,
        timeoutMs: i.leaseRenewMs,
      }),
    );
    this.timers.every(i.countsMs, () => this.refreshCounts({ now: true }));
    this.refreshCounts({ now: true });
    // The fleet's "last print" (seed 001's last_successful_print_at): a lost write only leaves it older.
    this.stopLastPrint = deps.stats.onEnded.on(({ attempt, end }) => {
      if (end.kind !== 'printed') return;
      void deps.link.run('last print', () => deps.repositories.printers.recordPrinted(attempt.printerId), i.leaseRenewMs).catch(() => {});
    });
  }

  stop(): void {
    this.stopped = true;
    this.timers.clear();
    this.stopLastPrint?.();
    clearTimeout(this.countsTimer);
    this.countsTimer = undefined;
  }

  async register(startedAt: Date): Promise<void> {
    this.registration = { startedAt, written: false };
    await this.writeRegistration();
  }

  /**
   * A station that started while its database was away (or whose registration failed) registers when the database
   * answers: without it the fleet would never list the station or its printers (the heartbeat only updates).
   */
  private async registerLate(): Promise<void> {
    const registration = this.registration;
    if (!registration || registration.written || this.deps.link.state === 'offline') return;
    try {
      await this.deps.link.run('registration', () => this.writeRegistration(), this.deps.config.intervals.leaseRenewMs);
      // The printers' documents say 'starting' again: the next health write rewrites every one of them.
      this.health?.forget();
      this.deps.logger.info('Station registered in the fleet (the database was away at start).');
    } catch (error) {
      this.deps.logger.debug(`Registration not written yet: ${(error as Error).message}`);
    }
  }

  private async writeRegistration(): Promise<void> {
    const registration = this.registration!;
    const startedAt = registration.startedAt;
    const now = new Date();
    await this.deps.repositories.stations.register({
      _id: this.deps.stationId,
      name: this.deps.stationName,
      hostname: os.hostname(),
      version: this.deps.version,
      workerId: this.deps.workerId,
      startedAt: startedAt,
      lastHeartbeatAt: now,
      connection: this.deps.link.state,
    });
    for (const printer of this.deps.config.printers) {
      const printerId = printerIdOf(this.deps.stationId, printer);
      await this.deps.repositories.printers.upsert({
        printer_id: printerId,
        name: printer.name,
        printer_name: printer.systemName ?? printer.name,
        status: 'online',
        state: 'starting',
        stationId: this.deps.stationId,
        last_seen_at: now,
        queue_length: 0,
        driver_name: printer.driver,
        system_name: printer.systemName ?? printer.name,
        connectionType: printer.driver === 'virtual' ? 'virtual' : 'network',
        isActive: true,
        autoPrintEnabled: printer.autoPrint,
        capabilities: printer.capabilities,
        requiresRetrieval: printer.requiresRetrieval,
      });
    }
    registration.written = true;
  }

  /** Any station's reaper (DESIGN §4): expired leases, judged by the database's clock. */
  private async reapLeases(): Promise<void> {
    try {
      const reaped = await this.deps.link.run(
        'reaper',
        () => this.deps.repositories.orders.reapExpiredLeases(),
        this.deps.config.intervals.leaseRenewMs,
      );
      if (reaped.requeued || reaped.needsAttention) {
        this.deps.logger.info(`Reaper: ${reaped.requeued} back to pending, ${reaped.needsAttention} need attention`);
      }
    } catch (error) {
      this.deps.logger.debug(`Reaper skipped: ${(error as Error).message}`);
    }
  }

  /** Orders no active printer can print (DESIGN §6); slower than the reaper, they wait a grace period anyway. */
  private async failUnprintable(): Promise<void> {
    const { orders, printers } = this.deps.repositories;
    const t = this.deps.config.intervals.leaseRenewMs;
    try {
      // Printers of stations silent for three health intervals (their heartbeat rides on the health write) are not in
      // the fleet; never less than 30 s, so a station merely slowed down by a busy machine is not dropped from it.
      const silentAfterMs = Math.max(3 * this.deps.config.intervals.healthMs, 30_000);
      const fleet = await this.deps.link.run('fleet capabilities', () => printers.activeCapabilities({ silentAfterMs }), t);
      const failed = await this.deps.link.run(
        'unprintable',
        () => orders.failUnprintable(fleet, this.deps.config.intervals.capabilityGraceMs, { silentAfterMs }),
        t,
      );
      if (failed) this.deps.logger.warn(`${failed} order(s) failed: no active printer can print them`);
    } catch (error) {
      this.deps.logger.debug(`Unprintable check skipped: ${(error as Error).message}`);
    }
  }

  /**
   * Queue counts for the snapshot and "no pending order fits". Signals (the change feed, this station's outcomes)
   * are throttled to one count per `countsThrottleMs`, trailing edge: a change signalled while counting or within
   * the interval is counted once more at its end, so the counts always end up reflecting the last change.
   * `now` (start, the `countsMs` timer) counts at once unless a count is already running.
   */
  refreshCounts({ now: force = false }: { now?: boolean } = {}): void {
    if (this.stopped) return;
    if (this.refreshing) {
      // One event may be told twice (onWork and onStatusChange): the count just sent already sees it.
      if (!force && !this.countSentThisTurn) this.countsDirty = true;
      return;
    }
    this.countsDirty = true;
    if (this.countsTimer && !force) return;
    const wait = force ? 0 : this.countsAt + this.deps.config.intervals.countsThrottleMs - Date.now();
    if (wait <= 0) {
      clearTimeout(this.countsTimer);
      this.countsTimer = undefined;
      this.countNow();
      return;
    }
    this.countsTimer = setTimeout(() => {
      this.countsTimer = undefined;
      this.countNow();
    }, wait);
    this.countsTimer.unref?.();
  }

  /**
   * A move of the counts the change feed could tell (issue 12: no count of all orders per event and station). A count
   * under way may have been read before the move: it is counted once more when it ends.
   */
  applyCountsMove(move: Partial<Record<keyof QueueCounts, number>>): void {
    if (this.stopped) return;
    if (this.refreshing) this.countsDirty = true;
    let moved = false;
    for (const status of Object.keys(move) as (keyof QueueCounts)[]) {
      const n = move[status];
      if (!n) continue;
      this.counts[status] = Math.max(0, (this.counts[status] ?? 0) + n);
      moved = true;
    }
    if (moved) this.deps.changed();
  }

  private countNow(): void {
    if (this.stopped) return;
    this.countsDirty = false;
    if (this.deps.link.state === 'offline') return;
    this.refreshing = true;
    this.countsAt = Date.now();
    this.countSentThisTurn = true;
    setImmediate(() => (this.countSentThisTurn = false));
    void this.deps.link
      .run('counts', () => this.deps.repositories.orders.countByStatus(), this.deps.config.intervals.leaseRenewMs)
      .then((counts) => {
        this.counts = counts;
        this.deps.changed();
      })
      .catch(() => {})
      .finally(() => {
        this.refreshing = false;
        // Something changed while this count ran: it may not be in it.
        if (this.countsDirty) this.refreshCounts();
      });
  }
}
