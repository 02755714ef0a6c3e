import { describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { startShopSimulator, type ShopSimulator } from '../../electron/headless/shopSimulator';
import { openTestDatabase } from '../helpers/db';
import {
  cleanupAfterEach,
  createFixtureStation,
  freshDatabase,
  operator,
  systemNameOf,
  tempDir,
  waitFor,
  openPrintRoom,
  type PrintRoomStation,
  type FixtureStation,
} from './stationFixture';

const t = await openTestDatabase('station_faults');
const cleanup = cleanupAfterEach();

function setup(label: string, station: PrintRoomStation) {
  return openPrintRoom(t, cleanup, label, station);
}

describe('printer faults', () => {
  it('a jam puts the printer in error; once recovered, the order is retried and printed', async () => {
    const { shop, s, order, printed, view } = await setup('jam', { printers: [{ name: 'J' }], msPerPage: 150 });
    const { orderId } = await shop.createOrder({ pages: 6 });
    await waitFor('job at the printer', () => view('J').currentJob?.spoolerState === 'processing');
    s.driver.jam(systemNameOf(s.engine.stationId, 'J'));
    await waitFor('printer in error', () => view('J').state === 'error');
    expect(view('J').notClaimingReason).toMatch(/^error: /);
    const released = await waitFor('order back in the queue', async () => {
      const o = await order(orderId);
      return o?.printStatus === 'pending' && o;
    });
    expect(released.printErrorCode).toBe('printer_jam');

    // The operator presses "recovered" before clearing the paper: the printer's own status wins.
    const early = await s.engine.printerRecovered(s.printerId('J'), operator);
    expect(early.ok).toBe(false);
    s.driver.clearJam(systemNameOf(s.engine.stationId, 'J'));
    await waitFor('recovered accepted', async () => (await s.engine.printerRecovered(s.printerId('J'), operator)).ok);
    const done = await waitFor('printed on the retry', async () => {
      const o = await order(orderId);
      return o?.printStatus === 'printed' && o;
    });
    expect(done.printAttempt).toBe(2);
    expect(printed('J')).toEqual([done.printJobId]);
  });

  it('after the third jam the order fails as exhausted', async () => {
    const { shop, s, order, view } = await setup('jam3', { printers: [{ name: 'J' }], msPerPage: 150 });
    const { orderId } = await shop.createOrder({ pages: 6 });
    const system = systemNameOf(s.engine.stationId, 'J');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await waitFor(
        `attempt ${attempt} at the printer`,
        async () => view('J').currentJob?.spoolerState === 'processing' && (await order(orderId))?.printAttempt === attempt,
      );
      s.driver.jam(system);
      await waitFor('printer in error', () => view('J').state === 'error');
      s.driver.clearJam(system);
      await waitFor('recovered', async () => (await s.engine.printerRecovered(s.printerId('J'), operator)).ok);
    }
    const failed = await waitFor('order failed', async () => {
      const o = await order(orderId);
      return o?.printStatus === 'failed' && o;
    });
    expect(failed.printErrorCode).toBe('exhausted');
    expect(failed.printError).toMatch(/3 printer_jam failures/);
  });

  it('a printer that goes offline hands its order to the other printer at once', async () => {
    const { shop, s, order, printed, view } = await setup('offline', { printers: [{ name: 'A' }, { name: 'B' }], msPerPage: 150 });
    expect((await s.engine.pausePrinter(s.printerId('B'), operator)).ok).toBe(true);
    expect(view('B').notClaimingReason).toBe('paused by anna@printroom.test');
    const { orderId } = await shop.createOrder({ pages: 6 });
    await waitFor('job on A', () => view('A').currentJob?.spoolerState === 'processing');
    s.driver.goOffline(systemNameOf(s.engine.stationId, 'A'));
    await waitFor('A offline', () => view('A').state === 'offline');
    expect(view('A').notClaimingReason).toMatch(/^offline since/);
    await s.engine.resumePrinter(s.printerId('B'), operator);
    const done = await waitFor('printed on B', async () => {
      const o = await order(orderId);
      return o?.printStatus === 'printed' && o;
    });
    expect(done.printerName).toBe('B');
    expect(printed('B')).toEqual([done.printJobId]);
    expect(printed('A')).toEqual([]);
    s.driver.comeOnline(systemNameOf(s.engine.stationId, 'A'));
    await waitFor('A back', () => view('A').state === 'ready');
  });

  it('the printer that needs retrieval claims nothing until the item is confirmed; "bad, reprint" prints it again', async () => {
    const { shop, s, order, printed, view } = await setup('retrieval', { printers: [{ name: 'R', requiresRetrieval: true }] });
    const first = await shop.createOrder({ pages: 1 });
    await waitFor('awaiting retrieval', () => view('R').state === 'awaiting_retrieval');
    expect(view('R').awaitingOrderId).toBe(first.orderId);
    const second = await shop.createOrder({ pages: 1 });
    // Several claim opportunities pass; the gate holds.
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await order(second.orderId))?.printStatus).toBe('pending');
    expect(view('R').notClaimingReason).toBe(`awaiting retrieval of order ${first.orderId}`);

    expect(await s.engine.confirmRetrieval(s.printerId('R'), 'bad', operator, 'smudged')).toEqual({ ok: true });
    await waitFor(
      'reprint awaiting retrieval',
      async () => view('R').state === 'awaiting_retrieval' && (await order(first.orderId))?.printStatus === 'printed',
    );
    expect(view('R').awaitingOrderId).toBe(first.orderId);
    expect(printed('R')).toHaveLength(2);
    expect(await s.engine.confirmRetrieval(s.printerId('R'), 'good', operator)).toEqual({ ok: true });
    await waitFor('second printed', async () => view('R').state === 'awaiting_retrieval' && view('R').awaitingOrderId === second.orderId);

    // Confirmed at another station (straight in the database, as its order core would): this printer sees it.
    const { OrderRepository } = await import('../../electron/db/orderRepository');
    const elsewhere = new OrderRepository(s.engine.link.db);
    expect(
      await elsewhere.confirmRetrieval(second.orderId, 'good', { source: 'operator', adminEmail: 'ben@elsewhere', stationId: 'other' }),
    ).toMatchObject({ ok: true });
    await waitFor('ready again', () => view('R').state === 'ready');
  });

  it('a cancel request for a printing order cancels its spooler job', async () => {
    const { shop, s, order, printed, view } = await setup('cancel', { printers: [{ name: 'C' }], msPerPage: 200 });
    const { orderId } = await shop.createOrder({ pages: 10 });
    await waitFor('printing', () => view('C').currentJob?.spoolerState === 'processing');
    const { OrderRepository } = await import('../../electron/db/orderRepository');
    expect((await new OrderRepository(s.engine.link.db).cancel(orderId, operator, 'customer called')).ok).toBe(true);
    const cancelled = await waitFor('cancelled', async () => {
      const o = await order(orderId);
      return o?.printStatus === 'cancelled' && o;
    });
    expect(cancelled.printErrorCode).toBe('cancelled');
    expect(printed('C')).toEqual([]);
    await waitFor('ready', () => view('C').state === 'ready');
  });
});

describe('bad files', () => {
  const station = { printers: [{ name: 'F' }], fetch: { timeoutMs: 1_500, maxBytes: 1024 * 1024 } };

  async function outcomeOf(label: string, kind: '404' | 'not-pdf' | 'oversized' | 'slow' | 'server-error') {
    const { shop, order } = await setup(label, station);
    const { orderId } = await shop.createOrder({ fileURL: shop.fileUrl(kind) });
    return waitFor(`order ${kind} settled`, async () => {
      const o = await order(orderId);
      return o && o.printStatus !== 'printing' && o.printStatus !== 'pending' ? o : o?.printErrorCode ? o : undefined;
    });
  }

  it('a 404 fails the order as invalid_data, no retry', async () => {
    const o = await outcomeOf('f404', '404');
    expect([o.printStatus, o.printErrorCode]).toEqual(['failed', 'invalid_data']);
    expect(o.printError).toMatch(/404/);
  });

  it('a web page instead of a PDF fails as invalid_data', async () => {
    const o = await outcomeOf('fhtml', 'not-pdf');
    expect([o.printStatus, o.printErrorCode]).toEqual(['failed', 'invalid_data']);
    expect(o.printError).toMatch(/PDF/i);
  });

  it('a file over the size cap fails as invalid_data', async () => {
    const o = await outcomeOf('fbig', 'oversized');
    expect([o.printStatus, o.printErrorCode]).toEqual(['failed', 'invalid_data']);
    expect(o.printError).toMatch(/MB|large|big/i);
  });

  it('a download that trickles forever is cut off and retried later as network', async () => {
    const o = await outcomeOf('fslow', 'slow');
    expect([o.printStatus, o.printErrorCode]).toEqual(['pending', 'network']);
    expect(o.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(o.printError).toMatch(/s\b|time/i);
  });

  it('a 503 from the shop is retried later as network', async () => {
    const o = await outcomeOf('f503', 'server-error');
    expect([o.printStatus, o.printErrorCode]).toEqual(['pending', 'network']);
  });
});

export type { Db, ShopSimulator, FixtureStation };

describe('what an operator set on a printer outlives a restart', () => {
  it('a paused printer comes back paused (by the same person) and claims nothing until resumed; resumed, it comes back ready', async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'holds');
    const shop = await startShopSimulator({ db });
    const options = {
      uri: t.uri,
      dbName,
      name: 'holds',
      printerRoot: tempDir('holds'),
      dataDir: tempDir('holds-data'),
      printers: [{ name: 'P' }],
    };
    cleanup.push(drop, () => shop.stop());
    const first = createFixtureStation(options);
    cleanup.push(() => first.engine.stop('test over'));
    await first.engine.start();
    expect((await first.engine.pausePrinter(first.printerId('P'), operator)).ok).toBe(true);
    await first.engine.stop('restart');

    const second = createFixtureStation(options);
    cleanup.push(() => second.engine.stop('test over'));
    await second.engine.start();
    const view = () => second.engine.snapshot().printers[0]!;
    expect(view().state).toBe('paused');
    expect(view().notClaimingReason).toBe('paused by anna@printroom.test');
    const { orderId } = await shop.createOrder({ pages: 1 });
    expect((await db.collection('orders').findOne({ orderId }))?.printAttempt ?? 0).toBe(0);
    expect((await second.engine.resumePrinter(second.printerId('P'), operator)).ok).toBe(true);
    await waitFor('printed once resumed', async () => (await db.collection('orders').findOne({ orderId }))?.printStatus === 'printed');
    await second.engine.stop('restart');

    const third = createFixtureStation(options);
    cleanup.push(() => third.engine.stop('test over'));
    await third.engine.start();
    await waitFor('ready', () => third.engine.snapshot().printers[0]!.state === 'ready');
  });

  it('auto-print switched off stays off after a restart', async () => {
    const { dbName, drop } = await freshDatabase(t, 'autoprint');
    const options = {
      uri: t.uri,
      dbName,
      name: 'auto',
      printerRoot: tempDir('auto'),
      dataDir: tempDir('auto-data'),
      printers: [{ name: 'P' }],
    };
    cleanup.push(drop);
    const first = createFixtureStation(options);
    cleanup.push(() => first.engine.stop('test over'));
    await first.engine.start();
    first.engine.printer(first.printerId('P'))!.setAutoPrint(false);
    await first.engine.stop('restart');
    const second = createFixtureStation(options);
    cleanup.push(() => second.engine.stop('test over'));
    await second.engine.start();
    expect(second.engine.snapshot().printers[0]).toMatchObject({ autoPrint: false, notClaimingReason: 'auto-print is off' });
  });
});
