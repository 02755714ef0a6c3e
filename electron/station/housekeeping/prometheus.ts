/**
 * The station seen from the shop's monitoring: its figures in the Prometheus text format (`GET /metrics` on the
 * web console). Counters and histograms follow the engine's StationStats as attempts end; queue depth, printer
 * states, the database link and the outcomes waiting in the journal are read from the snapshot at each scrape.
 * Each station has its own Registry (never prom-client's global one), so several engines in one process (the
 * fleet bench, tests) do not collide.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { FAILURE_CLASSES, PRINT_STATUSES, PRINTER_STATES } from '../../../shared/domain';
import { ConnectionState, type StationSnapshot } from '../../../shared/stationApi';
import type { AttemptEnded, StationStats } from './metrics';
import type { Attempt } from '../printer/attempt';

/** What the figures need from StationEngine (structural, so a fake will do). */
export interface MetricsEngine {
  snapshot(): StationSnapshot;
  readonly stats: StationStats;
}

export interface StationMetrics {
  readonly contentType: string;
  /** The whole exposition, as a scrape gets it. */
  scrape(): Promise<string>;
  /** The desktop shell rebuilds its engine after Settings: counters go on counting across engines. */
  follow(engine: MetricsEngine | null): void;
  close(): void;
}

export interface StationMetricsOptions {
  /** Also the Node process's own figures (memory, CPU, event loop): for a station that is the only one in its process. */
  processMetrics?: boolean;
}

/** From the shop's order to its job at this station's spooler (the seed's "print start delay"), in seconds. */
const PICKUP_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800];
/** From the claim to the spooler's "done", in seconds: a label prints in seconds, a long PDF in minutes. */
const PRINT_BUCKETS = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];

/** The failure class an attempt's end counts under, or undefined when it is not a failure. */
export function failureClassOf(end: AttemptEnded['end']): string | undefined {
  if (end.kind === 'failed') return end.failureClass;
  if (end.kind === 'unknown') return 'outcome_unknown';
  return undefined;
}

export function stationMetrics(engine: MetricsEngine | null, options: StationMetricsOptions = {}): StationMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  let current: MetricsEngine | null = null;
  let unfollow: Array<() => void> = [];
  /** Printer names by id, kept after a printer goes (an attempt may end after a settings change). */
  const names = new Map<string, string>();
  const snapshot = () => {
    const s = current?.snapshot() ?? null;
    for (const p of s?.printers ?? []) names.set(p.printerId, p.name);
    return s;
  };
  const printerOf = (attempt: Attempt) =>
    names.get(attempt.printerId) ?? snapshot()?.printers.find((p) => p.printerId === attempt.printerId)?.name ?? attempt.printerId;

  const prints = new Counter({
    name: 'print_station_prints_total',
    help: 'Orders printed by this station (the spooler confirmed the job, or the printer took it without confirming).',
    labelNames: ['printer'] as const,
    registers: [registry],
    // Every printer shows a zero before its first print, so rate() has a series to start from.
    collect() {
      for (const p of snapshot()?.printers ?? []) this.inc({ printer: p.name }, 0);
    },
  });
  const failures = new Counter({
    name: 'print_station_failures_total',
    help: 'Attempts that failed, by failure class (DESIGN §6; outcome_unknown: paper may have come out, a person decides).',
    labelNames: ['printer', 'class'] as const,
    registers: [registry],
    collect() {
      for (const p of snapshot()?.printers ?? []) for (const c of FAILURE_CLASSES) this.inc({ printer: p.name, class: c }, 0);
    },
  });
  const pickup = new Histogram({
    name: 'print_station_pickup_seconds',
    help: "Seconds from the shop's order to its job reaching a spooler at this station.",
    buckets: PICKUP_BUCKETS,
    registers: [registry],
  });
  const printing = new Histogram({
    name: 'print_station_print_seconds',
    help: "Seconds from this station's claim of an order to the printer confirming it printed.",
    labelNames: ['printer'] as const,
    buckets: PRINT_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'print_station_queue_depth',
    help: 'Orders in the shared database by print status, as this station last counted them (every few seconds while orders move).',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const counts = snapshot()?.counts;
      for (const status of PRINT_STATUSES) if (counts?.[status] !== undefined) this.set({ status }, counts[status]);
    },
  });
  new Gauge({
    name: 'print_station_printer_state',
    help: "1 for each printer's current state (starting, ready, printing, awaiting_retrieval, paused, error, offline), 0 for the others.",
    labelNames: ['printer', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const p of snapshot()?.printers ?? [])
        for (const state of PRINTER_STATES) this.set({ printer: p.name, state }, p.state === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'print_station_database_link',
    help: 'The link to the shared database: 1 for its current state (online, degraded, offline), 0 for the others.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const s = snapshot();
      if (s) for (const state of ConnectionState.options) this.set({ state }, s.connection === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'print_station_outcomes_waiting',
    help: 'Outcomes kept in the local journal until the database takes them (grows while the database is away).',
    registers: [registry],
    collect() {
      const s = snapshot();
      if (s) this.set(s.pendingOutcomes);
    },
  });
  new Gauge({
    name: 'print_station_info',
    help: 'Always 1; the labels say which station this is and the version it runs.',
    labelNames: ['station', 'version'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const s = snapshot();
      if (s) this.set({ station: s.station.name, version: s.station.version }, 1);
    },
  });

  const onSubmitted = (attempt: Attempt) => {
    if (attempt.orderCreatedAt) pickup.observe(Math.max(0, Date.now() - attempt.orderCreatedAt.getTime()) / 1000);
  };
  const onEnded = ({ attempt, end }: AttemptEnded) => {
    const printer = printerOf(attempt);
    if (end.kind === 'printed') {
      prints.inc({ printer });
      printing.observe({ printer }, Math.max(0, end.completedAt.getTime() - attempt.claimedAt.getTime()) / 1000);
      return;
    }
    const failureClass = failureClassOf(end);
    if (failureClass) failures.inc({ printer, class: failureClass });
  };

  const metrics: StationMetrics = {
    contentType: registry.contentType,
    scrape: () => registry.metrics(),
    follow(engine) {
      for (const off of unfollow) off();
      current = engine;
      unfollow = engine ? [engine.stats.onSubmitted.on(onSubmitted), engine.stats.onEnded.on(onEnded)] : [];
      snapshot();
    },
    close() {
      metrics.follow(null);
      registry.clear();
    },
  };
  metrics.follow(engine);
  return metrics;
}
