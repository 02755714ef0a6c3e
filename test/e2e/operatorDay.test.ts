/**
 * The operator's day, in the browser: orders flow from pending to printed; a printer that needs its items taken
 * out waits for "Item retrieved"; a jammed printer says so and why, and "Printer recovered" puts it back to work.
 * Three printers, routed by paper size so each story has its own printer: Front (A4), Counter (A5, needs
 * retrieval), Back (Letter).
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findOrder,
  goTo,
  openOrderHistory,
  openStation,
  orderStatus,
  printerCard,
  screenshot,
  type OperatorSession,
} from './helpers/operatorUi';

const caps = (paper: 'A4' | 'A5' | 'Letter') => ({ paperSizes: [paper], color: true, duplex: true, maxCopies: 9 });
const order = (paper: 'A4' | 'A5' | 'Letter', pages = 2) => ({ printingOptions: { paperSize: paper }, pages });

let s: OperatorSession;

/** A confirmed action closes its dialog; if it stays open, the toast says why (the UI's answer to the command). */
async function closesAfterConfirm(dialog: Locator): Promise<void> {
  await dialog.waitFor({ state: 'detached', timeout: 30_000 }).catch(async () => {
    const toasts = await s.page.locator('.toast').allTextContents();
    throw new Error(`the dialog stayed open after its action was confirmed; toasts: ${toasts.join(' | ') || '(none)'}`);
  });
}

beforeAll(async () => {
  s = await openStation({
    stationName: 'Front desk',
    pagesPerSecond: 1,
    printers: [
      { name: 'Front', requiresRetrieval: false, capabilities: caps('A4') },
      { name: 'Counter', requiresRetrieval: true, capabilities: caps('A5') },
      { name: 'Back', requiresRetrieval: false, capabilities: caps('Letter') },
    ],
  });
});
afterAll(() => s?.close());

describe("the operator's day", () => {
  it('shows every printer as a card in its state colour', async () => {
    for (const name of ['Front', 'Counter', 'Back']) {
      await expect.poll(() => printerCard(s.page, name).locator('.state-pill').textContent(), { timeout: 30_000 }).toBe('Ready');
    }
    await expect.poll(() => printerCard(s.page, 'Front').getAttribute('class')).toContain('state-ready');
  });

  it('orders appear and flow pending → printing → printed', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await s.demo.shop.createOrder(order('A4', 3))).orderId);
    const front = printerCard(s.page, 'Front');
    await expect.poll(() => front.locator('.state-pill').textContent(), { timeout: 30_000 }).toBe('Printing');
    await expect.poll(() => front.textContent()).toMatch(/Printing order \S+/);
    await expect.poll(() => front.textContent(), { timeout: 15_000 }).toMatch(/page [1-3] of 3/); // progress from the spooler
    await screenshot(s.page, 'printers');
    await goTo(s.page, 'Queue');
    // How many are still pending by now depends on the machine's speed: wait for the queue screen, not for a count
    // (the printed tab below is where every order must arrive).
    await expect.poll(() => s.page.locator('.queue-main > .muted.small').textContent()).toMatch(/^\d+ orders?$/);
    await screenshot(s.page, 'queue');
    for (const id of ids) await findOrder(s.page, id, 'printed', 60_000);
    const panel = await openOrderHistory(s.page, ids[0]!, 'printed');
    await expect.poll(() => panel.getByTestId('order-history').textContent()).toMatch(/Taken by a printer[\s\S]*Printed/);
    await expect.poll(() => panel.getByTestId('pdf-preview').isVisible(), { timeout: 20_000 }).toBe(true);
    await screenshot(s.page, 'order-history');
  });

  it('a printer needing retrieval waits until "Item retrieved" is clicked, then takes the next order', async () => {
    await goTo(s.page, 'Printers');
    const first = (await s.demo.shop.createOrder(order('A5', 1))).orderId;
    const counter = printerCard(s.page, 'Counter');
    await expect.poll(() => counter.locator('.state-pill').textContent(), { timeout: 30_000 }).toBe('Awaiting retrieval');
    await expect.poll(() => counter.textContent()).toContain(`Counter: order ${first} is waiting in the tray.`);
    await expect.poll(() => counter.getByTestId('not-claiming').textContent()).toContain(first);

    const second = (await s.demo.shop.createOrder(order('A5', 1))).orderId;
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await orderStatus(s.demo, second)).toBe('pending'); // the item is still in the tray: nothing new is claimed
    await screenshot(s.page, 'printers-awaiting-retrieval');

    await counter.getByRole('button', { name: 'Item retrieved' }).click();
    await expect.poll(() => counter.textContent(), { timeout: 30_000 }).toContain(`Counter: order ${second} is waiting in the tray.`);
    expect(await orderStatus(s.demo, first)).toBe('printed');

    // "Bad — reprint": the order prints again; the reason is in its history.
    await counter.getByRole('button', { name: 'Bad — reprint' }).click();
    const dialog = s.page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('toner streaks');
    await dialog.getByRole('button', { name: 'Reprint', exact: true }).click();
    await closesAfterConfirm(dialog);
    // It goes back to the queue, prints a second time and waits in the tray once more.
    const timesPrinted = async () => (await s.demo.engine.repositories.logs.history(second)).filter((l) => l.action === 'printed').length;
    await expect.poll(timesPrinted, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => counter.textContent(), { timeout: 30_000 }).toContain(`Counter: order ${second} is waiting in the tray.`);
    await counter.getByRole('button', { name: 'Item retrieved' }).click();
    await expect.poll(() => counter.locator('.state-pill').textContent(), { timeout: 15_000 }).toBe('Ready');
    const panel = await openOrderHistory(s.page, second, 'printed');
    await expect.poll(() => panel.getByTestId('order-history').textContent()).toMatch(/Taken out, not good[\s\S]*toner streaks/);
    await expect.poll(() => panel.getByTestId('order-history').textContent()).toContain('by Anna');
  });

  it('a jammed printer shows the error and its reason; "Printer recovered" puts it back to work', async () => {
    await goTo(s.page, 'Printers');
    const back = printerCard(s.page, 'Back');
    s.demo.virtualPrinters.get('Back')!.jam();
    const id = (await s.demo.shop.createOrder(order('Letter', 1))).orderId;
    await expect.poll(() => back.locator('.state-pill').textContent(), { timeout: 45_000 }).toBe('Error');
    await expect.poll(() => back.locator('.error-text').textContent()).toBe('Back: paper jam.');
    await expect.poll(() => back.getByTestId('not-claiming').textContent()).toMatch(/error|jam/i);
    await screenshot(s.page, 'printers-jammed');

    // The operator clears the paper path (the virtual printer takes it at once), then says so.
    s.demo.virtualPrinters.get('Back')!.clearJam();
    await back.getByRole('button', { name: 'Printer recovered' }).click();
    await expect.poll(() => orderStatus(s.demo, id), { timeout: 45_000 }).toBe('printed');
    await expect.poll(() => back.locator('.state-pill').textContent()).toBe('Ready');
  });

  it('shows the fleet, the metrics and the logs', async () => {
    await goTo(s.page, 'Fleet');
    await expect.poll(() => s.page.locator('table').first().textContent(), { timeout: 20_000 }).toContain('Front desk');
    await expect.poll(() => s.page.locator('table').nth(1).textContent()).toContain('Counter');
    await screenshot(s.page, 'fleet');
    // The station writes a metrics point every few minutes; a morning's worth (two stations) stands in for waiting.
    const now = Date.now();
    for (let i = 24; i > 0; i--) {
      for (const workerId of ['front-desk', 'back-office']) {
        await s.demo.engine.repositories.metrics.write({
          timestamp: new Date(now - i * 5 * 60_000),
          workerId,
          prints_per_hour: 40 + 25 * Math.sin(i / 3) + (workerId === 'front-desk' ? 15 : 0),
          failures_per_hour: i % 7 === 0 ? 3 : i % 5 === 0 ? 1 : 0,
          // Seed 001's units: seconds.
          average_print_start_delay: 2 + 1.5 * Math.cos(i / 4),
          printer_offline_duration: i > 10 && i < 14 ? 4 * 60 : 0,
        });
      }
    }
    await goTo(s.page, 'Metrics');
    await expect.poll(() => s.page.locator('.chart').count()).toBe(4);
    await expect.poll(() => s.page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(4);
    await expect.poll(() => s.page.getByText('No data yet').count()).toBe(0);
    await screenshot(s.page, 'metrics');
    await goTo(s.page, 'Logs');
    await expect.poll(() => s.page.locator('.log-line').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(s.page, 'logs');
  });
});
