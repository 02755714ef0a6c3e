/**
 * Steering the queue in the browser (issue 11): a held order is not printed until released, "Print next" overtakes,
 * an order pinned to a printer prints there, three orders are held at once from the bulk bar, and the pending list
 * says where each order stands. Screenshots go to test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  confirmAction,
  findOrder,
  goTo,
  openOrderHistory,
  openStation,
  orderStatus,
  screenshot,
  type OperatorSession,
} from './helpers/operatorUi';

let s: OperatorSession;
const anna = { source: 'operator' as const, adminId: 'setup' };
const printerId = (name: string) => s.demo.engine.printerIdByName(name)!;
const order = (orderId: string) => s.demo.engine.repositories.orders.getOrder(orderId);

beforeAll(async () => {
  s = await openStation({
    stationName: 'Counter',
    pagesPerSecond: 20,
    printers: [
      { name: 'Front', requiresRetrieval: false, capabilities: { paperSizes: ['A4'], color: false, duplex: true, maxCopies: 9 } },
      { name: 'Back', requiresRetrieval: false, capabilities: { paperSizes: ['A4', 'A3'], color: true, duplex: true, maxCopies: 9 } },
    ],
    operatorName: 'Anna',
  });
  // Both printers wait while the operator steers; the test resumes them when it wants printing to start.
  for (const name of ['Front', 'Back']) {
    for (let waited = 0; s.demo.engine.printer(printerId(name))?.state !== 'ready'; waited += 100) {
      if (waited > 30_000) throw new Error(`${name} never became ready`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const paused = await s.demo.engine.pausePrinter(printerId(name), anna);
    if (!paused.ok) throw new Error(paused.reason);
  }
});
afterAll(async () => {
  await s?.close();
});

async function panelOf(page: Page, orderId: string) {
  return openOrderHistory(page, orderId, 'pending');
}

describe('steering the queue', () => {
  it('hold -> not printed, print next overtakes, pin -> printed there, release -> printed', async () => {
    const shop = s.demo.shop;
    const [held, pinned, older, urgent] = await shop.createOrders(4, { pages: 1 });
    const { page } = s;

    let panel = await panelOf(page, held!);
    await panel.getByRole('button', { name: 'Hold', exact: true }).click();
    await confirmAction(page, 'Hold order', { reason: 'customer is changing the file' });
    await expect.poll(async () => (await order(held!))?.hold?.reason).toBe('customer is changing the file');
    await expect.poll(() => panel.getByText('Held by Anna: customer is changing the file').count()).toBe(1);

    panel = await panelOf(page, pinned!);
    await panel.getByLabel('Print on printer').selectOption({ label: 'Back' });
    await panel.getByRole('button', { name: 'Pin', exact: true }).click();
    await expect.poll(async () => (await order(pinned!))?.pinnedPrinterId).toBe(printerId('Back'));

    panel = await panelOf(page, urgent!);
    await panel.getByRole('button', { name: 'Print next' }).click();
    await expect.poll(async () => (await order(urgent!))?.priority).toBe(1);

    // The pending list: the held order keeps no place and says who holds it; the others say where they stand.
    await page.getByLabel('Search orders').fill('');
    await expect.poll(() => page.getByTestId(`order-${held}`).getByLabel('held by Anna').count()).toBe(1);
    await expect.poll(() => page.getByTestId(`order-${urgent}`).textContent()).toMatch(/#1 · no printer is taking work/);
    await expect
      .poll(() => page.getByTestId(`order-${pinned}`).getByTestId('forecast').textContent())
      .toBe('#2 · pinned to Back, which is paused');
    await page.getByRole('complementary').getByRole('button', { name: 'Close' }).click();
    await screenshot(page, 'steering-pending-list');

    // Only Front works: it takes the urgent order before the older one, and steps around the held and the pinned.
    expect((await s.demo.engine.resumePrinter(printerId('Front'), anna)).ok).toBe(true);
    await expect.poll(() => orderStatus(s.demo, older!), { timeout: 30_000 }).toBe('printed');
    const [u, o] = [await order(urgent!), await order(older!)];
    expect(u?.printStatus).toBe('printed');
    expect(u!.printStartedAt!.getTime()).toBeLessThan(o!.printStartedAt!.getTime());
    expect(await orderStatus(s.demo, pinned!)).toBe('pending');
    expect(await orderStatus(s.demo, held!)).toBe('pending');

    expect((await s.demo.engine.resumePrinter(printerId('Back'), anna)).ok).toBe(true);
    await expect.poll(() => orderStatus(s.demo, pinned!), { timeout: 30_000 }).toBe('printed');
    expect((await order(pinned!))?.printerName).toBe('Back');
    // Both printers are idle again, and the held order still waits.
    await expect.poll(() => s.demo.engine.snapshot().printers.every((p) => p.state === 'ready')).toBe(true);
    expect(await orderStatus(s.demo, held!)).toBe('pending');

    panel = await panelOf(page, held!);
    await panel.getByRole('button', { name: 'Release' }).click();
    await expect.poll(() => orderStatus(s.demo, held!), { timeout: 30_000 }).toBe('printed');
    const history = await (await openOrderHistory(page, held!, 'printed')).getByTestId('order-history').textContent();
    expect(history).toMatch(/Held[\s\S]*by Anna[\s\S]*customer is changing the file[\s\S]*Released[\s\S]*by Anna/);
    await screenshot(page, 'steering-held-then-released');
  });

  it('three orders held at once from the bulk bar are not printed', async () => {
    for (const name of ['Front', 'Back']) await s.demo.engine.pausePrinter(printerId(name), anna);
    const ids = await s.demo.shop.createOrders(3, { pages: 1 });
    const { page } = s;
    await goTo(page, 'Queue');
    for (const id of ids) {
      await findOrder(page, id, 'pending');
      await page.getByLabel(`Select order ${id}`).check();
    }
    await page.getByLabel('Search orders').fill('');
    const bar = page.getByRole('toolbar', { name: 'Selected orders' });
    await expect.poll(() => bar.textContent()).toMatch(/3 selected/);
    await screenshot(page, 'steering-bulk-selected');
    await bar.getByRole('button', { name: 'Hold', exact: true }).click();
    await confirmAction(page, 'Hold 3 orders', { reason: 'paper being changed' });
    for (const id of ids) await expect.poll(async () => (await order(id))?.hold?.by).toBe('Anna');

    for (const name of ['Front', 'Back']) await s.demo.engine.resumePrinter(printerId(name), anna);
    // A fourth order passes them all: printers are working, and still take none of the held three.
    const [after] = await s.demo.shop.createOrders(1, { pages: 1 });
    await expect.poll(() => orderStatus(s.demo, after!), { timeout: 30_000 }).toBe('printed');
    for (const id of ids) expect(await orderStatus(s.demo, id)).toBe('pending');
    await page.getByRole('tab', { name: 'Held' }).click();
    await expect.poll(() => page.locator('[data-testid^="order-"]').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'steering-bulk-held');
  });
});
