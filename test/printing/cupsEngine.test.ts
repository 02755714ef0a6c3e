/**
 * The station end to end on a real CUPS printer: a private cupsd with CUPS-PDF queues (test/helpers/cupsd.ts), the
 * station composed the way `npm run station` composes it (config file → bootStation: drivers → StationEngine →
 * indexes → start; CUPS found through $CUPS_SERVER like every CUPS client), paid orders in MongoDB whose PDFs come
 * from a local HTTP server. Also what an installer does first: `npm run station -- --list-printers`, then the
 * config entries it prints, edited, become the managed printers registered in `printers`.
 * Outside CI a machine without cupsd / cups-pdf / root skips these with the reason; under CI=true it fails.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStation } from '../../electron/station/boot';
import { listPrinters, type PrinterConfigEntry, type PrinterListing } from '../../electron/headless/listPrinters';
import { CupsDriver } from '../../electron/printing/cupsDriver';
import { loadStationConfig } from '../../electron/station/config';
import type { StationEngine } from '../../electron/station/engine';
import { missingCupsPieces, startPrivateCupsd, type PrivateCupsd } from '../helpers/cupsd';
import { openTestDatabase } from '../helpers/db';
import { samplePdf } from '../helpers/samplePdf';
import { FAST_DATABASE, FAST_INTERVALS, waitFor } from '../station/stationFixture';

const missing = missingCupsPieces();
const inCI = process.env.CI === 'true' || process.env.CI === '1';
if (missing.length > 0 && !inCI) console.warn(`[cups tests] skipped: missing ${missing.join('; ')}`);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const t = await openTestDatabase('cups_engine');

describe.skipIf(missing.length > 0 && !inCI)('the station engine on a real CUPS printer', () => {
  let cups: PrivateCupsd;
  let shop: FileServer;
  let spooler: CupsDriver;
  const savedCupsServer = process.env.CUPS_SERVER;
  const engines: StationEngine[] = [];
  const databases: Db[] = [];
  const dataDirs: string[] = [];
  const outputs: string[] = [];

  beforeAll(async () => {
    cups = await startPrivateCupsd();
    // How an installer points a station at a CUPS server other than localhost:631 (the CUPS clients' own variable).
    process.env.CUPS_SERVER = cups.server;
    spooler = new CupsDriver({ server: cups.server });
    shop = await startFileServer(await samplePdf(1, 'Order for the CUPS engine test'));
  });

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.stop('test over').catch(() => {})));
    await shop?.close();
    await cups?.stop();
    if (savedCupsServer === undefined) delete process.env.CUPS_SERVER;
    else process.env.CUPS_SERVER = savedCupsServer;
    for (const file of outputs) await rm(file, { force: true });
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
    await Promise.all(databases.map((db) => db.dropDatabase().catch(() => {})));
  });

  /** The composition of stationCli.main(): config file → drivers → engine → indexes → start. */
  async function startStation(label: string, printers: PrinterConfigEntry[]) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), `ps-cups-${label}-`));
    dataDirs.push(dataDir);
    const dbName = `${t.dbName}_${label}`.slice(0, 60);
    databases.push(t.client.db(dbName));
    const configFile = path.join(dataDir, 'station.config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        mongodbUri: t.uri,
        dbName,
        station: { id: `cups-${label}`, name: `CUPS ${label}` },
        dataDir,
        printers,
        intervals: FAST_INTERVALS,
        database: FAST_DATABASE,
        fetch: { allowPrivateNetworks: true }, // the test shop serves files on 127.0.0.1
        log: { level: 'info', console: process.env.PRINT_STATION_TEST_LOG === '1', file: false },
      }),
    );
    // An empty environment: the file alone decides (a CI's MONGODB_DB must not move the station elsewhere).
    const config = loadStationConfig({ config: configFile }, {});
    const station = bootStation({ config });
    const engine = station.engine;
    engines.push(engine);
    await station.start();
    const printerId = engine.printerIdByName(printers[0]!.name)!;
    const view = () => engine.snapshot().printers.find((p) => p.printerId === printerId)!;
    await waitFor('the printer ready', () => view().state === 'ready');
    return { engine, db: engine.link.db, printerId, view };
  }

  /** The config entry --list-printers suggests for a queue (the same listing, in process). */
  async function entryFor(queue: string): Promise<PrinterConfigEntry> {
    const listing = await listPrinters();
    const entry = listing.config.printers.find((p) => p.systemName === queue);
    if (!entry) throw new Error(`--list-printers does not list ${queue}: ${JSON.stringify(listing)}`);
    return entry;
  }

  async function insertPaidOrder(db: Db, orderId: string): Promise<string> {
    const filePath = `/orders/${orderId}.pdf`;
    await db.collection('orders').insertOne({
      orderId,
      paymentStatus: 'completed',
      printStatus: 'pending',
      createdAt: new Date(),
      fileURL: `${shop.baseUrl}${filePath}`,
      printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
    });
    return filePath;
  }

  const orderOf = (db: Db, orderId: string) => db.collection('orders').findOne({ orderId });

  async function collectOutput(printJobId: string): Promise<void> {
    const file = await cups.waitForOutput(printJobId);
    outputs.push(file);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }

  it('npm run station -- --list-printers lists the CUPS queues with their capabilities and the config entries to manage them', async () => {
    const cli = path.join(repoRoot, 'electron/headless/stationCli.ts');
    const env = { ...process.env, CUPS_SERVER: cups.server, MONGODB_URI: '' };
    const json = await run(process.execPath, ['--import', 'tsx', cli, '--list-printers', '--json'], {
      cwd: repoRoot,
      env,
      timeout: 60_000,
    });
    const listing = JSON.parse(json.stdout) as PrinterListing;
    expect(listing.problems).toEqual([]);
    const queue = listing.printers.find((p) => p.systemName === cups.pdfPrinterName);
    expect(queue).toMatchObject({ driverKind: 'cups', connectionType: 'virtual', capabilities: { color: true, duplex: false } });
    expect(queue!.capabilities.paperSizes).toEqual(expect.arrayContaining(['A4', 'A5', 'Letter']));
    expect(listing.config.printers).toContainEqual({
      name: queue!.displayName,
      driver: 'cups',
      systemName: cups.pdfPrinterName,
      capabilities: queue!.capabilities,
      requiresRetrieval: false,
    });

    const text = await run(process.execPath, ['--import', 'tsx', cli, '--list-printers'], { cwd: repoRoot, env, timeout: 60_000 });
    expect(text.stdout).toContain(`${cups.pdfPrinterName}  (cups, virtual)`);
    expect(text.stdout).toMatch(/paper: +.*A4/);
    expect(text.stdout).toMatch(/colour: +yes +duplex: no/);
    expect(text.stdout).toContain('"requiresRetrieval": false');
  });

  it('a listed CUPS printer, edited in the config file, is registered in `printers` with those capabilities and requiresRetrieval', async () => {
    const listed = await entryFor(cups.pdfPrinterName);
    const edited: PrinterConfigEntry = {
      ...listed,
      name: 'Front desk PDF',
      capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 10 },
      requiresRetrieval: true,
    };
    const { engine, db, printerId } = await startStation('register', [edited]);

    const registered = await waitFor('the printer registered and ready', () =>
      db.collection('printers').findOne({ printer_id: printerId, state: 'ready' }),
    );
    expect(registered).toMatchObject({
      printer_id: printerId,
      name: 'Front desk PDF',
      system_name: cups.pdfPrinterName,
      driver_name: 'cups',
      stationId: engine.stationId,
      isActive: true,
      capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 10 },
      requiresRetrieval: true,
      status: 'online',
    });
    expect(await db.collection('printers').countDocuments()).toBe(1);
    expect(await db.collection('stations').findOne({ _id: engine.stationId as never })).toMatchObject({ workerId: engine.workerId });
    await engine.stop('test over');
  });

  it('claims a paid order, prints it through CUPS, follows the job to completed and records it printed', async () => {
    const { engine, db, printerId, view } = await startStation('print', [await entryFor(cups.pdfPrinterName)]);
    const orderId = `CUPS-${randomUUID().slice(0, 8)}`;
    const filePath = await insertPaidOrder(db, orderId);

    const printed = await waitFor('the order printed', async () => {
      const order = await orderOf(db, orderId);
      return order?.printStatus === 'printed' && order;
    });
    expect(printed).toMatchObject({
      printingBy: engine.workerId,
      stationId: engine.stationId,
      printerId,
      printAttempt: 1,
      printJobId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      printCompletedAt: expect.any(Date),
    });
    const printJobId = printed.printJobId as string;
    expect(shop.requests.get(filePath)).toBe(1);

    // claim → submitted → printed, one attempt, each entry fenced by the same printJobId.
    const logs = await waitFor('the audit log written', async () => {
      const entries = await db.collection('print_logs').find({ orderId }).sort({ timestamp: 1, _id: 1 }).toArray();
      return entries.some((e) => e.action === 'printed') && entries;
    });
    const steps = logs.filter((e) => ['claimed', 'submitted', 'printed'].includes(e.action));
    expect(steps.map((e) => e.action)).toEqual(['claimed', 'submitted', 'printed']);
    expect(steps.every((e) => e.printJobId === printJobId)).toBe(true);
    expect(steps.at(-1)).toMatchObject({ previousStatus: 'printing', newStatus: 'printed', source: 'station' });

    // The spooler job is the order's printJobId, and CUPS says it completed: the PDF came out.
    const job = await spooler.findJob(cups.pdfPrinterName, printJobId);
    expect(job).toBeDefined();
    expect((await spooler.jobState(job!)).state).toBe('completed');
    await collectOutput(printJobId);

    await waitFor('the printer ready again', () => view().state === 'ready' && view().currentJob === undefined);
    await engine.stop('test over');
  });

  it('a job at a queue disabled under it is not counted printed: the printer reads paused with the reason, until cupsenable', async () => {
    const queue = 'PrintStation_Stops';
    await cups.addPdfPrinter(queue);
    const { engine, db, printerId, view } = await startStation('disabled-job', [await entryFor(queue)]);
    const orderId = `CUPS-${randomUUID().slice(0, 8)}`;
    const gate = shop.hold(`/orders/${orderId}.pdf`);
    await insertPaidOrder(db, orderId);

    // The station has claimed the order and is downloading it; the queue is disabled before the job reaches CUPS.
    await gate.requested;
    await cups.admin('cupsdisable', [queue]);
    gate.release();

    const claimed = await waitFor('the order at the spooler', async () => {
      const order = await orderOf(db, orderId);
      return order?.printPhase === 'submitted' && order;
    });
    const printJobId = claimed.printJobId as string;
    const job = await waitFor('the CUPS job', () => spooler.findJob(queue, printJobId));

    const paused = /paused \(disabled\).*cupsenable/;
    const printer = await waitFor('the engine to see the queue paused', () => {
      const v = view();
      return v.health === 'offline' && paused.test(v.healthMessage ?? '') && v;
    });
    expect(printer).toMatchObject({ state: 'printing', currentJob: { orderId, printJobId, phase: 'submitted', spoolerState: 'pending' } });
    expect(
      await waitFor('the reason in `printers`', () =>
        db.collection('printers').findOne({ printer_id: printerId, error_message: { $regex: paused.source } }),
      ),
    ).toBeTruthy();

    // Not done while CUPS holds it: the job waits, the order is still the station's, nothing is logged printed.
    const waiting = await spooler.jobState(job);
    expect(waiting.state).toBe('pending');
    expect(waiting.message).toMatch(paused);
    expect(await orderOf(db, orderId)).toMatchObject({ printStatus: 'printing', printPhase: 'submitted', printJobId });
    expect((await orderOf(db, orderId))?.printCompletedAt).toBeUndefined();
    expect(await db.collection('print_logs').countDocuments({ orderId, action: 'printed' })).toBe(0);

    // The operator enables the queue: the same job prints and only now is the order printed.
    await cups.admin('cupsenable', [queue]);
    await waitFor('the order printed', async () => (await orderOf(db, orderId))?.printStatus === 'printed');
    expect((await spooler.jobState(job)).state).toBe('completed');
    expect((await orderOf(db, orderId))?.printAttempt).toBe(1);
    await collectOutput(printJobId);
    await waitFor('the printer ready and online', () => view().state === 'ready' && view().health === 'online');
    await engine.stop('test over');
  });

  it('a queue disabled while idle takes the printer offline: it claims nothing and says why, until cupsenable', async () => {
    const queue = 'PrintStation_Idle';
    await cups.addPdfPrinter(queue);
    const { engine, db, printerId, view } = await startStation('disabled-idle', [await entryFor(queue)]);

    await cups.admin('cupsdisable', [queue]);
    const offline = await waitFor('the printer offline', () => view().state === 'offline' && view());
    expect(offline.stateReason).toMatch(/paused \(disabled\).*cupsenable/);
    expect(offline.notClaimingReason).toBeTruthy();
    expect(
      await waitFor('offline in `printers`', () => db.collection('printers').findOne({ printer_id: printerId, state: 'offline' })),
    ).toBeTruthy();

    const orderId = `CUPS-${randomUUID().slice(0, 8)}`;
    const filePath = await insertPaidOrder(db, orderId);
    await waitFor('the engine to count the pending order', () => engine.snapshot().counts.pending === 1);
    expect(view().state).toBe('offline');
    const waitingOrder = await orderOf(db, orderId);
    expect(waitingOrder).toMatchObject({ printStatus: 'pending' });
    expect(waitingOrder?.printJobId).toBeUndefined();
    expect(shop.requests.get(filePath)).toBeUndefined();

    await cups.admin('cupsenable', [queue]);
    const printed = await waitFor('the order printed', async () => {
      const order = await orderOf(db, orderId);
      return order?.printStatus === 'printed' && order;
    });
    const job = await spooler.findJob(queue, printed.printJobId as string);
    expect((await spooler.jobState(job!)).state).toBe('completed');
    await collectOutput(printed.printJobId as string);
    await engine.stop('test over');
  });
});

interface FileServer {
  baseUrl: string;
  /** Requests served so far, by path. */
  requests: Map<string, number>;
  /** Holds the answer for `path` until release(); `requested` resolves when the station asks for it. */
  hold(path: string): { requested: Promise<void>; release(): void };
  close(): Promise<void>;
}

/** The shop's file storage: every /orders/<id>.pdf is the same small PDF. */
async function startFileServer(pdf: Uint8Array): Promise<FileServer> {
  const requests = new Map<string, number>();
  const gates = new Map<string, { arrived(): void; released: Promise<void> }>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.set(url.pathname, (requests.get(url.pathname) ?? 0) + 1);
    if (!/^\/orders\/[^/]+\.pdf$/.test(url.pathname)) {
      res.writeHead(404).end();
      return;
    }
    const gate = gates.get(url.pathname);
    gate?.arrived();
    void (gate?.released ?? Promise.resolve()).then(() => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length });
      res.end(pdf);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const releases: Array<() => void> = [];
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    hold(p) {
      let arrived!: () => void;
      let release!: () => void;
      const requested = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      releases.push(release);
      gates.set(p, { arrived, released });
      return { requested, release };
    },
    async close() {
      for (const release of releases) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
