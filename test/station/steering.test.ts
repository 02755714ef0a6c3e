/** The operator steering a running station (issue 11): "pause after this job", and held or pinned orders at real printers. */
import { describe, expect, it } from 'vitest';
import { OrderSteering } from '../../electron/db/orderSteering';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, openPrintRoom, operator, waitFor } from './stationFixture';

const t = await openTestDatabase('station_steering');
const cleanup = cleanupAfterEach();

describe('steering a running station', () => {
  it('"pause after this job": the printer finishes the order it is printing, then pauses, saying after which order and by whom', async () => {
    const { shop, s, order, printed, view } = await openPrintRoom(t, cleanup, 'pauseafter', { printers: [{ name: 'P' }], msPerPage: 150 });
    const { orderId } = await shop.createOrder({ pages: 6 });
    await waitFor('job at the printer', () => view('P').currentJob?.orderId === orderId);
    const next = await shop.createOrder({ pages: 1 });

    const asked = await s.engine.pauseAfterJob(s.printerId('P'), operator);
    // Said as data too (shared/steerOutcomes), so a German console's toast is German.
    expect(asked).toMatchObject({
      ok: true,
      message: `P pauses after order ${orderId}`,
      said: { key: 'pausesAfterJob', params: { printer: 'P', orderId } },
    });
    // Still printing: the job is not cut short.
    expect(view('P').state).toBe('printing');
    // The card can say what is coming, until it happens.
    expect(view('P').pausesAfterJob).toBe(`pauses after order ${orderId} (asked by anna@printroom.test)`);

    await waitFor('paused after the job', () => view('P').state === 'paused');
    expect(view('P').stateReason).toBe(`paused by anna@printroom.test: after order ${orderId}`);
    expect(view('P').pausesAfterJob).toBeUndefined();
    expect((await order(orderId))?.printStatus).toBe('printed');
    expect(printed('P')).toHaveLength(1);
    // The next order waits for the operator to resume.
    expect((await order(next.orderId))?.printStatus).toBe('pending');
    expect((await s.engine.resumePrinter(s.printerId('P'), operator)).ok).toBe(true);
    await waitFor('next order printed after resume', async () => (await order(next.orderId))?.printStatus === 'printed');
  });

  it('"pause after this job" on a ready printer pauses it at once; on a paused one it is refused with why', async () => {
    const { s, view } = await openPrintRoom(t, cleanup, 'pauseidle', { printers: [{ name: 'P' }] });
    await waitFor('ready', () => view('P').state === 'ready');
    expect((await s.engine.pauseAfterJob(s.printerId('P'), operator)).ok).toBe(true);
    expect(view('P').state).toBe('paused');
    expect(await s.engine.pauseAfterJob(s.printerId('P'), operator)).toEqual({
      ok: false,
      reason: 'pause refused: the printer is already paused',
      said: { key: 'printerRefused', params: { command: 'pause', why: 'alreadyPaused' } },
    });
  });

  it('a held order stays in the queue at a free printer, and prints once released; a pinned order prints on its printer', async () => {
    // Auto-print off until the orders are steered: no claim is under way while the test sets them up.
    const { db, shop, s, order, printed, view } = await openPrintRoom(t, cleanup, 'holdpin', {
      printers: [
        { name: 'A', autoPrint: false },
        { name: 'B', autoPrint: false },
      ],
    });
    const steering = new OrderSteering(db);
    const held = await shop.createOrder({ pages: 1 });
    const pinned = await shop.createOrder({ pages: 1 });
    expect(await steering.hold(held.orderId, operator, 'customer is on the phone')).toMatchObject({ ok: true });
    expect(await steering.pin(pinned.orderId, { printerId: s.printerId('B') }, operator)).toMatchObject({ ok: true });
    s.engine.printer(s.printerId('A'))!.setAutoPrint(true);
    s.engine.printer(s.printerId('B'))!.setAutoPrint(true);

    await waitFor('pinned order printed', async () => (await order(pinned.orderId))?.printStatus === 'printed');
    expect((await order(pinned.orderId))?.printerId).toBe(s.printerId('B'));
    // Both printers have been free since: the held order is still waiting.
    await waitFor('both printers idle', () => view('A').state === 'ready' && view('B').state === 'ready');
    expect((await order(held.orderId))?.printStatus).toBe('pending');
    expect(printed('A')).toEqual([]);

    expect((await steering.release(held.orderId, operator)).ok).toBe(true);
    await waitFor('held order printed once released', async () => (await order(held.orderId))?.printStatus === 'printed');
  });
});

describe('steering through the StationApi', () => {
  it('hold, print next, pin and pause after this job are commands without a PIN; the order view shows the hold and the pin', async () => {
    const { StationApiService } = await import('../../electron/station/service/stationApiService');
    const { shop, s, view } = await openPrintRoom(t, cleanup, 'steerapi', { printers: [{ name: 'P', autoPrint: false }] });
    const service = new StationApiService({ engine: s.engine });
    cleanup.push(async () => service.dispose());
    const anna = { name: 'Anna' };
    const { orderId } = await shop.createOrder({ pages: 1 });
    expect(await service.api.holdOrder({ orderId, reason: 'file being replaced', operator: anna })).toMatchObject({
      ok: true,
      message: `Order ${orderId} held: no printer takes it until it is released`,
    });
    expect(await service.api.holdOrder({ orderId, reason: ' ', operator: anna })).toMatchObject({
      ok: false,
      reason: 'reason: say why it is held',
    });
    expect(await service.api.pinOrder({ orderId, printerId: s.printerId('P'), operator: anna })).toMatchObject({ ok: true });
    expect(await service.api.printNext({ orderId, operator: anna })).toMatchObject({ ok: true });
    const { order } = await service.api.orderHistory({ orderId });
    expect(order).toMatchObject({ hold: { by: 'Anna', reason: 'file being replaced' }, pinnedPrinterId: s.printerId('P'), priority: 1 });
    await waitFor('ready', () => view('P').state === 'ready');
    expect(await service.api.pauseAfterJob({ printerId: s.printerId('P'), operator: anna })).toEqual({ ok: true });
    expect(view('P').state).toBe('paused');
  });
});

describe('dangerous actions say what is left', () => {
  it('a wrong PIN says how many attempts are left before this console is locked', async () => {
    const { PinGuard, hashPin } = await import('../../electron/station/service/operatorPin');
    const guard = new PinGuard({ maxFailures: 3 });
    const hash = hashPin('2468');
    expect(guard.check(hash, '1111', 'web console #1')).toMatchObject({
      code: 'pin_wrong',
      reason: 'Wrong PIN: 2 attempts left before this console is locked.',
      attemptsLeft: 2,
    });
    expect(guard.check(hash, '1111', 'web console #1')).toMatchObject({
      reason: 'Wrong PIN: 1 attempt left before this console is locked.',
    });
    expect(guard.check(hash, '1111', 'web console #1')).toMatchObject({ attemptsLeft: 0, lockedForMs: 30_000 });
  });
});
