/**
 * A station as the engine tests run it: the real engine, virtual printers in a temp folder, and intervals short
 * enough that leases, the reaper and health checks happen within a test.
 */
import { afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualPrinterDriver } from '../../electron/printing/virtualPrinter';
import { parseStationConfig, type StationConfigInput } from '../../electron/station/config';
import { StationEngine } from '../../electron/station/engine';
import type { PrinterCapabilities } from '../../shared/domain';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { printedJobNames } from '../../electron/printing/virtualPrinterControl';

export const FAST_INTERVALS = {
  healthMs: 500,
  leaseMs: 6_000,
  leaseRenewMs: 1_000,
  clockSkewMarginMs: 1_000,
  reaperMs: 1_000,
  unprintableMs: 1_000,
  countsMs: 5_000,
  metricsMs: 60_000,
  safetyPollMs: 1_000,
  pollFallbackMs: 500,
  jobPollMs: 40,
  orderPollMs: 300,
  capabilityGraceMs: 60_000,
  shutdownGraceMs: 2_000,
  dbRetryMs: 300,
};

export const FAST_DATABASE = {
  serverSelectionTimeoutMS: 2_000,
  heartbeatFrequencyMS: 500,
  connectTimeoutMS: 2_000,
  socketTimeoutMS: 10_000,
  offlineAfterMs: 1_500,
};

export interface FixturePrinter {
  name: string;
  requiresRetrieval?: boolean;
  capabilities?: PrinterCapabilities;
  autoPrint?: boolean;
}

export interface FixtureOptions {
  uri: string;
  dbName: string;
  name: string;
  printers: FixturePrinter[];
  /** Where the virtual printers keep their folders (shared by stations so printed files can be counted). */
  printerRoot: string;
  dataDir?: string;
  msPerPage?: number;
  afterCrash?: 'resume' | 'forget';
  intervals?: Partial<typeof FAST_INTERVALS> & { maxPrintDurationMs?: number };
  database?: Partial<typeof FAST_DATABASE> & { useChangeStreams?: boolean };
  fetch?: StationConfigInput['fetch'];
}

export interface FixtureStation {
  engine: StationEngine;
  driver: VirtualPrinterDriver;
  dataDir: string;
  printerId(name: string): string;
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `ps-${label}-`));
}

/** Printer system names are unique per station so several stations can share one printer root. */
export const systemNameOf = (station: string, printer: string) => `${station}-${printer}`.replace(/[^A-Za-z0-9_-]/g, '_');

/** The StationConfig input of a fixture station: the same for an in-process engine and a child process. */
export function fixtureConfig(o: FixtureOptions & { dataDir: string }) {
  const printers = o.printers.map((p) => ({
    name: p.name,
    driver: 'virtual' as const,
    systemName: systemNameOf(o.name, p.name),
    requiresRetrieval: p.requiresRetrieval ?? false,
    autoPrint: p.autoPrint ?? true,
    capabilities: p.capabilities ?? { paperSizes: ['A4', 'A5', 'Letter'], color: true, duplex: true, maxCopies: 99 },
  }));
  return {
    mongodbUri: o.uri,
    dbName: o.dbName,
    station: { id: o.name, name: o.name },
    dataDir: o.dataDir,
    printers,
    intervals: { ...FAST_INTERVALS, ...o.intervals },
    database: { ...FAST_DATABASE, ...o.database },
    fetch: { allowPrivateNetworks: true, ...o.fetch }, // the tests serve order files on loopback
    virtual: { root: o.printerRoot, msPerPage: o.msPerPage ?? 20, afterCrash: o.afterCrash ?? 'resume' },
    log: {
      level: (process.env.PRINT_STATION_TEST_LOG === '1' ? 'debug' : 'info') as 'debug' | 'info',
      console: process.env.PRINT_STATION_TEST_LOG === '1',
      file: true,
    },
  };
}

export function createFixtureStation(o: FixtureOptions): FixtureStation {
  const dataDir = o.dataDir ?? tempDir(o.name);
  const config = parseStationConfig(fixtureConfig({ ...o, dataDir }));
  const driver = new VirtualPrinterDriver({
    root: o.printerRoot,
    printers: config.printers.map((p) => ({ systemName: p.systemName!, capabilities: p.capabilities })),
    msPerPage: config.virtual.msPerPage,
    controlPollMs: 100,
    afterCrash: config.virtual.afterCrash,
  });
  const engine = new StationEngine({ config, driverFor: () => driver });
  return {
    engine,
    driver,
    dataDir,
    printerId: (name) => {
      const id = engine.printerIdByName(name);
      if (!id) throw new Error(`no printer ${name}`);
      return id;
    },
  };
}

/** Undo steps for a test file: push them during a test; after each test they run, last pushed first. */
export function cleanupAfterEach(): Array<() => Promise<unknown>> {
  const steps: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of steps.splice(0).reverse()) await step();
  });
  return steps;
}

/** Polls until `check` returns a truthy value (behaviour, not timing: the limit only stops a hung test). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T> | T,
  limitMs = 30_000,
  everyMs = 50,
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const end = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A database of its own for one test (stations of one test must not claim another test's orders). */
export async function freshDatabase(t: { client: import('mongodb').MongoClient; dbName: string }, label: string) {
  const { migrate } = await import('../../electron/db/migrate');
  const dbName = `${t.dbName}_${label}`.slice(0, 60);
  const db = t.client.db(dbName);
  await migrate(db);
  return { db, dbName, drop: () => db.dropDatabase().catch(() => {}) };
}

export const operator = { source: 'operator' as const, adminEmail: 'anna@printroom.test' };

export type PrintRoomStation = Omit<FixtureOptions, 'uri' | 'dbName' | 'printerRoot' | 'name'> & { name?: string };

/**
 * One test's print room: a fresh database, the shop simulator, a station of virtual printers (started unless
 * `start` is false) and the looks the engine tests take at them. `open()` builds the same station again on the
 * same data dir and printers (a restart). Everything is undone after the test.
 */
export async function openPrintRoom(
  t: { client: import('mongodb').MongoClient; dbName: string; uri: string },
  cleanup: Array<() => Promise<unknown>>,
  label: string,
  station: PrintRoomStation,
  { start = true }: { start?: boolean } = {},
) {
  const { db, dbName, drop } = await freshDatabase(t, label);
  const shop = await startShopSimulator({ db });
  const root = tempDir(label);
  const dataDir = station.dataDir ?? tempDir(`${label}-data`);
  const name = station.name ?? label;
  cleanup.push(drop, () => shop.stop());
  const open = () => {
    const s = createFixtureStation({ uri: t.uri, dbName, name, printerRoot: root, dataDir, ...station });
    cleanup.push(() => s.engine.stop('test over'));
    return s;
  };
  const s = open();
  if (start) await s.engine.start();
  const system = (printer: string) => systemNameOf(name, printer);
  const order = (orderId: string) => db.collection('orders').findOne({ orderId });
  const printed = (printer: string) => printedJobNames(`${root}/${system(printer)}`);
  const view = (printer: string) => s.engine.snapshot().printers.find((p) => p.name === printer)!;
  return { db, shop, s, open, order, printed, view, system, root };
}
