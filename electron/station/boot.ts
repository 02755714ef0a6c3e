/**
 * One way to boot a station, for the desktop shell (main.ts), `npm run station` (stationCli.ts) and the demo:
 * drivers chosen from the config → engine → indexes → start. What differs between them (a console, a tray, a shop
 * simulator) stays with them; the order of these steps and the choice of drivers do not.
 */
import path from 'node:path';
import type { DriverKind } from '../../shared/domain';
import { migrate } from '../db/migrate';
import type { PrinterDriver } from '../printing/driver';
import { createDriver, platformDriverKind } from '../printing/driverFactory';
import { Raw9100Driver, rawProfileOf } from '../printing/raw9100Driver';
import { ElectronHtmlDriver, type ElectronHtmlDriverOptions } from '../printing/electronHtmlDriver';
import { VirtualPrinterDriver } from '../printing/virtualPrinter';
import type { PrinterConfig, StationConfig } from './config';
import { StationEngine } from './engine';
import type { StationLogger } from './logger';

export interface StationDrivers {
  driverFor(printer: PrinterConfig): PrinterDriver;
  /** The one driver of the config's virtual printers (the demo and the drills steer it), if there are any. */
  virtual: VirtualPrinterDriver | undefined;
}

export interface StationDriverOptions {
  /** Inside Electron only: the shell's print API for the HTML driver (its jobs are followed by the OS spooler's driver). */
  electron?: Omit<ElectronHtmlDriverOptions, 'follower'>;
  platform?: NodeJS.Platform;
}

/**
 * The driver for each configured printer: one VirtualPrinterDriver for all virtual printers (a folder each), one
 * driver per other kind the config uses, made when first asked for. A spooler of another OS is refused with a
 * sentence naming the printer; the HTML driver exists only where the Electron shell passes its print API.
 */
export function stationDrivers(config: StationConfig, options: StationDriverOptions = {}): StationDrivers {
  const virtualPrinters = config.printers.filter((p) => p.driver === 'virtual');
  const virtual = virtualPrinters.length
    ? new VirtualPrinterDriver({
        root: config.virtual.root ?? path.join(config.dataDir, 'virtual-printers'),
        msPerPage: config.virtual.msPerPage,
        afterCrash: config.virtual.afterCrash,
        printers: virtualPrinters.map((p) => ({
          systemName: p.systemName ?? p.name,
          displayName: p.name,
          capabilities: p.capabilities,
          msPerPage: p.msPerPage,
        })),
      })
    : undefined;
  const made = new Map<DriverKind, PrinterDriver>();
  const systemKind = platformDriverKind(options.platform);
  const make = (kind: DriverKind): PrinterDriver | undefined => {
    // The OS spooler's driver only on its own OS (CUPS on Linux and macOS, the Windows spooler on Windows).
    if ((kind === 'cups' || kind === 'windows') && kind !== systemKind) return undefined;
    if (kind === 'electron' && options.electron) {
      const follower = systemKind ? driverOf(systemKind) : undefined;
      return new ElectronHtmlDriver({ ...options.electron, ...(follower ? { follower } : {}) });
    }
    // Raw 9100 printers are known by their config: language, dpi, media loaded, pass-through, status query.
    if (kind === 'raw') return new Raw9100Driver({ printers: config.printers.filter((p) => p.driver === 'raw').map(rawProfileOf) });
    return createDriver(kind);
  };
  const driverOf = (kind: DriverKind): PrinterDriver | undefined => {
    if (!made.has(kind)) {
      const driver = make(kind);
      if (driver) made.set(kind, driver);
    }
    return made.get(kind);
  };
  return {
    virtual,
    driverFor(printer) {
      if (printer.driver === 'virtual') return virtual!;
      const driver = driverOf(printer.driver);
      if (!driver) throw new Error(`Printer ${printer.name}: no ${printer.driver} driver on this computer.`);
      return driver;
    },
  };
}

export interface BootStationOptions {
  config: StationConfig;
  /** Default: stationDrivers(config, { electron }). */
  drivers?: StationDrivers;
  electron?: StationDriverOptions['electron'];
  version?: string;
  logger?: StationLogger;
  /** Check the indexes before starting (default true). */
  migrate?: boolean;
}

export interface BootedStation {
  engine: StationEngine;
  drivers: StationDrivers;
  /** Indexes (idempotent), then the engine. A station that cannot reach the database yet starts anyway and catches up. */
  start(): Promise<void>;
}

/** Builds the engine; `start()` runs it. Between the two the caller wires what it needs (listeners, a console). */
export function bootStation(options: BootStationOptions): BootedStation {
  const drivers = options.drivers ?? stationDrivers(options.config, { electron: options.electron });
  const engine = new StationEngine({
    config: options.config,
    driverFor: drivers.driverFor,
    ...(options.version ? { version: options.version } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    engine,
    drivers,
    async start() {
      if (options.migrate !== false) {
        await migrate(engine.link.db).catch((error) => engine.logger.warn(`Index check skipped: ${(error as Error).message}`));
      }
      await engine.start();
    },
  };
}
