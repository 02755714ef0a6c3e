/**
 * The demo (`npm run demo`) and the browser tests' fixture: a complete print room on one machine.
 * Database (MONGODB_URI, or the embedded test server), indexes, a shop that sells an order every few seconds and
 * serves its PDFs on 127.0.0.1, a station with two virtual printers (one needs retrieval confirmation, one does
 * not) and the operator's web console. Everything it starts, stop() stops.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import type { PrinterCapabilities } from '../../shared/domain';
import { migrate } from '../db/migrate';
import { parseStationConfig } from '../station/config';
import type { VirtualPrinterDriver } from '../printing/virtualPrinter';
import { LiveStation } from './liveStation';
import type { StationEngine } from '../station/engine';
import { startShopSimulator, type ShopSimulator, type ShopSimulatorOptions } from './shopSimulator';

export interface DemoPrinter {
  name: string;
  requiresRetrieval: boolean;
  capabilities?: PrinterCapabilities;
}

export interface DemoOptions {
  mongoUri?: string;
  dbName?: string;
  /** Web console address; port 0 = any free port. */
  host?: string;
  port?: number;
  dataDir?: string;
  stationName?: string;
  /** A new paid order every this many ms; null: no automatic orders. Default 5000. */
  orderIntervalMs?: number | null;
  /** Orders waiting when the demo starts. Default 6. */
  seedOrders?: number;
  /** Virtual printer speed. Default 1 page per second. */
  pagesPerSecond?: number;
  printers?: DemoPrinter[];
  openBrowser?: boolean;
  /** How long an order no printer fits waits before it fails as capability_mismatch. Default 60 s. */
  capabilityGraceMs?: number;
}

/** One virtual printer's fault controls, as a person at the printer would cause them. */
export interface VirtualPrinterControls {
  systemName: string;
  folder: string;
  jam(reason?: string): void;
  clearJam(): void;
  goOffline(): void;
  comeOnline(): void;
  slow(factor: number): void;
  dieMidJob(): void;
  /** Files this printer printed (one per completed job, named after the printJobId). */
  printed(): string[];
}

export interface DemoHandle {
  /** The web console's URL ('' when the console could not start). */
  url: string;
  engine: StationEngine;
  /** The running engine's log (a save in Settings replaces the engine: liveStation.ts). */
  log: LiveStation['log'];
  shop: Pick<ShopSimulator, 'createOrder' | 'createOrders' | 'fileUrl' | 'baseUrl'>;
  virtualPrinters: Map<string, VirtualPrinterControls>;
  mongoUri: string;
  dbName: string;
  /** True when the demo started its own in-memory database (no MONGODB_URI): everything in it is lost on stop. */
  embeddedDatabase: boolean;
  stop(): Promise<void>;
}

export const DEFAULT_DEMO_PRINTERS: DemoPrinter[] = [
  { name: 'Counter printer', requiresRetrieval: true },
  { name: 'Back office', requiresRetrieval: false },
];

const DEMO_CAPABILITIES: PrinterCapabilities = { paperSizes: ['A4', 'A5', 'Letter'], color: true, duplex: true, maxCopies: 99 };

export interface ShopRoomOptions extends Pick<ShopSimulatorOptions, 'orderIntervalMs' | 'orderIdPrefix' | 'onOrder'> {
  /** Default: MONGODB_URI, else the embedded test server (in memory). */
  mongoUri?: string;
  dbName: string;
  /** Drop the database on stop (a throwaway one, e.g. the fuzzer's). */
  dropOnStop?: boolean;
}

/** The shop side of a print room: a database with its indexes, and a shop that sells paid orders and serves their PDFs. */
export interface ShopRoom {
  mongoUri: string;
  dbName: string;
  db: Db;
  shop: ShopSimulator;
  /** True when this room started its own in-memory database. */
  embeddedDatabase: boolean;
  stop(): Promise<void>;
}

/** Starts the database (or connects to the one given), makes its indexes, and opens the shop; used by the demo and the fuzzer. */
export async function startShopRoom(options: ShopRoomOptions): Promise<ShopRoom> {
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => {});
  };
  try {
    let mongoUri = options.mongoUri || process.env.MONGODB_URI;
    const embeddedDatabase = !mongoUri;
    if (!mongoUri) {
      // The embedded server of the tests (real mongod where downloadable, else mongo-java-server).
      const { startTestServer } = await import('../../test/testDatabase');
      const server = await startTestServer();
      stops.push(() => server.stop());
      mongoUri = server.uri;
    }
    const client = await new MongoClient(mongoUri).connect();
    stops.push(() => client.close());
    const db = client.db(options.dbName);
    if (options.dropOnStop) stops.push(() => db.dropDatabase());
    await migrate(db);
    const { orderIntervalMs, orderIdPrefix, onOrder } = options;
    const shop = await startShopSimulator({ db, orderIntervalMs, orderIdPrefix, onOrder });
    stops.push(() => shop.stop());
    return { mongoUri, dbName: options.dbName, db, shop, embeddedDatabase, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function startDemo(options: DemoOptions = {}): Promise<DemoHandle> {
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => {});
  };
  try {
    const room = await startShopRoom({
      mongoUri: options.mongoUri,
      dbName: options.dbName ?? process.env.MONGODB_DB ?? 'printshop',
      orderIntervalMs: options.orderIntervalMs === undefined ? 5_000 : options.orderIntervalMs,
      orderIdPrefix: 'DEMO',
    });
    stops.push(() => room.stop());
    const { mongoUri, dbName, shop, embeddedDatabase } = room;

    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'print-station-demo-'));
    const printers = (options.printers ?? DEFAULT_DEMO_PRINTERS).map((p) => ({
      name: p.name,
      driver: 'virtual' as const,
      systemName: p.name.replace(/[^A-Za-z0-9_-]+/g, '_'),
      requiresRetrieval: p.requiresRetrieval,
      capabilities: p.capabilities ?? DEMO_CAPABILITIES,
    }));
    const msPerPage = Math.round(1000 / (options.pagesPerSecond ?? 1));
    const config = parseStationConfig({
      mongodbUri: mongoUri,
      dbName,
      station: { name: options.stationName ?? 'Demo station' },
      dataDir,
      printers,
      fetch: { allowPrivateNetworks: true }, // the demo shop serves its files on 127.0.0.1
      // Demo-sized timing: the screens show changes within seconds, not minutes.
      intervals: {
        healthMs: 5_000,
        leaseMs: 60_000,
        leaseRenewMs: 15_000,
        reaperMs: 15_000,
        metricsMs: 60_000,
        safetyPollMs: 10_000,
        orderPollMs: 2_000,
        jobPollMs: 250,
        capabilityGraceMs: options.capabilityGraceMs ?? 60_000,
      },
      virtual: { root: path.join(dataDir, 'virtual-printers'), msPerPage },
      log: { level: 'info', console: true, file: true },
    });
    // Indexes were made above, before the shop's first order. Settings saved from the console apply at once.
    const live = await LiveStation.open({ startConfig: config, migrate: false });
    stops.push(() => live.stop('demo stopped'));
    if (options.seedOrders ?? 6) await shop.createOrders(options.seedOrders ?? 6);
    await live.start();

    // The controls follow the printers the running engine has (a console save may add or remove some).
    const virtualPrinters = new Map<string, VirtualPrinterControls>();
    const listControls = () => {
      virtualPrinters.clear();
      for (const p of live.engine.config.printers.filter((q) => q.driver === 'virtual')) {
        virtualPrinters.set(
          p.name,
          virtualPrinterControls(() => live.drivers.virtual, p.systemName ?? p.name),
        );
      }
    };
    listControls();
    live.onEngine((engine) => engine && listControls());

    const url = await startConsole(live, options, stops);
    if (url && options.openBrowser) openInBrowser(url);
    return {
      url,
      get engine() {
        return live.engine;
      },
      log: live.log,
      shop,
      virtualPrinters,
      mongoUri,
      dbName,
      embeddedDatabase,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One virtual printer's controls, on whichever driver the running engine has (a console save makes a new one). */
function virtualPrinterControls(driverNow: () => VirtualPrinterDriver | undefined, name: string): VirtualPrinterControls {
  const driver = () => {
    const d = driverNow();
    if (!d) throw new Error(`Virtual printer ${name} is no longer managed by this station.`);
    return d;
  };
  return {
    systemName: name,
    folder: driver().folder(name),
    jam: (reason) => driver().jam(name, reason),
    clearJam: () => driver().clearJam(name),
    goOffline: () => driver().goOffline(name),
    comeOnline: () => driver().comeOnline(name),
    slow: (factor) => driver().slow(name, factor),
    dieMidJob: () => driver().dieMidJob(name),
    printed: () => driver().printed(name),
  };
}

async function startConsole(live: LiveStation, options: DemoOptions, stops: Array<() => Promise<unknown>>): Promise<string> {
  try {
    const { startWebConsole } = await import('./webConsole');
    const web = await startWebConsole(await live.consoleService(), {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      log: live.log.warn,
    });
    stops.push(() => web.close());
    return web.url;
  } catch (error) {
    live.log.warn(`The web console did not start: ${(error as Error).message}`);
    return '';
  }
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    spawn(command, args, { detached: true, stdio: 'ignore' })
      .on('error', () => {})
      .unref();
  } catch {
    // no browser here: the URL is printed anyway
  }
}
