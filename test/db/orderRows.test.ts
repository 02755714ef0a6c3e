/**
 * The open queue's live rows (issue 11): while a console listens, each order another station, the shop or an operator
 * changes reaches the station whole (OrderRepository.followRows), so its row can change without reading the tab again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { OrderDoc } from '../../shared/domain';
import { OrderRepository } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { waitFor } from '../station/stationFixture';
import { paidOrder } from './fixtures';

const t = await openTestDatabase('order_rows');
await migrate(t.db);
const orders = t.db.collection('orders');
const repo = new OrderRepository(t.db);
const seen: OrderDoc[] = [];
const stop = repo.followRows((order) => seen.push(order));
afterAll(() => stop());

/** Writes until the stream is open (a change made before it opened is not told): a marker order the rows name. */
async function streamOpen(): Promise<void> {
  const marker = paidOrder({ orderId: 'ROWS-MARKER' });
  await orders.insertOne(marker);
  let n = 0;
  await waitFor('the rows stream to tell a change', async () => {
    await orders.updateOne({ orderId: 'ROWS-MARKER' }, { $set: { priority: ++n } });
    return seen.some((o) => o.orderId === 'ROWS-MARKER');
  });
}

describe(`the queue's live rows (${t.serverKind})`, () => {
  it("tell another writer's status change with the whole order as it is now", async () => {
    await streamOpen();
    await orders.insertOne(paidOrder({ orderId: 'ROWS-1', customerName: 'Anna Berg' }));
    await orders.updateOne({ orderId: 'ROWS-1' }, { $set: { printStatus: 'cancelled', cancelledBy: 'shop' } });
    const row = await waitFor('the cancelled order', () => seen.find((o) => o.orderId === 'ROWS-1' && o.printStatus === 'cancelled'));
    // Whole: fields the update did not touch are there too.
    expect(row.createdAt).toBeInstanceOf(Date);
    expect((row as Record<string, unknown>).customerName).toBe('Anna Berg');
    expect(row.printingOptions.paperSize).toBe('A4');
  });

  it('tell a change that leaves the status alone (a retry note), which moves no count', async () => {
    await streamOpen();
    await orders.insertOne(paidOrder({ orderId: 'ROWS-2' }));
    await orders.updateOne({ orderId: 'ROWS-2' }, { $set: { printError: 'download timed out', printAttempt: 1 } });
    const row = await waitFor('the retry note', () => seen.find((o) => o.orderId === 'ROWS-2' && o.printError === 'download timed out'));
    expect(row.printStatus).toBe('pending');
    expect(row.printAttempt).toBe(1);
  });
});
