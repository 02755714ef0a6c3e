/**
 * The station's metrics (seed 001's `metrics` document, one per worker per window, every 5 min by default):
 * prints and failures in the past hour (counted, never a short window multiplied up: one print in a one-minute window
 * is one print, not sixty an hour), the prints and failures of the window itself with its length, the average delay
 * from the shop's order to its job reaching the printer (seconds),
 * and how long this station's printers were offline in the window (seconds, summed over printers).
 */
import type { MetricsRepository } from '../../db/metricsRepository';
import type { Attempt } from '../printer/attempt';
import type { DatabaseLink } from '../link/databaseLink';
import type { StationLogger } from '../logger';
import type { JobEnd } from '../printer/printJob';
import { Emitter } from '../../../shared/emitter';

/** One attempt that reached its end, as the Prometheus counters and histograms see it (prometheus.ts). */
export interface AttemptEnded {
  attempt: Attempt;
  end: JobEnd;
  at: Date;
}

export class StationStats {
  private windowStart = Date.now();
  private prints = 0;
  private failures = 0;
  private startDelaysMs: number[] = [];
  private offlineMs = 0;
  /** When each print and failure of the past hour happened: "per hour" is their count, not a window's rate. */
  private printTimes: number[] = [];
  private failureTimes: number[] = [];
  private readonly offlineSince = new Map<string, number>();
  /** Totals since start, for the log and tests. */
  readonly totals = { prints: 0, failures: 0 };
  /** Each job handed to a spooler, and each attempt's end, as they happen (the /metrics figures listen). */
  readonly onSubmitted = new Emitter<Attempt>();
  readonly onEnded = new Emitter<AttemptEnded>();

  submitted(attempt: Attempt): void {
    if (attempt.orderCreatedAt) this.startDelaysMs.push(Math.max(0, Date.now() - attempt.orderCreatedAt.getTime()));
    this.onSubmitted.emit(attempt);
  }

  ended(end: JobEnd, attempt: Attempt): void {
    this.onEnded.emit({ attempt, end, at: new Date() });
    const kind = end.kind;
    if (kind === 'printed') {
      this.printTimes.push(Date.now());
      this.prints++;
      this.totals.prints++;
    } else if (kind === 'failed' || kind === 'unknown') {
      this.failureTimes.push(Date.now());
      this.failures++;
      this.totals.failures++;
    }
  }

  /** `since` set: the printer went offline then; undefined: it came back. */
  offline(printerId: string, since: Date | undefined): void {
    const began = this.offlineSince.get(printerId);
    if (since) {
      if (began === undefined) this.offlineSince.set(printerId, since.getTime());
      return;
    }
    if (began !== undefined) {
      this.offlineMs += Date.now() - Math.max(began, this.windowStart);
      this.offlineSince.delete(printerId);
    }
  }

  /** Closes the window: its figures, and a fresh window from now. */
  takeWindow(now = Date.now()) {
    const windowMs = Math.max(1, now - this.windowStart);
    let offlineMs = this.offlineMs;
    for (const began of this.offlineSince.values()) offlineMs += now - Math.max(began, this.windowStart);
    const hourAgo = now - 3_600_000;
    this.printTimes = this.printTimes.filter((t) => t > hourAgo);
    this.failureTimes = this.failureTimes.filter((t) => t > hourAgo);
    const delays = this.startDelaysMs;
    const figures = {
      prints_per_hour: this.printTimes.length,
      failures_per_hour: this.failureTimes.length,
      prints: this.prints,
      failures: this.failures,
      window_seconds: Math.round(windowMs / 1000),
      average_print_start_delay: delays.length ? Math.round(delays.reduce((a, b) => a + b, 0) / delays.length) / 1000 : 0,
      printer_offline_duration: Math.round(offlineMs / 1000),
    };
    this.windowStart = now;
    this.prints = 0;
    this.failures = 0;
    this.startDelaysMs = [];
    this.offlineMs = 0;
    return figures;
  }
}

export async function writeMetrics(deps: {
  stats: StationStats;
  metrics: MetricsRepository;
  link: DatabaseLink;
  logger: StationLogger;
  workerId: string;
  stationId: string;
  timeoutMs: number;
}): Promise<void> {
  const figures = deps.stats.takeWindow();
  try {
    await deps.link.run(
      'metrics',
      () => deps.metrics.write({ timestamp: new Date(), workerId: deps.workerId, stationId: deps.stationId, ...figures }),
      deps.timeoutMs,
    );
  } catch (error) {
    // A lost window is a gap in a chart, not worth a journal entry.
    deps.logger.debug(`Metrics not written: ${(error as Error).message}`);
  }
}
