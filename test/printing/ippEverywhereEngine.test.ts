/**
 * The station engine printing paid orders straight to a driverless printer (config `driver: 'ipp'` with `uri`):
 * ippeveprinter in its own network namespace (test/helpers/ippeveprinter.ts), orders in the test database, PDFs
 * from a local HTTP server. Skipped outside CI without root / avahi / cups-ipp-utils; under CI=true it fails.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IppEverywhereDriver } from '../../electron/printing/ippEverywhereDriver';
import { parseStationConfig } from '../../electron/station/config';
import { StationEngine } from '../../electron/station/engine';
import { openTestDatabase } from '../helpers/db';
import { missingIppEvePieces, startIppEvePrinter, type IppEvePrinter } from '../helpers/ippeveprinter';
import { inCI } from '../helpers/netns';
import { samplePdf } from '../helpers/samplePdf';
import { FAST_DATABASE, FAST_INTERVALS, waitFor } from '../station/stationFixture';

const missing = missingIppEvePieces();
if (missing.length > 0 && !inCI) console.warn(`[ippeveprinter engine test] skipped: missing ${missing.join('; ')}`);
const t = await openTestDatabase('ipp_engine');

describe.skipIf(missing.length > 0 && !inCI)('the station engine on a driverless IPP printer', () => {
  let printer: IppEvePrinter;
  let shop: http.Server;
  let baseUrl: string;
  let dataDir: string;
  let engine: StationEngine | undefined;

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`The driverless IPP engine test needs: ${missing.join('; ')}`);
    printer = await startIppEvePrinter({ formats: ['application/pdf'], color: true });
    const pdf = await samplePdf(1, 'Order for the driverless IPP engine test');
    shop = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length }).end(pdf),
    );
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ps-ipp-engine-'));
  }, 60_000);

  afterAll(async () => {
    await engine?.stop('test over').catch(() => {});
    await new Promise((r) => shop?.close(r));
    await printer?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await t.client
      .db(t.dbName)
      .dropDatabase()
      .catch(() => {});
  });

  it('prints a paid order to completed, and holds the next one while the printer is paused mid-job', async () => {
    const config = parseStationConfig({
      mongodbUri: t.uri,
      dbName: t.dbName,
      station: { id: 'ipp-engine', name: 'IPP engine' },
      dataDir,
      printers: [
        {
          name: 'Office IPP',
          driver: 'ipp',
          uri: printer.uri,
          capabilities: { paperSizes: ['A4'], color: true, duplex: false, maxCopies: 5 },
        },
      ],
      intervals: FAST_INTERVALS,
      database: FAST_DATABASE,
      fetch: { allowPrivateNetworks: true },
      log: { level: 'info', console: process.env.PRINT_STATION_TEST_LOG === '1', file: false },
    });
    const driver = new IppEverywhereDriver();
    engine = new StationEngine({ config, driverFor: () => driver });
    await engine.start();
    const db = engine.link.db;
    const order = (orderId: string) => ({
      orderId,
      paymentStatus: 'completed',
      printStatus: 'pending',
      createdAt: new Date(),
      fileURL: `${baseUrl}/orders/${orderId}.pdf`,
      printingOptions: { paperSize: 'A4', color: true, duplex: false, copies: 1 },
    });
    const find = (orderId: string) => db.collection('orders').findOne({ orderId });

    await db.collection('orders').insertOne(order('ipp-1'));
    const printed = await waitFor(
      'order ipp-1 printed',
      async () => ((await find('ipp-1'))?.printStatus === 'printed' ? find('ipp-1') : undefined),
      60_000,
      100,
    );
    // The spooler job carries the attempt's printJobId, and the printer recorded the order's paper and colour.
    const job = await driver.findJob(printer.uri, String(printed!.printJobId));
    expect(job).toBeDefined();
    expect(await driver.jobOptions(job!)).toMatchObject({ paperSize: 'A4', color: true });

    // Paused at the printer while the next order is printing: not printed while paused, printed once resumed.
    await printer.hold(true);
    try {
      await db.collection('orders').insertOne(order('ipp-2'));
      const second = await waitFor(
        'order ipp-2 at the printer',
        async () => {
          const o = await find('ipp-2');
          const j = o?.printJobId ? await driver.findJob(printer.uri, String(o.printJobId)) : undefined;
          return j && (await driver.jobState(j)).state === 'processing' ? j : undefined;
        },
        60_000,
        100,
      );
      await printer.deviceReason('paused', true);
      await printer.hold(false);
      await waitFor(
        'the printer to read paused',
        async () => (await driver.status(printer.uri)).failureClass === 'printer_offline',
        30_000,
        100,
      );
      await waitFor(
        'the job to read as waiting on the paused printer',
        async () => (await driver.jobState(second)).message?.includes('paused'),
        30_000,
        100,
      );
      // The engine's own view: the printer reads paused (its health check), the job is still at the spooler.
      const station = engine;
      const view = await waitFor(
        'the engine to see the printer paused',
        () => {
          const p = station.snapshot().printers[0];
          return p?.healthMessage?.includes('paused') ? p : undefined;
        },
        60_000,
        100,
      );
      expect(view.currentJob).toMatchObject({ orderId: 'ipp-2', spoolerState: 'processing' });
      expect((await find('ipp-2'))?.printStatus).toBe('printing');
      await printer.deviceReason('paused', false);
      await waitFor('order ipp-2 printed', async () => (await find('ipp-2'))?.printStatus === 'printed', 60_000, 100);
    } finally {
      await printer.deviceReason('paused', false);
      await printer.hold(false);
    }
  }, 180_000);
});
