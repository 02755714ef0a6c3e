/**
 * The open queue follows the database (issue 11): what another station, the shop or a technician writes to an order
 * shows in its row while the operator looks, without the console reading its whole tab again (with ten thousand orders
 * that is the slow part). Before the station sent changed orders, a row changed only when a count moved and the tab
 * was read again, and a retry note, which moves no count, not at all.
 */
import { MongoClient, type Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openStation, screenshot, type OperatorSession } from './helpers/operatorUi';

let s: OperatorSession;
let client: MongoClient;
let orders: Collection;
/** The console's requests to the station since the last `clear`: the queue must not read its tab again for a row. */
let asked: string[] = [];

beforeAll(async () => {
  // Their next attempt is an hour away (as after a failed download): they stay pending while we look at them, and no
  // sweep judges them unprintable (the printer could take them).
  s = await openStation({
    printers: [
      { name: 'Front', requiresRetrieval: false, capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 1 } },
    ],
  });
  client = await new MongoClient(s.demo.mongoUri).connect();
  orders = client.db(s.demo.dbName).collection('orders');
  const now = Date.now();
  await orders.insertMany(
    Array.from({ length: 300 }, (_, i) => ({
      orderId: `LIVE-${String(i).padStart(3, '0')}`,
      paymentStatus: 'completed',
      printStatus: 'pending',
      createdAt: new Date(now - i * 1_000),
      fileURL: s.demo.shop.fileUrl('good'),
      customerName: `Customer ${i}`,
      printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
      printAttempt: 0,
      nextAttemptAt: new Date(now + 3_600_000),
    })),
  );
  s.page.on('websocket', (ws) => ws.on('framesent', (frame) => asked.push(String(frame.payload))));
  await s.page.reload(); // the console's socket opens again, now with its requests seen
});
afterAll(async () => {
  await client?.close();
  await s?.close();
});

const rowText = (orderId: string) => s.page.getByTestId(`order-${orderId}`).textContent();

describe("the open queue follows another station's writes", () => {
  it('shows a retry note written elsewhere in the pending row, though no count moved', async () => {
    // The pending tab lists in claim order: the oldest first.
    await goTo(s.page, 'Queue');
    await expect.poll(() => rowText('LIVE-299')).toContain('Customer 299');
    // The shop's orders are all counted: no count moves from here on.
    await expect.poll(() => s.page.getByRole('tab', { name: /Pending/ }).textContent()).toBe('Pending300');
    asked = [];
    await orders.updateOne(
      { orderId: 'LIVE-299' },
      { $set: { printError: 'The file server did not answer; trying again.', printAttempt: 1 } },
    );
    await expect.poll(() => rowText('LIVE-299')).toContain('The file server did not answer');
    expect(asked.filter((frame) => frame.includes('listOrders'))).toEqual([]);
  });

  it('shows a cancel by another station in the row of the all tab', async () => {
    await s.page.getByRole('tab', { name: 'All' }).click();
    await expect.poll(() => rowText('LIVE-002')).toContain('Pending');
    asked = [];
    await orders.updateOne({ orderId: 'LIVE-002' }, { $set: { printStatus: 'cancelled', cancelledBy: 'another station' } });
    await expect.poll(() => rowText('LIVE-002')).toContain('Cancelled');
    // The row changed from the station's word; the 300-order tab was not read again for it.
    expect(asked.filter((frame) => frame.includes('listOrders'))).toEqual([]);
    await screenshot(s.page, 'queue-live-row-cancelled-elsewhere');
  });

  it('takes an order cancelled elsewhere off the pending tab', async () => {
    await s.page.getByRole('tab', { name: 'Pending' }).click();
    await expect.poll(() => rowText('LIVE-297')).toContain('Pending');
    await orders.updateOne({ orderId: 'LIVE-297' }, { $set: { printStatus: 'cancelled', cancelledBy: 'another station' } });
    await expect.poll(() => s.page.getByTestId('order-LIVE-297').count()).toBe(0);
  });
});
