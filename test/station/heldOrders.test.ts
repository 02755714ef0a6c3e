/**
 * Held and pinned orders at a running station (issue 11): a reprint of a held order says it is still held, and an
 * order pinned to a printer that is gone is failed by the station's own sweep, naming the printer, instead of waiting
 * in the queue for ever.
 */
import { describe, expect, it } from 'vitest';
import { OrderSteering } from '../../electron/db/orderSteering';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, openPrintRoom, operator, waitFor } from './stationFixture';

const t = await openTestDatabase('station_heldorders');
const cleanup = cleanupAfterEach();

describe('held and pinned orders at a running station', () => {
  it('a held order cancelled and reprinted through the StationApi answers that it is still held, and by whom', async () => {
    const { StationApiService } = await import('../../electron/station/service/stationApiService');
    const { db, shop, s, order, printed } = await openPrintRoom(t, cleanup, 'heldreprint', { printers: [{ name: 'P', autoPrint: false }] });
    const service = new StationApiService({ engine: s.engine });
    cleanup.push(async () => service.dispose());
    const { orderId } = await shop.createOrder({ pages: 1 });
    expect((await new OrderSteering(db).hold(orderId, operator, 'customer is changing the file')).ok).toBe(true);
    expect(await service.api.cancel({ orderId, reason: 'customer asked', operator: { name: 'Ben' } })).toMatchObject({ ok: true });

    expect(await service.api.reprint({ orderId, reason: 'wanted after all', operator: { name: 'Ben' } })).toEqual({
      ok: true,
      message: `Order ${orderId} is back in the queue, still held by anna@printroom.test: release it to print.`,
    });
    s.engine.printer(s.printerId('P'))!.setAutoPrint(true);
    expect((await order(orderId))?.printStatus).toBe('pending');
    expect(await service.api.releaseOrder({ orderId, operator: { name: 'Ben' } })).toMatchObject({ ok: true });
    await waitFor('printed once released', async () => (await order(orderId))?.printStatus === 'printed');
    expect(printed('P')).toHaveLength(1);
  });

  it('an order pinned to a printer that no longer exists is failed after the grace period, naming it; back in the queue it prints', async () => {
    const { db, shop, s, order, printed } = await openPrintRoom(t, cleanup, 'deadpin', {
      printers: [{ name: 'P' }],
      intervals: { capabilityGraceMs: 300, unprintableMs: 200 },
    });
    // The shop's order arrives pinned (as a pin written before its printer was removed): no printer may take it.
    const { orderId } = await shop.createOrder({ pages: 1, pinnedPrinterId: 'counter-gone', pinnedAt: new Date(Date.now() - 60_000) });
    await waitFor('failed by the sweep', async () => (await order(orderId))?.printStatus === 'failed');
    const failed = await order(orderId);
    expect(failed).toMatchObject({ printErrorCode: 'capability_mismatch' });
    expect(failed?.printError).toContain('pinned to printer counter-gone, which no longer exists');
    expect(failed?.pinnedPrinterId).toBeUndefined();
    expect(printed('P')).toEqual([]);

    expect((await s.engine.repositories.orders.reprint(orderId, operator, 'print it anywhere')).ok).toBe(true);
    await waitFor('printed on P once back in the queue', async () => (await order(orderId))?.printStatus === 'printed');
    expect(printed('P')).toHaveLength(1);
    const sweepLog = await waitFor('the sweep logged the dropped pin', () =>
      db.collection('print_logs').findOne({ orderId, action: 'capability_mismatch' }),
    );
    expect(sweepLog).toMatchObject({
      metadata: { pinnedPrinterId: 'counter-gone' },
    });
  });
});
