/**
 * Order actions from the Queue, in the browser: an order that needs attention is resolved both ways ("Yes, it
 * printed" / "Reprint"); reprint, cancel and mark-as-printed work and show in the order's history with who and why;
 * once a PIN is set, a destructive action without it is blocked.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmAction,
  goTo,
  openOrderHistory,
  openStation,
  orderStatus,
  printerCard,
  screenshot,
  type OperatorSession,
} from './helpers/operatorUi';

let s: OperatorSession;
let client: MongoClient;

/** An order as the reaper leaves it when a lease expired while the job was at the printer. */
async function needsAttentionOrder(): Promise<string> {
  const orderId = `NA-${randomUUID().slice(0, 6)}`;
  await client
    .db(s.demo.dbName)
    .collection('orders')
    .insertOne({
      orderId,
      paymentStatus: 'completed',
      createdAt: new Date(),
      fileURL: s.demo.shop.fileUrl('good'),
      printingOptions: { paperSize: 'A4', color: false, duplex: false, copies: 1 },
      printStatus: 'needs_attention',
      printPhase: 'submitted',
      printJobId: randomUUID(),
      printAttempt: 1,
      printError: 'The lease expired while the job was at the printer: it may have printed.',
      printErrorCode: 'lease_expired',
    });
  return orderId;
}

beforeAll(async () => {
  s = await openStation({
    stationName: 'Back office',
    pagesPerSecond: 5,
    printers: [{ name: 'Front', requiresRetrieval: false, capabilities: { paperSizes: ['A4'], color: true, duplex: true, maxCopies: 9 } }],
    operatorName: 'Bruno',
  });
  client = await new MongoClient(s.demo.mongoUri).connect();
});
afterAll(async () => {
  await client?.close();
  await s?.close();
});

describe('order actions', () => {
  it('needs attention, answered "Yes, it printed": the order is printed and not printed again', async () => {
    const id = await needsAttentionOrder();
    const panel = await openOrderHistory(s.page, id, 'needs_attention');
    await expect.poll(() => panel.textContent()).toContain('did it print?');
    await panel.getByRole('button', { name: 'Yes, it printed' }).click();
    await confirmAction(s.page, 'Yes, it printed', { reason: 'saw it in the tray' });
    await expect.poll(() => orderStatus(s.demo, id)).toBe('printed');
    await expect
      .poll(() => panel.getByTestId('order-history').textContent())
      .toMatch(/Marked as printed Needs attention → Printed by Bruno[\s\S]*saw it in the tray/);
  });

  it('needs attention, answered "Reprint": the order prints again', async () => {
    const id = await needsAttentionOrder();
    const panel = await openOrderHistory(s.page, id, 'needs_attention');
    await panel.getByRole('button', { name: 'Reprint' }).click();
    await confirmAction(s.page, 'Reprint order', { reason: 'tray was empty' });
    await expect.poll(() => orderStatus(s.demo, id), { timeout: 45_000 }).toBe('printed');
    await expect
      .poll(() => panel.getByTestId('order-history').textContent(), { timeout: 10_000 })
      .toMatch(/Back in the queue Needs attention → Pending by Bruno[\s\S]*tray was empty[\s\S]*Printing → Printed/);
  });

  it('reprint a printed order, cancel a pending one, mark a failed one as printed: each in its history', async () => {
    const printed = (await s.demo.shop.createOrder({ printingOptions: { paperSize: 'A4' }, pages: 1 })).orderId;
    await expect.poll(() => orderStatus(s.demo, printed), { timeout: 45_000 }).toBe('printed');
    let panel = await openOrderHistory(s.page, printed, 'printed');
    await panel.getByRole('button', { name: 'Reprint' }).click();
    await confirmAction(s.page, 'Reprint order', { reason: 'customer lost it' });
    await expect
      .poll(() => panel.getByTestId('order-history').textContent(), { timeout: 45_000 })
      .toMatch(/Back in the queue Printed → Pending by Bruno[\s\S]*customer lost it/);
    await expect.poll(() => orderStatus(s.demo, printed), { timeout: 45_000 }).toBe('printed');

    const failed = (await s.demo.shop.createOrder({ fileURL: s.demo.shop.fileUrl('404') })).orderId;
    await expect.poll(() => orderStatus(s.demo, failed), { timeout: 45_000 }).toBe('failed');
    panel = await openOrderHistory(s.page, failed, 'failed');
    // Mark as printed is a dangerous action: behind "More" (issue 11).
    await panel.getByRole('button', { name: 'More' }).click();
    await panel.getByRole('menuitem', { name: 'Mark as printed' }).click();
    await confirmAction(s.page, 'Mark as printed', { reason: 'printed by hand from the email' });
    await expect.poll(() => orderStatus(s.demo, failed)).toBe('printed');
    await expect
      .poll(() => panel.getByTestId('order-history').textContent())
      .toMatch(/Marked as printed Failed → Printed by Bruno[\s\S]*printed by hand/);

    // Pause the printer so the next order stays pending, then cancel it.
    await goTo(s.page, 'Printers');
    await printerCard(s.page, 'Front').getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => printerCard(s.page, 'Front').locator('.state-pill').textContent()).toBe('Paused');
    await expect.poll(() => printerCard(s.page, 'Front').getByTestId('not-claiming').textContent()).toMatch(/paused/i);
    const pending = (await s.demo.shop.createOrder({ printingOptions: { paperSize: 'A4' } })).orderId;
    panel = await openOrderHistory(s.page, pending, 'pending');
    await panel.getByRole('button', { name: 'Cancel order' }).click();
    await confirmAction(s.page, 'Cancel order', { reason: 'customer asked' });
    await expect.poll(() => orderStatus(s.demo, pending)).toBe('cancelled');
    await expect
      .poll(() => panel.getByTestId('order-history').textContent())
      .toMatch(/Cancelled Pending → Cancelled by Bruno[\s\S]*customer asked/);
  });

  it('once a PIN is set, a destructive action without it is blocked', async () => {
    await goTo(s.page, 'Settings');
    // Click the toasts away (a click dismisses one); one may go by itself meanwhile, so look again each time.
    await expect
      .poll(async () => {
        const toast = s.page.locator('.toast').first();
        if (await toast.count()) await toast.click({ timeout: 1_000 }).catch(() => {});
        return s.page.locator('.toast').count();
      })
      .toBe(0);
    await screenshot(s.page, 'settings');
    await s.page.getByLabel('New PIN').fill('2468');
    await s.page.getByRole('button', { name: 'Save settings' }).click();
    // By its text, not by position: a station event may toast after it.
    await expect.poll(() => s.page.locator('.toast', { hasText: 'Settings saved' }).count()).toBeGreaterThan(0);
    await expect.poll(() => s.page.getByLabel('Current PIN').isVisible()).toBe(true);

    const id = (await s.demo.shop.createOrder({ printingOptions: { paperSize: 'A4' } })).orderId; // the printer is still paused
    const panel = await openOrderHistory(s.page, id, 'pending');
    await panel.getByRole('button', { name: 'Cancel order' }).click();
    const dialog = s.page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('duplicate');
    // Without the PIN the confirm button cannot be pressed, and the dialog says why (issue 11).
    expect(await dialog.getByRole('button', { name: 'Cancel order', exact: true }).isDisabled()).toBe(true);
    expect(await dialog.getByText('Enter the operator PIN first.').isVisible()).toBe(true);
    expect(await orderStatus(s.demo, id)).toBe('pending');

    await dialog.getByLabel('Operator PIN').fill('1111');
    await dialog.getByRole('button', { name: 'Cancel order', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/Wrong PIN: \d attempts? left/);
    expect(await orderStatus(s.demo, id)).toBe('pending');

    await dialog.getByLabel('Operator PIN').fill('2468');
    await dialog.getByRole('button', { name: 'Cancel order', exact: true }).click();
    await expect.poll(() => orderStatus(s.demo, id)).toBe('cancelled');
  });
});
