/**
 * Faults in words, in the browser (issue 11): a jammed printer reads as a sentence with the action to take, the raw
 * keywords one click away under "Details"; the job it stopped part-way asks for its partial pages to be thrown away;
 * the count of things waiting for a person is in the tab's title and favicon; toasts name the outcome.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SCREENSHOT_DIR,
  goTo,
  openOrderHistory,
  openStation,
  orderStatus,
  printerCard,
  screenshot,
  type OperatorSession,
} from './helpers/operatorUi';

let s: OperatorSession;
const caps = (paper: 'A4' | 'A5' | 'Letter') => ({ paperSizes: [paper], color: true, duplex: true, maxCopies: 9 });

beforeAll(async () => {
  s = await openStation({
    stationName: 'Front desk',
    pagesPerSecond: 1,
    printers: [
      { name: 'Counter printer', requiresRetrieval: false, capabilities: caps('A4') },
      { name: 'Back office', requiresRetrieval: false, capabilities: caps('A5') },
      { name: 'Tray printer', requiresRetrieval: true, capabilities: caps('Letter') },
    ],
  });
});
afterAll(() => s?.close());

/** The card's text as the operator sees it: the closed "Details" disclosure left out. */
const visibleText = (name: string) => printerCard(s.page, name).evaluate((el) => (el as HTMLElement).innerText);

describe('faults in words', () => {
  it('a jam mid-job reads as a sentence with the action; the raw words stay under Details', async () => {
    await goTo(s.page, 'Printers');
    const counter = printerCard(s.page, 'Counter printer');
    await expect.poll(() => counter.locator('.state-pill').textContent(), { timeout: 30_000 }).toBe('Ready');
    const orderId = (await s.demo.shop.createOrder({ printingOptions: { paperSize: 'A4' }, pages: 30 })).orderId;
    await expect.poll(() => counter.locator('.state-pill').textContent(), { timeout: 30_000 }).toBe('Printing');
    s.demo.virtualPrinters.get('Counter printer')!.jam();

    await expect.poll(() => counter.getByTestId('printer-sentence').textContent(), { timeout: 30_000 }).toBe('Counter printer: paper jam.');
    await expect
      .poll(() => counter.getByTestId('printer-action').textContent())
      .toBe('Open the front cover, clear the paper, then press Printer recovered.');
    // Where the customer's print comes out now, and what to do with what came out here.
    await expect
      .poll(() => counter.getByTestId('interrupted-job').textContent())
      .toMatch(new RegExp(`Order ${orderId} stopped part-way on Counter printer: throw away its partial pages`));
    expect(await visibleText('Counter printer')).not.toMatch(/media-jam|->|→|printer_jam|lease_expired/);

    await counter.getByText('Details', { exact: true }).click();
    const details = counter.getByTestId('printer-details');
    await expect.poll(() => details.textContent()).toMatch(/media-jam/);
    await expect.poll(() => details.getByTestId('printer-transitions').textContent()).toMatch(/printing[\s\S]*error/);
    await screenshot(s.page, 'faults-jammed-printer');
    expect(await orderStatus(s.demo, orderId)).toBe('pending'); // back in the queue, to print again in full

    // Its panel says the same where the customer's copy will come from (no other A4 printer: the next free one).
    const panel = await openOrderHistory(s.page, orderId, 'pending');
    await expect
      .poll(() => panel.getByTestId('order-whereabouts').textContent(), { timeout: 15_000 })
      .toBe(
        `Order ${orderId} stopped part-way on Counter printer and waits for the next free printer that fits it. Throw away the partial pages of it at Counter printer.`,
      );
    await screenshot(s.page, 'faults-order-whereabouts');
  });

  it('the count of what waits for a person is in the tab title and the favicon', async () => {
    await goTo(s.page, 'Printers');
    await expect.poll(() => s.page.title(), { timeout: 15_000 }).toMatch(/^\(1\) /);
    await expect.poll(() => s.page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/png/);
    const attention = s.page.getByTestId('attention-count');
    await expect.poll(() => attention.textContent()).toMatch(/1 printer needs? a person/);
    await screenshot(s.page, 'faults-attention-count');

    s.demo.virtualPrinters.get('Counter printer')!.clearJam();
    await printerCard(s.page, 'Counter printer').getByRole('button', { name: 'Printer recovered' }).click();
    await expect.poll(() => s.page.locator('.toast', { hasText: 'Counter printer is back at work.' }).count()).toBeGreaterThan(0);
    await expect.poll(() => s.page.title(), { timeout: 30_000 }).toBe('Print Station');
  });

  it('toasts name the outcome, never a status arrow', async () => {
    await goTo(s.page, 'Printers');
    await printerCard(s.page, 'Back office').getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => s.page.locator('.toast', { hasText: 'Back office paused.' }).count()).toBeGreaterThan(0);

    const orderId = (await s.demo.shop.createOrder({ printingOptions: { paperSize: 'A5' } })).orderId;
    const panel = await openOrderHistory(s.page, orderId, 'pending');
    await panel.getByRole('button', { name: /^Cancel/ }).click();
    const dialog = s.page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('customer asked');
    await dialog.getByRole('button', { name: /^Cancel( order)?$/ }).click();
    const toast = s.page.locator('.toast', { hasText: `Order ${orderId} cancelled.` });
    await expect.poll(() => toast.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The screenshot helper hides passing toasts; this one is the point, so the corner is taken as it is.
    await s.page.locator('.toasts').screenshot({ path: path.join(SCREENSHOT_DIR, 'faults-toast-outcome.png') });
    expect(await s.page.locator('.toast').allTextContents()).not.toContainEqual(expect.stringMatching(/→|->/));
  });

  it('the retrieval box shows the first page, the copies and the pages to take out; retrievals are amber, not red', async () => {
    await goTo(s.page, 'Printers');
    const tray = printerCard(s.page, 'Tray printer');
    const { orderId } = await s.demo.shop.createOrder({ printingOptions: { paperSize: 'Letter', copies: 2 }, pages: 3 });
    await expect
      .poll(() => tray.getByTestId('printer-sentence').textContent(), { timeout: 45_000 })
      .toBe(`Tray printer: order ${orderId} is waiting in the tray.`);
    await expect.poll(() => tray.getByTestId('retrieval-item').textContent(), { timeout: 20_000 }).toMatch(/Take out 2 copies of 3 pages/);
    await expect.poll(() => tray.getByTestId('pdf-preview').isVisible()).toBe(true);
    await expect
      .poll(() => s.page.locator('.toast-retrieval', { hasText: 'Tray printer: ready for retrieval' }).count())
      .toBeGreaterThan(0);
    await screenshot(s.page, 'faults-retrieval-box');
    await tray.getByRole('button', { name: 'Item retrieved' }).click();
    await expect.poll(() => tray.locator('.state-pill').textContent(), { timeout: 15_000 }).toBe('Ready');
  });
});
