/**
 * Notices when the MongoDB driver's server monitor hangs, so the link can rebuild the client (databaseLink.ts).
 *
 * Why (mongodb driver 6.22, node_modules/mongodb/lib/sdam/monitor.js): in polling mode (servers without
 * `topologyVersion`: mongo-java-server, MongoDB < 4.4, serverMonitoringMode 'poll') a cut link can close a pool
 * connection before the monitor's own socket has emitted 'close'. The pool's network error marks the server
 * Unknown; `Monitor.reset()` does nothing without a topologyVersion (monitor.js:100-104), and the waiting operations
 * ask for a check at once (topology.js:642-647 → `MonitorInterval.wake`). `checkServer` then still sees the monitor's
 * connection as open (monitor.js:218-219) and writes its hello on the destroyed socket: the write waits for a
 * 'drain' that never comes (connection.js:392-397), and the socket timeout it set (connection.js:237) never fires
 * on a destroyed socket. The check neither succeeds nor fails, the monitor stays "monitoring" for good and ignores
 * every later request (monitor.js:24, 94-96, 422), the server stays Unknown, and every operation fails server
 * selection: the station never comes back online.
 *
 * A heartbeat has a bounded length in the driver: a new connection waits at most connectTimeoutMS for the socket
 * (connect.js:275) and as long again for the handshake (connect.js:67-69); a check on an open connection times out
 * after connectTimeoutMS, or connectTimeoutMS + heartbeatFrequencyMS when awaited in streaming mode
 * (monitor.js:229-234). A heartbeat that started and has not ended well past that bound is hung.
 */

export interface MonitorLimits {
  connectTimeoutMS: number;
  heartbeatFrequencyMS: number;
  /** Slack for a busy machine whose timers run late. */
  marginMs: number;
}

export interface HeartbeatTimes {
  /** When the server's last heartbeat started (ms), if one did. */
  startedAt?: number | undefined;
  /** When the last heartbeat of that server succeeded or failed (ms), if one did. */
  lastEndedAt?: number | undefined;
  /** Streaming-mode heartbeat: the server may hold it for heartbeatFrequencyMS. */
  awaited?: boolean;
  now: number;
  limits: MonitorLimits;
}

/** The longest a heartbeat can take in driver 6.22 before it ends one way or the other. */
export function heartbeatLimitMs(awaited: boolean, limits: MonitorLimits): number {
  return 2 * limits.connectTimeoutMS + (awaited ? limits.heartbeatFrequencyMS : 0) + limits.marginMs;
}

/** True when a heartbeat has been running longer than any heartbeat can: the monitor hangs. */
export function monitorStuck({ startedAt, lastEndedAt, awaited = false, now, limits }: HeartbeatTimes): boolean {
  if (startedAt === undefined) return false;
  if (lastEndedAt !== undefined && lastEndedAt >= startedAt) return false;
  return now - startedAt > heartbeatLimitMs(awaited, limits);
}

/** The heartbeats of each server the client monitors (a replica set has one monitor per member). */
export class HeartbeatLog {
  private readonly servers = new Map<string, { startedAt?: number; lastEndedAt?: number; awaited: boolean }>();

  started(server: string, awaited: boolean, at: number): void {
    // Forget the previous end: in streaming mode the next check starts in the same millisecond the last one ended.
    this.servers.set(server, { startedAt: at, awaited });
  }

  ended(server: string, at: number): void {
    const entry = this.servers.get(server);
    this.servers.set(server, { startedAt: entry?.startedAt, awaited: entry?.awaited ?? false, lastEndedAt: at });
  }

  /** The first server whose monitor hangs, with how long its heartbeat has been running. */
  stuck(now: number, limits: MonitorLimits): { server: string; forMs: number } | undefined {
    for (const [server, times] of this.servers) {
      if (monitorStuck({ ...times, now, limits })) return { server, forMs: now - times.startedAt! };
    }
    return undefined;
  }

  /** A new client starts with new monitors: what the old ones did no longer counts. */
  clear(): void {
    this.servers.clear();
  }
}
