/**
 * Every action is recorded with who did it: when nobody has said who is at the station, the confirmation of a
 * destructive action asks for a name first (and keeps it for the next ones).
 */
import { describe, expect, it } from 'vitest';
import { FakeStationEngine, fakeOrder } from '../helpers/fakeStationEngine';
import { openFakeConsole } from './helpers/fakeConsole';
import { confirmAction, findOrder } from './helpers/operatorUi';

describe('who is at the station', () => {
  it('a destructive action asks for a name when none is set, and records it', async () => {
    const engine = new FakeStationEngine();
    engine.orders.set('F-7', fakeOrder('F-7', 'failed'));
    const c = await openFakeConsole({ engine });
    try {
      const { page } = c;
      const row = await findOrder(page, 'F-7', 'failed');
      await row.click();
      await page.getByRole('complementary', { name: 'Order F-7' }).getByRole('button', { name: 'Back to queue' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/Reason/).fill('paper was creased');
      // A failed order goes "back to queue" (issue 11); the disabled confirm says what is missing.
      expect(await dialog.getByRole('button', { name: 'Put back in queue', exact: true }).isDisabled()).toBe(true);
      expect(await dialog.getByText('Enter your name first').isVisible()).toBe(true);
      await dialog.getByLabel(/Your name/).fill('Eve');
      await confirmAction(page, 'Put back in queue');
      await expect.poll(() => engine.calls.length).toBe(1);
      expect(engine.calls[0]).toMatchObject({ method: 'reprint', args: ['F-7', 'paper was creased'], actor: { adminId: 'Eve' } });
      await expect.poll(() => page.getByLabel('Operator name').inputValue()).toBe('Eve');
    } finally {
      await c.close();
    }
  });
});
