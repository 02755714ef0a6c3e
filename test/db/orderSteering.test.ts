import { beforeEach, describe, expect, it } from 'vitest';
import { OrderRepository } from '../../electron/db/orderRepository';
import { OrderSteering } from '../../electron/db/orderSteering';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { anna, colourInkjet, officeLaser, paidOrder, station } from './fixtures';

const t = await openTestDatabase('steering');
await migrate(t.db);
const orders = t.db.collection('orders');
const logs = t.db.collection('print_logs');
const printers = t.db.collection('printers');
const repo = new OrderRepository(t.db);
const steering = new OrderSteering(t.db);

beforeEach(async () => {
  await orders.deleteMany({});
  await logs.deleteMany({});
  await printers.deleteMany({});
});

async function queue(...ids: string[]): Promise<void> {
  for (const orderId of ids) await orders.insertOne(paidOrder({ orderId }));
}

describe(`steering the queue (${t.serverKind})`, () => {
  it('a held order is never claimed, and is claimed again once released', async () => {
    await queue('HOLD-1');
    expect(await steering.hold('HOLD-1', anna, 'customer is changing the file')).toMatchObject({ ok: true });
    expect(await orders.findOne({ orderId: 'HOLD-1' })).toMatchObject({ hold: { by: 'anna', reason: 'customer is changing the file' } });
    expect(await repo.claimNextOrder(officeLaser, station(1))).toBeNull();
    expect(await repo.claimNextOrder(colourInkjet, station(2))).toBeNull();
    expect(await steering.release('HOLD-1', anna)).toMatchObject({ ok: true });
    expect((await repo.claimNextOrder(officeLaser, station(1)))?.order.orderId).toBe('HOLD-1');
    const actions = (await logs.find({ orderId: 'HOLD-1', source: 'operator' }).toArray()).map((l) => [l.action, l.adminId]);
    expect(actions).toEqual([
      ['held', 'anna'],
      ['released', 'anna'],
    ]);
  });

  it('a pinned order is claimed only by its printer; the claim of other printers steps around it', async () => {
    await printers.insertOne({
      printer_id: colourInkjet.printerId,
      name: colourInkjet.printerName,
      capabilities: colourInkjet.capabilities,
    });
    await queue('PIN-1', 'FREE-1');
    expect(await steering.pin('PIN-1', { printerId: colourInkjet.printerId }, anna, 'glossy paper loaded there')).toMatchObject({
      ok: true,
    });
    expect((await repo.claimNextOrder(officeLaser, station(1)))?.order.orderId).toBe('FREE-1');
    expect(await repo.claimNextOrder(officeLaser, station(1))).toBeNull();
    expect((await repo.claimNextOrder(colourInkjet, station(2)))?.order.orderId).toBe('PIN-1');
  });

  it('an order pinned to a station is claimed only by printers of that station; unpinned, by any', async () => {
    await queue('PIN-ST');
    expect(await steering.pin('PIN-ST', { stationId: 'station-2' }, anna)).toMatchObject({ ok: true });
    expect(await repo.claimNextOrder(officeLaser, station(1))).toBeNull();
    expect(await steering.unpin('PIN-ST', anna)).toMatchObject({ ok: true });
    expect((await repo.claimNextOrder(officeLaser, station(1)))?.order.orderId).toBe('PIN-ST');
  });

  it('pinning to a printer that cannot print the order is refused with what it lacks', async () => {
    await printers.insertOne({ printer_id: officeLaser.printerId, name: officeLaser.printerName, capabilities: officeLaser.capabilities });
    await orders.insertOne(paidOrder({ orderId: 'A3-COL', printingOptions: { paperSize: 'A3', color: true, duplex: false, copies: 1 } }));
    const result = await steering.pin('A3-COL', { printerId: officeLaser.printerId }, anna);
    expect(result).toMatchObject({ ok: false, reason: 'order A3-COL cannot print on Office laser: it needs paper A3' });
    expect(await steering.pin('A3-COL', { printerId: 'no-such' }, anna)).toMatchObject({
      ok: false,
      reason: 'there is no printer no-such',
    });
  });

  it('print next overtakes older and higher-priority orders', async () => {
    await orders.insertOne(paidOrder({ orderId: 'RUSH', priority: 5 }));
    await queue('OLD', 'NEW');
    expect(await steering.printNext('NEW', anna, 'customer waiting at the counter')).toMatchObject({ ok: true });
    expect((await orders.findOne({ orderId: 'NEW' }))?.priority).toBe(6);
    expect((await repo.claimNextOrder(officeLaser, station(1)))?.order.orderId).toBe('NEW');
    expect((await repo.claimNextOrder(officeLaser, station(1)))?.order.orderId).toBe('RUSH');
  });

  it('priority up and down move an order one step among orders of the same age', async () => {
    await queue('FIRST', 'SECOND');
    expect(await steering.changePriority('SECOND', 'up', anna)).toMatchObject({ ok: true, message: 'order SECOND: priority 0 → 1' });
    expect(await steering.changePriority('FIRST', 'down', anna)).toMatchObject({ ok: true });
    expect((await repo.claimNextOrder(officeLaser, station(1)))?.order.orderId).toBe('SECOND');
  });

  it('a steer on an order that moved on is refused with a reason, and the refusal is logged', async () => {
    await queue('MOVED');
    await repo.claimNextOrder(officeLaser, station(1));
    const held = await steering.hold('MOVED', anna, 'too late');
    expect(held).toMatchObject({ ok: false, reason: 'order MOVED is already printing on Office laser: it can no longer be steered' });
    for (const steer of [
      steering.printNext('MOVED', anna),
      steering.changePriority('MOVED', 'up', anna),
      steering.pin('MOVED', { stationId: 'station-2' }, anna),
    ]) {
      expect((await steer).ok).toBe(false);
    }
    expect(await logs.findOne({ orderId: 'MOVED', action: 'held' })).toMatchObject({
      adminId: 'anna',
      reason: 'too late',
      metadata: { refused: held.ok ? undefined : held.reason },
    });
    expect(await steering.release('NOPE', anna)).toMatchObject({ ok: false, reason: 'there is no order NOPE' });
  });

  it('holding twice is refused with who holds it; releasing an order nobody holds is refused', async () => {
    await queue('TWICE');
    await steering.hold('TWICE', anna, 'first');
    expect(await steering.hold('TWICE', anna, 'second')).toMatchObject({ ok: false, reason: 'order TWICE is already held by anna: first' });
    await steering.release('TWICE', anna);
    expect(await steering.release('TWICE', anna)).toMatchObject({ ok: false, reason: 'order TWICE is not held' });
  });

  it('an operator holding while stations race to claim: either the claim wins (hold refused) or the hold wins (never printed)', async () => {
    const rounds = 12;
    const stations = 4;
    let holdsWon = 0;
    for (let round = 0; round < rounds; round++) {
      const orderId = `RACE-${round}`;
      await queue(orderId);
      // A third of the rounds let the hold land first, a third start both at once, a third give the claims a head start.
      const holding = steering.hold(orderId, anna, 'customer called');
      if (round % 3 === 0) await holding;
      if (round % 3 === 2) await new Promise((resolve) => setImmediate(resolve));
      const claims = await Promise.all(Array.from({ length: stations }, (_, i) => repo.claimNextOrder(officeLaser, station(i + 1))));
      const held = await holding;
      const prints = claims.filter((c) => c?.order.orderId === orderId).length;
      if (held.ok) {
        holdsWon++;
        expect(prints).toBe(0);
        expect((await orders.findOne({ orderId }))?.printStatus).toBe('pending');
      } else {
        expect(prints).toBe(1);
        expect(held.reason).toContain('already printing');
      }
      await orders.deleteMany({});
    }
    // Either outcome is fine in a real race; the rounds where the hold landed first must have printed nothing.
    expect(holdsWon).toBeGreaterThanOrEqual(rounds / 3);
  });
});

describe('a steer wakes the claimers', () => {
  it('the change feed counts a release, an unpin and a new pin as work (an idle printer may now claim the order)', async () => {
    const { classifyChange } = await import('../../electron/db/changeFeed');
    const update = (updatedFields: Record<string, unknown>, removedFields: string[] = []) => ({
      operationType: 'update',
      updateDescription: { updatedFields, removedFields },
    });
    expect(classifyChange(update({}, ['hold'])).work).toBe(true);
    expect(classifyChange(update({}, ['pinnedPrinterId', 'pinnedStationId'])).work).toBe(true);
    expect(classifyChange(update({ pinnedPrinterId: 'laser-1' }, ['pinnedStationId'])).work).toBe(true);
    // A hold takes work away; a priority change moves nothing a printer could newly claim.
    expect(classifyChange(update({ hold: { by: 'anna', reason: 'x', at: new Date() } })).work).toBe(false);
    expect(classifyChange(update({ priority: 3 })).work).toBe(false);
  });
});
