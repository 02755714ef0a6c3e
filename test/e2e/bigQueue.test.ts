/**
 * Ten thousand waiting orders: the queue shows the total at once, keeps only the visible rows in the page, and
 * loads the rows of any place the operator scrolls to, so scrolling stays smooth.
 */
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openStation, type OperatorSession } from './helpers/operatorUi';

const COUNT = 10_000;
let s: OperatorSession;
let client: MongoClient;

beforeAll(async () => {
  s = await openStation({
    printers: [
      { name: 'Front', requiresRetrieval: false, capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 1 } },
    ],
  });
  client = await new MongoClient(s.demo.mongoUri).connect();
  // A3 orders: this station's only printer cannot take them, so they all stay pending while we look.
  const now = Date.now();
  const orders = Array.from({ length: COUNT }, (_, i) => ({
    orderId: `BIG-${String(i).padStart(5, '0')}`,
    paymentStatus: 'completed',
    printStatus: 'pending',
    createdAt: new Date(now - (COUNT - i) * 1000),
    fileURL: s.demo.shop.fileUrl('good'),
    printingOptions: { paperSize: 'A3', color: false, duplex: false, copies: 1 },
  }));
  for (let i = 0; i < COUNT; i += 2_000)
    await client
      .db(s.demo.dbName)
      .collection('orders')
      .insertMany(orders.slice(i, i + 2_000));
});
afterAll(async () => {
  await client?.close();
  await s?.close();
});

describe('a queue of ten thousand orders', () => {
  it('shows the total, renders only the visible rows, and fills any place scrolled to', async () => {
    await goTo(s.page, 'Queue');
    await expect
      .poll(() => s.page.locator('.queue-main > .muted.small').textContent(), { timeout: 60_000 })
      .toBe(`${COUNT.toLocaleString('en-US')} orders`);
    const rendered = await s.page.locator('[data-testid="order-list"] .order-row').count();
    expect(rendered).toBeLessThan(100);

    const list = s.page.getByTestId('order-list');
    const started = Date.now();
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect
      .poll(
        () =>
          s.page
            .getByTestId('order-BIG-09999')
            .count()
            .then((n) => n > 0),
        { timeout: 30_000 },
      )
      .toBe(true);
    const toEnd = Date.now() - started;
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
    await expect
      .poll(() => s.page.locator('[data-testid^="order-BIG-04"], [data-testid^="order-BIG-05"]').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await s.page.locator('[data-testid="order-list"] .order-row').count()).toBeLessThan(100);
    console.log(`[big queue] ${COUNT} orders; rows in the page: ${rendered}; the last row appeared ${toEnd} ms after scrolling to the end`);
  });
});
