/**
 * A held order that is cancelled (or fails) and is then moved back to the queue keeps its hold: the hold was someone's
 * deliberate act. The answer says so, with who holds it, so the operator knows why it does not print (issue 11).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { OrderRepository } from '../../electron/db/orderRepository';
import { OrderSteering } from '../../electron/db/orderSteering';
import { migrate } from '../../electron/db/migrate';
import { ENGLISH_ORDER_OUTCOMES, orderOutcome, orderOutcomeSaidIn, type OrderOutcomeWords } from '../../shared/operatorWords';
import { orderOutcomeWordsIn } from '../../renderer/src/i18n/printerWords';
import { openTestDatabase } from '../helpers/db';
import { anna, officeLaser, paidOrder, station } from './fixtures';

const t = await openTestDatabase('heldreprint');
await migrate(t.db);
const orders = t.db.collection('orders');
const logs = t.db.collection('print_logs');
const repo = new OrderRepository(t.db);
const steering = new OrderSteering(t.db);
const ben = { source: 'operator' as const, adminId: 'ben', stationId: 'station-1' };

beforeEach(async () => {
  await Promise.all([orders.deleteMany({}), logs.deleteMany({})]);
});

describe(`moving a held order back to the queue (${t.serverKind})`, () => {
  it('a held order cancelled and reprinted is back in the queue still held, and the answer says by whom and what to do', async () => {
    await orders.insertOne(paidOrder({ orderId: '1042' }));
    expect((await steering.hold('1042', anna, 'customer is changing the file')).ok).toBe(true);
    expect(await repo.cancel('1042', ben, 'customer asked')).toMatchObject({ ok: true, newStatus: 'cancelled' });

    const reprinted = await repo.reprint('1042', ben, 'customer wants it after all');
    expect(reprinted).toMatchObject({ ok: true, newStatus: 'pending', held: { by: 'anna', reason: 'customer is changing the file' } });
    expect(await orders.findOne({ orderId: '1042' })).toMatchObject({ printStatus: 'pending', hold: { by: 'anna' } });
    expect(await repo.claimNextOrder(officeLaser, station(1))).toBeNull();
    expect(orderOutcome('reprint', '1042', reprinted.ok ? reprinted : {})).toBe(
      'Order 1042 is back in the queue, still held by anna: release it to print.',
    );
    // The log says the reprint left the hold in place, and whose it is.
    expect(await logs.findOne({ orderId: '1042', action: 'reprint' })).toMatchObject({
      adminId: 'ben',
      newStatus: 'pending',
      metadata: { stillHeld: { by: 'anna', reason: 'customer is changing the file' } },
    });

    expect((await steering.release('1042', ben)).ok).toBe(true);
    expect((await repo.claimNextOrder(officeLaser, station(1)))?.order.orderId).toBe('1042');
  });

  it('an order that was not held reprints with the usual answer', async () => {
    await orders.insertOne(paidOrder({ orderId: '1043' }));
    await repo.cancel('1043', ben);
    const reprinted = await repo.reprint('1043', ben);
    expect(reprinted.ok && 'held' in reprinted).toBe(false);
    expect(orderOutcome('reprint', '1043', reprinted.ok ? reprinted : {})).toBe('Order 1043 is back in the queue and prints again.');
  });
});

describe('the still-held answer in the operator language', () => {
  it('is found again from the station English message and said in the words given, with who holds it', () => {
    const german: OrderOutcomeWords = {
      ...ENGLISH_ORDER_OUTCOMES,
      reprint: (id) => `Auftrag ${id} ist zurück in der Warteschlange und wird neu gedruckt.`,
      reprintStillHeld: (id, by) =>
        `Auftrag ${id} ist zurück in der Warteschlange, aber noch von ${by} zurückgehalten: geben Sie ihn frei.`,
    };
    const english = orderOutcome('reprint', '1042', { newStatus: 'pending', held: { by: 'Anna Berg' } });
    expect(orderOutcomeSaidIn(german, 'reprint', '1042', english)).toBe(
      'Auftrag 1042 ist zurück in der Warteschlange, aber noch von Anna Berg zurückgehalten: geben Sie ihn frei.',
    );
    expect(orderOutcomeSaidIn(german, 'reprint', '1042', 'Order 1042 is back in the queue and prints again.')).toBe(
      'Auftrag 1042 ist zurück in der Warteschlange und wird neu gedruckt.',
    );
  });

  it('the catalogue says it in English exactly as the station does, and in German', () => {
    const english = orderOutcome('reprint', '1042', { newStatus: 'pending', held: { by: 'anna' } });
    expect(orderOutcome('reprint', '1042', { held: { by: 'anna' } }, orderOutcomeWordsIn('en'))).toBe(english);
    expect(orderOutcomeSaidIn(orderOutcomeWordsIn('de'), 'reprint', '1042', english)).toBe(
      'Auftrag 1042 ist zurück in der Warteschlange, aber noch von anna zurückgehalten: Geben Sie ihn zum Drucken frei.',
    );
  });
});
