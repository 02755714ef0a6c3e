/**
 * Issue 10 end to end: a station with raw label printers configured by PWG media names claims only the labels
 * they have loaded, renders the order's PDF for each printer (or passes a ZPL order through to the Zebra set for
 * it), and writes `printed` only when the printer confirmed; a printer that cannot confirm leaves the order
 * printed with `printedUnconfirmed`, and a ZPL order for a PDF-only printer fails with a sentence.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { Raw9100Driver, rawProfileOf } from '../../electron/printing/raw9100Driver';
import { parseStationConfig } from '../../electron/station/config';
import { StationEngine } from '../../electron/station/engine';
import { openTestDatabase } from '../helpers/db';
import { FAST_DATABASE, FAST_INTERVALS, cleanupAfterEach, freshDatabase, tempDir, waitFor } from '../station/stationFixture';
import { FakeBrother, FakeZebra } from './labelPrinterFakes';

const t = await openTestDatabase('raw_engine');
const cleanup = cleanupAfterEach();
const ZPL_LABEL = '^XA^FO40,40^A0N,60,60^FDOrder ZPL-1^FS^PQ3^XZ\n';

async function zplServer() {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(ZPL_LABEL));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/label.zpl`;
}

describe('a station with raw label printers', () => {
  it('claims by loaded media, prints rendered and passed-through labels, confirms them, and is honest about a printer that cannot confirm', async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'raw_engine');
    const shop = await startShopSimulator({ db });
    const zebra = await FakeZebra.start({ msPerLabel: 20 });
    const mute = await FakeZebra.start({ silent: true });
    const ql = await FakeBrother.start({ msPerLabel: 20 });
    cleanup.push(
      drop,
      () => shop.stop(),
      () => zebra.close(),
      () => mute.close(),
      () => ql.close(),
    );
    const zplUrl = await zplServer();

    const config = parseStationConfig({
      mongodbUri: t.uri,
      dbName,
      station: { id: 'labels', name: 'labels' },
      dataDir: tempDir('raw-engine'),
      intervals: FAST_INTERVALS,
      database: FAST_DATABASE,
      fetch: { allowPrivateNetworks: true },
      log: { level: 'info', console: false, file: true },
      printers: [
        {
          name: 'Zebra',
          driver: 'raw',
          systemName: `127.0.0.1:${zebra.port}`,
          language: 'zpl',
          dpi: 203,
          media: ['oe_4x6-label_4x6in'],
          passThrough: true,
        },
        {
          name: 'Old Zebra',
          driver: 'raw',
          systemName: `127.0.0.1:${mute.port}`,
          language: 'zpl',
          dpi: 203,
          media: ['om_100x50mm_100x50mm'],
          statusQuery: false,
        },
        { name: 'QL', driver: 'raw', systemName: `127.0.0.1:${ql.port}`, language: 'brother_ql', media: ['roll_max_62x1000mm'] },
      ],
    });
    const engine = new StationEngine({
      config,
      driverFor: (printer) => new Raw9100Driver({ printers: [rawProfileOf(printer)], statusTimeoutMs: 500 }),
    });
    cleanup.push(() => engine.stop('test over'));
    await engine.start();

    const rendered = await shop.createOrder({ pages: 2, printingOptions: { paperSize: 'Label-4x6' } });
    const passed = await shop.createOrder({ fileURL: zplUrl, printingOptions: { paperSize: 'na_index-4x6_4x6in' } });
    const unconfirmed = await shop.createOrder({ pages: 1, printingOptions: { paperSize: 'om_100x50mm_100x50mm' } });
    const onRoll = await shop.createOrder({ pages: 1, printingOptions: { paperSize: 'om_62x29mm_62x29mm', copies: 2 } });
    const zplForQl = await shop.createOrder({ fileURL: zplUrl, printingOptions: { paperSize: 'om_62x100mm_62x100mm' } });
    const nobodyHasIt = await shop.createOrder({ pages: 1, printingOptions: { paperSize: 'om_29x90mm_29x90mm' } });

    const settled = (orderId: string, status: string) =>
      waitFor(
        `order ${orderId} ${status}`,
        async () => {
          const o = await db.collection('orders').findOne({ orderId });
          return o?.printStatus === status && o;
        },
        60_000,
      );

    const a = await settled(rendered.orderId, 'printed');
    expect(a.printerName).toBe('Zebra');
    expect(a.printedUnconfirmed).toBeUndefined();
    const b = await settled(passed.orderId, 'printed');
    expect(b.printerName).toBe('Zebra');
    expect(zebra.labelsPrinted).toBe(2 + 3); // two rendered pages, then the ZPL order's ^PQ3
    expect(zebra.bytes.toString('latin1')).toContain(ZPL_LABEL);
    expect(zebra.bytes.toString('latin1')).not.toContain('%PDF');

    const c = await settled(unconfirmed.orderId, 'printed');
    expect(c).toMatchObject({ printerName: 'Old Zebra', printedUnconfirmed: true });
    expect(c.printNote).toBe('Old Zebra is set not to be asked for its status, so nobody confirmed that the 1 label came out.');
    await waitFor('the old Zebra to print', () => mute.labelsPrinted === 1);

    const d = await settled(onRoll.orderId, 'printed');
    expect(d.printerName).toBe('QL');
    expect(ql.pagesPrinted).toBe(2);

    const e = await settled(zplForQl.orderId, 'failed');
    expect(e).toMatchObject({
      printErrorCode: 'invalid_data',
      printError: `Order ${zplForQl.orderId} is ZPL, but printer QL only takes PDF.`,
    });
    expect(ql.pagesReceived).toBe(2);

    // No printer has 29x90 labels: nobody claims it (it fails as capability_mismatch after the grace period).
    expect((await db.collection('orders').findOne({ orderId: nobodyHasIt.orderId }))?.printStatus).toBe('pending');
  });
});
