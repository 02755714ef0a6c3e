/**
 * The headless station's last line of defence: what reaches `uncaughtException` / `unhandledRejection` is logged
 * with its stack, and the process goes on or stops depending on whether the engine can still be trusted.
 * Every cause found is fixed where it happens (webConsole's listeners); this only keeps a future one from
 * silently stopping a print room, or from keeping a broken engine alive.
 */
import type { EventEmitter } from 'node:events';

export type Verdict = { survivable: true; why: string } | { survivable: false; why: string };

/** Errors of a peer's socket: the socket is gone, but no station code was interrupted half way. */
const PEER_SOCKET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
]);

/**
 * Survivable: an error that came from a console connection (ws protocol errors `WS_ERR_*`, HTTP parser errors
 * `HPE_*`, a peer resetting its socket, or a stack that runs only through the console and `ws`). These happen in
 * an event emitter on a socket the engine does not use; the engine's loops, leases and journal are untouched.
 *
 * Fatal: anything else, above all a TypeError/RangeError thrown through engine code or a rejection nobody awaited.
 * Such an error may have stopped a printer loop or a lease renewal half way, or left a transition done in memory
 * but not on disk; a station in that state could print twice or hold orders forever. It stops (releasing what
 * it has not sent yet), exits non-zero, and the service manager's restart plus the journal put it right.
 */
export function judge(error: unknown): Verdict {
  const e = (error ?? {}) as { code?: unknown; stack?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('WS_ERR_')) return { survivable: true, why: 'a WebSocket protocol error of a console connection' };
  if (code.startsWith('HPE_')) return { survivable: true, why: 'a malformed HTTP request to the console' };
  if (PEER_SOCKET_CODES.has(code)) return { survivable: true, why: 'a peer closed its connection abruptly' };
  const frames = typeof e.stack === 'string' ? e.stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
  const ours = frames.filter((line) => !/\(node:|at node:|\(internal\//.test(line));
  if (ours.length > 0 && ours.every((line) => /headless[\\/]webConsole\.|node_modules[\\/]ws[\\/]/.test(line))) {
    return { survivable: true, why: 'an error in the web console, outside the engine' };
  }
  return { survivable: false, why: 'an error the engine may not have recovered from' };
}

export interface LastLineOptions {
  /** `process` in production; an EventEmitter in tests. */
  target: Pick<EventEmitter, 'on' | 'off'>;
  log: { error(message: string): void; warn(message: string): void };
  /** Stops the engine as SIGTERM would (unsent orders back to pending). */
  stop(reason: string): Promise<void>;
  exit(code: number): void;
  /** How long the stop may take before the process exits anyway. */
  stopTimeoutMs?: number;
}

/** EX_SOFTWARE: the station stopped itself after an internal error; a service manager restarts it. */
export const FATAL_EXIT_CODE = 70;

export function installLastLine(o: LastLineOptions): () => void {
  let stopping = false;
  const handle = (kind: 'uncaught exception' | 'unhandled rejection') => (error: unknown) => {
    const verdict = judge(error);
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (verdict.survivable) {
      o.log.warn(`Last line of defence: ${kind} (${verdict.why}); the station keeps printing.\n${stack}`);
      return;
    }
    o.log.error(`Last line of defence: ${kind} (${verdict.why}); the station stops and exits ${FATAL_EXIT_CODE}.\n${stack}`);
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => o.exit(FATAL_EXIT_CODE), o.stopTimeoutMs ?? 15_000);
    timer.unref?.();
    o.stop(`internal error: ${error instanceof Error ? error.message : String(error)}`)
      .catch(() => {})
      .finally(() => {
        clearTimeout(timer);
        o.exit(FATAL_EXIT_CODE);
      });
  };
  const onException = handle('uncaught exception');
  const onRejection = handle('unhandled rejection');
  o.target.on('uncaughtException', onException);
  o.target.on('unhandledRejection', onRejection);
  return () => {
    o.target.off('uncaughtException', onException);
    o.target.off('unhandledRejection', onRejection);
  };
}
