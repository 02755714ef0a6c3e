/**
 * Settings in a headless station's web console (issue 11, True numbers): printer changes apply when saved, and the
 * page says so instead of asking for a restart that nothing would honour. The operator ticks A3 on a printer, saves,
 * and an A3 order prints on it, in the same station.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openStation, orderStatus, screenshot, type OperatorSession } from './helpers/operatorUi';

let s: OperatorSession;

beforeAll(async () => {
  s = await openStation({
    stationName: 'Front desk',
    pagesPerSecond: 5,
    printers: [
      { name: 'Counter printer', requiresRetrieval: false, capabilities: { paperSizes: ['A4'], color: true, duplex: true, maxCopies: 9 } },
    ],
  });
});
afterAll(async () => {
  await s?.close();
});

describe('Settings in a headless console', () => {
  it('says printer changes apply when saved, and an A3 order prints on the printer A3 was ticked on', async () => {
    await goTo(s.page, 'Settings');
    await expect.poll(() => s.page.locator('fieldset.printer-settings').count()).toBeGreaterThan(0);
    expect(await s.page.getByText(/take effect when the station restarts/).count()).toBe(0);
    expect(await s.page.getByTestId('applies-live').textContent()).toMatch(/apply when you save/);

    const { orderId } = await s.demo.shop.createOrder({ printingOptions: { paperSize: 'A3' } });
    const row = s.page.locator('fieldset.printer-settings', { hasText: 'Counter_printer' });
    await row.getByLabel('A3', { exact: true }).check();
    await screenshot(s.page, 'settings-headless-applies-live');
    await s.page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => s.page.locator('.toast', { hasText: 'Settings saved.' }).count()).toBeGreaterThan(0);

    await expect.poll(() => orderStatus(s.demo, orderId), { timeout: 60_000 }).toBe('printed');
    expect(s.demo.virtualPrinters.get('Counter printer')!.printed()).toHaveLength(1);
    await goTo(s.page, 'Settings');
    await expect
      .poll(() => s.page.locator('fieldset.printer-settings', { hasText: 'Counter_printer' }).getByLabel('A3', { exact: true }).isChecked())
      .toBe(true);
    await screenshot(s.page, 'settings-headless-saved');
  });
});
