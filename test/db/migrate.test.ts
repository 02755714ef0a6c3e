import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/db/migrate';
import { INDEXES } from '../../electron/db/indexes';
import { openTestDatabase } from '../helpers/db';

const t = await openTestDatabase('migrate');

describe(`npm run migrate (${t.serverKind})`, () => {
  it('creates every named index, queues paid orders, marks delivered ones printed; twice is the same as once', async () => {
    const orders = t.db.collection('orders');
    await orders.insertMany([
      { orderId: 'PAID', paymentStatus: 'completed', createdAt: new Date() },
      { orderId: 'UNPAID', paymentStatus: 'pending', createdAt: new Date() },
      { orderId: 'DELIVERED', paymentStatus: 'completed', status: 'delivered', createdAt: new Date() },
      { orderId: 'SHIPPED-AND-DELIVERED', paymentStatus: 'completed', deliveryStatus: 'delivered', createdAt: new Date() },
      { orderId: 'ALREADY-PRINTING', paymentStatus: 'completed', printStatus: 'printing', createdAt: new Date() },
    ]);

    const first = await migrate(t.db);
    expect(first.indexesCreated.sort()).toEqual(INDEXES.map((i) => i.options.name).sort());
    expect(first.backfilled).toEqual({ pending: 1, printed: 2 });
    const statuses = Object.fromEntries((await orders.find().toArray()).map((o) => [o.orderId, o.printStatus]));
    expect(statuses).toEqual({
      PAID: 'pending',
      UNPAID: undefined,
      DELIVERED: 'printed',
      'SHIPPED-AND-DELIVERED': 'printed',
      'ALREADY-PRINTING': 'printing',
    });

    const snapshot = async () => ({
      orders: await orders.find().sort({ orderId: 1 }).toArray(),
      indexes: Object.fromEntries(
        await Promise.all(
          ['orders', 'printers', 'print_logs', 'metrics'].map(async (c) => [
            c,
            (await t.db.collection(c).listIndexes().toArray()).map((i) => i.name).sort(),
          ]),
        ),
      ),
    });
    const afterOnce = await snapshot();
    const second = await migrate(t.db);
    expect(second).toEqual({
      indexesCreated: [],
      backfilled: { pending: 0, printed: 0 },
      printingWithoutLease: { count: 1, orderIds: ['ALREADY-PRINTING'] },
    });
    expect(await snapshot()).toEqual(afterOnce);
  });

  it('reports orders printing with no lease (an older worker or a hand edit), which the reaper will bring to a person', async () => {
    const db = t.client.db(`${t.dbName}_bare`);
    await db.collection('orders').insertMany([
      { orderId: 'BARE-1', paymentStatus: 'completed', printStatus: 'printing', createdAt: new Date() },
      { orderId: 'LEASED', paymentStatus: 'completed', printStatus: 'printing', leaseExpiresAt: new Date(), createdAt: new Date() },
      { orderId: 'RENEWED', paymentStatus: 'completed', printStatus: 'printing', leaseRenewedAt: new Date(), createdAt: new Date() },
      { orderId: 'BARE-2', paymentStatus: 'completed', printStatus: 'printing', leaseExpiresAt: null, createdAt: new Date() },
    ]);
    const result = await migrate(db);
    expect(result.printingWithoutLease.count).toBe(2);
    expect([...result.printingWithoutLease.orderIds].sort()).toEqual(['BARE-1', 'BARE-2']);
    await db.dropDatabase();
  });

  it('keeps the fence unique: two orders can never hold the same printJobId', async () => {
    const orders = t.db.collection('orders');
    await orders.insertOne({ orderId: 'J-1', printJobId: 'same-job' });
    await expect(orders.insertOne({ orderId: 'J-2', printJobId: 'same-job' })).rejects.toThrow(/duplicate key/);
  });
});
