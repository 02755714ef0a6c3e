/**
 * Dangerous actions apart (issue 11), in the browser: "Mark as printed" and "Reset stuck" live behind "More" and are
 * not offered where they make no sense (reset stuck on a live job), confirm buttons say what they do, a disabled
 * confirm says why, and a wrong PIN shows the attempts left in the dialog. Screenshots in test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openOrderHistory, openStation, orderStatus, screenshot, type OperatorSession } from './helpers/operatorUi';

let s: OperatorSession;

beforeAll(async () => {
  s = await openStation({
    stationName: 'Counter',
    // Slow enough that a 40-page order is still printing while the test looks at it.
    pagesPerSecond: 2,
    printers: [{ name: 'Front', requiresRetrieval: false, capabilities: { paperSizes: ['A4'], color: false, duplex: true, maxCopies: 9 } }],
    operatorName: 'Anna',
  });
});
afterAll(async () => {
  await s?.close();
});

describe('dangerous actions apart', () => {
  it('"Mark as printed" hides behind More; its confirm says what it does and, until a reason is given, why it cannot be pressed', async () => {
    const failed = (await s.demo.shop.createOrder({ fileURL: s.demo.shop.fileUrl('404') })).orderId;
    await expect.poll(() => orderStatus(s.demo, failed), { timeout: 45_000 }).toBe('failed');
    const panel = await openOrderHistory(s.page, failed, 'failed');
    const actions = panel.locator('.order-actions');
    expect(await actions.getByRole('button', { name: 'Mark as printed' }).count()).toBe(0);
    expect(await actions.getByRole('button', { name: 'Back to queue' }).isVisible()).toBe(true);
    expect(await actions.getByRole('button', { name: 'Cancel order' }).isVisible()).toBe(true);

    await actions.getByRole('button', { name: 'More' }).click();
    const menu = panel.getByRole('menu', { name: 'More actions' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Mark as printed']);
    await screenshot(s.page, 'dangerous-more-menu');
    await menu.getByRole('menuitem', { name: 'Mark as printed' }).click();

    const dialog = s.page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Mark as printed', exact: true });
    expect(await dialog.getByRole('button', { name: 'Back', exact: true }).isVisible()).toBe(true);
    expect(await confirm.isDisabled()).toBe(true);
    expect(await dialog.getByText('Give a reason first').isVisible()).toBe(true);
    await dialog.getByLabel(/Reason/).fill('printed by hand from the email');
    expect(await confirm.isEnabled()).toBe(true);
    await confirm.click();
    await expect.poll(() => orderStatus(s.demo, failed)).toBe('printed');
  });

  it('a printing order whose lease is fresh offers no "Reset stuck"; its cancel says "Cancel order"', async () => {
    const { orderId } = await s.demo.shop.createOrder({ pages: 40 });
    await expect.poll(() => orderStatus(s.demo, orderId), { timeout: 30_000 }).toBe('printing');
    const panel = await openOrderHistory(s.page, orderId, 'printing');
    const actions = panel.locator('.order-actions');
    await expect.poll(() => actions.getByRole('button', { name: 'Cancel order' }).isVisible()).toBe(true);
    await actions.getByRole('button', { name: 'More' }).click();
    expect(await panel.getByRole('menu', { name: 'More actions' }).getByRole('menuitem').allTextContents()).toEqual(['Mark as printed']);
    await screenshot(s.page, 'dangerous-live-job-no-reset');
    await actions.getByRole('button', { name: 'More' }).click();

    await actions.getByRole('button', { name: 'Cancel order' }).click();
    const dialog = s.page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('customer changed their mind');
    await dialog.getByRole('button', { name: 'Cancel order', exact: true }).click();
    await expect.poll(() => orderStatus(s.demo, orderId), { timeout: 30_000 }).toBe('cancelled');
  });

  it('with a PIN set, the confirm says the PIN is missing, and a wrong PIN shows the attempts left in the dialog', async () => {
    await goTo(s.page, 'Settings');
    await s.page.getByLabel('New PIN').fill('2468');
    await s.page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => s.page.getByLabel('Current PIN').isVisible()).toBe(true);

    const failed = (await s.demo.shop.createOrder({ fileURL: s.demo.shop.fileUrl('404') })).orderId;
    await expect.poll(() => orderStatus(s.demo, failed), { timeout: 45_000 }).toBe('failed');
    const panel = await openOrderHistory(s.page, failed, 'failed');
    await panel.locator('.order-actions').getByRole('button', { name: 'Cancel order' }).click();
    const dialog = s.page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Cancel order', exact: true });
    await dialog.getByLabel(/Reason/).fill('duplicate');
    expect(await confirm.isDisabled()).toBe(true);
    expect(await dialog.getByText('Enter the operator PIN first.').isVisible()).toBe(true);

    await dialog.getByLabel('Operator PIN').fill('1111');
    await confirm.click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Wrong PIN: 4 attempts left before this console is locked.');
    await screenshot(s.page, 'dangerous-pin-attempts-left');
    expect(await orderStatus(s.demo, failed)).toBe('failed');

    await dialog.getByLabel('Operator PIN').fill('2468');
    await confirm.click();
    await expect.poll(() => orderStatus(s.demo, failed)).toBe('cancelled');
  });
});
