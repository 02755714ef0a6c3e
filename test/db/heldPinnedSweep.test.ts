/**
 * The unprintable sweep and the operator's steering (issue 11): a held order is the operator's decision, not the
 * fleet's failure; a pin to a printer (or station) that is gone does not leave the order waiting in silence.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { OrderRepository } from '../../electron/db/orderRepository';
import { OrderSteering } from '../../electron/db/orderSteering';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { anna, colourInkjet, labelPrinter, officeLaser, paidOrder, station } from './fixtures';
import type { PrinterClaimProfile } from '../../electron/db/orderRepository';
import { orderProblem } from '../../shared/operatorWords';
import { orderProblemWordsIn } from '../../renderer/src/i18n/printerWords';

const t = await openTestDatabase('heldpinnedsweep');
await migrate(t.db);
const orders = t.db.collection('orders');
const logs = t.db.collection('print_logs');
const printers = t.db.collection('printers');
const stations = t.db.collection('stations');
const repo = new OrderRepository(t.db);
const steering = new OrderSteering(t.db);
const TEN_MINUTES = 10 * 60_000;
const longAgo = () => new Date(Date.now() - 2 * TEN_MINUTES);
const hold = (by = 'anna') => ({ by, reason: 'customer is changing the file', at: longAgo() });

beforeEach(async () => {
  await Promise.all([orders.deleteMany({}), logs.deleteMany({}), printers.deleteMany({}), stations.deleteMany({})]);
});

/** A printer of a station that beats (or stopped beating `silentFor` ago), as the registry writes it. */
async function install(p: PrinterClaimProfile, stationId: string, more: { isActive?: boolean; state?: string; silentFor?: number } = {}) {
  await stations.updateOne(
    { _id: stationId as never },
    { $set: { lastHeartbeatAt: new Date(Date.now() - (more.silentFor ?? 0)) } },
    { upsert: true },
  );
  await printers.insertOne({
    printer_id: p.printerId,
    name: p.printerName,
    stationId,
    isActive: more.isActive ?? true,
    state: more.state ?? 'ready',
    capabilities: p.capabilities,
  });
}

describe(`held orders and the unprintable sweep (${t.serverKind})`, () => {
  it('a held order no active printer fits is not failed after the grace period: the operator holds it on purpose', async () => {
    const fleet = [officeLaser.capabilities, labelPrinter.capabilities];
    await orders.insertMany([
      paidOrder({ orderId: 'H-A3', printingOptions: { paperSize: 'A3' }, createdAt: longAgo(), hold: hold() }),
      paidOrder({ orderId: 'U-A3', printingOptions: { paperSize: 'A3' }, createdAt: longAgo() }),
    ]);
    expect(await repo.failUnprintable(fleet, TEN_MINUTES)).toBe(1);
    expect(await orders.findOne({ orderId: 'H-A3' })).toMatchObject({ printStatus: 'pending', hold: { by: 'anna' } });
    expect(await orders.findOne({ orderId: 'U-A3' })).toMatchObject({ printStatus: 'failed', printErrorCode: 'capability_mismatch' });
    expect(await logs.findOne({ orderId: 'H-A3' })).toBeNull();
  });

  it('a malformed held order still fails as invalid_data: releasing it could never make it printable', async () => {
    await orders.insertOne(paidOrder({ orderId: 'H-BROKEN', fileURL: 42, hold: hold() }));
    expect(await repo.failUnprintable([officeLaser.capabilities], TEN_MINUTES)).toBe(1);
    expect(await orders.findOne({ orderId: 'H-BROKEN' })).toMatchObject({ printStatus: 'failed', printErrorCode: 'invalid_data' });
  });
});

describe(`pinned orders and the unprintable sweep (${t.serverKind})`, () => {
  const fleet = [officeLaser.capabilities, colourInkjet.capabilities];

  it('an order pinned to a printer that no longer exists fails after the grace period, naming the printer, and loses the pin', async () => {
    await orders.insertMany([
      paidOrder({ orderId: 'P-GONE', pinnedPrinterId: 'counter-9', pinnedAt: longAgo() }),
      paidOrder({ orderId: 'P-GONE-NEW', pinnedPrinterId: 'counter-9', pinnedAt: new Date() }),
    ]);
    await install(officeLaser, 'station-1');
    expect(await repo.failUnprintable(fleet, TEN_MINUTES)).toBe(1);
    const gone = await orders.findOne({ orderId: 'P-GONE' });
    expect(gone).toMatchObject({ printStatus: 'failed', printErrorCode: 'capability_mismatch' });
    expect(gone?.printError).toContain('pinned to printer counter-9, which no longer exists');
    // The pin is what made it unprintable: moved back to the queue, any printer that fits takes it.
    expect(gone?.pinnedPrinterId).toBeUndefined();
    expect(await logs.findOne({ orderId: 'P-GONE', action: 'capability_mismatch' })).toMatchObject({
      metadata: { pinnedPrinterId: 'counter-9' },
    });
    // The operator reads what happened and what to do, not "load the paper it needs".
    const problem = { printErrorCode: 'capability_mismatch' as const, printError: gone?.printError as string };
    expect(orderProblem(problem)).toEqual({
      headline: 'It was pinned to a printer or station that cannot take it, so the pin was removed.',
      action: 'Move it back to the queue: any printer that fits takes it.',
    });
    expect(orderProblem(problem, orderProblemWordsIn('de'))?.headline).toBe(
      'Er war fest an einen Drucker oder eine Station gebunden, die ihn nicht annehmen können; die Bindung wurde aufgehoben.',
    );
    // Pinned just now (the grace runs from the pin): it waits.
    expect((await orders.findOne({ orderId: 'P-GONE-NEW' }))?.printStatus).toBe('pending');
    expect((await repo.reprint('P-GONE', anna)).ok).toBe(true);
    expect((await repo.claimNextOrder(officeLaser, station(1)))?.order.orderId).toBe('P-GONE');
  });

  it('pinned to a printer switched off, whose station stopped answering, or that can no longer print it: failed, saying which', async () => {
    const officeOff = { ...officeLaser, printerId: 'laser-off', printerName: 'Back office' };
    const silent = { ...officeLaser, printerId: 'laser-silent', printerName: 'Basement' };
    const narrowed = {
      ...officeLaser,
      printerId: 'laser-a5',
      printerName: 'Counter',
      capabilities: { ...officeLaser.capabilities, paperSizes: ['A5'] },
    };
    await install(officeOff, 'station-1', { isActive: false });
    await install(silent, 'station-2', { silentFor: 60 * 60_000 });
    await install(narrowed, 'station-1');
    await orders.insertMany([
      paidOrder({ orderId: 'P-OFF', pinnedPrinterId: 'laser-off', createdAt: longAgo() }),
      paidOrder({ orderId: 'P-SILENT', pinnedPrinterId: 'laser-silent', createdAt: longAgo() }),
      paidOrder({ orderId: 'P-NARROW', pinnedPrinterId: 'laser-a5', createdAt: longAgo() }),
    ]);
    expect(await repo.failUnprintable(fleet, TEN_MINUTES)).toBe(3);
    expect((await orders.findOne({ orderId: 'P-OFF' }))?.printError).toContain('pinned to printer Back office, which is switched off');
    expect((await orders.findOne({ orderId: 'P-SILENT' }))?.printError).toContain(
      'pinned to printer Basement, whose station has stopped answering',
    );
    expect((await orders.findOne({ orderId: 'P-NARROW' }))?.printError).toContain(
      'pinned to printer Counter, which cannot print it: it needs paper A4',
    );
  });

  it('pinned to a printer that is only offline or in error for now: it waits for that printer', async () => {
    await install(officeLaser, 'station-1', { state: 'offline' });
    await install(colourInkjet, 'station-1', { state: 'error' });
    await orders.insertMany([
      paidOrder({ orderId: 'P-WAIT-1', pinnedPrinterId: officeLaser.printerId, createdAt: longAgo() }),
      paidOrder({ orderId: 'P-WAIT-2', pinnedPrinterId: colourInkjet.printerId, createdAt: longAgo() }),
      paidOrder({ orderId: 'P-WAIT-3', pinnedStationId: 'station-1', createdAt: longAgo() }),
    ]);
    expect(await repo.failUnprintable(fleet, TEN_MINUTES)).toBe(0);
    expect(await orders.countDocuments({ printStatus: 'pending' })).toBe(3);
  });

  it('pinned to a station with no active printer, or none that fits: failed after the grace, naming the station', async () => {
    await install(officeLaser, 'station-1');
    await install({ ...colourInkjet, printerId: 'inkjet-off' }, 'station-3', { isActive: false });
    await orders.insertMany([
      paidOrder({ orderId: 'S-GONE', pinnedStationId: 'station-9', createdAt: longAgo() }),
      paidOrder({ orderId: 'S-EMPTY', pinnedStationId: 'station-3', createdAt: longAgo() }),
      paidOrder({ orderId: 'S-A3', pinnedStationId: 'station-1', printingOptions: { paperSize: 'A3' }, createdAt: longAgo() }),
      paidOrder({ orderId: 'S-FITS', pinnedStationId: 'station-1', createdAt: longAgo() }),
    ]);
    expect(await repo.failUnprintable(fleet, TEN_MINUTES)).toBe(3);
    expect((await orders.findOne({ orderId: 'S-GONE' }))?.printError).toContain('pinned to station station-9, which has no active printer');
    expect((await orders.findOne({ orderId: 'S-EMPTY' }))?.printError).toContain(
      'pinned to station station-3, which has no active printer',
    );
    expect((await orders.findOne({ orderId: 'S-A3' }))?.printError).toContain(
      'no printer of station station-1 can print it: needs paper A3',
    );
    expect(await orders.findOne({ orderId: 'S-FITS' })).toMatchObject({ printStatus: 'pending', pinnedStationId: 'station-1' });
  });

  it('a pinned order that is also held is left alone', async () => {
    await orders.insertOne(paidOrder({ orderId: 'P-HELD', pinnedPrinterId: 'counter-9', createdAt: longAgo(), hold: hold() }));
    expect(await repo.failUnprintable(fleet, TEN_MINUTES)).toBe(0);
    expect((await orders.findOne({ orderId: 'P-HELD' }))?.printStatus).toBe('pending');
  });

  it('the steer stamps when it pinned, so the grace period runs from the pin', async () => {
    await install(officeLaser, 'station-1');
    await orders.insertOne(paidOrder({ orderId: 'P-STAMP', createdAt: longAgo() }));
    expect((await steering.pin('P-STAMP', { printerId: officeLaser.printerId }, anna)).ok).toBe(true);
    await printers.deleteMany({}); // the printer is removed right after the pin
    expect(await repo.failUnprintable(fleet, TEN_MINUTES)).toBe(0);
    expect((await orders.findOne({ orderId: 'P-STAMP' }))?.pinnedAt).toBeInstanceOf(Date);
  });
});

describe(`exactly once: the sweep racing two stations' claims (${t.serverKind})`, () => {
  it('released, pinned and dead-pinned orders: each live one prints once on a printer it may use, the dead pin never prints', async () => {
    await install(officeLaser, 'station-1');
    await install(colourInkjet, 'station-2');
    const fleet = [officeLaser.capabilities, colourInkjet.capabilities];
    const prints = new Map<string, string[]>();
    const claimAll = async (p: PrinterClaimProfile, n: number) => {
      for (;;) {
        const claim = await repo.claimNextOrder(p, station(n));
        if (!claim) return;
        prints.set(claim.order.orderId, [...(prints.get(claim.order.orderId) ?? []), p.printerId]);
        expect(await repo.completePrinted(claim.fence)).toEqual({ ok: true });
      }
    };
    const rounds = 8;
    for (let round = 0; round < rounds; round++) {
      await orders.insertMany([
        paidOrder({ orderId: `R-HELD-${round}`, createdAt: longAgo(), hold: hold() }),
        paidOrder({ orderId: `R-PIN-${round}`, createdAt: longAgo(), pinnedPrinterId: colourInkjet.printerId }),
        paidOrder({ orderId: `R-STATION-${round}`, createdAt: longAgo(), pinnedStationId: 'station-1' }),
        paidOrder({ orderId: `R-DEAD-${round}`, createdAt: longAgo(), pinnedPrinterId: 'counter-9' }),
      ]);
      await Promise.all([
        steering.release(`R-HELD-${round}`, anna),
        repo.failUnprintable(fleet, TEN_MINUTES),
        claimAll(officeLaser, 1),
        claimAll(colourInkjet, 2),
        repo.failUnprintable(fleet, TEN_MINUTES),
      ]);
    }
    // What the race left (a release landing after both claimers looked) is taken now.
    await Promise.all([claimAll(officeLaser, 1), claimAll(colourInkjet, 2)]);
    for (let round = 0; round < rounds; round++) {
      expect(prints.get(`R-HELD-${round}`)).toHaveLength(1);
      expect(prints.get(`R-PIN-${round}`)).toEqual([colourInkjet.printerId]);
      expect(prints.get(`R-STATION-${round}`)).toEqual([officeLaser.printerId]);
      expect(prints.get(`R-DEAD-${round}`)).toBeUndefined();
      expect(await orders.findOne({ orderId: `R-DEAD-${round}` })).toMatchObject({
        printStatus: 'failed',
        printErrorCode: 'capability_mismatch',
      });
      expect((await orders.findOne({ orderId: `R-HELD-${round}` }))?.printStatus).toBe('printed');
    }
  });
});
