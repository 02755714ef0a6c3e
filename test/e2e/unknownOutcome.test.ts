/**
 * A printer that came back from a crash not knowing whether its last job printed asks exactly that, with the two
 * answers as big buttons; the answer goes to the engine with the operator's name. (A real station reaches this state
 * only through a crash at the wrong moment, so the engine here is a stand-in; the engine's own tests cover the rest.)
 */
import { describe, expect, it } from 'vitest';
import { FakeStationEngine, fakePrinter } from '../helpers/fakeStationEngine';
import { openFakeConsole } from './helpers/fakeConsole';
import { screenshot } from './helpers/operatorUi';

describe('a printer asking "did order X print?"', () => {
  it('offers "Yes, it printed" and "Reprint", and records who answered', async () => {
    const engine = new FakeStationEngine();
    engine.printers = [
      fakePrinter({
        name: 'Front',
        state: 'error',
        stateReason: 'restarted while printing: outcome unknown',
        unknownOutcome: { orderId: 'A-1042', printJobId: 'job-1' },
      }),
    ];
    const c = await openFakeConsole({ engine });
    try {
      const { page } = c;
      await page.getByLabel('Operator name').fill('Chris');
      const card = page.getByTestId('printer-Front');
      await expect
        .poll(() => card.textContent(), { timeout: 20_000 })
        .toContain('did order A-1042 print? The station stopped while printing it.');
      await screenshot(page, 'printers-unknown-outcome');
      // The answer decides the order's fate, so it goes through the confirmation (with the PIN when one is set).
      await card.getByRole('button', { name: 'Yes, it printed' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Yes, it printed' }).click();
      await expect.poll(() => engine.calls.length).toBe(1);
      expect(engine.calls[0]).toMatchObject({
        method: 'resolveUnknownOutcome',
        args: ['st1:front', true],
        actor: { adminId: 'Chris', source: 'operator' },
      });
      await card.getByRole('button', { name: 'Reprint' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Reprint' }).click();
      await expect.poll(() => engine.calls.length).toBe(2);
      expect(engine.calls[1]).toMatchObject({ method: 'resolveUnknownOutcome', args: ['st1:front', false] });
    } finally {
      await c.close();
    }
  });
});
