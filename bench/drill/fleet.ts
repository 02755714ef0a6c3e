/**
 * The drill's stations: S child processes (`npm run station`'s entry, two virtual printers each, an operator
 * console on a loopback port), and what the faults do to them: kill -9, a graceful stop (SIGTERM), a start again
 * on the same data dir (its journal is then reconciled with its spooler and the database). Restarts run in the
 * background so the next fault does not wait for the last victim to come back.
 */
import path from 'node:path';
import { printerDir } from '../../electron/printing/virtualPrinterControl';
import type { StationClient } from '../../renderer/src/client';
import { startStationProcess, type StationProcess } from '../../test/helpers/stationProcess';
import { openConsole, type ConsoleConnection } from './consoleClient';

export interface FleetOptions {
  uri: string;
  dbName: string;
  stations: number;
  work: string;
  printerRoot: string;
  msPerPage: number;
  powerCut: boolean;
  useChangeStreams: boolean;
  intervals: Record<string, number>;
  database: Record<string, number>;
  /** The second printer of the first station waits for its item to be taken after each print (DESIGN §5). */
  retrievalPrinter: boolean;
  /** When the drill gives up on a station start (ms since epoch). */
  deadline: number;
  log: (line: string) => void;
}

export interface DrillPrinter {
  station: number;
  /** printers.printer_id, the same as the system name in the drill. */
  printerId: string;
  systemName: string;
  /** The virtual printer's folder (control/, spool/, printed/). */
  dir: string;
  requiresRetrieval: boolean;
}

export class DrillFleet {
  readonly configs: ReturnType<typeof stationConfig>[];
  readonly printers: DrillPrinter[];
  failedRestarts = 0;
  /** Why each failed start failed: its error's first line and the last lines the station wrote. */
  readonly restartFailures: string[] = [];
  private readonly running = new Map<number, StationProcess>();
  private readonly restarting = new Map<number, Promise<void>>();
  private readonly consoles = new Map<number, { pid: number; connection: Promise<ConsoleConnection> }>();

  constructor(private readonly o: FleetOptions) {
    this.configs = Array.from({ length: o.stations }, (_, i) => stationConfig(o, i));
    this.printers = this.configs.flatMap((c, station) =>
      c.printers.map((p) => ({
        station,
        printerId: p.id,
        systemName: p.systemName,
        dir: printerDir(o.printerRoot, p.systemName),
        requiresRetrieval: p.requiresRetrieval,
      })),
    );
  }

  get stationIds(): string[] {
    return this.configs.map((c) => c.station.id);
  }

  async startAll(): Promise<void> {
    await Promise.all(this.configs.map(async (_, i) => this.running.set(i, await this.start(i))));
  }

  /** Stations running and not on their way down or up. */
  up(): number[] {
    return this.configs.map((_, i) => i).filter((i) => this.running.has(i) && !this.running.get(i)!.exited && !this.restarting.has(i));
  }

  pidOf(i: number): number | undefined {
    return this.running.get(i)?.pid;
  }

  /**
   * kill -9 (resolves once the process is gone), or SIGTERM (resolves at once: the shutdown runs in the background,
   * so the other faults keep their pace); either way the station starts again on its data dir in the background.
   */
  async takeDown(i: number, how: 'kill9' | 'sigterm'): Promise<void> {
    const p = this.running.get(i);
    if (!p || this.restarting.has(i)) return;
    this.dropConsole(i);
    const down = how === 'kill9' ? p.kill9() : stopGracefully(p);
    const back = down
      .then(() => this.start(i))
      .then((next) => void this.running.set(i, next))
      .catch((error: Error) => this.startFailed(i, error))
      .finally(() => this.restarting.delete(i));
    this.restarting.set(i, back);
    if (how === 'kill9') await down;
  }

  async restartsDone(): Promise<void> {
    while (this.restarting.size > 0) await Promise.all(this.restarting.values());
  }

  /**
   * Starts every station that is not running (one whose restart failed stays down otherwise, and the jobs in its
   * spooler and the questions on its printers wait for ever). A person would start it again too. Returns how many
   * came up.
   */
  async startMissing(): Promise<number> {
    await this.restartsDone();
    let started = 0;
    for (const [i] of this.configs.entries()) {
      if (this.running.has(i) && !this.running.get(i)!.exited) continue;
      try {
        this.running.set(i, await this.start(i));
        started += 1;
      } catch (error) {
        this.startFailed(i, error as Error);
      }
    }
    return started;
  }

  private startFailed(i: number, error: Error): void {
    this.failedRestarts += 1;
    this.running.delete(i);
    const lines = error.message.split('\n').filter((l) => l.trim());
    const why = `${this.configs[i]!.station.id}: ${lines[0]}${lines.length > 1 ? ` … ${lines.slice(-3).join(' | ')}` : ''}`;
    this.restartFailures.push(why.slice(0, 2_000));
    this.o.log(`[chaos] station ${why} (did not come back)`);
  }

  /** The operator console of station i, or undefined while it is down (a new socket after each restart). */
  async console(i: number): Promise<StationClient | undefined> {
    const p = this.running.get(i);
    if (!p || p.exited || this.restarting.has(i)) return undefined;
    let entry = this.consoles.get(i);
    if (!entry || entry.pid !== p.pid) {
      this.dropConsole(i);
      const web = webUrlOf(p);
      if (!web) return undefined;
      entry = { pid: p.pid, connection: openConsole(web) };
      this.consoles.set(i, entry);
    }
    try {
      return (await entry.connection).client;
    } catch {
      this.consoles.delete(i);
      return undefined;
    }
  }

  /** SIGTERM every station (orders not yet at the printer go back), kill -9 any that takes too long. */
  async stopAll(): Promise<void> {
    await this.restartsDone();
    for (const i of this.consoles.keys()) this.dropConsole(i);
    await Promise.all([...this.running.values()].map((p) => stopGracefully(p)));
  }

  /** Whatever happened to the drill, no station outlives it (also used from process 'exit', so synchronous). */
  killAllNow(): void {
    for (const i of [...this.consoles.keys()]) this.dropConsole(i);
    for (const p of this.running.values()) if (!p.exited) process.kill(p.pid, 'SIGKILL');
  }

  async killAll(): Promise<void> {
    await this.restartsDone().catch(() => {});
    this.killAllNow();
    await Promise.all([...this.running.values()].map((p) => p.kill9().catch(() => {})));
  }

  private start(i: number): Promise<StationProcess> {
    const readyTimeoutMs = Math.max(5_000, Math.min(120_000, this.o.deadline - Date.now()));
    return startStationProcess({ config: this.configs[i]!, readyTimeoutMs, args: ['--web', '0'] });
  }

  private dropConsole(i: number): void {
    const entry = this.consoles.get(i);
    this.consoles.delete(i);
    entry?.connection.then(
      (c) => c.close(),
      () => {},
    );
  }
}

function webUrlOf(p: StationProcess): string | undefined {
  const match = /PRINT_STATION_READY (\{.*\})/.exec(p.output());
  const web = match ? (JSON.parse(match[1]!) as { web?: string | null }).web : undefined;
  return web ?? undefined;
}

/** SIGTERM (orders not yet at the printer go back to the queue), and kill -9 if it takes too long. */
async function stopGracefully(p: StationProcess): Promise<void> {
  if (p.exited) return;
  const timer = setTimeout(() => void p.kill9(), 15_000);
  await p.stop('SIGTERM');
  clearTimeout(timer);
}

function stationConfig(o: FleetOptions, i: number) {
  const name = `chaos-${i + 1}`;
  return {
    mongodbUri: o.uri,
    dbName: o.dbName,
    station: { id: name, name },
    dataDir: path.join(o.work, `station-${i + 1}`),
    printers: ['P1', 'P2'].map((printer) => ({
      id: `${name}-${printer}`,
      name: printer,
      driver: 'virtual' as const,
      systemName: `${name}-${printer}`,
      requiresRetrieval: o.retrievalPrinter && i === 0 && printer === 'P2',
      autoPrint: true,
      capabilities: { paperSizes: ['A4', 'A5', 'Letter'], color: true, duplex: true, maxCopies: 99 },
    })),
    intervals: o.intervals,
    // The drill's files come from its own server on loopback, which stations refuse unless told (fileFetch.ts).
    fetch: { allowedHosts: ['127.0.0.1'] },
    database: { ...o.database, useChangeStreams: o.useChangeStreams },
    // A kill -9 of the station: the OS spooler (the driver's folder) outlives the process and goes on printing.
    // A power cut: the spooler's queue is gone too, and what was at the printer has an unknown outcome.
    virtual: { root: o.printerRoot, msPerPage: o.msPerPage, afterCrash: o.powerCut ? ('forget' as const) : ('resume' as const) },
    log: { level: 'info' as const, console: false, file: true },
  };
}
