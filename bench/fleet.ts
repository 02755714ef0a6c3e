/**
 * `npm run bench -- fleet [--json] [--stations 1,10,50] [--orders 200] [--rate 5] [--idle-seconds 10]`
 *
 * What a fleet costs the shop's database (issue 12): for each N, N real station engines in this process, each with
 * its own MongoClient and two virtual printers that print at once (so the database is the bottleneck), the timing
 * defaults of DESIGN §7, and a shop inserting paid orders at a steady rate. Every command the stations send is
 * counted with the driver's command monitoring, from the first order until the last one reads printed; then the
 * stations are left idle for a while and counted again.
 *
 * Per N: orders printed, copies printed twice (duplicates), commands per printed order (and its ratio against the
 * first N of the run, normally 1), claim attempts per order (claim commands sent / orders), pickup p50/p99 (insert to
 * claim, both stamped with this process's clock) and idle commands per station per minute.
 *
 * Aim (issue 12): at 50 stations, commands per printed order <= 1.5x the figure for 1 station, 0 duplicates,
 * pickup p50 < 200 ms. The figures are what was measured on this machine, whatever they are.
 *
 * docs/FLEET-LOAD.md says where the commands come from (and which only mongo-java-server costs), and why the aim
 * needs change streams that only a few stations read per order: every station reading every event costs about one
 * getMore per event per station, more than the 1.5x by itself at 50 stations.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { MongoClient, type CommandStartedEvent, type Db, type Document } from 'mongodb';
import { migrate } from '../electron/db/migrate';
import { startShopSimulator } from '../electron/headless/shopSimulator';
import { VirtualPrinterDriver } from '../electron/printing/virtualPrinter';
import { printedJobNames, printerDir } from '../electron/printing/virtualPrinterControl';
import { parseStationConfig } from '../electron/station/config';
import { StationEngine } from '../electron/station/engine';
import { percentile } from './pickup';
import { sleep, stdout, withTestServer, type Output } from './args';
import { formatTable } from './table';

export interface FleetRow {
  stations: number;
  printers: number;
  orders: number;
  printed: number;
  duplicates: number;
  commandsPerPrintedOrder: number;
  /** commandsPerPrintedOrder against the first row of the run (normally 1 station). */
  ratioToFirst: number;
  /**
   * The change streams' reads (getMore on orders) per printed order: every station must hear of every order, so these
   * grow with the stations; mongod holds a getMore until an event comes, mongo-java-server answers at once and is asked
   * again after a short pause, so there they follow the clock more than the orders.
   */
  streamReadsPerPrintedOrder: number;
  /** commandsPerPrintedOrder without the stream's reads, and its ratio against the first row. */
  otherCommandsPerPrintedOrder: number;
  otherRatioToFirst: number;
  claimAttemptsPerOrder: number;
  pickupP50Ms: number;
  pickupP99Ms: number;
  idleCommandsPerStationMinute: number;
  /**
   * How long the stations were counted while printing (first insert to last order printed) and the rate the shop
   * reached: on a loaded machine inserts fall behind --rate, and whatever follows the clock (counts throttled per
   * station, safety polls, heartbeats, roster reads, a stream that answers at once) then costs more per order.
   */
  busySeconds: number;
  ordersPerSecond: number;
  /** Commands while printing, by "command collection (purpose)", the largest twelve (to see where the load comes from). */
  busiest: Record<string, number>;
}

export interface FleetOptions {
  uri: string;
  stations: number;
  orders: number;
  /** Orders the shop inserts per second. */
  rate: number;
  idleSeconds: number;
  /** Give up waiting for the orders to print after this long. */
  timeoutMs: number;
  log?: (line: string) => void;
}

export function run(args: string[], out: Output = stdout): Promise<void> {
  return withTestServer('fleet', args, async ({ flags, json, server, log }) => {
    const sizes = (flags.string('stations') ?? '1,10')
      .split(',')
      .map((s) => Math.floor(Number(s)))
      .filter((n) => Number.isFinite(n) && n > 0);
    if (sizes.length === 0) throw new Error('--stations needs a list of station counts, e.g. --stations 1,10,50');
    const rows: FleetRow[] = [];
    for (const stations of sizes) {
      const row = await measureFleet({
        uri: server.uri,
        stations,
        orders: Math.max(1, Math.floor(flags.number('orders', 200))),
        rate: Math.max(0.1, flags.number('rate', 5)),
        idleSeconds: flags.number('idle-seconds', 10),
        timeoutMs: flags.number('timeout-s', 300) * 1_000,
        log,
      });
      row.ratioToFirst = rows.length ? round2(row.commandsPerPrintedOrder / rows[0]!.commandsPerPrintedOrder) : 1;
      row.otherRatioToFirst = rows.length ? round2(row.otherCommandsPerPrintedOrder / rows[0]!.otherCommandsPerPrintedOrder) : 1;
      rows.push(row);
      log(`[fleet] ${stations} station(s): ${JSON.stringify(row)}`);
    }
    if (json) {
      out(JSON.stringify(rows.map(({ busiest, ...row }) => ({ ...row, busiest }))));
      return;
    }
    out(
      formatTable(
        [
          'stations',
          'printers',
          'orders',
          'printed',
          'dupl.',
          'cmds/printed',
          'ratio',
          'stream reads',
          'other cmds',
          'ratio',
          'claims/order',
          'pickup p50',
          'p99',
          'idle cmds/st·min',
          'busy s',
          'orders/s',
        ],
        rows.map((r) => [
          r.stations,
          r.printers,
          r.orders,
          r.printed,
          r.duplicates,
          r.commandsPerPrintedOrder,
          r.ratioToFirst,
          r.streamReadsPerPrintedOrder,
          r.otherCommandsPerPrintedOrder,
          r.otherRatioToFirst,
          r.claimAttemptsPerOrder,
          r.pickupP50Ms,
          r.pickupP99Ms,
          r.idleCommandsPerStationMinute,
          r.busySeconds,
          r.ordersPerSecond,
        ]),
      ),
    );
    out(`aim at 50 stations: cmds/printed <= 1.5x one station's, 0 duplicates, pickup p50 < 200 ms (database: ${server.kind})`);
  });
}

/** Commands the stations send, counted from their clients' command monitoring. */
class CommandTally {
  counting = false;
  total = 0;
  claims = 0;
  streamReads = 0;
  byTarget: Record<string, number> = {};

  watch(client: MongoClient): void {
    // The engine connects in start(); connection pools copy the client's options then (as bench/idle.ts does).
    client.options.monitorCommands = true;
    client.on('commandStarted', (event: CommandStartedEvent) => {
      if (!this.counting) return;
      this.total += 1;
      if (isClaim(event)) this.claims += 1;
      if (event.commandName === 'getMore' && collectionOf(event) === 'orders') this.streamReads += 1;
      const target = `${event.commandName} ${collectionOf(event)}${purposeOf(event)}`.trim();
      this.byTarget[target] = (this.byTarget[target] ?? 0) + 1;
    });
  }

  reset(): void {
    this.total = 0;
    this.claims = 0;
    this.streamReads = 0;
    this.byTarget = {};
  }
}

export async function measureFleet(o: FleetOptions): Promise<FleetRow> {
  const admin = await new MongoClient(o.uri).connect();
  const db = admin.db(`bench_fleet_${randomUUID().slice(0, 8)}`);
  // Journals and virtual printers in memory where the machine has it: every journal entry is fsync'd, and with all
  // stations in one process each fsync on a disk would stall every station, which a real fleet does not do.
  const work = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ps-bench-fleet-'));
  const printerRoot = path.join(work, 'printers');
  const shop = await startShopSimulator({ db });
  const engines: StationEngine[] = [];
  const tally = new CommandTally();
  try {
    await migrate(db);
    for (let s = 0; s < o.stations; s++) engines.push(fleetStation(o.uri, db.databaseName, work, printerRoot, s, tally));
    o.log?.(`[fleet] starting ${o.stations} station(s)`);
    // A few at a time: fifty at once would spend the start-up in server selection on a busy machine.
    for (let i = 0; i < engines.length; i += 10) await Promise.all(engines.slice(i, i + 10).map((e) => e.start()));
    await sleep(2_000); // change feeds open, first health writes done: start-up is not what is measured

    tally.counting = true;
    const insertedAt = new Map<string, number>();
    o.log?.(`[fleet] ${o.stations} station(s): the shop inserts ${o.orders} orders at ${o.rate}/s`);
    const startedAt = Date.now();
    for (let i = 0; i < o.orders; i++) {
      // A steady rate: each insert at its planned time, whatever the previous one cost.
      const due = startedAt + (i * 1_000) / o.rate;
      if (due > Date.now()) await sleep(due - Date.now());
      const orderId = `FLEET-${o.stations}-${i}`;
      insertedAt.set(orderId, Date.now());
      await shop.createOrder({ orderId, pages: 1, createdAt: new Date() });
    }
    const orders = db.collection('orders');
    const deadline = Date.now() + o.timeoutMs;
    while ((await orders.countDocuments({ printStatus: 'printed' })) < o.orders) {
      if (Date.now() > deadline) break;
      await sleep(250);
    }
    tally.counting = false;
    const busySeconds = (Date.now() - startedAt) / 1_000;
    const busy = { total: tally.total, claims: tally.claims, streamReads: tally.streamReads, byTarget: tally.byTarget };

    const docs = await orders.find({}, { projection: { orderId: 1, printStatus: 1, printJobId: 1, printStartedAt: 1 } }).toArray();
    const printedDocs = docs.filter((d) => d.printStatus === 'printed');
    const pickups = printedDocs.flatMap((d) => {
      const at = insertedAt.get(String(d.orderId));
      return at !== undefined && d.printStartedAt instanceof Date ? [d.printStartedAt.getTime() - at] : [];
    });
    const files = engines.flatMap((_, s) => [0, 1].flatMap((p) => printedJobNames(printerDir(printerRoot, systemName(s, p)))));
    const printedJobs = new Set(printedDocs.map((d) => String(d.printJobId)));
    const duplicates = files.length - new Set(files.filter((f) => printedJobs.has(f))).size;

    // Idle: the shop is quiet, every order printed; what does keeping N stations running cost?
    await sleep(2_000);
    tally.reset();
    tally.counting = true;
    const idleStarted = Date.now();
    await sleep(o.idleSeconds * 1_000);
    tally.counting = false;
    const idleMinutes = (Date.now() - idleStarted) / 60_000;

    return {
      stations: o.stations,
      printers: o.stations * 2,
      orders: o.orders,
      printed: printedDocs.length,
      duplicates,
      commandsPerPrintedOrder: round2(busy.total / Math.max(1, printedDocs.length)),
      ratioToFirst: 1,
      streamReadsPerPrintedOrder: round2(busy.streamReads / Math.max(1, printedDocs.length)),
      otherCommandsPerPrintedOrder: round2((busy.total - busy.streamReads) / Math.max(1, printedDocs.length)),
      otherRatioToFirst: 1,
      claimAttemptsPerOrder: round2(busy.claims / o.orders),
      pickupP50Ms: percentile(pickups, 50),
      pickupP99Ms: percentile(pickups, 99),
      idleCommandsPerStationMinute: idleMinutes > 0 ? round2(tally.total / o.stations / idleMinutes) : 0,
      busySeconds: round2(busySeconds),
      ordersPerSecond: round2(o.orders / Math.max(0.001, busySeconds)),
      busiest: Object.fromEntries(
        Object.entries(busy.byTarget)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 12)
          .map(([k, v]) => [k, round2(v / Math.max(1, printedDocs.length))]),
      ),
    };
  } finally {
    await Promise.all(engines.map((e) => e.stop('fleet bench over').catch(() => {})));
    await shop.stop();
    await dropDatabase(db);
    await admin.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const systemName = (station: number, printer: number) => `fleet-${station}-${printer + 1}`;

/** One station of the fleet: DESIGN §7's timings, two virtual printers that print at once, counted commands. */
function fleetStation(uri: string, dbName: string, work: string, printerRoot: string, s: number, tally: CommandTally): StationEngine {
  const printers = [0, 1].map((p) => ({ name: `P${p + 1}`, driver: 'virtual' as const, systemName: systemName(s, p) }));
  const config = parseStationConfig({
    mongodbUri: uri,
    dbName,
    station: { id: `fleet-${s}`, name: `Fleet ${s}` },
    dataDir: path.join(work, `station-${s}`),
    printers,
    // Instant printers: the spooler is asked about a job every 20 ms instead of every second, or a printer would
    // stay busy a second per order and the printers, not the database, would set the pace.
    intervals: { jobPollMs: 20 },
    fetch: { allowPrivateNetworks: true }, // the shop simulator serves the files on loopback
    virtual: { root: printerRoot, msPerPage: 0 },
    log: { level: process.env.FLEET_TRACE ? 'debug' : 'warn', console: !!process.env.FLEET_TRACE, file: false },
  });
  const driver = new VirtualPrinterDriver({
    root: printerRoot,
    printers: config.printers.map((p) => ({ systemName: p.systemName!, capabilities: p.capabilities })),
    msPerPage: 0,
    controlPollMs: 5_000,
  });
  const engine = new StationEngine({ config, driverFor: () => driver });
  tally.watch(engine.link.client);
  return engine;
}

/** A claim: the findAndModify that moves a pending order to printing. */
function isClaim(event: CommandStartedEvent): boolean {
  if (event.commandName !== 'findAndModify') return false;
  const update = (event.command as { update?: { $set?: { printStatus?: unknown } } }).update;
  return update?.$set?.printStatus === 'printing';
}

/**
 * What a command on orders is for, where its shape tells (the same command serves several purposes): the header's
 * counts, "is anything claimable", the feed's poll, a claim that moved an order, a read of one order.
 */
function purposeOf(event: CommandStartedEvent): string {
  const c = event.command as Document;
  if (collectionOf(event) !== 'orders') return '';
  if (event.commandName === 'aggregate') {
    const group = (c.pipeline as Document[] | undefined)?.find((stage) => stage.$group)?.$group as Document | undefined;
    return group?._id === '$printStatus' ? ' (counts)' : ' (countDocuments)';
  }
  if (event.commandName === 'find') {
    if (c.limit === 2) return ' (feed poll)';
    return c.filter && Object.keys(c.filter as Document).length === 1 ? ' (one order)' : '';
  }
  if (event.commandName === 'findAndModify') return isClaim(event) ? ' (claim)' : ' (outcome)';
  return '';
}

function collectionOf(event: CommandStartedEvent): string {
  const value = event.command[event.commandName];
  if (typeof value === 'string') return value;
  const collection = (event.command as { collection?: unknown }).collection;
  return typeof collection === 'string' ? collection : '';
}

async function dropDatabase(db: Db): Promise<void> {
  await db.dropDatabase().catch(() => {});
}

const round2 = (n: number) => Math.round(n * 100) / 100;
