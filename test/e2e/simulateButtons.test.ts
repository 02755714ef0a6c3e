/**
 * The demo's simulate buttons (issue 11, `npm run demo`): a newcomer jams a virtual printer from its card, sees the
 * card say so, learns that "Printer recovered" is refused while the paper is still stuck, clears the jam at the
 * (simulated) printer, presses "Printer recovered", and the waiting order prints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openStation, orderStatus, printerCard, screenshot, type OperatorSession } from './helpers/operatorUi';

let s: OperatorSession;

beforeAll(async () => {
  s = await openStation({ printers: [{ name: 'Counter', requiresRetrieval: false }], pagesPerSecond: 4 });
}, 120_000);
afterAll(async () => s?.close());

describe('simulate buttons on a demo printer', () => {
  it('jam from the card -> the card shows the fault -> clear jam -> Printer recovered -> the order prints', async () => {
    await goTo(s.page, 'Printers');
    const card = printerCard(s.page, 'Counter');
    const simulate = card.getByTestId('simulate-Counter');
    await simulate.locator('summary').click();
    await simulate.getByRole('button', { name: 'Jam', exact: true }).click();
    await expect.poll(() => s.page.locator('.toast').allTextContents()).toContainEqual(expect.stringMatching(/jammed in Counter/));

    const id = (await s.demo.shop.createOrder({ printingOptions: { paperSize: 'A4' }, pages: 2 })).orderId;
    await expect.poll(() => card.locator('.error-text').textContent(), { timeout: 45_000 }).toMatch(/jam/i);
    const recovered = card.getByRole('button', { name: 'Printer recovered' });
    await expect.poll(() => recovered.isVisible()).toBe(true);
    await screenshot(s.page, 'demo-simulated-jam');

    // Still jammed: the station will not take the operator's word for it.
    await recovered.click();
    await expect.poll(() => s.page.locator('.toast').allTextContents()).toContainEqual(expect.stringMatching(/still reports/));
    expect(await orderStatus(s.demo, id)).not.toBe('printed');

    await simulate.getByRole('button', { name: 'Clear jam', exact: true }).click();
    await expect.poll(() => s.page.locator('.toast').allTextContents()).toContainEqual(expect.stringMatching(/jam in Counter was cleared/));
    await recovered.click();
    await expect.poll(() => orderStatus(s.demo, id), { timeout: 45_000 }).toBe('printed');
    await expect.poll(() => card.locator('.error-text').count()).toBe(0);
    await screenshot(s.page, 'demo-recovered');
  }, 150_000);
});
