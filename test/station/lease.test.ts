import { describe, expect, it } from 'vitest';
import { OrderRepository } from '../../electron/db/orderRepository';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, createFixtureStation, freshDatabase, operator, tempDir, waitFor } from './stationFixture';

const t = await openTestDatabase('station_lease');
const cleanup = cleanupAfterEach();

describe('the lease', () => {
  it('an order taken back while downloading is never sent to the printer', async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'lease');
    const shop = await startShopSimulator({ db });
    const s = createFixtureStation({
      uri: t.uri,
      dbName,
      name: 'lease',
      printerRoot: tempDir('lease'),
      printers: [{ name: 'P', autoPrint: true }],
      intervals: { leaseRenewMs: 300 },
      fetch: { timeoutMs: 30_000 },
    });
    cleanup.push(
      drop,
      () => shop.stop(),
      () => s.engine.stop('test over'),
    );
    await s.engine.start();
    const orders = db.collection('orders');
    const { orderId } = await shop.createOrder({ fileURL: shop.fileUrl('slow') });
    const held = await waitFor('downloading', async () => {
      const o = await orders.findOne({ orderId });
      return o?.printPhase === 'downloading' && o;
    });
    expect((await new OrderRepository(db).resetStuck(orderId, operator, 'stuck download')).ok).toBe(true);
    await waitFor('the station noticed', () => s.engine.recentLogs(200).some((l) => /Lost the lease on order/.test(l.message)));
    await waitFor('printer free again', () => s.engine.snapshot().printers[0]!.currentJob?.printJobId !== held.printJobId);
    // The log entry may be written after the printer is free again: wait for it, never read it once.
    const lost = await waitFor('the lost lease logged', () =>
      db.collection('print_logs').findOne({ orderId, printJobId: held.printJobId, action: 'lost_ownership' }),
    );
    expect(lost).not.toBeNull();
    expect(s.driver.printed('lease-P')).toEqual([]);
  });
});

describe('an order printing with no lease', () => {
  it("is brought to a person after the station's own maximum print duration, not a built-in 30 minutes", async () => {
    const { db, dbName, drop } = await freshDatabase(t, 'unleased');
    const s = createFixtureStation({
      uri: t.uri,
      dbName,
      name: 'unleased',
      printerRoot: tempDir('unleased'),
      printers: [{ name: 'P', autoPrint: false }],
      intervals: { maxPrintDurationMs: 2_000 },
    });
    cleanup.push(drop, () => s.engine.stop('test over'));
    // Written by an older worker (or by hand): printing for a minute, no lease anyone renews.
    await db.collection('orders').insertOne({
      orderId: 'UNLEASED-1',
      paymentStatus: 'completed',
      createdAt: new Date(),
      fileURL: 'https://shop.example/a.pdf',
      printStatus: 'printing',
      printJobId: 'old-worker-job',
      printStartedAt: new Date(Date.now() - 60_000),
      printAttempt: 1,
    });
    await s.engine.start();
    const flagged = await waitFor('flagged for a person', async () => {
      const o = await db.collection('orders').findOne({ orderId: 'UNLEASED-1' });
      return o?.printStatus === 'needs_attention' && o;
    });
    expect(flagged.printError).toMatch(/no lease/);
  });
});
