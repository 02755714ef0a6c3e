/**
 * The station's one MongoClient and what the station believes about the link to the database:
 *   online   – heartbeats and operations succeed;
 *   degraded – something failed recently (a heartbeat, an operation) but not for long: keep going, expect errors;
 *   offline  – failing for longer than `offlineAfterMs`: loops stop claiming, outcomes wait in the journal.
 * The driver's heartbeats and the outcome of every station operation both feed it, so an outage is seen even when
 * the station is idle, and recovery is seen as soon as one command gets through.
 */
import {
  MongoClient,
  MongoNetworkError,
  MongoServerSelectionError,
  MongoNotConnectedError,
  MongoTopologyClosedError,
  MongoError,
  type Db,
} from 'mongodb';
import type { ConnectionState } from '../../../shared/stationApi';
import type { StationLogger } from '../logger';
import { withTimeout } from './timers';
import { Emitter } from '../../../shared/emitter';
import { HeartbeatLog, type MonitorLimits } from './monitorWatchdog';

/** Slack on the longest heartbeat before the watchdog calls the driver's monitor hung (timers run late under load). */
const MONITOR_MARGIN_MS = 2_000;

export interface DatabaseLinkOptions {
  uri: string;
  dbName: string;
  serverSelectionTimeoutMS: number;
  heartbeatFrequencyMS: number;
  connectTimeoutMS: number;
  socketTimeoutMS: number;
  offlineAfterMs: number;
  appName?: string;
  logger: StationLogger;
  now?: () => Date;
}

/** True when the error says "could not reach the database", as opposed to a query the server rejected. */
export function isLinkError(error: unknown): boolean {
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError
  ) {
    return true;
  }
  if (error instanceof MongoError) {
    return error.hasErrorLabel('RetryableWriteError') || error.hasErrorLabel('ResetPool');
  }
  return error instanceof Error && error.name === 'DatabaseTimeoutError';
}

export class DatabaseTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`the database did not answer ${what} within ${ms} ms`);
    this.name = 'DatabaseTimeoutError';
  }
}

export class DatabaseLink {
  readonly client: MongoClient;
  readonly db: Db;
  private current: ConnectionState = 'degraded';
  private since: Date;
  /** When the current run of failures began; undefined while things work. */
  private failingSince: Date | undefined;
  private readonly changes = new Emitter<ConnectionState>((error) =>
    this.options.logger.warn(`A listener of the database link failed: ${(error as Error).message}`),
  );
  private offlineTimer: NodeJS.Timeout | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly now: () => Date;
  private readonly heartbeats = new HeartbeatLog();
  private watchdogTimer: NodeJS.Timeout | undefined;
  private restarting = false;

  constructor(private readonly options: DatabaseLinkOptions) {
    this.now = options.now ?? (() => new Date());
    this.since = this.now();
    this.client = new MongoClient(options.uri, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS,
      heartbeatFrequencyMS: options.heartbeatFrequencyMS,
      connectTimeoutMS: options.connectTimeoutMS,
      socketTimeoutMS: options.socketTimeoutMS,
      appName: options.appName,
    });
    this.db = this.client.db(options.dbName);
    this.client.on('serverHeartbeatStarted', (event) => this.heartbeats.started(event.connectionId, event.awaited, this.now().getTime()));
    this.client.on('serverHeartbeatSucceeded', (event) => {
      this.heartbeats.ended(event.connectionId, this.now().getTime());
      this.reportSuccess();
    });
    this.client.on('serverHeartbeatFailed', (event) => {
      this.heartbeats.ended(event.connectionId, this.now().getTime());
      this.reportFailure(event.failure);
    });
  }

  get state(): ConnectionState {
    return this.current;
  }

  get stateSince(): Date {
    return this.since;
  }

  /** Connects in the background; a station whose database is down at start still starts (and reconciles locally). */
  async connect(): Promise<boolean> {
    this.watchMonitor();
    try {
      await this.client.connect();
      this.reportSuccess();
      return true;
    } catch (error) {
      this.reportFailure(error);
      this.options.logger.warn(`Database not reachable at start (${(error as Error).message}); retrying`);
      this.connectAgain();
      return false;
    }
  }

  /**
   * A first connect that failed leaves the driver's topology closed for good (every operation then fails with
   * "Topology is closed" and nothing reconnects): connect again, a heartbeat interval apart, until it works.
   */
  private connectAgain(): void {
    this.connectTimer = setTimeout(() => {
      if (this.closed) return;
      this.client.connect().then(
        () => this.reportSuccess(),
        (error: unknown) => {
          this.reportFailure(error);
          if (!this.closed) this.connectAgain();
        },
      );
    }, this.options.heartbeatFrequencyMS);
  }

  /**
   * The watchdog for the driver's hung server monitor (mongodb 6.22; why and where: monitorWatchdog.ts). Nothing
   * inside the driver ends a hung check, so the client is closed and connected again; the Db and collection handles
   * made from it keep working, and operations in flight fail as link errors, as in any outage.
   */
  private watchMonitor(): void {
    if (this.watchdogTimer) return;
    const { connectTimeoutMS, heartbeatFrequencyMS } = this.options;
    const limits: MonitorLimits = { connectTimeoutMS, heartbeatFrequencyMS, marginMs: MONITOR_MARGIN_MS };
    this.watchdogTimer = setInterval(
      () => {
        if (this.closed || this.restarting) return;
        const stuck = this.heartbeats.stuck(this.now().getTime(), limits);
        if (!stuck) return;
        this.options.logger.warn(
          `The database driver's check of ${stuck.server} has hung for ${Math.round(stuck.forMs / 1000)} s ` +
            '(a known fault of the mongodb driver after a cut link); reconnecting the database client',
        );
        void this.reconnectClient();
      },
      Math.max(250, Math.min(connectTimeoutMS, heartbeatFrequencyMS)),
    );
    this.watchdogTimer.unref();
  }

  private async reconnectClient(): Promise<void> {
    this.restarting = true;
    clearTimeout(this.connectTimer);
    this.heartbeats.clear();
    try {
      await this.client.close(true);
      if (this.closed) return;
      await this.client.connect();
      // Closed meanwhile: the connect may have built a topology after close() ran.
      if (this.closed) await this.client.close(true);
      else this.reportSuccess();
    } catch (error) {
      this.reportFailure(error);
      if (!this.closed) this.connectAgain();
    } finally {
      this.restarting = false;
    }
  }

  onChange(listener: (state: ConnectionState) => void): () => void {
    return this.changes.on(listener);
  }

  reportSuccess(): void {
    if (this.closed) return;
    this.failingSince = undefined;
    clearTimeout(this.offlineTimer);
    this.offlineTimer = undefined;
    this.set('online');
  }

  reportFailure(error: unknown): void {
    if (this.closed) return;
    if (!this.failingSince) {
      this.failingSince = this.now();
      this.options.logger.warn(`Database link failing: ${(error as Error)?.message ?? error}`);
    }
    const failingFor = this.now().getTime() - this.failingSince.getTime();
    if (failingFor >= this.options.offlineAfterMs) {
      this.set('offline');
      return;
    }
    if (this.current === 'online') this.set('degraded');
    if (!this.offlineTimer) {
      // Heartbeats may stop arriving once the server is gone, so the step to offline cannot wait for the next event.
      this.offlineTimer = setTimeout(() => {
        this.offlineTimer = undefined;
        if (this.failingSince) this.set('offline');
      }, this.options.offlineAfterMs - failingFor);
      this.offlineTimer.unref();
    }
  }

  /**
   * Runs one database operation, feeding its outcome into the link state. `timeoutMs` bounds operations that could
   * otherwise wait on a half-open socket; the operation itself may still finish later, which fenced writes tolerate.
   */
  async run<T>(what: string, operation: () => Promise<T>, timeoutMs?: number): Promise<T> {
    try {
      const result = timeoutMs
        ? await withTimeout(operation(), timeoutMs, () => new DatabaseTimeoutError(what, timeoutMs))
        : await operation();
      this.reportSuccess();
      return result;
    } catch (error) {
      if (isLinkError(error)) this.reportFailure(error);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.offlineTimer);
    clearTimeout(this.connectTimer);
    clearInterval(this.watchdogTimer);
    this.changes.clear();
    await this.client.close(true).catch(() => {});
  }

  private set(state: ConnectionState): void {
    if (state === this.current) return;
    const previous = this.current;
    this.current = state;
    this.since = this.now();
    if (state === 'online' || previous === 'online' || state === 'offline') {
      this.options.logger.info(`Database link ${previous} -> ${state}`);
    }
    this.changes.emit(state);
  }
}
