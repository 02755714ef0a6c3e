/**
 * Find any order, in the browser (issue 11): search by order id, customer, file name and printer; the cancelled
 * tab; history beyond 24 hours with a date range; filters; and the order panel at its own address (#/orders/<id>).
 */
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openStation, screenshot, type OperatorSession } from './helpers/operatorUi';

let s: OperatorSession;
let client: MongoClient;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

beforeAll(async () => {
  // The station's printer takes only Letter: the A4/A3 orders below stay where they are put.
  s = await openStation({
    printers: [
      { name: 'Front', requiresRetrieval: false, capabilities: { paperSizes: ['Letter'], color: false, duplex: false, maxCopies: 1 } },
    ],
  });
  client = await new MongoClient(s.demo.mongoUri).connect();
  const base = { paymentStatus: 'completed', fileURL: s.demo.shop.fileUrl('good'), printAttempt: 0 };
  const a4 = { paperSize: 'A4', color: false, duplex: false, copies: 1 };
  await client
    .db(s.demo.dbName)
    .collection('orders')
    .insertMany([
      { ...base, orderId: 'SHOP-7001', printStatus: 'pending', createdAt: ago(0.01), customerName: 'Anna Berger', printingOptions: a4 },
      {
        ...base,
        orderId: 'SHOP-7002',
        printStatus: 'pending',
        createdAt: ago(0.02),
        fileURL: undefined,
        files: [{ url: s.demo.shop.fileUrl('good'), name: 'Wedding-Invitation.pdf' }],
        printingOptions: { ...a4, paperSize: 'A3', color: true },
      },
      { ...base, orderId: 'SHOP-7003', printStatus: 'cancelled', createdAt: ago(0.5), customerName: 'Carla Dorn', printingOptions: a4 },
      {
        ...base,
        orderId: 'SHOP-6001',
        printStatus: 'printed',
        createdAt: ago(30),
        printCompletedAt: ago(30),
        printerId: 'other:laser',
        printerName: 'Basement laser',
        stationId: 'other',
        customerName: 'Dieter Engel',
        printingOptions: a4,
      },
    ]);
});
afterAll(async () => {
  await client?.close();
  await s?.close();
});

const search = (text: string) => s.page.getByLabel('Search orders').fill(text);
const row = (orderId: string) => s.page.getByTestId(`order-${orderId}`);
const rowShown = (orderId: string) => expect.poll(() => row(orderId).count(), { timeout: 30_000 }).toBe(1);
const rowGone = (orderId: string) => expect.poll(() => row(orderId).count(), { timeout: 30_000 }).toBe(0);

describe('finding any order', () => {
  it('finds a pending order by customer and by file name', async () => {
    await goTo(s.page, 'Queue');
    await rowShown('SHOP-7001');
    await search('berger');
    await rowShown('SHOP-7001');
    await rowGone('SHOP-7002');
    await expect.poll(() => row('SHOP-7001').textContent()).toContain('Anna Berger');
    await search('wedding');
    await rowShown('SHOP-7002');
    await rowGone('SHOP-7001');
    await screenshot(s.page, 'find-by-file-name');
    await s.page.getByRole('button', { name: 'Clear' }).click();
    await rowShown('SHOP-7001');
  });

  it('has a cancelled tab, and arrow keys move between tabs', async () => {
    await goTo(s.page, 'Queue');
    await s.page.getByRole('tab', { name: /^Cancelled/ }).click();
    await rowShown('SHOP-7003');
    await s.page.getByRole('tab', { name: /^Cancelled/ }).press('ArrowRight');
    await expect.poll(() => s.page.getByRole('tab', { name: 'All' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.textContent)).toBe('All');
  });

  it('finds a month-old printed order by order id, printer and date range, and not in the 24 h view', async () => {
    await goTo(s.page, 'Queue');
    await s.page.getByRole('tab', { name: /^Printed/ }).click();
    await search('SHOP-6001');
    await expect
      .poll(() => s.page.locator('.queue-main').textContent(), { timeout: 30_000 })
      .toContain('0 orders printed in the last 24 hours');
    const day = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
    await s.page.getByLabel('From', { exact: true }).fill(day(ago(31)));
    await s.page.getByLabel('To', { exact: true }).fill(day(ago(29)));
    await rowShown('SHOP-6001');
    await search('basement');
    await rowShown('SHOP-6001');
    await screenshot(s.page, 'find-old-order-by-date-range');
    await s.page.getByRole('button', { name: 'Clear' }).click();
  });

  it('moves between rows with the arrow keys', async () => {
    await goTo(s.page, 'Queue');
    await s.page.getByRole('tab', { name: 'All' }).click();
    await rowShown('SHOP-7001');
    await row('SHOP-7001').focus();
    await s.page.keyboard.press('ArrowDown');
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('order-SHOP-7002');
    await s.page.keyboard.press('ArrowUp');
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('order-SHOP-7001');
  });

  it('filters by options', async () => {
    await goTo(s.page, 'Queue');
    await s.page.getByRole('tab', { name: 'All' }).click();
    await rowShown('SHOP-7001');
    await s.page.getByLabel('Paper', { exact: true }).selectOption('A3');
    await rowShown('SHOP-7002');
    await rowGone('SHOP-7001');
    await s.page.getByLabel('Colour', { exact: true }).selectOption('no');
    await rowGone('SHOP-7002');
    await s.page.getByRole('button', { name: 'Clear' }).click();
    await rowShown('SHOP-7001');
  });

  it('opens an order from its address, and writes the address when an order is opened', async () => {
    await s.page.goto(`${s.demo.url}#/orders/SHOP-7003`);
    const panel = s.page.getByRole('complementary', { name: 'Order SHOP-7003' });
    await expect.poll(() => panel.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain('Cancelled');
    await screenshot(s.page, 'order-opened-by-url');

    await panel.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => s.page.evaluate(() => window.location.hash)).toBe('');
    await s.page.getByRole('tab', { name: /^Pending/ }).click();
    await rowShown('SHOP-7001');
    await row('SHOP-7001').focus();
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.evaluate(() => window.location.hash)).toBe('#/orders/SHOP-7001');
  });

  it('opens an order from its address on a fresh load of the console (a shared link, a reload)', async () => {
    const errors: string[] = [];
    const page = s.page;
    const onError = (error: Error) => errors.push(error.message);
    page.on('pageerror', onError);
    try {
      await page.goto(`${s.demo.url}#/orders/SHOP-7003`);
      await page.reload();
      const panel = page.getByRole('complementary', { name: 'Order SHOP-7003' });
      await expect.poll(() => panel.isVisible(), { timeout: 30_000 }).toBe(true);
      await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain('Cancelled');
      expect(errors).toEqual([]);
    } finally {
      page.off('pageerror', onError);
    }
  });
});
