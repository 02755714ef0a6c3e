import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { MongoClient } from 'mongodb';
import { startDemo, type DemoHandle } from '../../electron/headless/demo';
import { waitFor } from './stationFixture';

let demo: DemoHandle | undefined;
afterAll(async () => {
  await demo?.stop();
});

describe('npm run demo', () => {
  it('runs a shop, a station with a retrieval printer and a plain one, and the web console', async () => {
    const dbName = `demo_${Date.now().toString(36)}`;
    demo = await startDemo({ mongoUri: inject('mongoUri'), dbName, port: 0, orderIntervalMs: null, seedOrders: 3, pagesPerSecond: 50 });
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect([...demo.virtualPrinters.keys()]).toEqual(['Counter printer', 'Back office']);
    const views = demo.engine.snapshot().printers;
    expect(views.map((p) => p.requiresRetrieval)).toEqual([true, false]);

    const { orderId } = await demo.shop.createOrder({ pages: 1 });
    const client = await new MongoClient(demo.mongoUri).connect();
    try {
      const orders = client.db(dbName).collection('orders');
      await waitFor('all four printed', async () => (await orders.countDocuments({ printStatus: 'printed' })) === 4);
      expect(await orders.findOne({ orderId })).toMatchObject({ printStatus: 'printed' });
      const counter = await waitFor('counter printer waits for retrieval', () => {
        const p = demo!.engine.snapshot().printers[0]!;
        return p.state === 'awaiting_retrieval' && p;
      });
      const printedFiles = [...demo.virtualPrinters.values()].flatMap((p) => p.printed());
      expect(printedFiles).toHaveLength(4);
      expect(counter.notClaimingReason).toMatch(/^awaiting retrieval of order /);
    } finally {
      await client
        .db(dbName)
        .dropDatabase()
        .catch(() => {});
      await client.close();
    }
  });
});
