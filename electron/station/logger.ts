/**
 * The station's log: electron-log's plain-Node build (console + a rotating file in the data dir, so a print server
 * keeps its history without Electron) plus an in-memory ring of recent lines that the operator's UI shows.
 * Each station gets its own electron-log instance, so several engines in one process (tests, the demo) do not share
 * a file.
 */
import path from 'node:path';
import log from 'electron-log/node';
import { printable } from '../../shared/printable';
import type { LogLevel, LogLine } from '../../shared/stationApi';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFile } from './privateFiles';
import { Emitter } from '../../shared/emitter';

export type { LogLevel, LogLine };

export type LogContext = { printerId?: string; orderId?: string };

export interface StationLogger {
  error(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  debug(message: string, context?: LogContext): void;
  recent(limit: number): LogLine[];
  onLine(listener: (line: LogLine) => void): () => void;
}

export interface LoggerOptions {
  logId: string;
  dataDir?: string;
  level?: LogLevel;
  console?: boolean;
  file?: boolean;
  ringSize?: number;
  /** Rotation: the file moves to main.old.log past this size. */
  maxFileBytes?: number;
}

const ORDER: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

export function createStationLogger(options: LoggerOptions): StationLogger {
  const level = options.level ?? 'info';
  const instance = log.create({ logId: options.logId });
  instance.transports.console.level = options.console === false ? false : level;
  if (options.file !== false && options.dataDir) {
    const file = path.join(options.dataDir, 'logs', 'station.log');
    // Private before electron-log touches it: the log names orders and operators.
    ensurePrivateDir(options.dataDir);
    ensurePrivateDir(path.dirname(file));
    tightenFile(file);
    tightenFile(path.join(path.dirname(file), 'station.old.log'));
    instance.transports.file.writeOptions = { flag: 'a', mode: PRIVATE_FILE_MODE, encoding: 'utf8' };
    instance.transports.file.resolvePathFn = () => file;
    instance.transports.file.maxSize = options.maxFileBytes ?? 5 * 1024 * 1024;
    instance.transports.file.level = level;
  } else {
    instance.transports.file.level = false;
  }
  // electron-log's IPC/remote transports have no place in plain Node.
  if (instance.transports.ipc) instance.transports.ipc.level = false;
  if (instance.transports.remote) instance.transports.remote.level = false;

  const ringSize = options.ringSize ?? 500;
  const ring: LogLine[] = [];
  const lines = new Emitter<LogLine>();
  const threshold = ORDER.indexOf(level);

  const write = (lvl: LogLevel, raw: string, rawContext?: LogContext) => {
    // Order ids, names and error texts come from outside: one entry stays one line, with no terminal escapes.
    const message = printable(raw);
    const context = rawContext && {
      ...(rawContext.printerId !== undefined ? { printerId: printable(rawContext.printerId) } : {}),
      ...(rawContext.orderId !== undefined ? { orderId: printable(rawContext.orderId) } : {}),
    };
    const tags = [context?.printerId && `[${context.printerId}]`, context?.orderId && `(order ${context.orderId})`]
      .filter(Boolean)
      .join(' ');
    instance[lvl](tags ? `${tags} ${message}` : message);
    if (ORDER.indexOf(lvl) > threshold) return;
    const line: LogLine = { at: new Date(), level: lvl, message, ...context };
    ring.push(line);
    if (ring.length > ringSize) ring.splice(0, ring.length - ringSize);
    lines.emit(line);
  };

  return {
    error: (m, c) => write('error', m, c),
    warn: (m, c) => write('warn', m, c),
    info: (m, c) => write('info', m, c),
    debug: (m, c) => write('debug', m, c),
    recent: (limit) => ring.slice(-limit),
    onLine: (listener) => lines.on(listener),
  };
}
